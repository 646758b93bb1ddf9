"""ISCO-08 occupations and ISCED 2011 / ISCED-F 2013 education, shipped as data in the package.

Labels exist in en, da, fr and ar; lookups fall back to English. Pure data access: no Flask, no
database, so matching can use the hierarchy directly.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

FALLBACK_LOCALE = "en"


@dataclass(frozen=True)
class Group:
    """One entry of a hierarchical classification; its parent is its code minus the last digit."""

    code: str
    labels: dict[str, str]

    def label(self, locale: str) -> str:
        return self.labels.get(locale) or self.labels[FALLBACK_LOCALE]

    @property
    def parent_code(self) -> str | None:
        return self.code[:-1] or None


def _load(name: str) -> dict[str, Any]:
    text = resources.files("mentornet.modules.profiles").joinpath("data", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _groups(entries: list[dict[str, Any]]) -> dict[str, Group]:
    return {entry["code"]: Group(entry["code"], dict(entry["labels"])) for entry in entries}


@cache
def isco() -> dict[str, Group]:
    """Every ISCO-08 group by code: 1 digit major, 2 sub-major, 3 minor, 4 unit group."""
    return _groups(_load("isco08.json")["groups"])


@cache
def isced_levels() -> dict[str, Group]:
    return _groups(_load("isced.json")["levels"])


@cache
def isced_fields() -> dict[str, Group]:
    """ISCED-F 2013: 2 digits broad, 3 narrow, 4 detailed fields."""
    return _groups(_load("isced.json")["fields"])


def occupation_units() -> list[Group]:
    return [group for code, group in isco().items() if len(code) == 4]


def occupation_path(code: str) -> list[Group]:
    """A unit group and its ancestors, major group first."""
    groups = isco()
    return [groups[code[:n]] for n in range(1, len(code) + 1) if code[:n] in groups]


def fold(text: str) -> str:
    """Case- and accent-insensitive form for searching ("Sygeplejerske" ~ "sygeplejerske")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_occupations(query: str, locale: str, limit: int = 20) -> list[Group]:
    """Unit groups whose title (in the locale, or English) contains every word of the query."""
    words = fold(query).split()
    if not words:
        return []
    if query.strip().isdigit():
        prefix = query.strip()
        return [g for g in occupation_units() if g.code.startswith(prefix)][:limit]
    found = []
    for group in occupation_units():
        haystack = fold(f"{group.label(locale)} {group.labels[FALLBACK_LOCALE]}")
        if all(word in haystack for word in words):
            found.append(group)
    found.sort(key=lambda g: (not fold(g.label(locale)).startswith(words[0]), g.label(locale)))
    return found[:limit]
