"""The mentee's situation at intake, at closing and at follow-ups after the mentorship.

Follow-ups are created pending (no situation) with the date they fall due, one for each value of
the network's `cycle.follow_up_months`; the mentee is reminded once by e-mail and answers on her
page. The reports count "found a job among those who wanted one" from these rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.cycle_models import Outcome, OutcomeStage, PlanGoal
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.outbox.notify import page_url
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.profiles.classifications import isco
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months on; a 31st becomes the last day of a short month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def record_outcome(
    session: Session,
    profile: Profile,
    stage: OutcomeStage,
    situation: Situation | str,
    *,
    mentorship: Mentorship | None = None,
    occupation_code: str | None = None,
    note: str = "",
) -> Outcome:
    """The mentee's situation at intake or at closing; recording it again corrects the answer.

    There is one intake outcome per mentee and one closing outcome per mentorship. Follow-ups are
    made by schedule_follow_ups and answered with answer_follow_up.
    """
    if profile.role is not ProfileRole.MENTEE:
        raise DomainError(_l("Outcomes are recorded for mentees only."), field="profile")
    if stage is OutcomeStage.FOLLOW_UP:
        raise DomainError(_l("Follow-ups are scheduled, then answered."), field="stage")
    if mentorship is not None and mentorship.mentee_profile_id != profile.id:
        raise DomainError(_l("This mentorship is not hers."), field="mentorship")
    if stage is OutcomeStage.CLOSING and mentorship is None:
        raise DomainError(_l("A closing outcome belongs to a mentorship."), field="mentorship")
    query = sa.select(Outcome).where(Outcome.profile_id == profile.id, Outcome.stage == stage)
    if stage is OutcomeStage.CLOSING and mentorship is not None:
        query = query.where(Outcome.mentorship_id == mentorship.id)
    outcome = session.scalars(query.order_by(Outcome.id).limit(1)).first()
    if outcome is None:
        outcome = Outcome(
            profile_id=profile.id,
            mentorship_id=mentorship.id if mentorship is not None else None,
            stage=stage,
        )
    _fill(outcome, situation, occupation_code, note)
    session.add(outcome)
    session.flush()
    log.info("%s outcome %s recorded for profile %s", stage.value, outcome.id, profile.id)
    return outcome


def record_intake_outcome(profile: Profile, *, session: Session, situation: str | None) -> None:
    """Receives profile_applied: the situation an applicant gives is her intake outcome."""
    if situation:
        record_outcome(session, profile, OutcomeStage.INTAKE, situation)


def schedule_follow_ups(
    session: Session, tenant: Tenant, mentorship: Mentorship, *, closed_on: dt.date
) -> list[Outcome]:
    """One pending follow-up per `cycle.follow_up_months`, due that many months after closing.

    Months already scheduled for this mentorship are not scheduled twice.
    """
    if not mentorship.is_followed_up:
        raise DomainError(_l("This cannot be done at this stage of the mentorship."))
    planned = set(
        session.scalars(
            sa.select(Outcome.months_after).where(
                Outcome.mentorship_id == mentorship.id, Outcome.stage == OutcomeStage.FOLLOW_UP
            )
        )
    )
    created = []
    for months in sorted(tenant.config.cycle.follow_up_months):
        if months in planned:
            continue
        outcome = Outcome(
            profile_id=mentorship.mentee_profile_id,
            mentorship_id=mentorship.id,
            stage=OutcomeStage.FOLLOW_UP,
            months_after=months,
            due_on=add_months(closed_on, months),
        )
        session.add(outcome)
        created.append(outcome)
    session.flush()
    return created


def answer_follow_up(
    session: Session,
    outcome: Outcome,
    situation: Situation | str,
    *,
    occupation_code: str | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """The mentee's answer to a follow-up that has fallen due (she may correct it later)."""
    if outcome.stage is not OutcomeStage.FOLLOW_UP:
        raise DomainError(_l("This is not a follow-up question."))
    if outcome.due_on is not None and outcome.due_on > (today or utcnow().date()):
        raise DomainError(_l("This follow-up is not due yet."))
    _fill(outcome, situation, occupation_code, note)
    session.flush()
    log.info("follow-up %s answered", outcome.id)


def due_follow_ups(
    session: Session, profile: Profile, *, today: dt.date | None = None
) -> list[Outcome]:
    """Her follow-ups that are due and not answered yet, oldest first."""
    return list(
        session.scalars(
            _pending(today).where(Outcome.profile_id == profile.id).order_by(Outcome.due_on)
        )
    )


