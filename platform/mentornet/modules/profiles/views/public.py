"""The public application forms: /<slug>/apply/mentee and /<slug>/apply/mentor.

Applying with an address that already has an account here answers exactly as a new application
does (no account enumeration); the owner of the address is e-mailed instead.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.core.i18n import current_locale, term
from mentornet.core.i18n import gettext_terms as _t
from mentornet.extensions import db, limiter
from mentornet.modules.accounts.operations import (
    get_user_by_email,
    refuse_weak_password,
    tell_owner_of_application,
)
from mentornet.modules.accounts.passwords import hash_password
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.notifications import application_received
from mentornet.modules.profiles.operations import submit_application
from mentornet.modules.profiles.views.common import render_profile_form, specs_for, validate_form
from mentornet.web.boundary import refusal_shows_form
from mentornet.web.forms import empty_form

TEMPLATE = "profiles/apply.html"
APPLY_LIMIT = "20 per hour"


@limiter.limit(APPLY_LIMIT, methods=["POST"])
def apply_mentee() -> ResponseReturnValue:
    return _apply(ProfileRole.MENTEE)


@limiter.limit(APPLY_LIMIT, methods=["POST"])
def apply_mentor() -> ResponseReturnValue:
    return _apply(ProfileRole.MENTOR)


def _apply(role: ProfileRole) -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("portal.me"))
    specs = specs_for(role, "password")
    context = {
        "title": _t("Apply as %(role)s", role=term(role.value)),
        "intro": _t(
            "It is free. After you apply, we invite you to an information meeting and a talk with a %(coordinator)s."
        ),
        "submit_label": _("Send my application"),
    }
    if request.method != "POST":
        return render_profile_form(TEMPLATE, empty_form(), specs, **context)
    form = validate_form(role, "password", specs)
    if not form.ok:
        return render_profile_form(TEMPLATE, form, specs, status=422, **context)
    refusal_shows_form(
        form, lambda: render_profile_form(TEMPLATE, form, specs, status=422, **context)
    )
    account = form.data["account"]
    refuse_weak_password(account["password"], account["email"], account["name"])
    account.setdefault("locale", current_locale())
    owner = get_user_by_email(db.session, account["email"])
    if owner is None:
        user, profile = submit_application(db.session, g.tenant, role, form.data)
        application_received(db.session, g.tenant, user, profile)
    else:
        # The same answer, and about the same time, as a new application: only the owner of the
        # address learns that it has an account here.
        hash_password(account["password"])
        tell_owner_of_application(db.session, g.tenant, owner)
    # Signed in by neither: a new account signed in at once would tell the two apart.
    flash(
        _(
            "Thank you! We have received your application. Log in with your e-mail address and password to follow it."
        ),
        "success",
    )
    return redirect(url_for("accounts.login"))
