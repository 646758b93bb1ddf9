"""The catalogues: complete, consistent placeholders, explicit Plural-Forms, template up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from mentornet.core.i18n import core_locales
from mentornet.modules.translations import operations

from helpers import ROOT

TRANSLATIONS = ROOT / "translations"


@pytest.mark.parametrize("locale", core_locales(ROOT / "translations"))
def test_every_core_locale_is_complete_and_consistent(locale: str) -> None:
    assert operations.catalogue_problems(TRANSLATIONS, locale, 100.0) == []


@pytest.mark.parametrize("locale", core_locales(ROOT / "translations"))
def test_every_catalogue_declares_its_plural_forms(locale: str) -> None:
    text = operations.po_path(TRANSLATIONS, locale).read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=' in text


def test_the_template_matches_the_source() -> None:
    assert operations.stale_template_problems(ROOT, TRANSLATIONS) == []


def test_a_placeholder_mismatch_is_caught() -> None:
    assert operations.placeholder_problems("Hello %(name)s", "Hej %(navn)s")
    assert operations.placeholder_problems("Use {min} characters", "Brug tegn")
    assert operations.placeholder_problems("Hello %(name)s", "Hej %(name)s") == []
    plural = ("%(num)d account", "%(num)d accounts")
    assert operations.placeholder_problems(plural, ("حساب واحد", "%(num)d حسابات")) == []
    assert operations.placeholder_problems(plural, ("%(count)d حساب",))


def test_a_wrong_plural_header_and_low_coverage_are_caught(tmp_path: Path) -> None:
    (tmp_path / "ar" / "LC_MESSAGES").mkdir(parents=True)
    template = Catalog()
    template.add("One", context=None)
    template.add("Two", context=None)
    with (tmp_path / "messages.pot").open("wb") as handle:
        write_po(handle, template)
    catalogue = Catalog(locale="ar")
    catalogue.add("One", "واحد")
    catalogue.add("Two", "")
    with operations.po_path(tmp_path, "ar").open("wb") as handle:
        write_po(handle, catalogue)
    problems = operations.catalogue_problems(tmp_path, "ar", 100.0)
    assert any("50.0% translated" in p for p in problems)
