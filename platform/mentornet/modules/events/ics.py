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
    calendar = _calendar(method)
    entry = _entry(event, host=host, locale=locale, fallback=fallback)
    if method == CANCEL:
        entry.pop("status")
        entry.add("status", "CANCELLED")
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


def feed(events: list[Event], *, host: str, locale: str, fallback: str, name: str) -> str:
    """Her calendar feed: every event she holds a place at, the same UIDs and SEQUENCEs as the
    invitations (so a calendar that has both keeps one entry), cancelled ones as CANCELLED."""
    calendar = _calendar(PUBLISH)
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_entry(event, host=host, locale=locale, fallback=fallback))
    return str(calendar.to_ical().decode())


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Mentornet//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _entry(event: Event, *, host: str, locale: str, fallback: str) -> CalendarEvent:
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
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return entry
