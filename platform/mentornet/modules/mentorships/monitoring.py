"""Keeping an eye on running pairs: stalled pairs, "please contact me", check-ins that are due.

The tenant's cycle settings drive it: `stalled_after_days` (no meeting, check-in or change for
that long) and `check_in_interval_days` (how often each side is asked how it is going).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute, Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.mentorships.cycle_models import CheckIn, Meeting
from mentornet.modules.mentorships.models import (
    AT_WORK,
    RUNNING,
    Mentorship,
    MentorshipTransition,
    State,
)
from mentornet.modules.mentorships.notifications import notify
from mentornet.modules.profiles.models import Profile
from mentornet.modules.profiles.operations import profile_names
from mentornet.modules.tenants.models import Tenant

NAME_LENGTH = 200  # accounts.models.User.name


@dataclass
class PairRow:
    """One line of the coordinators' list of pairs."""

    mentorship: Mentorship
    mentee_name: str
    mentor_name: str
    last_meeting: dt.date | None
    last_sign_of_life: dt.date
    stalled: bool
    contact_requests: list[CheckIn] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return self.stalled or bool(self.contact_requests)


@dataclass(frozen=True)
class PairPage:
    """One page of the coordinators' list, with the pairs that need attention (all of them)."""

    rows: list[PairRow]
    total: int
    attention: list[PairRow]


def pair_page(
    session: Session,
    tenant: Tenant,
    *,
    states: frozenset[State] | None = None,
    search: str = "",
    attention_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
    today: dt.date | None = None,
) -> PairPage:
    """Pairs for the coordinators: "please contact me" first, then stalled ones (quietest first),
    then the rest, most recently changed first. Filtered, sorted and paged in SQL: only the pairs
    that need attention and the page's own pairs are loaded."""
    today = today or utcnow().date()
    where: list[sa.ColumnElement[bool]] = [
        Mentorship.state.in_(states or set(State) - {State.DRAFT})
    ]
    if len(needle := search.strip()) > NAME_LENGTH:  # no name is that long (nor a LIKE pattern)
        where.append(sa.false())
    elif needle:
        named = _named(needle)
        where.append(
            sa.or_(Mentorship.mentee_profile_id.in_(named), Mentorship.mentor_profile_id.in_(named))
        )
    needs_attention = sa.or_(
        _stalled(today - dt.timedelta(days=tenant.config.cycle.stalled_after_days)),
        Mentorship.id.in_(
            sa.select(CheckIn.mentorship_id).where(
                CheckIn.contact_me.is_(True), CheckIn.handled_at.is_(None)
            )
        ),
    )
    recent_first = (Mentorship.updated_at.desc(), Mentorship.id.desc())
    flagged = list(
        session.scalars(
            sa.select(Mentorship).where(*where, needs_attention).order_by(*recent_first)
        )
    )
    calm = sa.select(Mentorship).where(*where, sa.not_(needs_attention)).order_by(*recent_first)
    calm_total = 0
    rest: list[Mentorship] = []
    if not attention_only:
        calm_total = (
            session.scalar(sa.select(sa.func.count()).select_from(calm.order_by(None).subquery()))
            or 0
        )
        calm = calm.offset(max(0, offset - len(flagged)))
        if limit is not None:  # what the pairs needing attention leave of the page (maybe 0)
            calm = calm.limit(limit - max(0, min(limit, len(flagged) - offset)))
        rest = list(session.scalars(calm))
    # One set of queries for both lists, however many pairs each has (even none).
    lines = _rows(session, tenant, flagged + rest, today)
    attention, calm_rows = lines[: len(flagged)], lines[len(flagged) :]
    attention.sort(
        key=lambda r: (
            not r.contact_requests,
            not r.stalled,
            r.last_sign_of_life if r.stalled else dt.date.min,
        )
    )
    end = None if limit is None else offset + limit
    if attention_only:
        return PairPage(attention[offset:end], len(attention), attention)
    return PairPage(attention[offset:end] + calm_rows, len(attention) + calm_total, attention)


def pair_rows(
    session: Session,
    tenant: Tenant,
    *,
    states: frozenset[State] | None = None,
    search: str = "",
    attention_only: bool = False,
    today: dt.date | None = None,
) -> list[PairRow]:
    """Every pair of the list in its order (pair_page without paging)."""
    return pair_page(
        session, tenant, states=states, search=search, attention_only=attention_only, today=today
    ).rows


def _named(needle: str) -> sa.Select[int]:
    """Profiles whose account name contains the text, whatever its case."""
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (
        sa.select(Profile.id)
        .join(User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id))
        .where(User.name.ilike(pattern, escape="\\"))
    )


def _stalled(cutoff: dt.date) -> sa.ColumnElement[bool]:
    """Running, and no meeting, check-in or change (nor the start) on or after the cutoff day."""
    since = dt.datetime.combine(cutoff, dt.time.min, tzinfo=dt.UTC)
    return sa.and_(
        Mentorship.state.in_(RUNNING),
        Mentorship.created_at < since,
        ~sa.exists().where(Meeting.mentorship_id == Mentorship.id, Meeting.held_on >= cutoff),
        ~sa.exists().where(CheckIn.mentorship_id == Mentorship.id, CheckIn.created_at >= since),
        ~sa.exists().where(
            MentorshipTransition.mentorship_id == Mentorship.id,
            MentorshipTransition.created_at >= since,
        ),
    )


