"""Demo accounts with memorable addresses: members in the states worth trying out.

mentee@<network>.example is in an active mentorship with mentor@<network>.example, and so on. Each
is the first member (in plan order) in that state, so the same seed always names the same people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from mentornet.modules.demo.plan import DemoNetwork, DemoPair, DemoProfile
from mentornet.modules.mentorships.models import OPEN_FOR_MENTEE, Origin, State
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus

S = ProfileStatus


@dataclass(frozen=True)
class NamedAccount:
    local: str  # the part before @<network>.example
    what: str  # shown in the table `mentornet demo` prints


NAMED = (
    NamedAccount("mentee", "in an active mentorship with mentor@"),
    NamedAccount("mentor", "mentor of mentee@"),
    NamedAccount("planning", "planning the goals with the mentor"),
    NamedAccount("proposed", "has a proposal to answer"),
    NamedAccount("requested", "asked to pair up by a member: accept or decline"),
    NamedAccount("waiting", "approved, waiting for a match"),
    NamedAccount("volunteer", "approved, with a free place"),
    NamedAccount("alumni", "completed the mentorship"),
    NamedAccount("applicant", "new applicant, before the information meeting"),
)
WHAT = {account.local: account.what for account in NAMED}


def name_accounts(network: DemoNetwork) -> None:
    """Give a handful of members a memorable address (when the network has someone in that state)."""
    profiles = network.profiles
    single = _single_profile_users(network)
    open_pairs = {p.mentee: p for p in network.pairs if p.state in OPEN_FOR_MENTEE}
    ever_paired = {p.mentee for p in network.pairs}
    taken: set[int] = set()
    typical = _typical_origins(network)

    def pick(local: str, found: Callable[[int, DemoProfile], bool]) -> int | None:
        # Someone from one of the network's usual origins first, so the demo shows a typical member.
        for usual in (True, False):
            for index, profile in enumerate(profiles):
                if usual and profile.origin not in typical:
                    continue
                if profile.user in single and profile.user not in taken and found(index, profile):
                    _rename(network, local, index)
                    taken.add(profile.user)
                    return index
        return None

    def in_pair(
        state: State, test: Callable[[DemoPair], bool] = lambda _: True
    ) -> Callable[[int, DemoProfile], bool]:
        def found(index: int, profile: DemoProfile) -> bool:
            pair = open_pairs.get(index)
            return pair is not None and pair.state is state and test(pair)

        return found

    active = sorted(
        (
            p
            for p in open_pairs.values()
            if p.state is State.ACTIVE and profiles[p.mentor].user in single
        ),
        key=lambda p: -len(p.meetings),
    )
    if active:
        pick("mentee", lambda index, _: index == active[0].mentee)
        pick("mentor", lambda index, _: index == active[0].mentor)
    pick("planning", in_pair(State.PLANNING))
    pick("proposed", in_pair(State.PROPOSED, lambda p: p.columns.get("mentee_answer") is None))
    _pick_requested(network, open_pairs, pick)
    mentee, mentor = ProfileRole.MENTEE, ProfileRole.MENTOR
    pick(
        "waiting",
        lambda i, p: (
            p.role is mentee
            and p.status is S.APPROVED
            and i not in open_pairs
            and i not in ever_paired
        ),
    )
    pick(
        "volunteer",
        lambda _, p: p.role is mentor and p.status is S.APPROVED and p.places_taken == 0,
    )
    pick("alumni", lambda _, p: p.role is mentee and p.status is S.ALUMNI)
    pick("applicant", lambda _, p: p.role is mentee and p.status is S.APPLIED)


def _pick_requested(
    network: DemoNetwork,
    open_pairs: dict[int, DemoPair],
    pick: Callable[[str, Callable[[int, DemoProfile], bool]], int | None],
) -> None:
    """The member who must answer an open request: the mentee a mentor asked, or the mentor a mentee asked."""
    for pair in open_pairs.values():
        if pair.state is State.REQUESTED:
            asked = pair.mentee if pair.origin is Origin.MENTOR_REQUEST else pair.mentor
            if pick("requested", lambda index, _: index == asked) is not None:  # noqa: B023  (used at once)
                return


def _typical_origins(network: DemoNetwork) -> set[str]:
    """The most common origins of the network's mentees and of its mentors."""
    found: set[str] = set()
    for role, top in ((ProfileRole.MENTEE, 8), (ProfileRole.MENTOR, 2)):
        counts = Counter(p.origin for p in network.profiles if p.role is role)
        found |= {origin for origin, _ in counts.most_common(top)}
    return found


def _single_profile_users(network: DemoNetwork) -> set[int]:
    counts: dict[int, int] = {}
    for profile in network.profiles:
        counts[profile.user] = counts.get(profile.user, 0) + 1
    return {user for user, count in counts.items() if count == 1}


def _rename(network: DemoNetwork, local: str, profile: int) -> None:
    network.users[network.profiles[profile].user].email = f"{local}@{network.slug}.example"
    network.named[local] = profile
