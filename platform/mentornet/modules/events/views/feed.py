"""Her private calendar feed: /<slug>/calendar.ics?token=... (anonymous: the token is the key),
and the page where she makes or renews its link."""

from __future__ import annotations

from flask import Response, abort, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.extensions import db
from mentornet.modules.events import feeds, ics
from mentornet.modules.events.notifications import network_host
from mentornet.modules.outbox.notify import page_url


def calendar_feed() -> ResponseReturnValue:
    """The feed a calendar app fetches. An unknown or replaced token is a 404, like any page
    that does not exist; the feed names nobody and holds only her events."""
    owner = feeds.feed_owner(db.session, request.args.get("token", ""))
    if owner is None:
        abort(404)
    tenant = g.tenant
    locale = (
        owner.locale if owner.locale and owner.locale in tenant.locales else tenant.default_locale
    )
    content = ics.feed(
        feeds.feed_events(db.session, owner),
        host=network_host(db.session, tenant),
        locale=locale,
        fallback=tenant.default_locale,
        name=tenant.name(locale),
    )
    response = Response(content, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def renew_feed() -> ResponseReturnValue:
    """Make (or remake) her feed's link and show it, once: only its hash is kept."""
    token = feeds.renew_feed(db.session, current_user)
    link = page_url(db.session, g.tenant, f"/calendar.ics?token={token}")
    return render_template("events/feed.html", link=link, title=_("Your calendar link"))
