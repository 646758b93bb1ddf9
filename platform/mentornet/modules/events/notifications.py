"""E-mails about an event, each in its recipient's language, with the calendar invitation.

A confirmation carries the event as an .ics attachment (METHOD:REQUEST); a cancellation carries
METHOD:CANCEL with the same UID and a higher SEQUENCE, so her calendar removes the entry.
"""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.events import ics
from mentornet.modules.events.models import Event, Registration, RegistrationState
from mentornet.modules.events.times import when
from mentornet.modules.outbox.notify import network_root, page_url
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.tenants.models import Tenant, localized


def registration_confirmed(
    session: Session,
    tenant: Tenant,
    event: Event,
    user: User,
    registration: Registration,
    cancel_token: str,
) -> None:
    cancel_link = cancel_url(session, tenant, cancel_token)
    if registration.state is RegistrationState.WAITLISTED:
        _send(session, tenant, event, user, "waitlisted", method=None, cancel_link=cancel_link)
    else:
        _send(
            session, tenant, event, user, "registered", method=ics.REQUEST, cancel_link=cancel_link
        )


def place_given(
    session: Session, tenant: Tenant, event: Event, user: User, cancel_token: str
) -> None:
    cancel_link = cancel_url(session, tenant, cancel_token)
    _send(session, tenant, event, user, "place_given", method=ics.REQUEST, cancel_link=cancel_link)


def place_offered(
    session: Session,
    tenant: Tenant,
    event: Event,
    user: User,
    registration: Registration,
    token: str,
) -> None:
    """A place is hers if she takes it in time: the link leads to the page to accept it."""
    expires = registration.offer_expires_at
    _send(
        session,
        tenant,
        event,
        user,
        "place_offered",
        method=None,
        offer_link=page_url(session, tenant, f"/events/offer?token={token}"),
        until=lambda: when(tenant, expires, "full") if expires else "",
    )


def offer_expired(session: Session, tenant: Tenant, event: Event, user: User) -> None:
    _send(session, tenant, event, user, "offer_expired", method=None)


def cancel_url(session: Session, tenant: Tenant, token: str) -> str:
    """The one-click cancel link: the token in the query, which the access logs drop; the page
    moves it into the session at once (like the password reset link)."""
    return page_url(session, tenant, f"/events/cancel?token={token}")


def event_changed(session: Session, tenant: Tenant, event: Event, user: User) -> None:
    _send(session, tenant, event, user, "changed", method=ics.REQUEST)


def event_cancelled(session: Session, tenant: Tenant, event: Event, user: User) -> None:
    _send(session, tenant, event, user, "cancelled", method=ics.CANCEL)


def registration_cancelled(session: Session, tenant: Tenant, event: Event, user: User) -> None:
    _send(session, tenant, event, user, "registration_cancelled", method=ics.CANCEL)


def reminder(session: Session, tenant: Tenant, event: Event, user: User) -> None:
    """The day before: when and where (she holds a place, so the place and link are hers)."""
    _send(
        session,
        tenant,
        event,
        user,
        "reminder",
        method=None,
        place=event.place,
        online_link=event.online_link,
    )


def network_host(session: Session, tenant: Tenant) -> str:
    """The host named in every UID of the network's events (its own host, else the platform's)."""
    return urlsplit(network_root(session, tenant)).hostname or "localhost"


def calendar_file(
    session: Session, tenant: Tenant, event: Event, user: User, locale: str, method: str
) -> str:
    return ics.invitation(
        event,
        host=network_host(session, tenant),
        locale=locale,
        fallback=tenant.default_locale,
        method=method,
        organizer=parseaddr(current_app.config["MAIL_FROM"]),
        attendee=user.email,
    )


def _send(
    session: Session,
    tenant: Tenant,
    event: Event,
    user: User,
    what: str,
    *,
    method: str | None,
    **extra: Any,
) -> None:
    if not user.active:
        return
    locale = user.locale if user.locale in tenant.locales else tenant.default_locale
    attachments = []
    if method is not None:
        content = calendar_file(session, tenant, event, user, locale, method)
        attachments.append(
            {
                "filename": f"event-{event.id}.ics",
                "mime_type": "text/calendar",
                "method": method,
                "content": content,
            }
        )
    message = queue_message(
        session,
        kind=f"event_{what}",
        recipient=user.email,
        locale=locale,
        template=f"events/email/{what}.txt",
        network=tenant.name(locale),
        name=user.name,
        link=page_url(session, tenant, "/me/events"),
        title=localized(event.title, locale, tenant.default_locale),
        # Called while the message renders, in her language.
        when=lambda: when(tenant, event.starts_at, "full"),
        zone=tenant.config.timezone,
        **extra,
    )
    message.attachments = attachments
