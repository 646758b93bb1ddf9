"""A member's events: /<slug>/me/events (join, cancel, her calendar file)."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.core.i18n import current_locale, language_name
from mentornet.core.types import utcnow
from mentornet.extensions import db
from mentornet.modules.events import feeds, ics, notifications, operations, times
from mentornet.modules.events.audiences import audiences_of
from mentornet.modules.events.listing import event_rows, upcoming
from mentornet.modules.events.models import (
    ACTIVE,
    HOLDS_PLACE,
    KIND_LABELS,
    STATE_LABELS,
    Event,
    EventStatus,
    Registration,
    RegistrationState,
)
from mentornet.modules.profiles.operations import profiles_of
from mentornet.web.boundary import refusal_goes_to


def my_events() -> ResponseReturnValue:
    now = utcnow()
    mine = {r.event_id: r for r in operations.registrations_of(db.session, current_user)}
    audiences = audiences_of(profiles_of(db.session, current_user))
    coming = upcoming(db.session, now)
    joined = [e for e in coming if e.id in mine and mine[e.id].state in ACTIVE]
    open_to_her = [
        e
        for e in coming
        if e.status is EventStatus.SCHEDULED
        and e.audience in audiences
        and not (e.id in mine and mine[e.id].state in ACTIVE)
        and (e.registration_closes_at or e.starts_at) > now
    ]
    return render_template(
        "events/my_events.html",
        joined=event_rows(db.session, joined),
        open_to_her=event_rows(db.session, open_to_her),
        mine=mine,
        feed=feeds.feed_of(db.session, current_user),
        now=now,
        holds_place=HOLDS_PLACE,
        offered=RegistrationState.OFFERED,
        kind_labels=KIND_LABELS,
        state_labels=STATE_LABELS,
        when=_when,
        language_name=language_name,
        registration_open=operations.registration_open,
    )


def register(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    back = url_for("events.my_events")
    refusal_goes_to(back)
    registration = operations.register(db.session, g.tenant, event, current_user)
    if registration.state in HOLDS_PLACE:
        flash(_("You have a place. We have sent you the invitation by e-mail."), "success")
    else:
        flash(_("The event is full: you are on the waiting list."), "success")
    return redirect(back, 303)


def cancel_registration(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    registration = _mine(event)
    back = url_for("events.my_events")
    refusal_goes_to(back)
    operations.cancel_registration(db.session, g.tenant, registration, actor=current_user)
    flash(_("Your registration has been cancelled."), "success")
    return redirect(back, 303)


def accept_offer(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    registration = _mine(event)
    back = url_for("events.my_events")
    refusal_goes_to(back)
    operations.accept_offer(db.session, g.tenant, registration)
    flash(_("You have a place. We have sent you the invitation by e-mail."), "success")
    return redirect(back, 303)


def calendar_file(event_id: int) -> ResponseReturnValue:
    """Her event as an .ics file, for people whose mail drops the attached invitation."""
    event = _load(event_id)
    registration = _mine(event)
    if registration.state not in HOLDS_PLACE:
        abort(404)
    content = notifications.calendar_file(
        db.session, g.tenant, event, current_user, current_locale(), ics.PUBLISH
    )
    response = Response(content, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="event-{event.id}.ics"'
    return response


def _load(event_id: int) -> Event:
    event = operations.get_event(db.session, event_id)
    if event is None:
        abort(404)
    return event


def _mine(event: Event) -> Registration:
    registration = operations.registration_of(db.session, event, current_user)
    if registration is None:
        abort(404)
    return registration


def _when(moment: Any, format: times.Length = "medium") -> str:
    return times.when(g.tenant, moment, format)
