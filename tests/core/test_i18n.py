"""Languages: locale choice, right-to-left, CLDR formatting and Arabic plurals."""

from __future__ import annotations

import re

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import force_locale, format_date, format_decimal

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


def _render_in_network(app: Flask, path: str, template: str, **context: object) -> str:
    """Render a template the way a page of the network does: the request is resolved (tenant,
    session binding, locale) by the app's own before-request steps first."""
    with app.test_request_context(path):
        app.preprocess_request()
        return render_template_string(template, **context)


# Written out by hand from the catalogue, not computed from Babel: CLDR's Arabic categories are
# zero (0), one (1), two (2), few (3-10, 103), many (11-99) and other (100-102).
ARABIC_PAIRS = {
    0: "عدد الثنائيات: 0",
    1: "ثنائي واحد",
    2: "ثنائيان",
    3: "3 ثنائيات",
    10: "10 ثنائيات",
    11: "11 ثنائيًا",
    99: "99 ثنائيًا",
    100: "100 ثنائي",
    101: "101 ثنائي",
    102: "102 ثنائي",
    103: "103 ثنائيات",
}
ARABIC_MINUTES = {
    0: "المدة بالدقائق: 0",
    1: "دقيقة واحدة",
    2: "دقيقتان",
    3: "3 دقائق",
    10: "10 دقائق",
    11: "11 دقيقةً",
    99: "99 دقيقةً",
    100: "100 دقيقة",
    101: "101 دقيقة",
    102: "102 دقيقة",
    103: "103 دقائق",
}
# CLDR French: one (0 and 1), many (exact millions), other.
FRENCH_WAITING = {
    0: "0 filleule en attente",  # the network's own words for mentees
    1: "1 filleule en attente",
    2: "2 filleules en attente",
    1_000_000: "1000000 filleules en attente",
}


@pytest.mark.parametrize(
    ("msgid", "plural", "expected"),
    [
        ("%(num)d pair", "%(num)d pairs", ARABIC_PAIRS),
        ("%(num)d minute", "%(num)d minutes", ARABIC_MINUTES),
    ],
)
def test_arabic_counts_read_right_in_every_plural_category(
    app: Flask, msgid: str, plural: str, expected: dict[int, str]
) -> None:
    template = "{{ ngettext(msgid, plural, n) }}"
    rendered = {
        n: _render_in_network(app, "/morocco/?lang=ar", template, msgid=msgid, plural=plural, n=n)
        for n in expected
    }
    assert rendered == expected


def test_french_counts_use_cldrs_three_forms(app: Flask) -> None:
    template = '{{ ngettext("%(num)d %(mentee)s waiting", "%(num)d %(mentees)s waiting", n) }}'
    rendered = {
        n: _render_in_network(app, "/morocco/?lang=fr", template, n=n) for n in FRENCH_WAITING
    }
    assert rendered == FRENCH_WAITING


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
