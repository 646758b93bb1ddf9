"""Locales: which ones exist, which one a request gets, and its text direction (docs/languages.md)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale
from babel.lists import format_list
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale, lazy_pgettext
from flask_login import current_user

# Locales with a core catalogue in translations/. A tenant may only use these.
CORE_LOCALES: tuple[str, ...] = ("en", "da", "ar", "fr")
SOURCE_LOCALE = "en"
LANG_SESSION_KEY = "lang"


def allowed_locales() -> list[str]:
    """The locales of the current tenant, or of the platform pages outside any tenant."""
    tenant = g.get("tenant")
    if tenant is not None:
        return list(tenant.locales)
    return list(current_app.config["PLATFORM_LOCALES"])


def default_locale() -> str:
    tenant = g.get("tenant")
    if tenant is not None:
        return str(tenant.default_locale)
    return str(current_app.config["PLATFORM_DEFAULT_LOCALE"])


def select_locale() -> str:
    """The person's choice, then Accept-Language, then the tenant default; always a tenant locale."""
    allowed = allowed_locales()
    if not has_request_context():
        return default_locale()
    chosen = session.get(LANG_SESSION_KEY)
    if chosen in allowed:
        return str(chosen)
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in allowed:
        return str(user_locale)
    best = request.accept_languages.best_match(allowed)
    return best or default_locale()


def remember_requested_locale() -> None:
    """Honour ?lang=xx when xx is one of the allowed locales; ignore it otherwise."""
    requested = request.args.get("lang")
    if requested and requested in allowed_locales():
        session[LANG_SESSION_KEY] = requested


@cache
def text_direction(locale: str) -> str:
    """'rtl' or 'ltr', from CLDR."""
    return str(Locale.parse(locale).text_direction)


@cache
def native_language_name(locale: str) -> str:
    """A language's name in that language ("dansk", "العربية"), for the language switcher."""
    name = Locale.parse(locale).get_display_name(locale) or locale
    return name[:1].upper() + name[1:]


def current_locale() -> str:
    return str(get_locale() or SOURCE_LOCALE)


def join_list(items: Iterable[object]) -> str:
    """A list in words of the current locale: "a, b og c", "أ، ب و ج"."""
    words = [str(item) for item in items]
    return format_list(words, locale=current_locale()) if words else ""


def country_name(code: str) -> str:
    """An ISO 3166 country name in the current locale."""
    return str(Locale.parse(current_locale()).territories.get(code.upper(), code))


def language_name(code: str) -> str:
    """A language's name in the current locale."""
    return str(Locale.parse(current_locale()).languages.get(code, code))


def language_names(codes: Iterable[str]) -> str:
    """Language codes as a list of names in words: "swahili og arabisk"."""
    return join_list(language_name(code) for code in codes)


def language_skills(skills: Iterable[dict[str, str]]) -> str:
    """A profile's languages with their levels: "Swahili (C2), Arabic (B1)" in the locale's list."""
    return join_list(f"{language_name(s['code'])} ({s['level']})" for s in skills)


def labels_of(keys: Iterable[str], labels: dict[str, object]) -> str:
    """Keys shown by their labels, as a list in words (a key without a label shows as itself)."""
    return join_list(labels.get(key, key) for key in keys)


def term(key: str) -> str:
    """A piece of terminology ("mentee", "mentor") in the tenant's own wording if it has one."""
    tenant = g.get("tenant")
    locale = current_locale()
    if tenant is not None:
        own = tenant.config.terminology.get(key, {})
        if own.get(locale):
            return str(own[locale])
    return core_term(key)


def core_term(key: str) -> str:
    """The platform's own word for a term in the current locale, whatever the network calls it."""
    return str(_TERMS[key])


# Core wording of the terms; the context "terminology" keeps them apart from other uses of the words.
_TERMS = {
    "mentee": lazy_pgettext("terminology", "mentee"),
    "mentees": lazy_pgettext("terminology", "mentees"),
    "mentor": lazy_pgettext("terminology", "mentor"),
    "mentors": lazy_pgettext("terminology", "mentors"),
    "mentorship": lazy_pgettext("terminology", "mentorship"),
    "coordinator": lazy_pgettext("terminology", "coordinator"),
    "network": lazy_pgettext("terminology", "network"),
}
