"""The questionnaire's field types, one class each, found here by the key a pack names.

Whatever depends on a question's type asks this registry (STYLE.md rule 17, after Indico's
events/surveys/fields): the pack schema (what a question may hold), the profile schema (the field
that validates an answer), the form (widget and choices), pages that show an answer, and the demo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentornet.modules.profiles.fields.base import FieldType, Persona, Question, Reader
from mentornet.modules.profiles.fields.choices import (
    GoalsField,
    MultipleChoiceField,
    SingleChoiceField,
)
from mentornet.modules.profiles.fields.classified import EducationField, OccupationField
from mentornet.modules.profiles.fields.cldr import CountryField, LanguagesField
from mentornet.modules.profiles.fields.simple import DateField, NumberField, YesNoField
from mentornet.modules.profiles.fields.text import LongTextField, TextField

# In the order the pack schema lists them when a question names an unknown type.
FIELD_TYPES: Mapping[str, FieldType] = {
    field.key: field
    for field in (
        TextField(), LongTextField(), SingleChoiceField(), MultipleChoiceField(), NumberField(),
        DateField(), YesNoField(), CountryField(), LanguagesField(), OccupationField(),
        EducationField(), GoalsField(),
    )
}  # fmt: skip


def field_type(key: str) -> FieldType:
    """The type a question names (the pack schema has made sure it exists)."""
    return FIELD_TYPES[key]


def show_answer(question: Question, answer: Any, reader: Reader) -> str:
    """A stored answer in the reader's language; "" when the question was not answered."""
    if answer is None or answer in ("", []):
        return ""
    return field_type(question["type"]).show(answer, question, reader)


__all__ = ["FIELD_TYPES", "FieldType", "Persona", "Question", "Reader", "field_type", "show_answer"]
