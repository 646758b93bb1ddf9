"""What demo members and coordinators write: notes, check-ins, evaluations, plans, stories.

Members write in their own interface language where the phrasebook (data/phrasebook.toml) has
it, coordinators in the network's working language; English is the last resort. Placeholders are
filled with str.format.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from mentornet.modules.demo.tables import read_table

Phrases = dict[str, tuple[str, ...]]  # by language


@dataclass(frozen=True)
class Phrasebook:
    texts: dict[str, Phrases]  # notes, check-ins, evaluations, reasons, stories by kind
    goals: dict[str, Phrases]  # a plan's goals by goal key
    activities: dict[str, Phrases]  # steps towards a goal by goal key; "*" for any other goal


@cache
def phrasebook() -> Phrasebook:
    table = read_table("phrasebook")
    return Phrasebook(
        texts=_sections(table["texts"]),
        goals=_sections(table["goals"]),
        activities=_sections(table["activities"]),
    )


def _sections(part: dict[str, dict[str, list[str]]]) -> dict[str, Phrases]:
    return {
        key: {language: tuple(phrases) for language, phrases in by_language.items()}
        for key, by_language in part.items()
    }


def phrase(rng: random.Random, kind: str, *languages: str) -> str:
    """A phrase of this kind in the first of the languages the phrasebook has, else English."""
    return _pick(rng, phrasebook().texts[kind], languages)


def language_of(kind: str, *languages: str) -> str:
    """The language phrase() writes this kind of text in."""
    return next((lang for lang in (*languages, "en") if lang in phrasebook().texts[kind]), "en")


def goal_text(rng: random.Random, goal: str, *languages: str) -> str:
    return _pick(rng, phrasebook().goals.get(goal, {}), languages)


def activity_texts(rng: random.Random, goal: str, count: int, *languages: str) -> list[str]:
    activities = phrasebook().activities
    phrases = activities.get(goal) or activities["*"]
    for language in (*languages, "en"):
        if language in phrases:
            options = list(phrases[language])
            rng.shuffle(options)
            return options[:count]
    return []


def _pick(rng: random.Random, phrases: Phrases, languages: tuple[str, ...]) -> str:
    for language in (*languages, "en"):
        if language in phrases:
            return rng.choice(phrases[language])
    return ""
