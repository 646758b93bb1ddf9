"""iCalendar invitations for an event (RFC 5545/5546), made with the icalendar library.

One UID per event (`event-<id>@<network host>`) and SEQUENCE = event.sequence, so a calendar
updates the entry it already has when the event changes, and removes it on METHOD:CANCEL.
"""

from __future__ import annotations

from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from mentornet.core.types import utcnow
from mentornet.modules.events.models import Event
from mentornet.modules.tenants.models import localized

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"  # a download from her page: no invitation to answer


def event_uid(event: Event, host: str) -> str:
    return f"event-{event.id}@{host}"


def invitation(
    event: Event,
    *,
    host: str,
    locale: str,
    fallback: str,
    method: str,
    organizer: tuple[str, str],
    attendee: str | None = None,
) -> str:
    """The calendar file for one person, texts in her language; `organizer` is (name, address)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Mentornet//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    entry = CalendarEvent()
    entry.add("uid", event_uid(event, host))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", utcnow())
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", localized(event.title, locale, fallback))
    description = localized(event.description, locale, fallback)
    if description:
        entry.add("description", description)
    location = event.place or event.online_link
    if location:
        entry.add("location", location)
    if event.online_link:
        entry.add("url", event.online_link)
    cancelled = method == CANCEL or event.is_cancelled
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    name, address = organizer
    sender = vCalAddress(f"mailto:{address}")
    if name:
        sender.params["CN"] = vText(name)
    entry.add("organizer", sender, encode=False)
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["ROLE"] = vText("REQ-PARTICIPANT")
        entry.add("attendee", address, encode=False)
    calendar.add_component(entry)
    return str(calendar.to_ical().decode())
