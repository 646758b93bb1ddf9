"""Input of the account forms and commands."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, post_load, validate, validates_schema

from mentornet.core.schemas import Email, List, Schema, String, length, one_of
from mentornet.core.schemas import lazy_message as _l
from mentornet.modules.accounts.models import Role

PASSWORD_MIN = 10
PASSWORD_MAX = 200


def _password(**kwargs: Any) -> String:
    return String(
        required=True,
        validate=validate.Length(
            min=PASSWORD_MIN,
            max=PASSWORD_MAX,
            error=_l("Use at least {min} characters."),
        ),
        **kwargs,
    )


class LoginSchema(Schema):
    email = Email(required=True)
    password = String(required=True, validate=validate.Length(min=1, max=PASSWORD_MAX))

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["email"] = normalise_email(data["email"])
        return data


class ResetRequestSchema(Schema):
    email = Email(required=True)

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["email"] = normalise_email(data["email"])
        return data


class NewPasswordSchema(Schema):
    password = _password()
    password_confirm = String(required=True)

    @validates_schema
    def _same(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("password") != data.get("password_confirm"):
            raise ValidationError(_l("The two passwords are not the same."), "password_confirm")


class ChangePasswordSchema(NewPasswordSchema):
    current_password = String(required=True)


class SecondFactorCodeSchema(Schema):
    """Six digits from the app, or a recovery code (11 characters with its dash)."""

    code = String(required=True, single_line=True, validate=length(6, 40))


class CurrentPasswordSchema(Schema):
    current_password = String(required=True, validate=length(1, PASSWORD_MAX))


class NewUserSchema(Schema):
    email = Email(required=True)
    name = String(required=True, validate=validate.Length(min=1, max=200))
    password = _password()
    roles = List(String(validate=one_of([r.value for r in Role])), load_default=lambda: ["member"])
    locale = String(load_default=None)

    @post_load
    def _normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["email"] = normalise_email(data["email"])
        data["roles"] = [Role(role) for role in data["roles"]]
        return data


def normalise_email(email: str) -> str:
    return email.strip().lower()
