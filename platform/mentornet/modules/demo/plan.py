"""A demo network planned in memory: people, their status histories, pairs and the pairs' cycles.

Everything here is plain data; the planner fills it in and operations.py writes it in bulk. Indexes
(user, profile, pair) are positions in the plan's lists, turned into database ids on writing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from mentornet.modules.mentorships.cycle_models import GoalStatus, MeetingMode
from mentornet.modules.mentorships.models import Origin, State
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus
from mentornet.modules.profiles.situations import Situation

# Who did something: the member herself, the coordinator, the pair's mentee or mentor, or nobody
# (a scheduled job). Mapped to user ids on writing.
SELF, STAFF, MENTEE, MENTOR = "self", "staff", "mentee", "mentor"


@dataclass
class DemoUser:
    name: str
    email: str
    locale: str
    created_at: dt.datetime
    consent_sensitive: bool


@dataclass
class StatusStep:
    at: dt.datetime
    previous: ProfileStatus | None
    status: ProfileStatus
    actor: str | None
    reason: str


@dataclass
class DemoProfile:
    user: int
    role: ProfileRole
    columns: dict[str, Any]
    origin: str
    tags: frozenset[str]
    age_at_application: int
    born_here: bool = False
    years_here: int | None = None
    story: str = ""  # what happens to this member (see journeys.MENTEE_STORIES)
    applied_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    steps: list[StatusStep] = field(default_factory=list)
    places_taken: int = 0
    job_luck: float = 1.0  # below the job rates, a mentee with a job goal finds work

    @property
    def status(self) -> ProfileStatus:
        return self.steps[-1].status if self.steps else ProfileStatus.APPLIED


@dataclass
class PairStep:
    at: dt.datetime
    state: State
    actor: str | None
    reason: str  # a code of mentorships.reasons
    note: str = ""  # what the person wrote about it


@dataclass
class Goal:
    key: str
    description: str
    target_date: dt.date | None
    status: GoalStatus
    activities: list[tuple[str, dt.date | None, dt.datetime | None]] = field(default_factory=list)


@dataclass
class Meeting:
    held_on: dt.date
    minutes: int
    mode: MeetingMode
    notes: str
    goals: list[int]  # positions in the pair's goals
    by_mentee: bool


@dataclass
class CheckIn:
    at: dt.datetime
    by_mentee: bool
    rating: int
    text: str
    contact_me: bool
    handled_at: dt.datetime | None


@dataclass
class DemoPair:
    mentee: int
    origin: Origin
    steps: list[PairStep]
    mentor: int = -1
    columns: dict[str, Any] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)
    dropped: bool = False  # no mentor had room: the pair never happened

    @property
    def state(self) -> State:
        return self.steps[-1].state

    @property
    def created_at(self) -> dt.datetime:
        return self.steps[0].at

    @property
    def ended_at(self) -> dt.datetime | None:
        """When the pair stopped holding a place (or stopped being open); None if it still does."""
        last = self.steps[-1]
        return last.at if last.state in _OVER else None

    def reached(self, state: State) -> dt.datetime | None:
        return next((step.at for step in self.steps if step.state is state), None)


_OVER = frozenset(
    {State.COMPLETED, State.DECLINED, State.WITHDRAWN, State.EXPIRED, State.ENDED_EARLY}
)


@dataclass
class DemoOutcome:
    profile: int
    pair: int | None
    stage: str
    months_after: int | None
    due_on: dt.date | None
    situation: Situation | None
    occupation_code: str | None
    recorded_at: dt.datetime | None
    reminded_at: dt.datetime | None
    created_at: dt.datetime


@dataclass
class DemoNetwork:
    slug: str
    now: dt.datetime
    users: list[DemoUser] = field(default_factory=list)
    profiles: list[DemoProfile] = field(default_factory=list)
    pairs: list[DemoPair] = field(default_factory=list)
    outcomes: list[DemoOutcome] = field(default_factory=list)
    interview_notes: list[tuple[int, str, dt.datetime]] = field(default_factory=list)
    named: dict[str, int] = field(default_factory=dict)  # e-mail local part -> profile index
