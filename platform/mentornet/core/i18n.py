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
from flask_babel import (
    Babel,
    Domain,
    get_locale,
    get_timezone,
    gettext,
    lazy_pgettext,
    ngettext,
    pgettext,
    to_user_timezone,
)
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
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
    """A piece of terminology ("mentee", "the_mentor") in the tenant's own wording if it has one.

    A network that names a term but not its definite form ("the_mentee") gets the definite form
    made from its word: Arabic adds the article "ال", other languages use the word as it is."""
    tenant = g.get("tenant")
    locale = current_locale()
    if tenant is not None:
        own = tenant.config.terminology
        word = own.get(key, {}).get(locale)
        if word:
            return str(word)
        base = DEFINITE_OF.get(key)
        bare = own.get(base, {}).get(locale) if base else None
        if bare:
            return definite(str(bare), locale)
    return core_term(key)


def definite(word: str, locale: str) -> str:
    """A network's word with the definite article its language writes on the word itself."""
    if locale.split("_")[0] == "ar" and not word.startswith("ال"):
        return f"ال{word}"
    return word


def core_term(key: str) -> str:
    """The platform's own word for a term in the current locale, whatever the network calls it:
    feminine for a women's network and masculine for a men's where the language has both."""
    context = audience_context()
    gendered = _GENDERED_TERMS[context].get(key) if context else None
    if gendered is not None:
        word = str(gendered)
        if word != _GENDERED_SOURCE[key]:  # translated in this locale (English has no gender)
            return word
    return str(_TERMS[key])


def audience_context() -> str | None:
    """The message context of the network's audience: "f" (women), "m" (men), None (mixed)."""
    tenant = g.get("tenant")
    audience = tenant.config.audience_gender if tenant is not None else "mixed"
    return {"women": "f", "men": "m"}.get(audience)


def gendered_gettext(msgid: str, **variables: object) -> str:
    """A message addressed to or about members, in the grammatical gender of the network's
    audience: its "f" or "m" context when translated, else the neutral message (docs/languages.md).
    Extracted under both contexts (translations extract), so translators see all three."""
    context = audience_context()
    forms = {**term_forms(), **variables} if "%(" in msgid else variables
    if context is not None:
        text = str(pgettext(context, msgid))
        if text != msgid or current_locale() == SOURCE_LOCALE:
            return text % forms if forms else text
    return str(gettext(msgid, **forms)) if forms else str(gettext(msgid))


def term_forms() -> dict[str, str]:
    """Every form of every term, as placeholders for a message: "%(the_mentor)s", and capitalised
    for the start of a sentence or a heading: "%(Mentors)s", "%(The_mentor)s"."""
    forms = {key: term(key) for key in _TERMS}
    return forms | {key[:1].upper() + key[1:]: capitalised(word) for key, word in forms.items()}


def capitalised(word: str) -> str:
    """A word with its first letter in upper case (the rest as it is, unlike str.capitalize)."""
    return word[:1].upper() + word[1:]


def term_title(key: str) -> str:
    """A term as a heading or a label: "Mentorforløb", "Koordinator"."""
    return capitalised(term(key))


def lazy_term(key: str, *, title: bool = False) -> LazyString:
    """A term read when shown (for module-level label tables)."""
    return LazyString(term_title if title else term, key)


def lazy_gendered(msgid: str, **variables: object) -> LazyString:
    """gendered_gettext read when shown (for module-level tables and functions returning text)."""
    return LazyString(gendered_gettext, msgid, **variables)


def lazy_gettext_terms(msgid: str, **variables: object) -> LazyString:
    """gettext_terms read when shown (for module-level label tables)."""
    return LazyString(gettext_terms, msgid, **variables)


def ngettext_terms(singular: str, plural: str, num: int, **variables: object) -> str:
    """ngettext whose translation may use any term form, like gettext_terms."""
    return str(ngettext(singular, plural, num, **{**term_forms(), **variables}))


def gettext_terms(msgid: str, **variables: object) -> str:
    """gettext whose translation may use any term form as a placeholder, not only the ones the
    English names: Arabic writes "%(the_mentee)s" where English says "this %(mentee)s"."""
    if "%(" not in msgid:
        return str(gettext(msgid, **variables)) if variables else str(gettext(msgid))
    return str(gettext(msgid, **{**term_forms(), **variables}))


