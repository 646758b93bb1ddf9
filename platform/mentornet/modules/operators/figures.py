"""Figures across networks, per network and year, with no person in them.

Per calendar year in which pairs closed: pairs completed, the share of them that counts as a
success, "found a job" among mentees who had a job goal (with its denominator), the median number
of days from a mentee's approval to her agreed pair (by the year the pair started), and the share of
closed pairs that ended early. A cell computed from fewer than MIN_PEOPLE people is withheld
(`Cell.withheld`): small groups could point to someone.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.mentorships.cycle_models import JOB_SITUATIONS
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.mentorships.outcomes import goal_outcome_columns
from mentornet.modules.profiles.models import ProfileStatus, ProfileStatusChange
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import list_tenants, tenant_session

MIN_PEOPLE = 10


@dataclass(frozen=True)
class Cell:
    """A figure and the number of people it was computed from; withheld below MIN_PEOPLE."""

    value: float | None
    people: int

    @property
    def withheld(self) -> bool:
        return self.people < MIN_PEOPLE


@dataclass(frozen=True)
class YearFigures:
    slug: str
    year: int
    completed: Cell  # value: the count itself
    success_share: Cell
    job_found_share: Cell
    job_wanted: Cell  # the denominator of job_found_share
    median_days_to_pair: Cell
    early_end_share: Cell


def figures(session: Session) -> list[YearFigures]:
    rows: list[YearFigures] = []
    for tenant in list_tenants(session):
        with tenant_session(tenant.slug) as (bound, row):
            rows.extend(_network_figures(bound, row.slug, goal_outcome_by_year(bound, row)))
    return rows


def goal_outcome_by_year(
    session: Session, tenant: Tenant, kind: str = "job"
) -> dict[int, tuple[int, int]]:
    """Per year a mentorship ended: (mentees whose plan had a goal of this kind, those of them in
    a situation that counts at closing or a follow-up). Only "job" has its situations today."""
    keys = [goal.key for goal in tenant.config.goals if goal.outcome == kind]
    if not keys or kind != "job":
        return {}
    wanted, reached, ended_with_goal = goal_outcome_columns(keys, JOB_SITUATIONS)
    year = sa.extract("year", Mentorship.closed_at)
    rows = session.execute(
        sa.select(year, wanted, reached)
        .where(ended_with_goal, Mentorship.closed_at.is_not(None))
        .group_by(year)
    )
    return {int(y): (int(wanted), int(reached)) for y, wanted, reached in rows}


def _network_figures(
    session: Session, slug: str, jobs: dict[int, tuple[int, int]]
) -> list[YearFigures]:
    year = sa.extract("year", Mentorship.closed_at)
    closed: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for closing_year, state, success, count in session.execute(
        sa.select(year, Mentorship.state, Mentorship.success, sa.func.count())
        .where(
            Mentorship.state.in_((State.COMPLETED, State.ENDED_EARLY)),
            Mentorship.closed_at.is_not(None),
        )
        .group_by(year, Mentorship.state, Mentorship.success)
    ):
        cell = closed[int(closing_year)]
        cell[str(state)] += int(count)
        if state == State.COMPLETED and success:
            cell["successful"] += int(count)
    waits = _days_to_pair(session)
    years = sorted(set(closed) | set(jobs) | set(waits), reverse=True)
    result = []
    for each in years:
        done = closed[each][str(State.COMPLETED)]
        early = closed[each][str(State.ENDED_EARLY)]
        wanted, reached = jobs.get(each, (0, 0))
        days = waits.get(each, [])
        result.append(
            YearFigures(
                slug=slug,
                year=each,
                completed=Cell(done, done),
                success_share=Cell(_share(closed[each]["successful"], done), done),
                job_found_share=Cell(_share(reached, wanted), wanted),
                job_wanted=Cell(wanted, wanted),
                median_days_to_pair=Cell(statistics.median(days) if days else None, len(days)),
                early_end_share=Cell(_share(early, done + early), done + early),
            )
        )
    return result


def _days_to_pair(session: Session) -> dict[int, list[float]]:
    """Per year a pair started: the days from the mentee's approval to the start of the pair."""
    approved = (
        sa.select(
            ProfileStatusChange.profile_id,
            sa.func.min(ProfileStatusChange.created_at).label("at"),
        )
        .where(ProfileStatusChange.to_status == ProfileStatus.APPROVED)
        .group_by(ProfileStatusChange.profile_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(Mentorship.started_at, approved.c.at)
        .join(approved, approved.c.profile_id == Mentorship.mentee_profile_id)
        .where(Mentorship.started_at.is_not(None))
    )
    waits: dict[int, list[float]] = defaultdict(list)
    for started, approved_at in rows:
        if isinstance(started, datetime) and isinstance(approved_at, datetime):
            started, approved_at = _naive(started), _naive(approved_at)
            waits[started.year].append(max(0.0, (started - approved_at).total_seconds() / 86400))
    return waits


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
