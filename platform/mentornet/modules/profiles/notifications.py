"""E-mails of the intake: the applicant's receipt, and the coordinators' next step."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.notify import coordinators, notify_user
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant


def application_received(session: Session, tenant: Tenant, user: User, profile: Profile) -> None:
    """The applicant hears what happens next; coordinators are asked to invite her or him."""
    notify_user(
        session,
        tenant,
        user,
        kind="application_received",
        template="profiles/email/application_received.txt",
        path="/me/",
    )
    for coordinator in coordinators(session):
        notify_user(
            session,
            tenant,
            coordinator,
            kind="staff_new_application",
            template="profiles/email/new_application.txt",
            path=f"/staff/applicants/{profile.id}",
        )