# Core wording of the terms; the context "terminology" keeps them apart from other uses of the words.
# "the_x" is x with its definite article, which Arabic, Danish and French write differently.
_TERMS = {
    "mentee": lazy_pgettext("terminology", "mentee"),
    "mentees": lazy_pgettext("terminology", "mentees"),
    "mentor": lazy_pgettext("terminology", "mentor"),
    "mentors": lazy_pgettext("terminology", "mentors"),
    "mentorship": lazy_pgettext("terminology", "mentorship"),
    "mentorships": lazy_pgettext("terminology", "mentorships"),
    "pair": lazy_pgettext("terminology", "pair"),
    "pairs": lazy_pgettext("terminology", "pairs"),
    "coordinator": lazy_pgettext("terminology", "coordinator"),
    "coordinators": lazy_pgettext("terminology", "coordinators"),
    "network": lazy_pgettext("terminology", "network"),
    "the_mentee": lazy_pgettext("terminology", "the mentee"),
    "the_mentees": lazy_pgettext("terminology", "the mentees"),
    "the_mentor": lazy_pgettext("terminology", "the mentor"),
    "the_mentors": lazy_pgettext("terminology", "the mentors"),
    "the_mentorship": lazy_pgettext("terminology", "the mentorship"),
    "the_pair": lazy_pgettext("terminology", "the pair"),
    "the_coordinator": lazy_pgettext("terminology", "the coordinator"),
    "the_coordinators": lazy_pgettext("terminology", "the coordinators"),
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


TERM_KEYS: tuple[str, ...] = tuple(_TERMS)
# The words that differ for women and for men where a language has grammatical gender.
_GENDERED_SOURCE = {
    "mentee": "mentee",
    "mentees": "mentees",
    "mentor": "mentor",
    "mentors": "mentors",
    "coordinator": "coordinator",
    "coordinators": "coordinators",
    "the_mentee": "the mentee",
    "the_mentees": "the mentees",
    "the_mentor": "the mentor",
    "the_mentors": "the mentors",
    "the_coordinator": "the coordinator",
    "the_coordinators": "the coordinators",
}
_GENDERED_TERMS = {
    "f": {
        "mentee": lazy_pgettext("terminology f", "mentee"),
        "mentees": lazy_pgettext("terminology f", "mentees"),
        "mentor": lazy_pgettext("terminology f", "mentor"),
        "mentors": lazy_pgettext("terminology f", "mentors"),
        "coordinator": lazy_pgettext("terminology f", "coordinator"),
        "coordinators": lazy_pgettext("terminology f", "coordinators"),
        "the_mentee": lazy_pgettext("terminology f", "the mentee"),
        "the_mentees": lazy_pgettext("terminology f", "the mentees"),
        "the_mentor": lazy_pgettext("terminology f", "the mentor"),
        "the_mentors": lazy_pgettext("terminology f", "the mentors"),
        "the_coordinator": lazy_pgettext("terminology f", "the coordinator"),
        "the_coordinators": lazy_pgettext("terminology f", "the coordinators"),
    },
    "m": {
        "mentee": lazy_pgettext("terminology m", "mentee"),
        "mentees": lazy_pgettext("terminology m", "mentees"),
        "mentor": lazy_pgettext("terminology m", "mentor"),
        "mentors": lazy_pgettext("terminology m", "mentors"),
        "coordinator": lazy_pgettext("terminology m", "coordinator"),
        "coordinators": lazy_pgettext("terminology m", "coordinators"),
        "the_mentee": lazy_pgettext("terminology m", "the mentee"),
        "the_mentees": lazy_pgettext("terminology m", "the mentees"),
        "the_mentor": lazy_pgettext("terminology m", "the mentor"),
        "the_mentors": lazy_pgettext("terminology m", "the mentors"),
        "the_coordinator": lazy_pgettext("terminology m", "the coordinator"),
        "the_coordinators": lazy_pgettext("terminology m", "the coordinators"),
    },
}
# The definite form of a term and the term it is made from.
DEFINITE_OF = {key: key.removeprefix("the_") for key in _TERMS if key.startswith("the_")}


def term_family(placeholder: str) -> str:
    """The term a placeholder is a form of ("The_mentor", "the_mentor" -> "mentor"); any other
    name unchanged. A translation may use another form of the same term than the English does."""
    lowered = placeholder[:1].lower() + placeholder[1:]
    if lowered not in _TERMS:
        return placeholder
    return DEFINITE_OF.get(lowered, lowered)
