"""Questions with one plain value: a number, a date, yes or no."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import force_locale, lazy_pgettext
from flask_babel import lazy_gettext as _l
from marshmallow import fields

from mentornet.core.schemas import Boolean, Date, Integer, between
from mentornet.modules.profiles.fields.base import (
    Choices,
    FieldType,
    Persona,
    Question,
    Reader,
    required,
)
from mentornet.modules.profiles.fields.widgets import DATE, NUMBER, YES_NO

YES_NO_CHOICES: Choices = [("yes", _l("Yes")), ("no", _l("No"))]


class NumberField(FieldType):
    """A whole number, such as years in the country."""

    key = "number"
    title = lazy_pgettext("field type", "A whole number")
    widget = NUMBER

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return Integer(required=required(question), validate=between(0, 1_000_000))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        return str(format_decimal(answer, locale=reader.locale))

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return rng.randint(0, 20)


class DateField(FieldType):
    """A day, stored as an ISO date (2026-03-08)."""

    key = "date"
    title = lazy_pgettext("field type", "A date")
    widget = DATE

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return Date(required=required(question))

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        return str(format_date(dt.date.fromisoformat(answer), "medium", locale=reader.locale))

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        # A week to two months after she applied, to the minute (as the demo's other dates).
        soon = dt.timedelta(minutes=round(rng.uniform(7, 60) * 24 * 60))
        return (persona.applied + soon).date().isoformat()


class YesNoField(FieldType):
    """Yes or no, stored as true or false."""

    key = "yes_no"
    title = lazy_pgettext("field type", "Yes or no")
    widget = YES_NO

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return Boolean(required=required(question))

    def choices(self, question: Question, reader: Reader) -> Choices:
        return list(YES_NO_CHOICES)

    def show(self, answer: Any, question: Question, reader: Reader) -> str:
        with force_locale(reader.locale):
            return str(YES_NO_CHOICES[0 if answer else 1][1])

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return rng.random() < 0.7
