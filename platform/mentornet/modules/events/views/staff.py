"""The staff's event pages: /<slug>/staff/events."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from mentornet.core.i18n import core_locales, language_name
from mentornet.core.schemas import Boolean, Schema
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations, times
from mentornet.modules.events.listing import (
    applicants_without_a_meeting,
    event_rows,
    past,
    upcoming,
)
from mentornet.modules.events.models import (
    HOLDS_PLACE,
    KIND_LABELS,
    REPEAT_LABELS,
    STATE_LABELS,
    Audience,
    Event,
    EventKind,
    Registration,
    RegistrationState,
    Repeat,
    audience_label,
)
from mentornet.modules.events.schemas import TIMES, event_schema, text_field
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import FormResult, flash_errors, parse_form

FIELD_LABELS: dict[str, Any] = {
    "kind": _l("Kind of event"),
    "repeat": _l("Repeat"),
    "occurrences": _l("Number of dates"),
    "audience": _l("Who it is for"),
    "title": _l("Title"),
    "description": _l("Description"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "place": _l("Place"),
    "online_link": _l("Online link"),
    "languages": _l("Languages spoken"),
    "capacity": _l("Places"),
    "registration_opens_at": _l("Registration opens"),
    "registration_closes_at": _l("Registration closes"),
    "cancellation_deadline": _l("Cancel at the latest"),
    "status": _l("Status"),
    "attended": _l("Attendance"),
    "state": _l("Registration"),
}


class AttendanceSchema(Schema):
    attended = Boolean(required=True)


def events() -> ResponseReturnValue:
    return render_template(
        "events/staff/events.html",
        upcoming=event_rows(db.session, upcoming(db.session)),
        past=event_rows(db.session, past(db.session)),
        without_meeting=applicants_without_a_meeting(db.session),
        kind_labels=KIND_LABELS,
        audience_labels=_audience_labels(),
        when=_when,
    )


def new_event() -> ResponseReturnValue:
    if request.method != "POST":
        return _form_page(FormResult(values=_defaults()), None, 200)
    form = parse_form(event_schema(g.tenant), list_fields=("languages",))
    if not form.ok:
        return _form_page(form, None, 400)
    refusal_shows_form(form, lambda: _form_page(form, None, 422))
    events = operations.create_series(db.session, g.tenant, form.data, actor=current_user)
    if len(events) > 1:
        flash(
            ngettext(
                "%(num)d event has been created.", "%(num)d events have been created.", len(events)
            ),
            "success",
        )
        return redirect(url_for("events.events"), 303)
    flash(_("The event has been created."), "success")
    return redirect(url_for("events.staff_event", event_id=events[0].id), 303)


def edit_event(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    if request.method != "POST":
        return _form_page(FormResult(values=_values_of(event)), event, 200)
    form = parse_form(event_schema(g.tenant), list_fields=("languages",))
    if not form.ok:
        return _form_page(form, event, 400)
    refusal_shows_form(form, lambda: _form_page(form, event, 422))
    operations.update_event(db.session, g.tenant, event, form.data, actor=current_user)
    flash(_("The event has been saved."), "success")
    return redirect(url_for("events.staff_event", event_id=event.id), 303)


def staff_event(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    registrations = operations.queue(db.session, event)
    people = {
        user.id: user
        for user in db.session.scalars(
            sa.select(User).where(User.id.in_([r.user_id for r in registrations]))
        )
    }
    holders = [r for r in registrations if r.state in HOLDS_PLACE]
    return render_template(
        "events/staff/event.html",
        event=event,
        holders=holders,
        waiting=[r for r in registrations if r.state is RegistrationState.WAITLISTED],
        cancelled=[r for r in registrations if r.state is RegistrationState.CANCELLED],
        people=people,
        kind_labels=KIND_LABELS,
        audience_labels=_audience_labels(),
        state_labels=STATE_LABELS,
        states=RegistrationState,
        when=_when,
        language_name=language_name,
    )


def cancel_event(event_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    back = url_for("events.staff_event", event_id=event.id)
    refusal_goes_to(back)
    operations.cancel_event(db.session, g.tenant, event, actor=current_user)
    flash(_("The event has been cancelled; everybody who signed up has been told."), "success")
    return redirect(back, 303)


def mark_attendance(event_id: int, registration_id: int) -> ResponseReturnValue:
    event = _load(event_id)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    back = url_for("events.staff_event", event_id=event.id) + f"#registration-{registration.id}"
    form = parse_form(AttendanceSchema())
    if not form.ok:
        flash_errors(form, FIELD_LABELS)
        return redirect(back, 303)
    refusal_goes_to(back)
    operations.mark_attendance(
        db.session, g.tenant, registration, attended=form.data["attended"], actor=current_user
    )
    return redirect(back, 303)


def _audience_labels() -> dict[Audience, str]:
    return {audience: audience_label(audience) for audience in Audience}


def _load(event_id: int) -> Event:
    event = operations.get_event(db.session, event_id)
    if event is None:
        abort(404)
    return event


def _when(moment: Any, format: times.Length = "medium") -> str:
    return times.when(g.tenant, moment, format)


def _defaults() -> dict[str, Any]:
    return {
        "kind": EventKind.INFORMATION_MEETING.value,
        "audience": Audience.APPLICANTS.value,
        "capacity": "20",
        "languages": [g.tenant.default_locale],
        "repeat": Repeat.NONE.value,
        "occurrences": "1",
    }


def _values_of(event: Event) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": event.kind.value,
        "audience": event.audience.value,
        "place": event.place,
        "online_link": event.online_link,
        "languages": list(event.languages),
        "capacity": str(event.capacity),
    }
    for name in TIMES:
        values[name] = times.form_value(g.tenant, getattr(event, name))
    for loc in g.tenant.locales:
        values[text_field("title", loc)] = event.title.get(loc, "")
        values[text_field("description", loc)] = event.description.get(loc, "")
    return values


def _labels() -> dict[str, Any]:
    labels = dict(FIELD_LABELS)
    for loc in g.tenant.locales:
        for kind in ("title", "description"):
            labels[text_field(kind, loc)] = f"{FIELD_LABELS[kind]} ({language_name(loc)})"
    return labels


def _form_page(form: FormResult, event: Event | None, status: int) -> ResponseReturnValue:
    features = g.tenant.config.features
    kinds = [
        kind
        for kind in EventKind
        if kind is EventKind.INFORMATION_MEETING
        or (kind is EventKind.WORKSHOP and features.workshops)
        or (kind is EventKind.SOCIAL and features.social_events)
        or (event is not None and event.kind is kind)
    ]
    page = render_template(
        "events/staff/form.html",
        form=form,
        event=event,
        labels=_labels(),
        kinds=kinds,
        audiences=list(Audience),
        kind_labels=KIND_LABELS,
        audience_labels=_audience_labels(),
        repeats=list(Repeat),
        repeat_labels=REPEAT_LABELS,
        languages=list(core_locales()),
        locales=g.tenant.locales,
        text_field=text_field,
        zone=g.tenant.config.timezone,
    )
    return page, status
