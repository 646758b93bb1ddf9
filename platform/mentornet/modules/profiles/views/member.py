"""A member's own profile: /<slug>/me/profile, pausing and resuming."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.extensions import db
from mentornet.modules.profiles import operations
from mentornet.modules.profiles.forms import FieldSpec, form_values
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.schemas import sensitive_keys
from mentornet.modules.profiles.views.common import render_profile_form, specs_for, validate_form
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import FormResult

TEMPLATE = "profiles/apply.html"


def own_profile() -> Profile:
    """The signed-in member's profile (?role= picks one when she has two); 404 if none."""
    profiles = operations.profiles_of(db.session, current_user)
    wanted = request.values.get("role")
    for profile in profiles:
        if wanted is None or profile.role.value == wanted:
            return profile
    raise NotFound()


def _specs(profile: Profile) -> list[FieldSpec]:
    specs = specs_for(profile.role, None)
    if profile.role is ProfileRole.MENTEE:
        labels = {spec.name: spec.label for spec in specs}
        keys = sensitive_keys(g.tenant.config, profile.role)
        specs.insert(
            len(specs) - 1,
            FieldSpec(
                "shared_with_mentor",
                "checkboxes",
                _lt("Which private parts may your %(mentor)s read?"),
                help=_lt("Nothing private is shown to a %(mentor)s unless you tick it here."),
                choices=[(key, labels.get(key, key)) for key in keys],
                section="consent",
            ),
        )
    return specs


def edit_profile() -> ResponseReturnValue:
    profile = own_profile()
    specs = _specs(profile)
    context = {
        "title": _("Your profile"),
        "intro": _("Keep your profile up to date so that we can find a good match for you."),
        "submit_label": _("Save"),
    }
    if request.method != "POST":
        values = form_values(profile, specs)
        values["consent_sensitive"] = operations.has_consent(
            db.session, current_user, operations.SENSITIVE
        )
        return render_profile_form(TEMPLATE, FormResult(values=values), specs, **context)
    form = validate_form(profile.role, None, specs)
    if not form.ok:
        return render_profile_form(TEMPLATE, form, specs, status=422, **context)
    refusal_shows_form(
        form, lambda: render_profile_form(TEMPLATE, form, specs, status=422, **context)
    )
    operations.update_profile(db.session, profile, current_user, form.data)
    flash(_("Your profile has been saved."), "success")
    return redirect(url_for("portal.me"))


def pause_profile() -> ResponseReturnValue:
    profile = own_profile()
    refusal_goes_to(url_for("portal.me"))
    operations.change_status(
        db.session,
        g.tenant,
        profile,
        ProfileStatus.PAUSED,
        actor=current_user,
        reason="paused by member",
    )
    flash(
        _("Your profile is paused. We will not propose any matches until you resume it."), "success"
    )
    return redirect(url_for("portal.me"))


def resume_profile() -> ResponseReturnValue:
    profile = own_profile()
    refusal_goes_to(url_for("portal.me"))
    operations.resume_profile(db.session, profile, actor=current_user)
    flash(_("Welcome back! Your profile is active again."), "success")
    return redirect(url_for("portal.me"))
