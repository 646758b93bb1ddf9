"""marshmallow building blocks whose error messages are translated.

Every schema of every module uses these fields, so an error shown to a person is in her language.
The messages are lazy strings: they are rendered in the locale of whoever reads them.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext
from marshmallow import Schema as _Schema
from marshmallow import ValidationError, fields, validate


class LazyText(str):
    """A message that translates itself when shown or formatted.

    marshmallow insists that error messages are str instances and formats them with str.format when
    it raises; this str subclass holds the English source and translates at that moment, in the
    locale of the request (or the app default outside one).
    """

    __slots__ = ()

    def __str__(self) -> str:
        return str(gettext(str.__str__(self)))

    def format(self, *args: object, **kwargs: object) -> str:
        return str(self).format(*args, **kwargs)


def lazy_message(msgid: str) -> LazyText:
    """Mark a validation message for extraction and translate it when it is raised."""
    return LazyText(msgid)


_l = lazy_message

REQUIRED = {"required": _l("This field is required."), "null": _l("This field is required.")}


class Schema(_Schema):
    """Base schema: unknown keys are refused with a translated message."""

    error_messages = {
        "unknown": _l("This field is not allowed here."),
        "type": _l("Invalid input."),
    }


# What no text may hold: the C0 and C1 control characters (NUL among them, which PostgreSQL refuses
# to store), DEL, and lone surrogates (not text at all, yet JSON can carry them). Tab and line breaks
# are text in a multi-line field; a single-line field refuses them too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
CONTROL_CHARACTERS = _l("This text contains invisible control characters. Please remove them.")


class String(fields.String):
    """Text; never control characters. `single_line=True` also refuses tabs and line breaks."""

    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter text."),
        "invalid_utf8": _l("Enter text."),
        "control": CONTROL_CHARACTERS,
    }

    def __init__(self, *, single_line: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.refused = _CONTROL_OR_BREAK if single_line else _CONTROL

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if self.refused.search(text):
            raise self.make_error("control")
        return text


class Email(fields.Email):
    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter a valid e-mail address."),
        "control": CONTROL_CHARACTERS,
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        # The address validator accepts control characters inside a quoted local part.
        text: str = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL_OR_BREAK.search(text):
            raise self.make_error("control")
        return text


class Integer(fields.Integer):
    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter a whole number."),
        "too_large": _l("This number is too large."),
    }


# The largest id a database row can have. Ids are Integer columns: 64-bit on SQLite, but 32-bit
# ("integer") on PostgreSQL, where a larger number is an error of the database (a 500), not a miss.
MAX_RECORD_ID = 2**31 - 1


class RecordId(Integer):
    """The id of a row offered on the page: a whole number in the database's range, else refused
    as a choice that was not offered (never an overflow in the database)."""

    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Choose one of the options offered."),
        "too_large": _l("Choose one of the options offered."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "validate",
            validate.Range(
                min=1, max=MAX_RECORD_ID, error=_l("Choose one of the options offered.")
            ),
        )
        super().__init__(strict=False, **kwargs)

    def _validated(self, value: Any) -> Any:
        # int() takes digits that are not ASCII ("²", "٣"); a form field of ids must be 0-9 only.
        if isinstance(value, str) and not (value.isascii() and value.isdigit()):
            raise self.make_error("invalid")
        return super()._validated(value)


class Float(fields.Float):
    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter a number."),
        "too_large": _l("This number is too large."),
        "special": _l("Enter a number."),
    }


class Boolean(fields.Boolean):
    """Also understands the yes/no words of the reference locales, for CSV imports."""

    default_error_messages = {**REQUIRED, "invalid": _l("Choose yes or no.")}
    truthy = fields.Boolean.truthy | {"ja", "oui", "نعم"}
    falsy = fields.Boolean.falsy | {"nej", "non", "لا"}


class Date(fields.Date):
    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter a date like 2026-03-08."),
        "format": _l("Enter a date like 2026-03-08."),
    }


class MultiValue(fields.List):  # type: ignore[type-arg]
    """A list from a form (repeated fields), JSON (an array) or CSV (values separated by ;)."""

    default_error_messages = {**REQUIRED, "invalid": _l("Enter a list.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(";") if part.strip()]
        return super()._deserialize(value, attr, data, **kwargs)


class List(fields.List):  # type: ignore[type-arg]
    default_error_messages = {**REQUIRED, "invalid": _l("Enter a list.")}


class Dict(fields.Dict):
    default_error_messages = {**REQUIRED, "invalid": _l("Enter a table of values.")}


class Nested(fields.Nested):
    default_error_messages = {**REQUIRED, "type": _l("Enter a table of values.")}


def one_of(choices: list[str] | tuple[str, ...]) -> validate.OneOf:
    # Lazy strings format themselves when the error is raised, in the reader's locale.
    return validate.OneOf(choices, error=_l("Choose one of: {choices}."))


def between(minimum: float, maximum: float) -> validate.Range:
    return validate.Range(min=minimum, max=maximum, error=_l("Enter a number from {min} to {max}."))


def at_least(minimum: float) -> validate.Range:
    return validate.Range(min=minimum, error=_l("Enter a number of at least {min}."))


def length(minimum: int | None = None, maximum: int | None = None) -> validate.Length:
    if minimum and maximum:
        error = _l("Enter between {min} and {max} characters.")
    elif maximum:
        error = _l("Enter at most {max} characters.")
    else:
        error = _l("Enter at least {min} characters.")
    return validate.Length(min=minimum, max=maximum, error=error)


def flatten_errors(messages: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Turn marshmallow's nested error dict into (dotted.path[0].key, message) pairs."""
    pairs: list[tuple[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}[{key}]" if isinstance(key, int) else _join(prefix, str(key))
            pairs.extend(flatten_errors(value, path))
    elif isinstance(messages, list):
        for item in messages:
            pairs.extend(flatten_errors(item, prefix))
    else:
        pairs.append((prefix or "_schema", str(messages)))
    return pairs


def errors_by_path(messages: Any) -> dict[str, list[str]]:
    """marshmallow's nested errors as {dotted.path: [every message for it]}."""
    grouped: dict[str, list[str]] = {}
    for path, message in flatten_errors(messages):
        grouped.setdefault(path, []).append(message)
    return grouped


def _join(prefix: str, key: str) -> str:
    # "_schema" is a whole-object error; "value" is marshmallow's marker for a Dict field's values.
    if key in ("_schema", "value"):
        return prefix or key
    return f"{prefix}.{key}" if prefix else key


__all__ = [
    "CONTROL_CHARACTERS",
    "Boolean",
    "Date",
    "Dict",
    "Email",
    "Float",
    "Integer",
    "LazyText",
    "List",
    "MultiValue",
    "Nested",
    "RecordId",
    "Schema",
    "String",
    "ValidationError",
    "at_least",
    "between",
    "errors_by_path",
    "flatten_errors",
    "lazy_message",
    "length",
    "one_of",
]