def _rows(
    session: Session, tenant: Tenant, mentorships: list[Mentorship], today: dt.date
) -> list[PairRow]:
    """The list's lines for these pairs: names, last meeting, last sign of life, flags."""
    ids = [m.id for m in mentorships]
    names = profile_names(
        session,
        {m.mentee_profile_id for m in mentorships} | {m.mentor_profile_id for m in mentorships},
    )
    meetings = _latest(session, Meeting.mentorship_id, sa.func.max(Meeting.held_on), ids)
    check_ins = _latest(session, CheckIn.mentorship_id, sa.func.max(CheckIn.created_at), ids)
    changes = _latest(
        session,
        MentorshipTransition.mentorship_id,
        sa.func.max(MentorshipTransition.created_at),
        ids,
    )
    requests = open_contact_requests(session, ids)
    stalled_after = dt.timedelta(days=tenant.config.cycle.stalled_after_days)
    rows = []
    for mentorship in mentorships:
        signs = [
            _as_date(value)
            for value in (
                meetings.get(mentorship.id),
                check_ins.get(mentorship.id),
                changes.get(mentorship.id),
                mentorship.created_at,
            )
            if value is not None
        ]
        last = max(signs)
        rows.append(
            PairRow(
                mentorship=mentorship,
                mentee_name=names.get(mentorship.mentee_profile_id, ""),
                mentor_name=names.get(mentorship.mentor_profile_id, ""),
                last_meeting=_as_date(meetings[mentorship.id])
                if mentorship.id in meetings
                else None,
                last_sign_of_life=last,
                stalled=mentorship.is_running and today - last > stalled_after,
                contact_requests=requests.get(mentorship.id, []),
            )
        )
    return rows


def open_contact_requests(
    session: Session, mentorship_ids: list[int] | None = None
) -> dict[int, list[CheckIn]]:
    """Check-ins with "please contact me" that staff have not followed up, by mentorship
    (of these mentorships, or of all)."""
    found: dict[int, list[CheckIn]] = {}
    query = sa.select(CheckIn).where(CheckIn.contact_me.is_(True), CheckIn.handled_at.is_(None))
    if mentorship_ids is not None:
        query = query.where(CheckIn.mentorship_id.in_(mentorship_ids))
    for entry in session.scalars(query.order_by(CheckIn.created_at)):
        found.setdefault(entry.mentorship_id, []).append(entry)
    return found


def mark_handled(session: Session, entry: CheckIn, *, actor: User) -> None:
    """Staff have been in touch about a "please contact me"; the flag goes away."""
    if entry.handled_at is None:
        entry.handled_at = utcnow()
        record(
            session,
            actor_id=actor.id,
            action="contact_request_handled",
            subject_type="mentorship",
            subject_id=entry.mentorship_id,
        )
    session.flush()


def check_in_due_on(
    tenant: Tenant, mentorship: Mentorship, profile: Profile, check_ins: list[CheckIn]
) -> dt.date | None:
    """When this side's next check-in is due, or None while the pair is not running."""
    if not mentorship.is_at_work or mentorship.started_at is None:
        return None
    own = [entry.created_at for entry in check_ins if entry.profile_id == profile.id]
    last = max(own, default=mentorship.started_at)
    return (last + dt.timedelta(days=tenant.config.cycle.check_in_interval_days)).date()


def send_check_in_reminders(
    session: Session, tenant: Tenant, *, now: dt.datetime | None = None
) -> int:
    """Ask each side whose check-in is due, once per interval; returns how many were asked."""
    now = now or utcnow()
    interval = dt.timedelta(days=tenant.config.cycle.check_in_interval_days)
    running = sa.select(Mentorship.id).where(Mentorship.state.in_(AT_WORK))
    check_ins: dict[int, list[CheckIn]] = {}
    for entry in session.scalars(sa.select(CheckIn).where(CheckIn.mentorship_id.in_(running))):
        check_ins.setdefault(entry.mentorship_id, []).append(entry)
    sent = 0
    for mentorship in session.scalars(sa.select(Mentorship).where(Mentorship.state.in_(AT_WORK))):
        for profile in (mentorship.mentee, mentorship.mentor):
            due = check_in_due_on(tenant, mentorship, profile, check_ins.get(mentorship.id, []))
            is_mentee = profile.id == mentorship.mentee_profile_id
            reminded = mentorship.mentee_reminded_at if is_mentee else mentorship.mentor_reminded_at
            if due is None or now.date() < due or (reminded and now - reminded < interval):
                continue
            notify(session, tenant, mentorship, "check_in_due", recipients=[profile])
            if is_mentee:
                mentorship.mentee_reminded_at = now
            else:
                mentorship.mentor_reminded_at = now
            sent += 1
    session.flush()
    return sent


def _latest(
    session: Session,
    key: QueryableAttribute[int],
    value: sa.ColumnElement[object],
    ids: list[int],
) -> dict[int, object]:
    """The newest value per mentorship, for these mentorships (one query)."""
    rows = session.execute(sa.select(key, value).where(key.in_(ids)).group_by(key))
    return {mentorship_id: latest for mentorship_id, latest in rows}  # noqa: C416


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    assert isinstance(value, dt.date)  # noqa: S101
    return value
