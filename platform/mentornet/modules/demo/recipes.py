"""What each reference network's members look like: origins, ages, towns, languages, work, goals.

The recipes are data/recipes.toml (the towns data/cities.toml). A network without a recipe of its
own (a pack added to tenants/) gets the Danish one; goals and questionnaire answers always come
from the network's own pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mentornet.modules.demo.tables import read_table
from mentornet.modules.demo.world import countries

Weighted = tuple[tuple[str, float], ...]
AgeBands = tuple[tuple[int, int, float], ...]
FALLBACK = "denmark"


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    weight: float


@dataclass(frozen=True)
class LanguageRule:
    """A language besides the mother tongue: how often it is spoken, and at which CEFR levels."""

    code: str
    chance: float
    levels: Weighted


@dataclass(frozen=True)
class Recipe:
    mentee_share: float
    mentee_gender: str  # "f" or "m": which given names fit
    mentor_gender: str
    home_country: str
    mentee_origins: Weighted
    mentor_origins: Weighted
    born_here: float  # mentees born in the network's country to immigrant parents
    cities: tuple[City, ...]
    mentee_ages: AgeBands
    mentor_ages: AgeBands
    local_language: str | None  # learnt by newcomers; its level grows with their years here
    mentee_languages: tuple[LanguageRule, ...]
    mentor_languages: tuple[LanguageRule, ...]
    usable: tuple[str, ...]  # a pair works in one of these; every mentee speaks one at B1+
    locales: Weighted
    mentee_before: Weighted  # ISCO codes of the occupation a mentee had; "" for none
    mentee_target: Weighted
    mentor_work: Weighted
    goals: dict[str, float]
    writing: str  # the language coordinators write notes in
    no_education: Weighted  # ISCED levels of mentees without an occupation


@cache
def recipes() -> dict[str, Recipe]:
    """Every reference network's recipe by the network's slug."""
    return {slug: _recipe(entry) for slug, entry in read_table("recipes")["recipes"].items()}


def recipe_for(slug: str) -> Recipe:
    return recipes().get(slug) or recipes()[FALLBACK]


@cache
def local_levels() -> dict[int, Weighted]:
    """CEFR levels of the local language a newcomer speaks, by her most years in the country."""
    return {
        int(most): _weighted(levels)
        for most, levels in read_table("recipes")["local_levels"].items()
    }


@cache
def _cities() -> dict[str, tuple[City, ...]]:
    return {
        country: tuple(
            City(c["name"], c["latitude"], c["longitude"], float(c["weight"])) for c in cities
        )
        for country, cities in read_table("cities").items()
    }


def _recipe(entry: dict[str, Any]) -> Recipe:
    return Recipe(
        mentee_share=float(entry["mentee_share"]),
        mentee_gender=entry["mentee_gender"],
        mentor_gender=entry["mentor_gender"],
        home_country=entry["home_country"],
        mentee_origins=_weighted(entry["mentee_origins"]) + _tail(entry),
        mentor_origins=_weighted(entry["mentor_origins"]),
        born_here=float(entry["born_here"]),
        cities=_cities()[entry["cities"]],
        mentee_ages=tuple((low, high, float(weight)) for low, high, weight in entry["mentee_ages"]),
        mentor_ages=tuple((low, high, float(weight)) for low, high, weight in entry["mentor_ages"]),
        local_language=entry.get("local_language"),
        mentee_languages=_language_rules(entry["mentee_languages"]),
        mentor_languages=_language_rules(entry["mentor_languages"]),
        usable=tuple(entry["usable"]),
        locales=_weighted(entry["locales"]),
        mentee_before=_weighted(entry["mentee_before"]),
        mentee_target=_weighted(entry["mentee_target"]),
        mentor_work=_weighted(entry["mentor_work"]),
        goals={goal: float(weight) for goal, weight in entry["goals"].items()},
        writing=entry["writing"],
        no_education=_weighted(entry["no_education"]),
    )


def _tail(entry: dict[str, Any]) -> Weighted:
    """Every country not named among the mentees' origins or excepted, at the tail's weight."""
    if "tail_weight" not in entry:
        return ()
    left_out = {code for code, _ in entry["mentee_origins"]} | set(entry["tail_except"])
    return tuple(
        (code, float(entry["tail_weight"])) for code in countries() if code not in left_out
    )


def _weighted(pairs: list[list[Any]]) -> Weighted:
    return tuple((str(value), float(weight)) for value, weight in pairs)


def _language_rules(rules: list[dict[str, Any]]) -> tuple[LanguageRule, ...]:
    return tuple(
        LanguageRule(rule["code"], float(rule["chance"]), _weighted(rule["levels"]))
        for rule in rules
    )
