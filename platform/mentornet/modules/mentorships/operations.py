"""Proposals, requests, the chemistry step and the pair's lifecycle transitions."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.cycle_models import PlanGoal
from mentornet.modules.mentorships.effects import PairEffects, pair_effects
from mentornet.modules.mentorships.models import (
    NEVER_AGAIN,
    OPEN_FOR_MENTEE,
    Mentorship,
    MentorshipTransition,
    Origin,
    State,
)
from mentornet.modules.mentorships.notifications import notify
from mentornet.modules.mentorships.places import release_place, reserve_place
from mentornet.modules.mentorships.reasons import DeclineReason, Reason, Step
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.operations import follow_pair
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)

# In these modes the member of this role browses and asks; the other side answers.
REQUEST_MODES = {ProfileRole.MENTOR: "mentor_selects", ProfileRole.MENTEE: "mentee_requests"}
DECLINE_REASONS = tuple(DeclineReason)


def get_mentorship(
    session: Session, mentorship_id: int, *, whole: bool = False
) -> Mentorship | None:
    """One pair; whole=True loads what its page shows (the two profiles, the plan with its
    activities, meetings, check-ins and history) in a fixed number of queries."""
    options = (
        [
            selectinload(Mentorship.mentee),
            selectinload(Mentorship.mentor),
            selectinload(Mentorship.goals).selectinload(PlanGoal.activities),
            selectinload(Mentorship.meetings),
            selectinload(Mentorship.check_ins),
            selectinload(Mentorship.transitions),
        ]
        if whole
        else []
    )
    return session.get(Mentorship, mentorship_id, options=options)


def open_mentorship_of(session: Session, mentee: Profile) -> Mentorship | None:
    return session.scalar(
        sa.select(Mentorship).where(
            Mentorship.mentee_profile_id == mentee.id, Mentorship.state.in_(OPEN_FOR_MENTEE)
        )
    )


def mentorships_of(session: Session, profile: Profile) -> list[Mentorship]:
    column = (
        Mentorship.mentee_profile_id
        if profile.role is ProfileRole.MENTEE
        else Mentorship.mentor_profile_id
    )
    return list(
        session.scalars(
            sa.select(Mentorship).where(column == profile.id).order_by(Mentorship.id.desc())
        )
    )


def never_again_pairs(session: Session) -> frozenset[tuple[int, int]]:
    """(mentee profile id, mentor profile id) of every pair that declined or ended early."""
    rows = session.execute(
        sa.select(Mentorship.mentee_profile_id, Mentorship.mentor_profile_id).where(
            Mentorship.state.in_(NEVER_AGAIN)
        )
    )
    return frozenset((mentee, mentor) for mentee, mentor in rows)


def _check_pair(session: Session, mentee: Profile, mentor: Profile) -> None:
    if mentee.role is not ProfileRole.MENTEE or mentor.role is not ProfileRole.MENTOR:
        raise DomainError(_l("A pair is one mentee and one mentor."))
    if mentee.user_id == mentor.user_id:
        raise DomainError(_l("Nobody can be their own mentor."))
    for profile in (mentee, mentor):
        if profile.status is not ProfileStatus.APPROVED:
            raise DomainError(_l("Both must be approved and waiting in the pool."))
    if (mentee.id, mentor.id) in never_again_pairs(session):
        raise DomainError(_l("This pair has said no before and is never proposed again."))
    if open_mentorship_of(session, mentee) is not None:
        raise DomainError(_l("The mentee already has an open proposal or mentorship."))


def propose(
    session: Session,
    tenant: Tenant,
    mentee: Profile,
    mentor: Profile,
    *,
    actor: User,
    origin: Origin = Origin.COORDINATOR,
    note: str = "",
    score: float | None = None,
    explanation: list[dict[str, Any]] | None = None,
) -> Mentorship:
    """A coordinator's proposal: both are told and asked to meet. It replaces her batch drafts."""
    _check_pair(session, mentee, mentor)
    for draft in session.scalars(
        sa.select(Mentorship).where(
            Mentorship.mentee_profile_id == mentee.id, Mentorship.state == State.DRAFT
        )
    ):
        transition(session, draft, State.WITHDRAWN, actor, Step.REPLACED_BY_HAND)
    mentorship = Mentorship(
        mentee_profile_id=mentee.id,
        mentor_profile_id=mentor.id,
        state=State.DRAFT,
        origin=origin,
        note=note.strip(),
        score=score,
        explanation=explanation or [],
        proposed_by_id=actor.id,
    )
    session.add(mentorship)
    _flush_open(session)
    _record(session, mentorship, None, State.DRAFT, actor, Step.PROPOSED_BY_HAND)
    _to_proposed(session, tenant, mentorship, mentor, actor)
    return mentorship


