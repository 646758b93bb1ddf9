"""Matching with the database: who is waiting, who has room, suggestions, batch drafts.

The numbers come from the scoring package and assignment.py (pure); this module feeds them plain data and
turns their results into suggestions and draft mentorships.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.matching import scoring
from mentornet.modules.matching.assignment import assign
from mentornet.modules.matching.models import BatchStatus, MatchingBatch
from mentornet.modules.mentorships.models import (
    AWAITING_ANSWER,
    OPEN_FOR_MENTEE,
    Mentorship,
    Origin,
    State,
)
from mentornet.modules.mentorships.operations import (
    create_draft,
    never_again_pairs,
    propose,
    publish_draft,
)
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.tenants.config import Matching
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
BATCH_CANDIDATES = 30


def matching_config(tenant: Tenant) -> scoring.MatchingConfig:
    return config_of(tenant.config.matching)


def config_of(matching: Matching) -> scoring.MatchingConfig:
    """The scoring configuration of a network's [matching] settings (stored or proposed)."""
    constraints = matching.constraints
    return scoring.MatchingConfig(
        weights={name: criterion.weight for name, criterion in matching.criteria.items()},
        question_weights={q.question: q.weight for q in matching.questions},
        shared_language=constraints.shared_language,
        usable_language_level=constraints.usable_language_level,
        max_distance_km=float(constraints.max_distance_km),
        max_age_gap=constraints.max_age_gap,
    )


def profile_data(profile: Profile) -> scoring.ProfileData:
    """What scoring needs of a profile; a mentee is matched on the occupation she aims for."""
    occupation = profile.occupation_code
    if profile.role is ProfileRole.MENTEE and profile.target_occupation_code:
        occupation = profile.target_occupation_code
    return scoring.ProfileData(
        id=profile.id,
        user_id=profile.user_id,
        birth_year=profile.birth_year,
        languages=tuple((s["code"], s["level"]) for s in profile.languages or []),
        city=profile.city,
        latitude=profile.latitude,
        longitude=profile.longitude,
        occupation_code=occupation,
        education_level=profile.education_level,
        education_field=profile.education_field,
        goals=tuple(profile.goals or ()),
        availability=tuple(profile.availability or ()),
        answers=dict(profile.answers or {}),
        capacity=max(profile.capacity - profile.places_taken, 0),
    )


def _waiting() -> sa.Select[Profile]:
    busy = sa.select(Mentorship.mentee_profile_id).where(Mentorship.state.in_(OPEN_FOR_MENTEE))
    return sa.select(Profile).where(
        Profile.role == ProfileRole.MENTEE,
        Profile.status == ProfileStatus.APPROVED,
        Profile.id.not_in(busy),
    )


