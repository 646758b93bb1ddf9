"""Wording found in review that must not come back (issue 14 item 8): Danish that reads
translated, French quotes that are not French."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


def _strings(locale: str) -> list[str]:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    found: list[str] = []
    for message in catalogue:
        if message.id:
            strings = message.string
            found += [str(s) for s in strings] if isinstance(strings, tuple) else [str(strings)]
    return found


def test_danish_says_no_venligst_and_no_alumne() -> None:
    strings = _strings("da")
    assert not [s for s in strings if "venligst" in s]
    assert not [s for s in strings if "Alumne" in s or "alumner" in s]
    assert "Afslut" in strings  # the fourth step is an imperative like the other three


def test_french_quotes_are_guillemets() -> None:
    assert not [s for s in _strings("fr") if "“" in s or "”" in s]
