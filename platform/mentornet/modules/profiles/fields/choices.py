"""Questions answered by choosing: from the question's own choices, or from the network's goals."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_pgettext
from marshmallow import ValidationError, fields, validates_schema

from mentornet.core.schemas import MultiValue, Schema, String, lazy_message
from mentornet.modules.profiles.fields.base import (
    Choices,
    FieldType,
    Persona,
    Question,
    Reader,
    choice_of,
    required,
)
from mentornet.modules.profiles.fields.widgets import CHECKBOXES, RADIOS

_l = lazy_message


class WithChoices(Schema):
    """The definition of a choice question: it lists its choices (key and label), at least one."""

    @validates_schema
    def _has_choices(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("choices"):
            raise ValidationError(_l("A choice question needs choices."), "choices")


def keys(question: Question) -> list[str]:
    return [choice["key"] for choice in question["choices"]]


def offered(question: Question) -> list[Mapping[str, Any]]:
    """The choices a form offers now: a retired choice is not, but answers that have it show it."""
    return [choice for choice in question["choices"] if not choice.get("retired", False)]


class SingleChoiceField(FieldType):
    """One of the question's choices (radio buttons)."""

    key = "single_choice"
    title = lazy_pgettext("field type", "One of several choices")
    widget = RADIOS
    definition = WithChoices
    has_choices = True
    matchable = True

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return String(required=required(question), validate=choice_of(_offered_keys(question)))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return [(choice["key"], reader.text(choice["label"])) for choice in offered(question)]

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        # A choice the pack no longer lists has no label left: its key is all there is.
        return str(_labels(question, reader).get(answer, answer))

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return rng.choice(keys(question))


class MultipleChoiceField(SingleChoiceField):
    """Any of the question's choices (checkboxes)."""

    key = "multiple_choice"
    title = lazy_pgettext("field type", "Any of several choices")
    widget = CHECKBOXES

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return MultiValue(
            String(validate=choice_of(_offered_keys(question))), required=required(question)
        )

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        labels = _labels(question, reader)
        return reader.listing(str(labels.get(key, key)) for key in answer)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        """The choices her profession fits (two at most), sometimes with one more."""
        choices = keys(question)
        fitting = [key for key in choices if key in persona.tags]
        chosen = rng.sample(fitting, min(len(fitting), 2)) if fitting else []
        if not chosen or rng.random() < 0.3:
            extra = rng.choice(choices)
            chosen += [] if extra in chosen else [extra]
        return [key for key in choices if key in chosen]


def _offered_keys(question: Question) -> list[str]:
    return [choice["key"] for choice in offered(question)]


def _labels(question: Question, reader: Reader) -> dict[str, str]:
    """Every choice's label, retired ones too: an answer given before it retired still reads."""
    return {choice["key"]: reader.text(choice["label"]) for choice in question["choices"]}


class GoalsField(FieldType):
    """Any of the network's goals (checkboxes), by goal key."""

    key = "goals"
    title = lazy_pgettext("field type", "Any of the network's goals")
    widget = CHECKBOXES

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return MultiValue(String(validate=choice_of(goals)), required=required(question))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return reader.goal_choices()

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        labels = dict(reader.goal_choices())
        return reader.listing(str(labels.get(key, key)) for key in answer)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return list(persona.goals)
