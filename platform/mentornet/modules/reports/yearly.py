"""The network's goal outcomes per calendar year in which the pairs ended (the operators' figures
across networks use them; the dashboard shows the all-time figure, operations.goal_outcome)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.mentorships.cycle_models import JOB_SITUATIONS, Outcome, PlanGoal
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.reports.operations import AFTER_STAGES, ENDED
from mentornet.modules.tenants.models import Tenant


def goal_outcome_by_year(
    session: Session, tenant: Tenant, kind: str = "job"
) -> dict[int, tuple[int, int]]:
    """Per year a mentorship ended: (mentees whose plan had a goal of this kind, those of them in
    a situation that counts at closing or a follow-up). Only "job" has its situations today."""
    keys = [goal.key for goal in tenant.config.goals if goal.outcome == kind]
    if not keys or kind != "job":
        return {}
    had_goal = Mentorship.id.in_(
        sa.select(PlanGoal.mentorship_id).where(PlanGoal.goal_key.in_(keys))
    )
    reached_it = Mentorship.id.in_(
        sa.select(Outcome.mentorship_id).where(
            Outcome.stage.in_(AFTER_STAGES), Outcome.situation.in_(JOB_SITUATIONS)
        )
    )
    year = sa.extract("year", Mentorship.closed_at)
    rows = session.execute(
        sa.select(
            year,
            sa.func.count(sa.distinct(Mentorship.mentee_profile_id)),
            sa.func.count(sa.distinct(sa.case((reached_it, Mentorship.mentee_profile_id)))),
        )
        .where(Mentorship.state.in_(ENDED), Mentorship.closed_at.is_not(None), had_goal)
        .group_by(year)
    )
    return {int(y): (int(wanted), int(reached)) for y, wanted, reached in rows}