def create_draft(
    session: Session,
    mentee: Profile,
    mentor: Profile,
    *,
    actor: User,
    score: float,
    explanation: list[dict[str, Any]],
    pinned: bool = False,
) -> Mentorship:
    """A batch suggestion for the coordinator to review; nothing is reserved or sent yet."""
    mentorship = Mentorship(
        mentee_profile_id=mentee.id,
        mentor_profile_id=mentor.id,
        state=State.DRAFT,
        origin=Origin.BATCH,
        score=score,
        explanation=explanation,
        pinned=pinned,
        proposed_by_id=actor.id,
    )
    session.add(mentorship)
    session.flush()
    _record(session, mentorship, None, State.DRAFT, actor, Step.SUGGESTED_BY_BATCH)
    return mentorship


def publish_draft(session: Session, tenant: Tenant, mentorship: Mentorship, *, actor: User) -> None:
    """Send a reviewed draft to both people."""
    mentee, mentor = mentorship.mentee, mentorship.mentor
    if mentorship.state is not State.DRAFT:
        mentorship.move_to(State.PROPOSED)  # raises the clear "cannot become" message
    _check_pair(session, mentee, mentor)
    _to_proposed(session, tenant, mentorship, mentor, actor)


def discard_draft(session: Session, mentorship: Mentorship, *, actor: User) -> None:
    transition(session, mentorship, State.WITHDRAWN, actor, Step.DRAFT_DISCARDED)


def request_match(
    session: Session, tenant: Tenant, requester: Profile, target: Profile, *, actor: User
) -> Mentorship:
    """A mentor asks for a mentee (mentor_selects) or a mentee for a mentor (mentee_requests)."""
    mode = tenant.config.matching.mode
    if REQUEST_MODES[requester.role] != mode:
        raise DomainError(_l("This network does not work with requests from you."))
    mentee, mentor = (
        (requester, target) if requester.role is ProfileRole.MENTEE else (target, requester)
    )
    _check_pair(session, mentee, mentor)
    if mentor.places_taken >= mentor.capacity:
        raise DomainError(_l("This mentor has no free place at the moment."))
    now = utcnow()
    cycle = tenant.config.cycle
    mentorship = Mentorship(
        mentee_profile_id=mentee.id,
        mentor_profile_id=mentor.id,
        state=State.REQUESTED,
        origin=Origin.MENTOR_REQUEST
        if requester.role is ProfileRole.MENTOR
        else Origin.MENTEE_REQUEST,
        proposed_by_id=actor.id,
        expires_at=now + timedelta(days=cycle.proposal_expiry_days),
    )
    if requester.role is ProfileRole.MENTOR:
        mentorship.mentor_answer = True
        mentorship.veto_until = now + timedelta(days=tenant.config.matching.veto_window_days)
    else:
        mentorship.mentee_answer = True
    session.add(mentorship)
    _flush_open(session)
    _record(session, mentorship, None, State.REQUESTED, actor, Step.REQUESTED)
    notify(session, tenant, mentorship, "requested", recipients=[target])
    return mentorship


def accept_request(
    session: Session, tenant: Tenant, mentorship: Mentorship, *, actor: User
) -> None:
    """The asked person says yes to meeting: the mentor's place is taken, the chemistry step begins."""
    mentor = mentorship.mentor
    if mentorship.state is not State.REQUESTED:
        mentorship.move_to(State.PROPOSED)
    _to_proposed(session, tenant, mentorship, mentor, actor)


def answer(
    session: Session,
    tenant: Tenant,
    mentorship: Mentorship,
    profile: Profile,
    *,
    yes: bool,
    reason: str | None = None,
    reason_text: str = "",
    actor: User,
) -> None:
    """One side's answer after meeting. Both yes: agreed. Any no: declined, never proposed again."""
    if mentorship.state is State.REQUESTED:
        asked_mentor = mentorship.origin is Origin.MENTEE_REQUEST
        if profile.id != (
            mentorship.mentor_profile_id if asked_mentor else mentorship.mentee_profile_id
        ):
            raise DomainError(_l("We are waiting for the other person's answer."))
        if yes:
            accept_request(session, tenant, mentorship, actor=actor)
            return
    elif mentorship.state is not State.PROPOSED:
        raise DomainError(_l("This proposal is no longer open."))
    if not yes and reason not in DECLINE_REASONS:
        raise DomainError(_l("Please choose a reason."), field="reason")
    is_mentee = profile.id == mentorship.mentee_profile_id
    if not is_mentee and profile.id != mentorship.mentor_profile_id:
        raise DomainError(_l("This proposal is not yours."))
    if is_mentee:
        mentorship.mentee_answer, mentorship.mentee_reason = yes, None if yes else reason
        mentorship.mentee_reason_text = reason_text.strip() or None
    else:
        mentorship.mentor_answer, mentorship.mentor_reason = yes, None if yes else reason
        mentorship.mentor_reason_text = reason_text.strip() or None
    mentee, mentor = mentorship.mentee, mentorship.mentor
    if not yes:
        transition(session, mentorship, State.DECLINED, actor, DeclineReason(reason or "other"))
        notify(session, tenant, mentorship, "declined", recipients=[mentee, mentor])
    elif mentorship.mentee_answer and mentorship.mentor_answer:
        transition(session, mentorship, State.AGREED, actor, Step.BOTH_SAID_YES)
        notify(session, tenant, mentorship, "agreed", recipients=[mentee, mentor])
    session.flush()


