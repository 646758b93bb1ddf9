"""Which mentor each demo pair had: approved by then, with a free place, and a good fit.

Pairs are taken in the order they were made. A mentor's place is held from the pair's first step
until it ended (or today, if it is still open), so no mentor ever has more pairs at once than her
capacity; among the free mentors the planner samples a few and keeps the best match score.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict

from mentornet.modules.demo.draws import days
from mentornet.modules.demo.plan import DemoNetwork, DemoPair
from mentornet.modules.matching.scoring import MatchingConfig, ProfileData, score_pair

SAMPLE = 40  # mentors looked at per pair
SHORTLIST = 6  # free mentors scored per pair


class _Pool:
    """The mentors in the pool, by approval date, with the places they hold."""

    def __init__(
        self, network: DemoNetwork, mentors: list[int], approved: dict[int, dt.datetime]
    ) -> None:
        self.network = network
        self.approved = approved
        self.mentors = sorted(mentors, key=lambda m: approved[m])
        self.dates = [approved[m] for m in self.mentors]
        self.holds: dict[int, list[dt.datetime | None]] = defaultdict(list)

    def free(self, mentor: int, at: dt.datetime) -> bool:
        held = [end for end in self.holds[mentor] if end is None or end > at]
        self.holds[mentor] = held
        capacity: int = self.network.profiles[mentor].columns["capacity"]
        return len(held) < capacity

    def eligible(self, at: dt.datetime) -> int:
        return bisect.bisect_right(self.dates, at)

    def approve_earlier(self, mentor: int, at: dt.datetime) -> None:
        self.approved[mentor] = at
        self.mentors.sort(key=lambda m: self.approved[m])
        self.dates = [self.approved[m] for m in self.mentors]


def assign_mentors(
    rng: random.Random,
    network: DemoNetwork,
    mentors: list[int],
    approved: dict[int, dt.datetime],
    data: dict[int, ProfileData],
    config: MatchingConfig,
) -> None:
    """Give every pair a mentor; a pair no mentor had room for is marked dropped."""
    pool = _Pool(network, mentors, approved)
    had: dict[int, set[int]] = defaultdict(set)
    for pair in sorted(network.pairs, key=lambda p: p.created_at):
        chosen = _choose(rng, pool, pair, had[pair.mentee], data, config)
        if chosen is None:
            pair.dropped = True
            continue
        pair.mentor = chosen
        pool.holds[chosen].append(pair.ended_at)
        had[pair.mentee].add(chosen)


def _choose(
    rng: random.Random,
    pool: _Pool,
    pair: DemoPair,
    had: set[int],
    data: dict[int, ProfileData],
    config: MatchingConfig,
) -> int | None:
    at = pair.created_at
    mentee_user = data[pair.mentee].user_id

    def usable(mentor: int) -> bool:
        return mentor not in had and data[mentor].user_id != mentee_user and pool.free(mentor, at)

    count = pool.eligible(at)
    positions = rng.sample(range(count), min(count, SAMPLE))
    free = [pool.mentors[i] for i in positions if usable(pool.mentors[i])]
    if not free and count > SAMPLE:
        free = [m for m in pool.mentors[:count] if usable(m)]
    if not free:
        # Nobody approved by then has room: a mentor approved later joined earlier instead.
        later = [m for m in pool.mentors[count:] if usable(m)]
        if not later:
            return None
        mentor = rng.choice(later[:SAMPLE])
        pool.approve_earlier(mentor, at - days(rng, 2, 20))
        return mentor
    shortlist = free[:SHORTLIST]
    scores = [score_pair(config, data[pair.mentee], data[m]) for m in shortlist]
    # The best fit; infeasible ones (no shared language, too far) only when nothing else is free.
    best = max(range(len(shortlist)), key=lambda i: (scores[i], -i))
    return shortlist[best]
