"""The pure rule of what a pair's move does to places and statuses, on plain data."""

from __future__ import annotations

import pytest

from mentornet.modules.mentorships.effects import PairEffects, StatusMove, pair_effects
from mentornet.modules.mentorships.models import GRAPH, HOLDS_PLACE, State
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus

S = ProfileStatus
MENTEE, MENTOR = ProfileRole.MENTEE, ProfileRole.MENTOR
NOTHING = PairEffects(places=0)


def effects(
    before: State | None,
    after: State,
    *,
    mentee: ProfileStatus = S.APPROVED,
    mentor: ProfileStatus = S.APPROVED,
    full: bool = False,
) -> PairEffects:
    return pair_effects(before, after, mentee_status=mentee, mentor_status=mentor, mentor_full=full)


@pytest.mark.parametrize("before", [State.DRAFT, State.REQUESTED])
def test_a_proposal_takes_one_of_the_mentors_places_and_moves_nobody(before: State) -> None:
    assert effects(before, State.PROPOSED) == PairEffects(places=1)


@pytest.mark.parametrize("new", [State.DRAFT, State.REQUESTED])
def test_a_draft_or_a_request_takes_no_place_yet(new: State) -> None:
    assert effects(None, new) == NOTHING


def test_both_saying_yes_makes_the_mentee_matched_and_keeps_the_place() -> None:
    assert effects(State.PROPOSED, State.AGREED) == PairEffects(
        places=0, moves=(StatusMove(MENTEE, S.MATCHED, "agreed"),)
    )


def test_the_mentor_is_matched_too_once_all_her_places_are_taken() -> None:
    assert effects(State.PROPOSED, State.AGREED, full=True).moves == (
        StatusMove(MENTEE, S.MATCHED, "agreed"),
        StatusMove(MENTOR, S.MATCHED, "agreed"),
    )


@pytest.mark.parametrize("status", [S.MATCHED, S.PAUSED, S.WITHDRAWN])
def test_only_someone_approved_becomes_matched_on_agreement(status: ProfileStatus) -> None:
    agreed = effects(State.PROPOSED, State.AGREED, mentee=status, mentor=status, full=True)
    assert agreed == NOTHING


def test_a_completed_mentorship_frees_the_place_and_makes_the_mentee_an_alumna() -> None:
    done = effects(State.CLOSING, State.COMPLETED, mentee=S.MATCHED, mentor=S.MATCHED)
    assert done == PairEffects(
        places=-1,
        moves=(
            StatusMove(MENTOR, S.APPROVED, "mentorship completed"),
            StatusMove(MENTEE, S.ALUMNI, "mentorship completed"),
        ),
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (State.PROPOSED, State.DECLINED),
        (State.PROPOSED, State.WITHDRAWN),
        (State.PROPOSED, State.EXPIRED),
        (State.AGREED, State.ENDED_EARLY),
        (State.ACTIVE, State.ENDED_EARLY),
        (State.CLOSING, State.ENDED_EARLY),
    ],
)
def test_a_pair_ending_any_other_way_frees_the_place_and_sends_both_back_to_the_pool(
    before: State, after: State
) -> None:
    assert effects(before, after, mentee=S.MATCHED, mentor=S.MATCHED) == PairEffects(
        places=-1,
        moves=(
            StatusMove(MENTOR, S.APPROVED, "mentorship ended"),
            StatusMove(MENTEE, S.APPROVED, "mentorship ended"),
        ),
    )


def test_a_freed_place_leaves_whoever_is_not_matched_as_they_are() -> None:
    assert effects(State.PROPOSED, State.DECLINED) == PairEffects(places=-1)
    paused = effects(State.ACTIVE, State.ENDED_EARLY, mentee=S.PAUSED, mentor=S.PAUSED)
    assert paused == PairEffects(places=-1)
    alone = effects(State.ACTIVE, State.COMPLETED, mentee=S.MATCHED, mentor=S.APPROVED)
    assert alone.moves == (StatusMove(MENTEE, S.ALUMNI, "mentorship completed"),)


@pytest.mark.parametrize(
    ("before", "after"),
    [(State.AGREED, State.PLANNING), (State.PLANNING, State.ACTIVE), (State.ACTIVE, State.CLOSING)],
)
def test_moving_on_within_the_cycle_changes_neither_places_nor_statuses(
    before: State, after: State
) -> None:
    assert effects(before, after, mentee=S.MATCHED, mentor=S.MATCHED, full=True) == NOTHING


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (State.DRAFT, State.WITHDRAWN),
        (State.REQUESTED, State.DECLINED),
        (State.REQUESTED, State.WITHDRAWN),
        (State.REQUESTED, State.EXPIRED),
    ],
)
def test_a_pair_that_never_held_a_place_frees_none_and_moves_nobody(
    before: State, after: State
) -> None:
    assert effects(before, after, mentee=S.MATCHED, mentor=S.MATCHED) == NOTHING


def test_along_every_path_of_the_lifecycle_a_pair_holds_one_place_exactly_while_it_should() -> None:
    def walk(state: State, held: int) -> None:
        assert held == (1 if state in HOLDS_PLACE else 0), state
        for after in GRAPH[state]:
            walk(after, held + effects(state, after).places)

    for start in (State.DRAFT, State.REQUESTED):
        walk(start, effects(None, start).places)
