"""The one-click cancel link of the confirmation e-mail: /<slug>/events/cancel?token=...

Like the password reset link: the first request moves the token into the session and redirects
to /<slug>/events/cancel, so the page, the browser's history and any Referer carry no token. The
page asks to confirm with a POST button (a mail scanner that follows links cancels nothing). No
login is needed: the link proves her mailbox.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from mentornet.core.types import utcnow
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations, times
from mentornet.modules.events.models import HOLDS_PLACE, Event, RegistrationState
from mentornet.web.boundary import refusal_goes_to

TOKEN_KEY = "event_cancel_token"  # noqa: S105 (the session key, not a secret)


def cancel_by_link() -> ResponseReturnValue:
    if token := request.args.get("token"):
        operations.registration_for_cancel_token(db.session, token)
        session[TOKEN_KEY] = token
        return redirect(url_for("events.cancel_by_link"), 303)
    registration = operations.registration_for_cancel_token(db.session, session.get(TOKEN_KEY, ""))
    event = db.session.get(Event, registration.event_id)
    member = db.session.get(User, registration.user_id)
    if event is None or member is None:  # the foreign keys keep both
        abort(404)
    if request.method == "POST":
        refusal_goes_to(url_for("events.cancel_by_link"))
        operations.cancel_registration(db.session, g.tenant, registration, actor=member)
        session.pop(TOKEN_KEY, None)
        flash(_("Your registration has been cancelled."), "success")
        return render_template("events/cancel_link.html", event=event, done=True)
    now = utcnow()
    held = registration.state in HOLDS_PLACE
    deadline = event.cancellation_deadline
    too_late = now >= event.starts_at or (
        registration.state is RegistrationState.REGISTERED
        and deadline is not None
        and now > deadline
    )
    return render_template(
        "events/cancel_link.html",
        event=event,
        done=False,
        held=held,
        too_late=too_late,
        when=lambda moment: times.when(g.tenant, moment, "full"),
    )


def offer_by_link() -> ResponseReturnValue:
    """The link of the e-mail offering a freed place: GET moves the token into the session (the
    same key as the cancel link) and shows the page with *Accept* (POST here) and *Decline*
    (POST to the cancel link's page); the time it runs until is on the page."""
    if token := request.args.get("token"):
        operations.registration_for_cancel_token(db.session, token)
        session[TOKEN_KEY] = token
        return redirect(url_for("events.offer_by_link"), 303)
    registration = operations.registration_for_cancel_token(db.session, session.get(TOKEN_KEY, ""))
    event = db.session.get(Event, registration.event_id)
    if event is None:
        abort(404)
    if request.method == "POST":
        refusal_goes_to(url_for("events.offer_by_link"))
        operations.accept_offer(db.session, g.tenant, registration)
        session.pop(TOKEN_KEY, None)
        flash(_("You have a place. We have sent you the invitation by e-mail."), "success")
        return render_template("events/offer_link.html", event=event, registration=None)
    return render_template(
        "events/offer_link.html",
        event=event,
        registration=registration,
        offered=registration.state is RegistrationState.OFFERED,
        when=lambda moment: times.when(g.tenant, moment, "full"),
    )
