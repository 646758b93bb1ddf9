"""Input of the data-rights forms."""

from __future__ import annotations

from marshmallow import validate

from mentornet.core.schemas import Schema, String, one_of
from mentornet.modules.profiles.operations import PRIVACY, SENSITIVE


class WithdrawConsentSchema(Schema):
    kind = String(required=True, validate=one_of([SENSITIVE, PRIVACY]))


class EraseAccountSchema(Schema):
    password = String(required=True, validate=validate.Length(min=1, max=200))


class AcceptNoticeSchema(Schema):
    """Accepting the privacy notice: only the page to go on to afterwards (checked by the view)."""

    next = String(single_line=True, validate=validate.Length(max=2000), load_default="")
