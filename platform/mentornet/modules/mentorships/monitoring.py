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
from mentornet.modules.mentorships.models import AT_WORK, Mentorship, MentorshipTransition, State
from mentornet.modules.mentorships.notifications import notify
from mentornet.modules.profiles.models import Profile
from mentornet.modules.profiles.operations import profile_names
from mentornet.modules.tenants.models import Tenant


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


def pair_rows(
    session: Session,
    tenant: Tenant,
    *,
    states: frozenset[State] | None = None,
    search: str = "",
    attention_only: bool = False,
    today: dt.date | None = None,
) -> list[PairRow]:
    """Pairs for the coordinators: "please contact me" first, then stalled ones, then the rest."""
    today = today or utcnow().date()
    where = [Mentorship.state.in_(states or set(State) - {State.DRAFT})]
    mentorships = list(
        session.scalars(sa.select(Mentorship).where(*where).order_by(Mentorship.updated_at.desc()))
    )
    ids = sa.select(Mentorship.id).where(*where)
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
    requests = open_contact_requests(session)
    stalled_after = dt.timedelta(days=tenant.config.cycle.stalled_after_days)
    needle = search.strip().casefold()
    rows = []
    for mentorship in mentorships:
        mentee = names.get(mentorship.mentee_profile_id, "")
        mentor = names.get(mentorship.mentor_profile_id, "")
        if needle and needle not in mentee.casefold() and needle not in mentor.casefold():
            continue
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
        row = PairRow(
            mentorship=mentorship,
            mentee_name=mentee,
            mentor_name=mentor,
            last_meeting=_as_date(meetings[mentorship.id]) if mentorship.id in meetings else None,
            last_sign_of_life=last,
            stalled=mentorship.is_running and today - last > stalled_after,
            contact_requests=requests.get(mentorship.id, []),
        )
        if not attention_only or row.needs_attention:
            rows.append(row)
    rows.sort(
        key=lambda r: (
            not r.contact_requests,
            not r.stalled,
            r.last_sign_of_life if r.stalled else dt.date.min,
        )
    )
    return rows


def open_contact_requests(session: Session) -> dict[int, list[CheckIn]]:
    """Check-ins with "please contact me" that staff have not followed up, by mentorship."""
    found: dict[int, list[CheckIn]] = {}
    for entry in session.scalars(
        sa.select(CheckIn)
        .where(CheckIn.contact_me.is_(True), CheckIn.handled_at.is_(None))
        .order_by(CheckIn.created_at)
    ):
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
    ids: sa.Select[int],
) -> dict[int, object]:
    """The newest value per mentorship, for the mentorships the subquery selects (one query)."""
    rows = session.execute(sa.select(key, value).where(key.in_(ids)).group_by(key))
    return {mentorship_id: latest for mentorship_id, latest in rows}  # noqa: C416


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    assert isinstance(value, dt.date)  # noqa: S101
    return value
