"""A member's own data: the readable page, the JSON download, consents and erasure."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Response, abort, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from mentornet.core.i18n import current_locale
from mentornet.core.permissions import PUBLIC, ROUTE_PERMISSIONS
from mentornet.extensions import db
from mentornet.modules.privacy import notices, operations
from mentornet.modules.privacy.schemas import (
    AcceptNoticeSchema,
    EraseAccountSchema,
    WithdrawConsentSchema,
)
from mentornet.modules.profiles.models import Consent
from mentornet.modules.profiles.operations import CONSENT_TITLES, PRIVACY, consents_of
from mentornet.modules.tenants.models import localized
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import empty_form, flash_errors, parse_form

SECTION_TITLES = {
    "account": _l("Your account"),
    "logins": _l("Your sign-ins"),
    "profiles": _l("Your profile and questionnaire answers"),
    "consents": _l("Your consents"),
    "profile_audit": _l("Who looked at your profile"),
    "mentorships": _l("Your mentorships"),
    "outcomes": _l("Your situation over time"),
    "event_registrations": _l("Your events"),
    "messages": _l("E-mails to you"),
    "audit": _l("Audit log entries about you"),
}


def my_data() -> ResponseReturnValue:
    data = operations.export_member_data(db.session, g.tenant, current_user, action="data_viewed")
    return render_template(
        "privacy/my_data.html",
        data=data,
        consents=consents_of(db.session, current_user),
        consent_titles=CONSENT_TITLES,
        privacy_kind=PRIVACY,
        section_titles=SECTION_TITLES,
    )


def export_data() -> ResponseReturnValue:
    data = operations.export_member_data(db.session, g.tenant, current_user)
    response = Response(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        mimetype="application/json",
    )
    filename = f"{g.tenant.slug}-my-data.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def withdraw_consent() -> ResponseReturnValue:
    form = parse_form(WithdrawConsentSchema())
    page = url_for("privacy.my_data")
    if not form.ok:
        flash_errors(form, {"kind": _("Consent")})
        return redirect(page, 303)
    refusal_goes_to(page)
    consent = _open_consent(form.data["kind"])
    if consent is None:
        flash(_("This consent is not in force."), "error")
        return redirect(page, 303)
    operations.withdraw_member_consent(db.session, g.tenant, current_user, consent)
    flash(_("Your consent has been withdrawn."), "success")
    return redirect(page, 303)


def _open_consent(kind: str) -> Consent | None:
    for consent in consents_of(db.session, current_user):
        if consent.kind == kind and consent.withdrawn_at is None:
            return consent
    return None


def erase_account() -> ResponseReturnValue:
    form = empty_form()
    if request.method == "POST":
        form = parse_form(EraseAccountSchema())
        if form.ok:
            refusal_shows_form(
                form, lambda: (render_template("privacy/erase.html", form=form), 422)
            )
            operations.erase_member(db.session, current_user, password=form.data["password"])
            logout_user()
            session.clear()
            flash(_("Your account has been erased. Thank you for having been with us."), "success")
            return redirect(url_for("portal.index"), 303)
        return render_template("privacy/erase.html", form=form), 422
    return render_template("privacy/erase.html", form=form)


# What an account that has not accepted the notice in force may still open: signing out, the
# notice itself and her data rights (seeing, downloading and erasing her data need no consent).
NOTICE_FREE = frozenset(
    {
        "accounts.logout",
        "privacy.notice",
        "privacy.my_data",
        "privacy.export_data",
        "privacy.erase_account",
    }
)


def ask_to_accept_notice() -> ResponseReturnValue | None:
    """before_request: an account of this network that has not accepted the privacy notice in
    force (one published in the admin console) is sent to it from every page that needs a
    sign-in; public pages, the exceptions above and the static files are left alone."""
    endpoint = request.endpoint
    if g.get("tenant") is None or endpoint is None or endpoint in NOTICE_FREE:
        return None
    allowed = ROUTE_PERMISSIONS.get(endpoint)
    if allowed is None or PUBLIC in allowed or not current_user.is_authenticated:
        return None  # enforce_permissions answers these
    if not notices.must_accept(db.session, g.tenant, current_user):
        return None
    if request.blueprint and "/api/" in request.path:
        abort(403)  # a program cannot accept a notice; the person has to, in the browser
    wanted = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("privacy.notice", next=wanted), 303)


def notice() -> ResponseReturnValue:
    """The notice in force in her language; POST: she accepts it (a consent naming its version)."""
    privacy = g.tenant.settings["privacy"]
    if request.method == "POST":
        form = parse_form(AcceptNoticeSchema())
        if form.ok:
            notices.accept_notice(db.session, g.tenant, current_user)
            flash(_("Thank you. You have accepted the privacy notice."), "success")
            return redirect(_safe_next(form.data.get("next", "")) or url_for("portal.me"), 303)
        flash_errors(form, {"next": _("Next page")})
        return redirect(url_for("privacy.notice"), 303)
    accepted = notices.accepted_version(db.session, current_user)
    version = int(privacy["version"])
    published = notices.published_notice(db.session, version)
    return render_template(
        "privacy/notice.html",
        text=localized(privacy["notice"], current_locale(), g.tenant.default_locale),
        version=version,
        published=published,
        contact=privacy["contact"],
        accepted=accepted if accepted is not None and accepted.version >= version else None,
        next_page=_safe_next(request.args.get("next", "")) or "",
    )


def _safe_next(target: str) -> str | None:
    """Only a path on this site (like the login page's `next`); never an address elsewhere."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return None if parts.scheme or parts.netloc else target
