"""Questions answered in the member's own words."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, ClassVar

from flask_babel import lazy_pgettext
from marshmallow import fields

from mentornet.core.schemas import String, length
from mentornet.modules.profiles.fields.base import FieldType, Persona, Question, required
from mentornet.modules.profiles.fields.widgets import TEXT, TEXTAREA


class TextField(FieldType):
    """A line of text."""

    key = "text"
    title = lazy_pgettext("field type", "A short text")
    widget = TEXT
    max_length: ClassVar[int] = 500

    def answer_field(self, question: Question, goals: Sequence[str]) -> fields.Field[Any]:
        return String(required=required(question), validate=length(maximum=self.max_length))

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        return persona.write(rng, "short_text")


class LongTextField(TextField):
    """A few paragraphs: motivation, experience."""

    key = "long_text"
    title = lazy_pgettext("field type", "A longer text")
    widget = TEXTAREA
    max_length = 5000

    def demo_answer(self, rng: random.Random, question: Question, persona: Persona) -> Any:
        kind = "experience" if "experience" in question["key"] else "motivation"
        return persona.write(rng, kind)
