"""From an HTML form to a schema's data, or to errors keyed by field for the template."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import flash, request
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from mentornet.core.errors import DomainError
from mentornet.core.schemas import flatten_errors


@dataclass
class FormResult:
    """What a submitted form gave: clean data, or the messages to show next to each field."""

    values: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_validation_error(self, error: ValidationError) -> None:
        """marshmallow's nested messages, each under its top-level field name."""
        for key, message in flatten_errors(error.messages):
            self.errors.setdefault(key.split(".")[0].split("[")[0], []).append(message)

    def add_error(self, error: DomainError) -> None:
        self.errors.setdefault(error.field or "_form", []).append(str(error.message))


def parse_form(schema: Schema, *, list_fields: tuple[str, ...] = ()) -> FormResult:
    """Validate request.form with a schema. Only the schema's fields are read; csrf_token is not."""
    return _parse(schema, request.form, list_fields)


def parse_query(schema: Schema, *, list_fields: tuple[str, ...] = ()) -> FormResult:
    """Validate a page's query arguments (a list's filters) with a schema, like a form."""
    return _parse(schema, request.args, list_fields)


def _parse(
    schema: Schema, submitted: MultiDict[str, str], list_fields: tuple[str, ...]
) -> FormResult:
    values: dict[str, Any] = {}
    for name in schema.fields:
        if name in list_fields:
            values[name] = submitted.getlist(name)
        elif name in submitted:
            raw = submitted[name]
            if raw.strip() != "":
                values[name] = raw
    result = FormResult(values=values)
    try:
        result.data = schema.load(values)
    except ValidationError as exc:
        result.add_validation_error(exc)
    return result


def empty_form() -> FormResult:
    return FormResult(values={})


def flash_errors(form: FormResult, labels: Mapping[str, object]) -> None:
    """A form whose page has no place for messages: each one flashed after its field's name."""
    for name, messages in form.errors.items():
        label = labels.get(name)
        for message in messages:
            flash(f"{label}: {message}" if label else message, "error")
