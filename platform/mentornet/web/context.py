"""Values every template may use."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from flask import g, has_request_context, request, url_for
from werkzeug.routing import BuildError

from mentornet.core.i18n import (
    allowed_locales,
    country_name,
    current_locale,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    gendered_gettext,
    gettext_terms,
    join_list,
    labels_of,
    language_name,
    language_names,
    language_skills,
    native_language_name,
    ngettext_terms,
    term,
    term_title,
    text_direction,
)
from mentornet.modules.tenants.models import localized
from mentornet.modules.tenants.resolver import host_tenant_slug


def template_context() -> dict[str, Any]:
    tenant = g.get("tenant")
    locale = current_locale()
    values: dict[str, Any] = {
        "tenant": tenant,
        "page_locale": locale,
        "native_language_name": native_language_name,
        "country_name": country_name,
        "language_name": language_name,
        "join_list": join_list,
        "labels_of": labels_of,
        "language_names": language_names,
        "language_skills": language_skills,
        "term": term,
        "localized": lambda texts: localized(
            texts, locale, tenant.default_locale if tenant else "en"
        ),
        # A message may use any term form as a placeholder; the network's words fill them.
        "_": gettext_terms,
        "_g": gendered_gettext,
        "ngettext": ngettext_terms,
        "term_title": term_title,
        "format_date": format_date,
        "format_datetime": format_datetime,
        "format_decimal": format_decimal,
        "format_percent": format_percent,
    }
    if not has_request_context():  # an e-mail rendered by a daily job: no page around it
        return values
    return values | {
        "site_name": tenant.name(locale) if tenant else "Mentornet",
        "page_direction": text_direction(locale),
        # A "back" link points to where the reader's lines begin.
        "back_arrow": "→" if text_direction(locale) == "rtl" else "←",
        "language_links": language_links(locale),
        "home_url": url_for("portal.index") if tenant else url_for("web.landing"),
        "on_tenant_host": host_tenant_slug() is not None,
    }


def language_links(locale: str) -> list[dict[str, Any]]:
    """One link per allowed locale, back to the same page with ?lang=."""
    base = _current_url()
    return [
        {
            "code": code,
            "name": native_language_name(code),
            "url": f"{base}?lang={code}",
            "current": code == locale,
        }
        for code in allowed_locales()
    ]


def _current_url() -> str:
    if request.endpoint and request.url_rule is not None and request.method == "GET":
        with suppress(BuildError):  # a route that needs more than its view args: fall back
            return url_for(request.endpoint, **(request.view_args or {}))
    return url_for("portal.index") if g.get("tenant") else url_for("web.landing")
