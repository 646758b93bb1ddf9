"""E-mails about a pair, each in its recipient's language, through the outbox.

One message for every step that needs someone to act: answer a proposal, make or confirm the plan,
check in, give results and an evaluation, and for staff a member's "please contact me".
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.notify import coordinators, notify_user
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant

# Events whose link goes to the pair's page rather than the member's front page.
CYCLE_EVENTS = frozenset({"agreed", "confirm_plan", "active", "closing", "check_in_due"})


def notify(
    session: Session,
    tenant: Tenant,
    mentorship: Mentorship,
    event: str,
    *,
    recipients: list[Profile],
) -> None:
    """Queue one message per recipient about what happened to the pair."""
    path = f"/me/mentorships/{mentorship.id}" if event in CYCLE_EVENTS else "/me/"
    for profile in recipients:
        user = session.get(User, profile.user_id)
        if user is not None:
            notify_user(
                session,
                tenant,
                user,
                kind=f"mentorship_{event}",
                template=f"mentorships/email/{event}.txt",
                path=path,
            )


def notify_staff(session: Session, tenant: Tenant, mentorship: Mentorship, event: str) -> None:
    """Tell the network's coordinators, each in her own language."""
    for user in coordinators(session):
        notify_user(
            session,
            tenant,
            user,
            kind=f"staff_{event}",
            template=f"mentorships/email/{event}.txt",
            path=f"/staff/mentorships/{mentorship.id}",
        )
