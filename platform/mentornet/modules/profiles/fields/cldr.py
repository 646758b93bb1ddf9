"""Questions answered with codes CLDR names in every language: a country, languages spoken."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from babel import Locale
from flask_babel import lazy_pgettext
from marshmallow import fields

from mentornet.core.schemas import MultiValue, String, lazy_message
from mentornet.modules.profiles.fields.base import (
    Choices,
    FieldType,
    Persona,
    Question,
    Reader,
    choice_of,
    required,
)
from mentornet.modules.profiles.fields.widgets import LANGUAGES, SELECT

_l = lazy_message

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


@cache
def territory_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes known to CLDR (not the numeric regions)."""
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if re.fullmatch(r"[A-Z]{2}", code))


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 language codes known to CLDR."""
    codes = (str(code) for code in Locale("en").languages)
    return frozenset(code for code in codes if re.fullmatch(r"[a-z]{2}", code))


def country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    return sorted(((code, names.get(code, code)) for code in territory_codes()), key=lambda c: c[1])


def language_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).languages
    return sorted(((code, names.get(code, code)) for code in language_codes()), key=lambda c: c[1])


class LanguageSkills(MultiValue):
    """Languages with a CEFR level: "ar:C2" strings (form, CSV) or {code, level} objects (JSON)."""

    default_error_messages = {
        **MultiValue.default_error_messages,
        "entry": _l("Give each language with a level, for example ar:C2."),
        "twice": _l("A language is listed twice."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(fields.Raw(), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        entries = super()._deserialize(value, attr, data, **kwargs)
        skills = [self._entry(entry) for entry in entries]
        if len({skill["code"] for skill in skills}) != len(skills):
            raise self.make_error("twice")
        return skills

    def _entry(self, entry: Any) -> dict[str, str]:
        if isinstance(entry, dict):
            code, level = str(entry.get("code", "")), str(entry.get("level", ""))
        else:
            code, _, level = str(entry).partition(":")
        code, level = code.strip().lower(), level.strip().upper()
        if code not in language_codes() or level not in CEFR_LEVELS:
            raise self.make_error("entry")
        return {"code": code, "level": level}


class CountryField(FieldType):
    """A country, by ISO 3166 code."""

    key = "country"
    title = lazy_pgettext("field type", "A country")
    widget = SELECT

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return String(required=required(question), validate=choice_of(territory_codes()))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return list(country_choices(reader.locale))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        return str(Locale.parse(reader.locale).territories.get(answer, answer))

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return persona.origin


class LanguagesField(FieldType):
    """Languages with a level each, stored as [{code, level}]."""

    key = "languages"
    title = lazy_pgettext("field type", "Languages and levels")
    widget = LANGUAGES

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return LanguageSkills(required=required(question))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return list(language_choices(reader.locale))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        names = Locale.parse(reader.locale).languages
        return reader.listing(f"{names.get(s['code'], s['code'])} ({s['level']})" for s in answer)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return persona.languages