def waiting_mentees(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[Profile]:
    """Approved mentees with nothing open, longest waiting first (a page of them with `limit`)."""
    query = _waiting().order_by(Profile.status_changed_at, Profile.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return list(session.scalars(query))


def count_waiting_mentees(session: Session) -> int:
    query = sa.select(sa.func.count()).select_from(_waiting().subquery())
    return session.scalar(query) or 0


def mentors_with_room(session: Session) -> list[Profile]:
    return list(
        session.scalars(
            sa.select(Profile)
            .where(
                Profile.role == ProfileRole.MENTOR,
                Profile.status == ProfileStatus.APPROVED,
                Profile.places_taken < Profile.capacity,
            )
            .order_by(Profile.id)
        )
    )


_INDEX_CACHE: dict[int, tuple[Any, scoring.MentorIndex, list[int]]] = {}
_CACHE_LOCK = threading.Lock()


def mentor_index(session: Session, tenant: Tenant) -> tuple[scoring.MentorIndex, list[int]]:
    """The tenant's mentor feature arrays, rebuilt only when a mentor changed (cache per tenant)."""
    stamp = session.execute(
        sa.select(
            sa.func.count(), sa.func.max(Profile.updated_at), sa.func.sum(Profile.places_taken)
        ).where(Profile.role == ProfileRole.MENTOR, Profile.status == ProfileStatus.APPROVED)
    ).one()
    key = (tenant.settings_version, tuple(stamp))
    with _CACHE_LOCK:
        cached = _INDEX_CACHE.get(tenant.id)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
    mentors = mentors_with_room(session)
    index = scoring.MentorIndex.build([profile_data(m) for m in mentors], matching_config(tenant))
    ids = [m.id for m in mentors]
    with _CACHE_LOCK:
        _INDEX_CACHE[tenant.id] = (key, index, ids)
    return index, ids


@dataclass(frozen=True)
class Suggestion:
    profile: Profile
    score: float
    contributions: list[scoring.Contribution]


def suggestions_for(
    session: Session, tenant: Tenant, mentee: Profile, k: int | None = None
) -> list[Suggestion]:
    """The best mentors for one mentee, each with the explanation of its score."""
    k = k or tenant.config.matching.suggestions
    config = matching_config(tenant)
    index, ids = mentor_index(session, tenant)
    forbidden = never_again_pairs(session)
    mentee_data = profile_data(mentee)
    top = scoring.top_k(config, index, mentee_data, k, forbidden=forbidden)
    # The suggested mentors in one query, however many were found.
    wanted = [ids[position] for position, _score in top]
    mentors = {p.id: p for p in session.scalars(sa.select(Profile).where(Profile.id.in_(wanted)))}
    found = []
    for position, score in top:
        mentor = mentors.get(ids[position])
        if mentor is None:
            continue
        found.append(
            Suggestion(mentor, score, scoring.explain(config, mentee_data, profile_data(mentor)))
        )
    return found


def ranked_mentees_for(
    session: Session, tenant: Tenant, mentor: Profile, limit: int = 50
) -> list[Suggestion]:
    """Waiting mentees ranked for one mentor (mentor_selects mode): a pair-by-pair explanation."""
    config = matching_config(tenant)
    forbidden = never_again_pairs(session)
    mentor_data = profile_data(mentor)
    ranked = []
    for mentee in waiting_mentees(session):
        mentee_data = profile_data(mentee)
        # One mentor against a pool of hundreds: the plain per-pair scorer is the simple fit here.
        total = scoring.score_pair(config, mentee_data, mentor_data, forbidden)
        if np.isfinite(total):
            ranked.append(
                Suggestion(mentee, total, scoring.explain(config, mentee_data, mentor_data))
            )
    ranked.sort(key=lambda s: -s.score)
    return ranked[:limit]


@dataclass(frozen=True)
class RankedMentor:
    """One mentor in a top list: place (1 = best), score, and her place in the other list."""

    profile_id: int
    rank: int
    score: float
    other_rank: int | None  # None: not in the other list


@dataclass(frozen=True)
class WeightsPreview:
    """One waiting mentee's best mentors under the stored and the proposed settings."""

    mentee: Profile
    current: list[RankedMentor]
    proposed: list[RankedMentor]

    @property
    def changed(self) -> bool:
        return [m.profile_id for m in self.current] != [m.profile_id for m in self.proposed]


PREVIEW_MENTEES = 5
PREVIEW_SUGGESTIONS = 5


def preview_weights(
    session: Session,
    tenant: Tenant,
    proposed: Matching,
    *,
    mentees: int = PREVIEW_MENTEES,
    k: int = PREVIEW_SUGGESTIONS,
) -> list[WeightsPreview]:
    """The longest-waiting mentees' top-k mentors under the stored settings and under `proposed`,
    with the same scorer (top_k) the suggestions use; reads only, writes nothing."""
    current_config, proposed_config = matching_config(tenant), config_of(proposed)
    current_index, ids = mentor_index(session, tenant)
    # The proposed settings may weigh other questions, which the index encodes: a fresh one.
    mentors = [m for m in (session.get(Profile, profile_id) for profile_id in ids) if m]
    proposed_ids = [m.id for m in mentors]
    proposed_index = scoring.MentorIndex.build([profile_data(m) for m in mentors], proposed_config)
    forbidden = never_again_pairs(session)
    previews = []
    for mentee in waiting_mentees(session)[:mentees]:
        data = profile_data(mentee)
        before = [
            (ids[position], score)
            for position, score in scoring.top_k(current_config, current_index, data, k, forbidden)
        ]
        after = [
            (proposed_ids[position], score)
            for position, score in scoring.top_k(
                proposed_config, proposed_index, data, k, forbidden
            )
        ]
        previews.append(WeightsPreview(mentee, _ranked(before, after), _ranked(after, before)))
    return previews


def _ranked(mine: list[tuple[int, float]], other: list[tuple[int, float]]) -> list[RankedMentor]:
    other_rank = {profile_id: rank for rank, (profile_id, _) in enumerate(other, start=1)}
    return [
        RankedMentor(profile_id, rank, score, other_rank.get(profile_id))
        for rank, (profile_id, score) in enumerate(mine, start=1)
    ]


def start_batch(session: Session, actor: User) -> MatchingBatch:
    batch = MatchingBatch(started_by_id=actor.id)
    session.add(batch)
    session.flush()
    return batch


def run_batch(
    session: Session,
    tenant: Tenant,
    batch: MatchingBatch,
    actor: User,
    *,
    save_progress: Callable[[], None],
) -> None:
    """Suggest pairs for everyone waiting: optimal and capacity-aware, as drafts to review.

    Pinned drafts stay and keep their places; drafts the coordinator discarded, and pairs that
    declined or ended early, are never suggested. Nothing is written until the computation is
    done, so save_progress (which commits the batch row) never commits half a result.
    """
    drafts = list(session.scalars(sa.select(Mentorship).where(Mentorship.state == State.DRAFT)))
    pinned = [d for d in drafts if d.pinned]
    pinned_mentees = {d.mentee_profile_id for d in pinned}
    mentees = [m for m in waiting_mentees(session) if m.id not in pinned_mentees]
    candidates = mentors_with_room(session)
    room = {m.id: max(m.capacity - m.places_taken, 0) for m in candidates}
    for draft in pinned:
        room[draft.mentor_profile_id] = room.get(draft.mentor_profile_id, 0) - 1
    mentors = [m for m in candidates if room.get(m.id, 0) > 0]
    batch.mentees, batch.mentors = len(mentees), len(mentors)
    save_progress()

    config = matching_config(tenant)
    mentor_rows = [replace(profile_data(m), capacity=room[m.id]) for m in mentors]
    index = scoring.MentorIndex.build(mentor_rows, config)

    def progress(done: int, _total: int) -> None:
        batch.done = done
        save_progress()

    rows, cols, scores = scoring.candidate_lists(
        config,
        [profile_data(m) for m in mentees],
        index,
        BATCH_CANDIDATES,
        _batch_forbidden(session),
        progress,
    )
    capacities = np.array([room[m.id] for m in mentors], dtype=np.int64)
    pairs = assign(len(mentees), rows, cols, scores, capacities)

    for draft in drafts:
        if not draft.pinned:
            session.delete(draft)
    session.flush()
    for mentee_pos, mentor_pos in pairs:
        mentee, mentor = mentees[mentee_pos], mentors[mentor_pos]
        contributions = scoring.explain(config, profile_data(mentee), mentor_rows[mentor_pos])
        create_draft(
            session,
            mentee,
            mentor,
            actor=actor,
            score=float(sum(c.contribution for c in contributions)),
            explanation=[contribution_record(c) for c in contributions],
        )
    batch.drafts = len(pairs)
    batch.done = batch.mentees
    batch.status = BatchStatus.DONE
    batch.finished_at = utcnow()
    session.flush()
    log.info("batch %s: %s drafts for %s waiting mentees", batch.id, len(pairs), len(mentees))


def _batch_forbidden(session: Session) -> frozenset[tuple[int, int]]:
    discarded = session.execute(
        sa.select(Mentorship.mentee_profile_id, Mentorship.mentor_profile_id).where(
            Mentorship.state == State.WITHDRAWN, Mentorship.origin == Origin.BATCH
        )
    )
    return never_again_pairs(session) | {(a, b) for a, b in discarded}


def contribution_record(contribution: scoring.Contribution) -> dict[str, Any]:
    """A contribution as plain JSON, stored with the proposal for later tuning of weights."""
    record: dict[str, Any] = json.loads(json.dumps(asdict(contribution), default=_plain))
    return record


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def propose_mentorship(
    session: Session, tenant: Tenant, mentee: Profile, mentor: Profile, *, actor: User, note: str
) -> Mentorship:
    """A coordinator's proposal by hand, carrying its score and the explanation that adds up to it."""
    contributions = scoring.explain(
        matching_config(tenant), profile_data(mentee), profile_data(mentor)
    )
    return propose(
        session,
        tenant,
        mentee,
        mentor,
        actor=actor,
        note=note,
        score=float(sum(c.contribution for c in contributions)),
        explanation=[contribution_record(c) for c in contributions],
    )


def toggle_pin(mentorship: Mentorship) -> None:
    """Pin a draft so that the next batch keeps it, or unpin it."""
    mentorship.pinned = not mentorship.pinned


@dataclass(frozen=True)
class PublishReport:
    published: int
    problems: list[str]


def publish_drafts(
    session: Session, tenant: Tenant, draft_ids: set[int], *, actor: User
) -> PublishReport:
    """Send the chosen drafts; one that can no longer be sent (mentor full, mentee busy) is left as
    it was and its reason reported, the others go out."""
    rows = session.scalars(
        sa.select(Mentorship)
        .where(Mentorship.state == State.DRAFT, Mentorship.id.in_(draft_ids))
        .order_by(Mentorship.score.desc(), Mentorship.id)
    ).all()
    published, problems = 0, []
    for mentorship in rows:
        try:
            with session.begin_nested():  # a refusal undoes this draft's writes, and only them
                publish_draft(session, tenant, mentorship, actor=actor)
        except DomainError as error:
            problems.append(str(error))
        else:
            published += 1
    return PublishReport(published, sorted(set(problems)))


def running_batch(session: Session) -> MatchingBatch | None:
    return session.scalar(
        sa.select(MatchingBatch).where(MatchingBatch.status == BatchStatus.RUNNING).limit(1)
    )


def latest_batch(session: Session) -> MatchingBatch | None:
    return session.scalar(sa.select(MatchingBatch).order_by(MatchingBatch.id.desc()).limit(1))


def open_requests_and_proposals(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[Mentorship]:
    """Requests and proposals waiting for an answer, oldest first (a page of them with `limit`)."""
    query = (
        sa.select(Mentorship)
        .where(Mentorship.state.in_(AWAITING_ANSWER))
        .order_by(Mentorship.created_at, Mentorship.id)
    )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return list(session.scalars(query))


def count_open_requests_and_proposals(session: Session) -> int:
    query = sa.select(sa.func.count()).where(Mentorship.state.in_(AWAITING_ANSWER))
    return session.scalar(query) or 0


def count_drafts(session: Session) -> int:
    return session.scalar(sa.select(sa.func.count()).where(Mentorship.state == State.DRAFT)) or 0


def drafts_page(session: Session, *, limit: int, offset: int) -> list[Mentorship]:
    """Draft pairs, best first."""
    return list(
        session.scalars(
            sa.select(Mentorship)
            .where(Mentorship.state == State.DRAFT)
            .order_by(Mentorship.score.desc(), Mentorship.id)
            .limit(limit)
            .offset(offset)
        )
    )
