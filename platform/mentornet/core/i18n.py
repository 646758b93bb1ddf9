"""Locales: which ones exist, which one a request gets, and its text direction (docs/languages.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError, dates, numbers, support
from babel.lists import format_list
from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, Domain, get_locale, get_timezone, lazy_pgettext, to_user_timezone
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import ValidationError, validate

from mentornet.core.config import project_root

SOURCE_LOCALE = "en"
LANG_SESSION_KEY = "lang"


def translations_dir() -> Path:
    """TRANSLATIONS_DIR of the running app, else the checkout's translations/."""
    if has_app_context():
        return Path(current_app.config["TRANSLATIONS_DIR"])
    return project_root() / "translations"


def core_locales(translations: Path | None = None) -> tuple[str, ...]:
    """The locales with a core catalogue: translations/<code>/LC_MESSAGES/messages.po exists.
    The source locale first, then the others by code. A network may only use these."""
    return _scan(translations or translations_dir())


def forget_core_locales() -> None:
    """Scan translations/ again next time (after a catalogue was created)."""
    _scan.cache_clear()


@cache
def _scan(translations: Path) -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in translations.glob("*/LC_MESSAGES/messages.po"))
    return tuple(sorted(found, key=lambda code: (code != SOURCE_LOCALE, code)))


class CoreLocale(validate.Validator):
    """Validator: one of core_locales(), read when a value is checked (not when a schema is built)."""

    def __call__(self, value: Any) -> Any:
        return validate.OneOf(core_locales(), error=_l("Choose one of: {choices}."))(value)


class RegionalLocale(validate.Validator):
    """Validator: a locale CLDR knows ("ar_MA", "fr_CA")."""

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str) or not known_locale(value):
            raise ValidationError(str(_l("Enter a locale known to CLDR, like ar_MA or fr_CA.")))
        return value


@cache
def known_locale(code: str) -> bool:
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def platform_locales() -> list[str]:
    """PLATFORM_LOCALES, or every core locale when that setting is empty."""
    return list(current_app.config["PLATFORM_LOCALES"] or core_locales())


def allowed_locales() -> list[str]:
    """The locales of the current tenant, or of the platform pages outside any tenant."""
    tenant = g.get("tenant")
    if tenant is not None:
        return list(tenant.locales)
    return platform_locales()


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


# ---- a network's wording overrides, layered over the core catalogue (docs/languages.md) ----

# (msgctxt or None, msgid) -> the network's forms of that message
OverrideTable = Mapping[tuple[str | None, str], list[str]]
# (tenant, locale) -> the tenant's overrides in that locale, or None when it has none
OverrideSource = Callable[[Any, str], OverrideTable | None]
OVERRIDES_EXTENSION = "mentornet.overrides"


class LayeredTranslations:
    """The core catalogue of a locale, with a network's overrides looked up first.

    Flask-Babel calls gettext/ngettext/pgettext/npgettext (and their u-names) on whatever
    `Domain.get_translations` returns; everything else is the core catalogue's.
    """

    def __init__(self, core: support.NullTranslations, table: OverrideTable) -> None:
        self.core = core
        self.table = table

    def __getattr__(self, name: str) -> Any:
        return getattr(self.core, name)

    def _plural_form(self, forms: list[str], n: int) -> str:
        plural = getattr(self.core, "plural", None)
        index = plural(n) if plural is not None else int(n != 1)
        return forms[min(int(index), len(forms) - 1)]

    def gettext(self, message: str) -> str:
        forms = self.table.get((None, message))
        return forms[0] if forms else str(self.core.ugettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.table.get((None, singular))
        return (
            self._plural_form(forms, n) if forms else str(self.core.ungettext(singular, plural, n))
        )

    def pgettext(self, context: str, message: str) -> str:
        forms = self.table.get((context, message))
        return forms[0] if forms else str(self.core.upgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        forms = self.table.get((context, singular))
        if forms:
            return self._plural_form(forms, n)
        return str(self.core.unpgettext(context, singular, plural, n))

    ugettext = gettext
    ungettext = ngettext
    upgettext = pgettext
    unpgettext = npgettext


class OverridingDomain(Domain):  # type: ignore[misc]
    """Flask-Babel's domain, whose translations are the request's network's overrides over the
    core catalogue (the source is registered by create_app as app.extensions[OVERRIDES_EXTENSION])."""

    def get_translations(self) -> Any:
        core = super().get_translations()
        tenant = g.get("tenant") if has_request_context() else None
        source: OverrideSource | None = current_app.extensions.get(OVERRIDES_EXTENSION)
        if tenant is None or source is None:
            return core
        locale = str(get_locale() or SOURCE_LOCALE)
        # Once per request, locale and overrides version (a save changes the version mid-request).
        memo: dict[tuple[str, int], Any] = g.setdefault("mentornet_layered", {})
        key = (locale, int(getattr(tenant, "overrides_version", 0) or 0))
        if key not in memo:
            table = source(tenant, locale)
            memo[key] = LayeredTranslations(core, table) if table else core
        return memo[key]


class MentornetBabel(Babel):  # type: ignore[misc]
    """Flask-Babel with the overriding domain."""

    @cached_property
    def domain_instance(self) -> Domain:
        return OverridingDomain(domain=self.domain)


def formatting_locale() -> str:
    """The locale dates and numbers are written in: the network's regional locale for the current
    language (`formatting_locales` in tenant.toml, e.g. ar -> ar_MA), else the language itself."""
    locale = current_locale()
    tenant = g.get("tenant") if has_app_context() else None
    if tenant is not None:
        return str(tenant.config.formatting_locales.get(locale, locale))
    return locale


def format_date(value: Any = None, format: str = "medium", rebase: bool = True) -> str:
    """flask_babel.format_date in formatting_locale()."""
    if rebase and isinstance(value, dt.datetime):
        value = to_user_timezone(value)
    return str(dates.format_date(value, format, locale=formatting_locale()))


def format_time(value: Any = None, format: str = "medium", rebase: bool = True) -> str:
    """flask_babel.format_time in formatting_locale()."""
    tzinfo = get_timezone() if rebase else None
    return str(dates.format_time(value, format, tzinfo=tzinfo, locale=formatting_locale()))


def format_datetime(value: Any = None, format: str = "medium", rebase: bool = True) -> str:
    """flask_babel.format_datetime in formatting_locale()."""
    tzinfo = get_timezone() if rebase else None
    return str(dates.format_datetime(value, format, tzinfo=tzinfo, locale=formatting_locale()))


def format_decimal(number: Any, format: str | None = None) -> str:
    """flask_babel.format_decimal in formatting_locale()."""
    return str(numbers.format_decimal(number, format=format, locale=formatting_locale()))


def format_percent(number: Any, format: str | None = None) -> str:
    """flask_babel.format_percent in formatting_locale()."""
    return str(numbers.format_percent(number, format=format, locale=formatting_locale()))
