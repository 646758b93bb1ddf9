"""The form controls: each one a macro of profiles/_fields.html, and how the browser posts its value.

A FieldSpec's `kind` names its widget. Question types declare theirs (base.FieldType.widget); the
profile's own fields (name, goals, consent ...) pick one in profiles/forms.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict


@dataclass(frozen=True)
class Widget:
    """One value in one input: a text box, a select, a set of radio buttons."""

    name: str

    def read(self, form: MultiDict[str, str], name: str) -> Any:
        """What was posted, in the shape the schema reads; None when the field was left empty."""
        return form.get(name, "").strip() or None

    def form_value(self, stored: Any) -> Any:
        """A stored value as this control shows it again (the edit form)."""
        return stored


@dataclass(frozen=True)
class Checkboxes(Widget):
    """Repeated fields: a list, empty when the form says the field was there but nothing ticked."""

    def read(self, form: MultiDict[str, str], name: str) -> Any:
        chosen = form.getlist(name)
        return chosen if chosen or name in form else None


@dataclass(frozen=True)
class Checkbox(Widget):
    """One tick box: true or false, never missing."""

    def read(self, form: MultiDict[str, str], name: str) -> Any:
        return name in form


@dataclass(frozen=True)
class YesNo(Widget):
    """Two radio buttons whose answer is stored as true or false."""

    def form_value(self, stored: Any) -> Any:
        if isinstance(stored, bool):
            return "yes" if stored else "no"
        return stored


@dataclass(frozen=True)
class LanguageRows(Widget):
    """Rows of language and level selects, posted as <name>-code and <name>-level."""

    def read(self, form: MultiDict[str, str], name: str) -> Any:
        codes, levels = form.getlist(f"{name}-code"), form.getlist(f"{name}-level")
        entries = [f"{c}:{lv}" for c, lv in zip(codes, levels, strict=False) if c or lv]
        return entries or None

    def form_value(self, stored: Any) -> Any:
        return [f"{s['code']}:{s['level']}" for s in stored] if stored else stored


TEXT = Widget("text")
EMAIL = Widget("email")
PASSWORD = Widget("password")
NUMBER = Widget("number")
DATE = Widget("date")
TEXTAREA = Widget("textarea")
SELECT = Widget("select")
OCCUPATION = Widget("occupation")  # a text box with the ISCO list as suggestions
RADIOS = Widget("radios")
YES_NO = YesNo("yes_no")
CHECKBOXES = Checkboxes("checkboxes")
CHECKBOX = Checkbox("checkbox")
LANGUAGES = LanguageRows("languages")

WIDGETS: Mapping[str, Widget] = {
    w.name: w
    for w in (
        TEXT, EMAIL, PASSWORD, NUMBER, DATE, TEXTAREA, SELECT, OCCUPATION, RADIOS, YES_NO,
        CHECKBOXES, CHECKBOX, LANGUAGES,
    )
}  # fmt: skip
