"""What a pair's move does to the mentor's places and to both people's statuses: the one rule.

Pure: no session, no request. operations.transition applies the result to the database and the
demo's replay to a planned network, so the application and its synthetic history cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentornet.modules.mentorships.models import HOLDS_PLACE, State
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus

S = ProfileStatus
MENTEE, MENTOR = ProfileRole.MENTEE, ProfileRole.MENTOR


@dataclass(frozen=True)
class StatusMove:
    """The new status of the pair's mentee or mentor, and the reason her history records."""

    role: ProfileRole
    status: ProfileStatus
    reason: str


@dataclass(frozen=True)
class PairEffects:
    places: int  # change of the mentor's places taken: +1, -1 or 0
    moves: tuple[StatusMove, ...] = ()  # in the order they are made


def pair_effects(
    before: State | None,
    after: State,
    *,
    mentee_status: ProfileStatus,
    mentor_status: ProfileStatus,
    mentor_full: bool,
) -> PairEffects:
    """The effects of a pair moving from before (None: a new pair) to after.

    A pair that starts holding a place takes one of the mentor's. Both saying yes makes an approved
    mentee matched, and an approved mentor too once all her places (this one included) are taken.
    A pair that stops holding a place frees it: a matched mentor is back in the pool, and a matched
    mentee an alumna if the mentorship was completed, back in the pool otherwise.
    """
    held, holds = before in HOLDS_PLACE, after in HOLDS_PLACE
    if holds and not held:
        return PairEffects(places=1)
    if held and not holds:
        return _ended(after is State.COMPLETED, mentee_status, mentor_status)
    if after is State.AGREED:
        matched = [MENTEE] if mentee_status is S.APPROVED else []
        matched += [MENTOR] if mentor_status is S.APPROVED and mentor_full else []
        return PairEffects(0, tuple(StatusMove(role, S.MATCHED, "agreed") for role in matched))
    return PairEffects(places=0)


def _ended(
    completed: bool, mentee_status: ProfileStatus, mentor_status: ProfileStatus
) -> PairEffects:
    reason = "mentorship completed" if completed else "mentorship ended"
    moves = []
    if mentor_status is S.MATCHED:
        moves.append(StatusMove(MENTOR, S.APPROVED, reason))
    if mentee_status is S.MATCHED:
        moves.append(StatusMove(MENTEE, S.ALUMNI if completed else S.APPROVED, reason))
    return PairEffects(-1, tuple(moves))
