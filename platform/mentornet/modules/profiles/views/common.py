"""Shared by the profile views: schema and form for a role, and rendering the form."""

from __future__ import annotations

from typing import Any

from flask import g, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from mentornet.core.i18n import current_locale
from mentornet.modules.profiles.classifications import search_occupations
from mentornet.modules.profiles.forms import (
    FieldSpec,
    consent_fields,
    occupation_options,
    profile_fields,
    read_form,
)
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.modules.tenants.models import localized
from mentornet.web.forms import FormResult

SECTIONS = [
    ("account", _l("Your account")),
    ("about", _l("About you")),
    ("work", _l("Work and education")),
    ("goals", _l("Goals and time")),
    ("questions", _l("A few more questions")),
    ("private", _l("Private information")),
    ("consent", _l("Privacy and consent")),
]


def specs_for(role: ProfileRole, account: str | None) -> list[FieldSpec]:
    locale = current_locale()
    return profile_fields(g.tenant.config, role, locale, account=account) + consent_fields(
        locale, account=account
    )


def validate_form(role: ProfileRole, account: str | None, specs: list[FieldSpec]) -> FormResult:
    """Read the submitted form and validate it with the one profile schema."""
    values = read_form(specs)
    result = FormResult(values=values)
    try:
        result.data = profile_schema(g.tenant.config, role, account=account).load(values)
    except ValidationError as exc:
        result.add_validation_error(exc)
    return result


def render_profile_form(
    template: str, form: FormResult, specs: list[FieldSpec], status: int = 200, **context: Any
) -> ResponseReturnValue:
    locale = current_locale()
    options = occupation_options(locale)
    privacy = g.tenant.config.privacy
    suggestions = {
        spec.name: search_occupations(str(form.values.get(spec.name, "")), locale, limit=8)
        for spec in specs
        if spec.kind == "occupation" and spec.name in form.errors
    }
    page = render_template(
        template,
        form=form,
        fields=specs,
        sections=SECTIONS,
        occupation_options=options,
        occupation_labels=dict(options),
        suggestions=suggestions,
        labels={spec.name: spec.label for spec in specs},
        privacy_notice=localized(privacy.notice, locale, g.tenant.default_locale),
        privacy_version=privacy.version,
        **context,
    )
    return page, status
