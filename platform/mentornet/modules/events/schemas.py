"""The staff form of an event: texts per language of the network, times on its clocks."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from marshmallow import fields, post_load

from mentornet.core.i18n import CoreLocale
from mentornet.core.schemas import (
    REQUIRED,
    Integer,
    List,
    Schema,
    String,
    ValidationError,
    between,
    lazy_message,
    length,
    one_of,
)
from mentornet.modules.events.models import Audience, EventKind, Repeat
from mentornet.modules.events.times import to_utc
from mentornet.modules.tenants.models import Tenant

_l = lazy_message
_WALL_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")
TIMES = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)


class WallClock(fields.Field):  # type: ignore[type-arg]
    """A date and time as read off the network's clocks ("2026-03-08T18:30", as
    <input type="datetime-local"> sends it); naive until the schema places it in the zone."""

    default_error_messages = {
        **REQUIRED,
        "invalid": _l("Enter a date and time like 2026-03-08 18:30."),
        "range": _l("Enter a date between the years 2000 and 2100."),
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if not isinstance(value, str) or not _WALL_CLOCK.fullmatch(value.strip()):
            raise self.make_error("invalid")
        try:
            moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
        except ValueError as exc:
            raise self.make_error("invalid") from exc
        if not 2000 <= moment.year <= 2100:
            raise self.make_error("range")
        return moment


def _web_address(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in value:
        raise ValidationError(_l("Enter a web address that starts with https://."))


class _EventSchema(Schema):
    tenant: Tenant

    kind = String(required=True, validate=one_of([k.value for k in EventKind]))
    audience = String(required=True, validate=one_of([a.value for a in Audience]))
    starts_at = WallClock(required=True)
    ends_at = WallClock(required=True)
    place = String(load_default="", validate=length(maximum=1000))
    online_link = String(
        load_default="", single_line=True, validate=[length(maximum=500), _web_address]
    )
    languages = List(String(validate=CoreLocale()), load_default=list)
    capacity = Integer(required=True, strict=False, validate=between(1, 10_000))
    registration_opens_at = WallClock(load_default=None)
    registration_closes_at = WallClock(load_default=None)
    cancellation_deadline = WallClock(load_default=None)
    # Only the new-event form: each date of the series becomes an event of its own.
    repeat = String(load_default="none", validate=one_of([r.value for r in Repeat]))
    occurrences = Integer(load_default=1, strict=False, validate=between(1, 52))

    @post_load
    def _assemble(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        """Texts as {locale: text}, times as UTC moments, choices as their enums."""
        result: dict[str, Any] = {"title": {}, "description": {}}
        for key, value in data.items():
            name, _, loc = key.partition("_text_")
            if loc:
                if value.strip():
                    result[name][loc] = value.strip()
            elif key in TIMES:
                result[key] = to_utc(self.tenant, value) if value is not None else None
            else:
                result[key] = value
        result["kind"] = EventKind(result["kind"])
        result["audience"] = Audience(result["audience"])
        result["repeat"] = Repeat(result["repeat"])
        result["place"] = result["place"].strip()
        result["online_link"] = result["online_link"].strip()
        return result


def text_field(kind: str, loc: str) -> str:
    """The form's name of a text in one language: title_text_da, description_text_ar."""
    return f"{kind}_text_{loc}"


def event_schema(tenant: Tenant) -> Schema:
    """The form's schema for this network: a title (required in its default language) and a
    description in each of its languages."""
    declared: dict[str, Any] = {}
    for loc in tenant.locales:
        declared[text_field("title", loc)] = String(
            required=loc == tenant.default_locale,
            single_line=True,
            validate=length(maximum=200),
        )
        declared[text_field("description", loc)] = String(
            load_default="", validate=length(maximum=5000)
        )
    schema_class = type("EventSchema", (_EventSchema,), declared)
    schema: _EventSchema = schema_class()
    schema.tenant = tenant
    return schema