def send_follow_up_reminders(
    session: Session, tenant: Tenant, *, today: dt.date | None = None
) -> int:
    """E-mail each mentee with a due follow-up nobody reminded her of yet; the number of e-mails.

    One e-mail per mentee, however many follow-ups are due; an inactive account gets none.
    """
    rows = session.execute(
        _pending(today)
        .add_columns(User)
        .join(
            Profile,
            sa.and_(Profile.id == Outcome.profile_id, Profile.tenant_id == Outcome.tenant_id),
        )
        .join(User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id))
        .where(Outcome.reminded_at.is_(None))
        .order_by(Outcome.profile_id, Outcome.due_on, Outcome.id)
    ).all()
    by_user: dict[int, tuple[User, list[Outcome]]] = {}
    for outcome, user in rows:
        by_user.setdefault(user.id, (user, []))[1].append(outcome)
    sent = 0
    for user, outcomes in by_user.values():
        if not user.active:
            continue
        locale = user.locale if user.locale in tenant.locales else tenant.default_locale
        first = outcomes[0]
        queue_message(
            session,
            kind="follow_up",
            recipient=user.email,
            locale=locale,
            template="mentorships/email/follow_up.txt",
            network=tenant.name(locale),
            name=user.name,
            months=first.months_after or 0,
            link=page_url(session, tenant, f"/me/outcomes/{first.id}"),
        )
        for outcome in outcomes:
            outcome.reminded_at = utcnow()
        sent += 1
    session.flush()
    return sent


def latest_situation(session: Session, profile: Profile) -> Outcome | None:
    """Her most recent answered outcome, whatever its stage (to pre-fill the closing form)."""
    return session.scalars(
        sa.select(Outcome)
        .where(Outcome.profile_id == profile.id, Outcome.situation.is_not(None))
        .order_by(Outcome.recorded_at.desc(), Outcome.id.desc())
        .limit(1)
    ).first()


def get_outcome(session: Session, outcome_id: int) -> Outcome | None:
    return session.get(Outcome, outcome_id)


def _pending(today: dt.date | None) -> sa.Select[Outcome]:
    return sa.select(Outcome).where(
        Outcome.stage == OutcomeStage.FOLLOW_UP,
        Outcome.situation.is_(None),
        Outcome.due_on <= (today or utcnow().date()),
    )


def _fill(
    outcome: Outcome, situation: Situation | str, occupation_code: str | None, note: str
) -> None:
    """Check everything first, so a refused answer changes nothing."""
    try:
        chosen = Situation(situation)
    except ValueError:
        raise DomainError(_l("Choose a situation from the list."), field="situation") from None
    code = (occupation_code or "").strip() or None
    if code is not None and (len(code) != 4 or code not in isco()):
        raise DomainError(_l("Choose an occupation from the list."), field="occupation_code")
    outcome.situation, outcome.occupation_code = chosen, code
    outcome.note = note.strip()
    outcome.recorded_at = utcnow()


# Mentorships that have run their course; goal outcomes ("found a job") are measured among them.
ENDED = frozenset({State.COMPLETED, State.ENDED_EARLY})
# A situation counts when it was recorded at closing or at a follow-up.
AFTER_STAGES = frozenset({OutcomeStage.CLOSING, OutcomeStage.FOLLOW_UP})


def goal_outcome_columns(
    goal_keys: list[str], situations: frozenset[Situation]
) -> tuple[sa.ColumnElement[int], sa.ColumnElement[int], sa.ColumnElement[bool]]:
    """(wanted, reached, where) for a select over Mentorship: the mentees of ended mentorships
    whose plan had one of these goals, and those of them in one of the situations at closing or
    a follow-up. The dashboard counts them all time, the operators' figures per year."""
    # Uncorrelated IN subqueries: each is computed once, not once per mentorship.
    had_goal = Mentorship.id.in_(
        sa.select(PlanGoal.mentorship_id).where(PlanGoal.goal_key.in_(goal_keys))
    )
    reached_it = Mentorship.id.in_(
        sa.select(Outcome.mentorship_id).where(
            Outcome.stage.in_(AFTER_STAGES), Outcome.situation.in_(situations)
        )
    )
    wanted = sa.func.count(sa.distinct(Mentorship.mentee_profile_id))
    reached = sa.func.count(sa.distinct(sa.case((reached_it, Mentorship.mentee_profile_id))))
    return wanted, reached, sa.and_(Mentorship.state.in_(ENDED), had_goal)
