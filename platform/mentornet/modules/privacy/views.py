"""A member's own data: the readable page, the JSON download, consents and erasure."""

from __future__ import annotations

import json

from flask import Response, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from mentornet.extensions import db
from mentornet.modules.privacy import operations
from mentornet.modules.privacy.schemas import EraseAccountSchema, WithdrawConsentSchema
from mentornet.modules.profiles.models import Consent
from mentornet.modules.profiles.operations import PRIVACY, SENSITIVE, consents_of
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import empty_form, flash_errors, parse_form

CONSENT_TITLES = {
    PRIVACY: _l("The network's privacy notice"),
    SENSITIVE: _l("Keeping sensitive information (origin, story, private answers)"),
}

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
