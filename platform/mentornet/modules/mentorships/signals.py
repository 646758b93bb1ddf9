"""Signals of the mentorships module (blinker): it sends none yet, and answers these."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.mentorships.cycle_models import PlanGoal
from mentornet.modules.mentorships.outcomes import record_intake_outcome
from mentornet.modules.profiles.signals import profile_applied
from mentornet.modules.tenants.signals import settings_keys_in_use


def _goals_in_plans(session: Session, *, kind: str, keys: set[str]) -> dict[str, int]:
    """How many plans of the network work on each goal."""
    if kind != "goal" or not keys:
        return {}
    rows = session.execute(
        sa.select(PlanGoal.goal_key, sa.func.count())
        .where(PlanGoal.goal_key.in_(keys))
        .group_by(PlanGoal.goal_key)
    )
    return {str(key): int(count) for key, count in rows}


#: (signal, receiver) pairs that create_app connects (configure_signals).
RECEIVERS = (
    (profile_applied, record_intake_outcome),
    (settings_keys_in_use, _goals_in_plans),
)
