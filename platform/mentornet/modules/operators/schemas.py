"""Input of the operator console's forms and commands."""

from __future__ import annotations

from typing import Any

from marshmallow import post_load

from mentornet.core.schemas import Email, Schema, String, length
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
