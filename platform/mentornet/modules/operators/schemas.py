"""Input of the operator console's forms and commands."""

from __future__ import annotations

from typing import Any

from marshmallow import post_load

from mentornet.core.schemas import Email, List, Schema, String, length
from mentornet.modules.accounts.schemas import PASSWORD_MAX, normalise_email


class OperatorLoginSchema(Schema):
    email = Email(required=True)
    password = String(required=True, validate=length(1, PASSWORD_MAX))

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["email"] = normalise_email(data["email"])
        return data


class OperatorCodeSchema(Schema):
    code = String(required=True, single_line=True, validate=length(6, 12))


class NewOperatorSchema(Schema):
    email = Email(required=True)
    name = String(required=True, single_line=True, validate=length(1, 200))
    password = String(required=True, validate=length(10, PASSWORD_MAX))

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["email"] = normalise_email(data["email"])
        return data


class LaunchSchema(Schema):
    """The launch form's own fields; the network's settings are validated by TenantPackSchema."""

    template = String(required=True, single_line=True, validate=length(1, 60))
    slug = String(required=True, single_line=True, validate=length(3, 40))
    locales = List(String(single_line=True, validate=length(2, 10)), required=True)
    default_locale = String(required=True, single_line=True, validate=length(2, 10))
    timezone = String(required=True, single_line=True, validate=length(1, 60))
    hosts = String(load_default="", validate=length(maximum=2000))
    admin_name = String(required=True, single_line=True, validate=length(1, 200))
    admin_email = Email(required=True)

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["slug"] = data["slug"].strip().lower()
        data["admin_email"] = normalise_email(data["admin_email"])
        data["hosts"] = [
            line.strip().lower() for line in data["hosts"].splitlines() if line.strip()
        ]
        return data


class DeleteNetworkSchema(Schema):
    confirm = String(required=True, single_line=True, validate=length(1, 60))
