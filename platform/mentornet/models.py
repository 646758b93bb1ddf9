"""Every module's models, imported so the metadata (and Alembic) knows each table."""

from mentornet.modules.accounts.models import LoginSession, User, UserRole
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.matching.models import MatchingBatch
from mentornet.modules.mentorships.cycle_models import Activity, CheckIn, Meeting, Outcome, PlanGoal
from mentornet.modules.mentorships.models import Mentorship, MentorshipTransition
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import (
    Consent,
    InterviewNote,
    Profile,
    ProfileStatusChange,
)
from mentornet.modules.tenants.models import Tenant, TenantHost, TenantSettingsVersion

__all__ = [
    "Activity",
    "AuditEntry",
    "CheckIn",
    "Consent",
    "InterviewNote",
    "LoginSession",
    "MatchingBatch",
    "Meeting",
    "Mentorship",
    "MentorshipTransition",
    "OutboxMessage",
    "Outcome",
    "PlanGoal",
    "Profile",
    "ProfileStatusChange",
    "Tenant",
    "TenantHost",
    "TenantSettingsVersion",
    "User",
    "UserRole",
]