def withdraw(session: Session, mentorship: Mentorship, *, actor: User, reason: str) -> None:
    """Staff take back a draft, request or proposal. A mentor's request in a mentor-selects
    network can be vetoed only within the network's veto window; after it, the mentee decides."""
    if not reason.strip():
        raise DomainError(_l("Please give a reason."), field="reason")
    if mentorship.veto_closed(utcnow()):
        raise DomainError(
            _l("The time for a veto has passed: the person asked decides about this request now.")
        )
    transition(session, mentorship, State.WITHDRAWN, actor, Step.WITHDRAWN_BY_STAFF, note=reason)


def expire_overdue(session: Session, tenant: Tenant) -> int:
    """Requests and proposals nobody answered in time expire; returns how many."""
    overdue = session.scalars(
        sa.select(Mentorship).where(
            Mentorship.state.in_([State.REQUESTED, State.PROPOSED]),
            Mentorship.expires_at < utcnow(),
        )
    ).all()
    for mentorship in overdue:
        transition(session, mentorship, State.EXPIRED, None, Step.NO_ANSWER_IN_TIME)
        notify(
            session,
            tenant,
            mentorship,
            "expired",
            recipients=[mentorship.mentee, mentorship.mentor],
        )
    return len(overdue)


def _to_proposed(
    session: Session, tenant: Tenant, mentorship: Mentorship, mentor: Profile, actor: User
) -> None:
    mentee = mentorship.mentee
    _change_places(session, mentor, _effects(mentorship.state, State.PROPOSED, mentee, mentor))
    # Whoever asked or agreed to meet, both decide again after meeting: the chemistry step.
    mentorship.mentee_answer = mentorship.mentor_answer = None
    mentorship.expires_at = utcnow() + timedelta(days=tenant.config.cycle.proposal_expiry_days)
    previous = mentorship.move_to(State.PROPOSED)
    _flush_open(session)
    _record(session, mentorship, previous, State.PROPOSED, actor, Step.SENT)
    notify(
        session, tenant, mentorship, "proposed", recipients=[mentorship.mentee, mentorship.mentor]
    )


def transition(
    session: Session,
    mentorship: Mentorship,
    target: State,
    actor: User | None,
    reason: Reason,
    *,
    note: str = "",
) -> None:
    """Move the pair; the mentor's places and both people's statuses follow (effects.py). The
    history keeps the reason's code and, apart, the words a person gave (note)."""
    previous = mentorship.move_to(target)
    mentee, mentor = mentorship.mentee, mentorship.mentor
    effects = _effects(previous, target, mentee, mentor)
    _change_places(session, mentor, effects)
    _after_pair_moves(session, mentee, mentor, effects, actor)
    _record(session, mentorship, previous, target, actor, reason, note)


def _effects(before: State | None, after: State, mentee: Profile, mentor: Profile) -> PairEffects:
    return pair_effects(
        before,
        after,
        mentee_status=mentee.status,
        mentor_status=mentor.status,
        mentor_full=mentor.places_taken >= mentor.capacity,
    )


def _change_places(session: Session, mentor: Profile, effects: PairEffects) -> None:
    if effects.places > 0 and not reserve_place(session, mentor.id):
        raise DomainError(_l("This mentor has no free place at the moment."))
    if effects.places < 0:
        release_place(session, mentor.id)


def _after_pair_moves(
    session: Session, mentee: Profile, mentor: Profile, effects: PairEffects, actor: User | None
) -> None:
    """Matched, back in the pool or an alumna: the statuses that follow the pair, with a reason."""
    for move in effects.moves:
        person = mentee if move.role is ProfileRole.MENTEE else mentor
        follow_pair(session, person, move.status, actor=actor, reason=move.reason)


def _record(
    session: Session,
    mentorship: Mentorship,
    previous: State | None,
    target: State,
    actor: User | None,
    reason: Reason,
    note: str = "",
) -> None:
    mentorship.transitions.append(
        MentorshipTransition(
            from_state=previous,
            to_state=target,
            actor_id=actor.id if actor else None,
            reason=reason.value,
            note=note.strip()[:2000],
        )
    )
    session.flush()


def _flush_open(session: Session) -> None:
    """Flush a new open pair; the partial unique index refuses a second one for the mentee."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise DomainError(_l("The mentee already has an open proposal or mentorship.")) from exc
