"""Core locales come from translations/, a network may use any of them, and a network may write its
dates and numbers with a regional locale (docs/languages.md)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal as cldr_decimal
from click.testing import CliRunner
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import force_locale

from mentornet.core.i18n import (
    core_locales,
    format_date,
    format_decimal,
    formatting_locale,
    native_language_name,
)
from mentornet.extensions import db
from mentornet.modules.tenants.operations import import_tenant
from mentornet.modules.tenants.packs import PackError, dump_pack, parse_pack
from mentornet.modules.translations import operations
from mentornet.modules.translations.cli import translations_group

from helpers import ROOT, Database, table_digests

TRANSLATIONS = ROOT / "translations"


def _renamed(value: Any, old: str, new: str) -> Any:
    """The pack with every {locale: text} entry of `old` moved to `new`."""
    if isinstance(value, dict):
        return {
            (new if key == old else key): _renamed(item, old, new) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    return value


def icelandic_pack(**changes: Any) -> dict[str, Any]:
    """A copy of the Danish pack as a network in Icelandic and English."""
    raw = tomllib.loads((ROOT / "tenants" / "denmark" / "tenant.toml").read_text(encoding="utf-8"))
    pack: dict[str, Any] = _renamed(raw, "da", "is")
    pack.update(slug="iceland", hosts=[], locales=["is", "en"], default_locale="is")
    pack["timezone"] = "Atlantic/Reykjavik"
    pack["name"] = {"is": "Leiðsagnarnet kvenna á Íslandi", "en": "Women's mentor network Iceland"}
    pack.update(changes)
    return pack


def _parse(pack: dict[str, Any]) -> dict[str, Any]:
    return parse_pack(dump_pack(pack), Path("iceland.toml"))


def test_the_core_locales_are_the_catalogues_present() -> None:
    assert core_locales(TRANSLATIONS)[0] == "en"
    assert set(core_locales(TRANSLATIONS)) >= {"en", "da", "ar", "fr", "is"}


def test_a_folder_with_a_catalogue_is_a_core_locale(tmp_path: Path) -> None:
    (tmp_path / "sv" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "sv" / "LC_MESSAGES" / "messages.po").write_text("", encoding="utf-8")
    (tmp_path / "fi" / "LC_MESSAGES").mkdir(parents=True)  # no catalogue: not a locale
    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "en" / "LC_MESSAGES" / "messages.po").write_text("", encoding="utf-8")
    assert core_locales(tmp_path) == ("en", "sv")


def test_reference_networks_locales_need_100_percent_the_others_95() -> None:
    required = operations.required_coverage(TRANSLATIONS, ROOT / "tenants", 95, 100, {})
    assert {required[code] for code in ("en", "da", "ar", "fr", "is")} == {100.0}  # iceland: is
    assert required["nb"] == 95.0
    assert operations.required_coverage(TRANSLATIONS, ROOT / "tenants", 95, 100, {"nb": 99})[
        "nb"
    ] == pytest.approx(99.0)


@pytest.mark.parametrize(
    ("locale", "plural_forms", "name"),
    [
        ("is", "nplurals=2; plural=(n % 10 != 1 || n % 100 == 11);", "Íslenska"),
        ("nb", "nplurals=2; plural=(n != 1);", "Norsk bokmål"),
    ],
)
def test_the_nordic_catalogues_are_complete_with_cldrs_plural_forms(
    locale: str, plural_forms: str, name: str
) -> None:
    assert operations.catalogue_problems(TRANSLATIONS, locale, 100.0) == []
    text = operations.po_path(TRANSLATIONS, locale).read_text(encoding="utf-8")
    assert plural_forms in text
    assert native_language_name(locale) == name


def test_icelandic_counts_follow_cldr(app: Flask) -> None:
    template = '{{ ngettext("%(num)d pair", "%(num)d pairs", n) }}'
    with app.test_request_context("/"), force_locale("is"):
        rendered = {n: render_template_string(template, n=n) for n in (1, 2, 11, 21, 111)}
    assert rendered == {1: "1 par", 2: "2 pör", 11: "11 pör", 21: "21 par", 111: "111 pör"}


def test_a_network_in_icelandic_and_english_validates_and_speaks_icelandic(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        import_tenant(db.session, _parse(icelandic_pack()), actor="tests")
        db.session.commit()
    portal = client.get("/iceland/").get_data(as_text=True)
    assert re.search(r'<html lang="is" dir="ltr">', portal)
    assert "Leiðsagnarnet kvenna á Íslandi" in portal
    assert "Íslenska" in portal  # the language switcher names the language in itself
    assert "Skrá inn" in portal
    login = client.get("/iceland/login").get_data(as_text=True)
    assert '<html lang="is"' in login
    assert "Lykilorð" in login and "Gleymdirðu lykilorðinu?" in login
    assert "Password" not in login
    english = client.get("/iceland/login?lang=en").get_data(as_text=True)
    assert "Forgot your password?" in english


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"locales": ["xx", "en"]}, "locales[0]"),
        ({"formatting_locales": {"is": "zz_QQ"}}, "formatting_locales.is"),
        ({"formatting_locales": {"is": "fr_MA"}}, "formatting_locales"),
        ({"formatting_locales": {"ar": "ar_MA"}}, "formatting_locales"),
    ],
)
def test_a_locale_without_a_catalogue_or_a_bad_regional_locale_is_refused(
    app: Flask, migrated: Database, changes: dict[str, Any], field: str
) -> None:
    before = table_digests(migrated)
    with app.app_context(), pytest.raises(PackError) as refused:
        _parse(icelandic_pack(**changes))
    assert any(problem.key.startswith(field) for problem in refused.value.problems)
    assert table_digests(migrated) == before


def test_morocco_can_write_dates_and_numbers_the_moroccan_way(app: Flask) -> None:
    raw = tomllib.loads((ROOT / "tenants" / "morocco" / "tenant.toml").read_text(encoding="utf-8"))
    raw["formatting_locales"] = {"ar": "ar_MA", "fr": "fr_MA"}
    with app.app_context():
        import_tenant(db.session, parse_pack(dump_pack(raw), Path("morocco.toml")), actor="tests")
        db.session.commit()
    day = dt.date(2026, 8, 6)
    with app.test_request_context("/morocco/?lang=ar"):
        app.preprocess_request()
        assert formatting_locale() == "ar_MA"
        assert format_decimal(12345.5) == cldr_decimal(12345.5, locale="ar_MA") == "12.345,5"
        assert format_date(day, "long") == "6 غشت 2026"
    with app.test_request_context("/morocco/?lang=fr"):
        app.preprocess_request()
        assert format_decimal(12345.5) == cldr_decimal(12345.5, locale="fr_MA")
    with app.test_request_context("/morocco/?lang=en"):
        app.preprocess_request()
        assert formatting_locale() == "en"
        assert format_decimal(12345.5) == "12,345.5"


def test_without_a_regional_locale_the_language_formats(app: Flask) -> None:
    with app.test_request_context("/morocco/?lang=ar"):
        app.preprocess_request()
        assert formatting_locale() == "ar"
        assert format_date(dt.date(2026, 8, 6), "long") == "6 أغسطس 2026"


def test_update_with_a_new_locale_starts_its_catalogue(tmp_path: Path) -> None:
    (tmp_path / "messages.pot").write_bytes((TRANSLATIONS / "messages.pot").read_bytes())
    assert core_locales(tmp_path) == ()
    operations.update(tmp_path, ("sv",))
    assert core_locales(tmp_path) == ("sv",)
    text = operations.po_path(tmp_path, "sv").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert operations.status(tmp_path)[0].translated == 0


def test_update_refuses_a_locale_cldr_does_not_know(app: Flask) -> None:
    with app.app_context():
        result = CliRunner().invoke(translations_group, ["update", "--locale", "qq_ZZ"])
    assert result.exit_code != 0
    assert "not a locale known to CLDR" in result.output
    assert not (TRANSLATIONS / "qq_ZZ").exists()
