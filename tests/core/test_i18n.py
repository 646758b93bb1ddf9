"""Languages: locale choice, right-to-left, CLDR formatting and Arabic plurals."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, format_date, format_decimal, ngettext

from mentornet.core.i18n import country_name, native_language_name, text_direction

from helpers import ROOT


def _html_tag(client: FlaskClient, path: str, **kwargs: object) -> str:
    html = client.get(path, **kwargs).get_data(as_text=True)
    match = re.search(r"<html[^>]*>", html)
    assert match
    return match.group(0)


def test_denmark_speaks_danish_left_to_right(client: FlaskClient) -> None:
    assert _html_tag(client, "/denmark/") == '<html lang="da" dir="ltr">'


def test_morocco_speaks_arabic_right_to_left(client: FlaskClient) -> None:
    assert _html_tag(client, "/morocco/") == '<html lang="ar" dir="rtl">'


def test_lang_switch_is_limited_to_the_tenants_locales_and_remembered(client: FlaskClient) -> None:
    assert _html_tag(client, "/morocco/?lang=fr") == '<html lang="fr" dir="ltr">'
    assert _html_tag(client, "/morocco/") == '<html lang="fr" dir="ltr">'  # remembered
    assert (
        _html_tag(client, "/morocco/?lang=da") == '<html lang="fr" dir="ltr">'
    )  # not a Moroccan locale
    assert (
        _html_tag(client, "/denmark/?lang=fr") == '<html lang="da" dir="ltr">'
    )  # not a Danish locale


def test_accept_language_is_used_within_the_tenants_locales(client: FlaskClient) -> None:
    assert (
        _html_tag(client, "/denmark/", headers={"Accept-Language": "en-GB,en;q=0.9"})
        == '<html lang="en" dir="ltr">'
    )
    assert (
        _html_tag(client, "/denmark/", headers={"Accept-Language": "ar"})
        == '<html lang="da" dir="ltr">'
    )
    assert (
        _html_tag(client, "/morocco/", headers={"Accept-Language": "fr-MA"})
        == '<html lang="fr" dir="ltr">'
    )


def test_language_switcher_offers_exactly_the_tenants_locales(client: FlaskClient) -> None:
    html = client.get("/morocco/").get_data(as_text=True)
    assert re.findall(r'hreflang="(\w+)"', html) == ["ar", "fr", "en"]
    assert "العربية" in html and "Français" in html


ARABIC_FORMS = {
    0: "zero",
    1: "one",
    2: "two",
    3: "few",
    11: "many",
    100: "other",
    101: "other",
}


def test_arabic_plural_forms_through_the_catalogue(app: Flask) -> None:
    with app.test_request_context("/morocco/"), force_locale("ar"):
        rendered = {
            n: ngettext("%(num)d active account", "%(num)d active accounts", n)
            for n in ARABIC_FORMS
        }
    # Each CLDR category gets its own wording; 100 and 101 share the "other" form.
    by_category: dict[str, set[str]] = {}
    for n, text in rendered.items():
        by_category.setdefault(ARABIC_FORMS[n], set()).add(re.sub(r"\d+", "N", text))
    assert all(len(texts) == 1 for texts in by_category.values()), by_category
    assert len({next(iter(t)) for t in by_category.values()}) == 6, rendered
    assert "101" in rendered[101] and "11" in rendered[11]
    assert all("account" not in text for text in rendered.values())


def test_dates_numbers_and_country_names_come_from_cldr(app: Flask) -> None:
    import datetime

    day = datetime.date(2026, 3, 8)
    with app.test_request_context("/"):
        with force_locale("da"):
            assert format_date(day, "long") == "8. marts 2026"
            assert format_decimal(1234.5) == "1.234,5"
            assert country_name("SO") == "Somalia"
        with force_locale("ar"):
            assert country_name("DK") == "الدانمرك"
        with force_locale("fr"):
            assert country_name("MA") == "Maroc"


@pytest.mark.parametrize(
    ("locale", "direction"), [("ar", "rtl"), ("da", "ltr"), ("fr", "ltr"), ("en", "ltr")]
)
def test_text_direction(locale: str, direction: str) -> None:
    assert text_direction(locale) == direction


def test_language_names_are_native() -> None:
    assert native_language_name("da") == "Dansk"
    assert native_language_name("ar") == "العربية"


PHYSICAL_CSS = re.compile(
    r"(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)"
)


def test_stylesheets_use_logical_properties_only() -> None:
    for path in (ROOT / "platform").rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not PHYSICAL_CSS.search(text), f"{path}: {PHYSICAL_CSS.search(text)}"
