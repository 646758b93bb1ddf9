"""Retention: what a network no longer needs is anonymised after the periods in its settings.

Three kinds (`KINDS`), each with its period in `[retention]` of tenant.toml:
- applicants rejected or withdrawn longer than `rejected_applicant_months` ago;
- alumni: members with no open profile or pair whose last activity (a status change, a pair's
  close, a sign-in) is older than `inactive_member_months`;
- free texts of pairs closed more than `closed_mentorship_years` ago.
Accounts are anonymised with the erasure code (`anonymise_user`); staff accounts never are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import LoginSession, Role, User
from mentornet.modules.mentorships.cycle_models import Meeting
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.mentorships.personal_data import clear_free_texts
from mentornet.modules.privacy.models import RetentionRun
from mentornet.modules.privacy.operations import anonymise_user
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.models import Tenant

APPLICANTS, ALUMNI, FREE_TEXTS = "applicants", "alumni", "free_texts"
KINDS = (APPLICANTS, ALUMNI, FREE_TEXTS)
REFUSED = frozenset({ProfileStatus.REJECTED, ProfileStatus.WITHDRAWN})
FINISHED = frozenset({ProfileStatus.ALUMNI, ProfileStatus.REJECTED, ProfileStatus.WITHDRAWN})
CLOSED = frozenset({State.COMPLETED, State.ENDED_EARLY})


def months_ago(months: int, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=round(months * 30.44))


def run_retention(
    session: Session, tenant: Tenant, *, dry_run: bool, now: dt.datetime | None = None
) -> dict[str, int]:
    """Counts per kind; a dry run changes nothing, a real run is recorded in retention_runs."""
    now = now or utcnow()
    started = utcnow()
    due = due_records(session, tenant, now)
    counts = {kind: len(items) for kind, items in due.items()}
    if dry_run:
        return counts
    for user in due[APPLICANTS] + due[ALUMNI]:
        anonymise_user(session, user, actor_id=None, reason="retention")
    for pair in due[FREE_TEXTS]:
        clear_free_texts(pair)
    session.add(RetentionRun(started_at=started, finished_at=utcnow(), dry_run=False,
                             counts=counts))  # fmt: skip
    session.flush()
    return counts


def due_records(session: Session, tenant: Tenant, now: dt.datetime) -> dict[str, list[Any]]:
    periods = tenant.config.retention
    applicants, alumni = [], []
    for user, profiles in _members(session):
        if all(p.status in REFUSED for p in profiles):
            if max(p.status_changed_at for p in profiles) < months_ago(
                periods.rejected_applicant_months, now
            ):
                applicants.append(user)
        elif all(p.status in FINISHED for p in profiles) and _last_activity(
            session, user, profiles
        ) < months_ago(periods.inactive_member_months, now):
            alumni.append(user)
    texts_before = months_ago(12 * periods.closed_mentorship_years, now)
    pairs = [
        pair
        for pair in session.scalars(
            sa.select(Mentorship).where(
                Mentorship.state.in_(CLOSED), Mentorship.closed_at < texts_before
            )
        )
        if _has_free_text(session, pair)
    ]
    return {APPLICANTS: applicants, ALUMNI: alumni, FREE_TEXTS: pairs}


def _members(session: Session) -> Iterator[tuple[User, list[Profile]]]:
    """Members not yet erased who hold no staff role, each with her profiles."""
    users = session.scalars(sa.select(User).where(User.erased_at.is_(None))).all()
    profiles: dict[int, list[Profile]] = {}
    for profile in session.scalars(sa.select(Profile)):
        profiles.setdefault(profile.user_id, []).append(profile)
    for user in users:
        if user.has_role(Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR):
            continue
        if user.id in profiles:
            yield user, profiles[user.id]


def _last_activity(session: Session, user: User, profiles: list[Profile]) -> dt.datetime:
    ids = [p.id for p in profiles]
    moments = [p.status_changed_at for p in profiles]
    closed = session.scalar(
        sa.select(sa.func.max(Mentorship.closed_at)).where(
            sa.or_(Mentorship.mentee_profile_id.in_(ids), Mentorship.mentor_profile_id.in_(ids))
        )
    )
    seen = session.scalar(
        sa.select(sa.func.max(LoginSession.last_seen_at)).where(LoginSession.user_id == user.id)
    )
    moments += [m for m in (closed, seen) if m is not None]
    return max(_aware(m) for m in moments)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _has_free_text(session: Session, pair: Mentorship) -> bool:
    if pair.note or pair.mentee_evaluation or pair.mentor_evaluation:
        return True
    if pair.mentee_reason_text or pair.mentor_reason_text:
        return True
    if any(c.text for c in pair.check_ins) or any(t.note for t in pair.transitions):
        return True
    if any(g.description or any(a.title for a in g.activities) for g in pair.goals):
        return True
    return bool(
        session.scalar(
            sa.select(sa.func.count()).select_from(Meeting)
            .where(Meeting.mentorship_id == pair.id, Meeting.notes != "")
        )
    )  # fmt: skip


def last_run(session: Session) -> RetentionRun | None:
    return session.scalars(
        sa.select(RetentionRun).order_by(RetentionRun.started_at.desc()).limit(1)
    ).first()


def recent_runs(session: Session, limit: int = 10) -> list[RetentionRun]:
    return list(
        session.scalars(
            sa.select(RetentionRun).order_by(RetentionRun.started_at.desc()).limit(limit)
        )
    )
