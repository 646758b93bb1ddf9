"""Countries and names for demo members: which names and languages fit a person's origin.

Small built-in tables, no downloads (data/countries.toml, data/names.toml): every ISO 3166 code maps
to a naming region and the languages (ISO 639-1) people from there commonly speak, mother tongue
first; every region to given names of women and men and family names.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from mentornet.modules.demo.tables import read_table


class Country(NamedTuple):
    region: str  # whose names fit
    languages: tuple[str, ...]  # mother tongue first


@dataclass(frozen=True)
class RegionNames:
    women: tuple[str, ...]
    men: tuple[str, ...]
    families: tuple[str, ...]  # the women's forms where men_families differ (Kowalska, Kowalski)
    men_families: tuple[str, ...] | None


@cache
def countries() -> dict[str, Country]:
    return {
        code: Country(entry["region"], tuple(entry["languages"]))
        for code, entry in read_table("countries").items()
    }


@cache
def naming_regions() -> dict[str, RegionNames]:
    return {
        region: RegionNames(
            tuple(entry["women"]),
            tuple(entry["men"]),
            tuple(entry["families"]),
            tuple(entry["men_families"]) if "men_families" in entry else None,
        )
        for region, entry in read_table("names").items()
    }


_ASCII = str.maketrans(
    {
        "\u0131": "i",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
    }
)


def ascii_slug(text: str) -> str:
    """An e-mail-friendly form of a name: "Ayşe Öztürk" -> "ayse.ozturk"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return ".".join(word for word in words if word.isascii())


def names(region: str, gender: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given names and family names for a woman ("f") or a man ("m") from a region."""
    found = naming_regions()[region]
    if gender == "f":
        return found.women, found.families
    return found.men, found.men_families or found.families


def region_of(country: str) -> str:
    return countries()[country].region


def languages_of(country: str) -> tuple[str, ...]:
    return countries()[country].languages
