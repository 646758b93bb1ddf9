"""Questions answered with a code of the shipped classifications: ISCO-08 and ISCED-F 2013."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_pgettext
from marshmallow import fields

from mentornet.core.schemas import String, lazy_message
from mentornet.modules.profiles.classifications import Group, fold, isced_fields, isco
from mentornet.modules.profiles.fields.base import (
    Choices,
    FieldType,
    Persona,
    Question,
    Reader,
    choice_of,
    required,
)
from mentornet.modules.profiles.fields.widgets import OCCUPATION, SELECT

_l = lazy_message


class Occupation(String):
    """An ISCO-08 unit group: its code, "code title", or its exact title in any language."""

    default_error_messages = {
        **String.default_error_messages,
        "unknown": _l("Choose an occupation from the list."),
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = str(super()._deserialize(value, attr, data, **kwargs)).strip()
        groups = isco()
        if match := re.match(r"^(\d{4})\b", text):
            if match.group(1) in groups:
                return match.group(1)
            raise self.make_error("unknown")
        wanted = fold(text)
        for code, group in groups.items():
            if len(code) == 4 and any(fold(label) == wanted for label in group.labels.values()):
                return code
        raise self.make_error("unknown")


def group_choices(
    groups: dict[str, Group], locale: str, length: int | None = None
) -> list[tuple[str, str]]:
    """A classification's groups (those whose code has this length) with their names."""
    return [
        (code, f"{group.label(locale)}")
        for code, group in groups.items()
        if length is None or len(code) == length
    ]


def _name(groups: dict[str, Group], code: str, locale: str) -> str:
    return groups[code].label(locale) if code in groups else code


class OccupationField(FieldType):
    """An occupation (an ISCO-08 unit group), typed with suggestions."""

    key = "occupation"
    title = lazy_pgettext("field type", "An occupation (ISCO)")
    widget = OCCUPATION

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return Occupation(required=required(question))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        return _name(isco(), answer, reader.locale)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return persona.occupation_code


class EducationField(FieldType):
    """A field of education: any ISCED-F code; the form offers the narrow (3-digit) fields."""

    key = "education"
    title = lazy_pgettext("field type", "A field of education (ISCED)")
    widget = SELECT

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return String(required=required(question), validate=choice_of(isced_fields()))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return list(group_choices(isced_fields(), reader.locale, 3))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        return _name(isced_fields(), answer, reader.locale)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return persona.education_field
