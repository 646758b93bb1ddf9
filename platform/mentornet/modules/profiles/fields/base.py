"""What a questionnaire field type declares, and what it is given to do so."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from babel.lists import format_list
from flask_babel import LazyString
from marshmallow import ValidationError, fields, validate, validates_schema

from mentornet.core.schemas import Schema, lazy_message, one_of
from mentornet.modules.profiles.fields.widgets import Widget
from mentornet.modules.tenants.config import Goal, TenantConfig
from mentornet.modules.tenants.models import localized

_l = lazy_message

Question = Mapping[str, Any]  # one [[questionnaire]] entry of a pack, as the pack schema loaded it
Choices = list[tuple[str, Any]]  # (stored key, label), as a widget offers them


@dataclass(frozen=True)
class Reader:
    """Whoever reads a question or an answer: her locale, the network's default and its goals."""

    locale: str
    fallback: str
    goals: Sequence[Goal] = ()

    @classmethod
    def of(cls, config: TenantConfig, locale: str) -> Reader:
        return cls(locale, config.default_locale, config.offered_goals)

    def text(self, texts: Mapping[str, str]) -> str:
        """A {locale: text} table of the pack in her language, else the network's default."""
        return localized(texts, self.locale, self.fallback)

    def goal_choices(self) -> Choices:
        return [(goal.key, self.text(goal.label)) for goal in self.goals]

    def listing(self, words: Iterable[str]) -> str:
        """Several answers in a sentence of her language: "a, b og c", "أ وب وج"."""
        words = list(words)
        return format_list(words, locale=self.locale) if words else ""


@dataclass(frozen=True)
class Persona:
    """What the demo knows of a member when it answers for her (modules/demo/answers.py)."""

    origin: str
    languages: list[dict[str, str]]
    occupation_code: str | None  # her own, else the one she aims for
    education_field: str | None
    goals: Sequence[str]
    tags: frozenset[str]  # the sector keys her profession belongs to
    applied: dt.datetime
    write: Callable[[random.Random, str], str]  # a phrase of a kind, in a language she writes


class NoChoices(Schema):
    """The definition of a question that offers nothing to choose from."""

    @validates_schema
    def _no_choices(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("choices"):
            raise ValidationError(_l("Only choice questions have choices."), "choices")


def required(question: Question) -> bool:
    return bool(question["required"])


def choice_of(values: Iterable[str]) -> validate.OneOf:
    return one_of(sorted(values))


class FieldType:
    """One type of questionnaire question, declared in one place (STYLE.md rule 17).

    The pack schema checks a question against the keys every question has and the type's
    `definition`; the profile schema validates the answer with `answer_field`; the form draws
    `widget` (which also reads what the browser posts) with `choices`; pages show a stored
    answer with `show`; the demo answers with `demo_answer`.
    """

    key: ClassVar[str]
    title: ClassVar[
        LazyString
    ]  # what the admin console's questionnaire builder calls it (lazy text)
    widget: ClassVar[Widget]
    definition: ClassVar[type[Schema]] = NoChoices
    # The question lists its own choices (the builder asks for them; the definition requires them).
    has_choices: ClassVar[bool] = False
    # matching.questions may weigh it: its answers are keys of the question's choices.
    matchable: ClassVar[bool] = False

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        """The field that validates an answer; goals are the network's goal keys."""
        raise NotImplementedError

    def choices(self, question: Question, reader: Reader) -> Choices:
        return []

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        """A stored (non-empty) answer as the reader reads it: labels in her language, not keys."""
        return str(answer)

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        """An answer that fits the demo member; None leaves the question unanswered."""
        raise NotImplementedError
