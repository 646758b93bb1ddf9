"""JSON API of the profiles module: /<slug>/api/v1/profiles (staff, session-authenticated).

The same profile schema as the application form and the CSV import validates the body.
"""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError

from mentornet.core.schemas import errors_by_path
from mentornet.extensions import db
from mentornet.modules.audit.operations import record
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.profiles.operations import ApplicantFilter, applicants, submit_application
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.web.boundary import on_refusal


def _public(profile: Profile) -> dict[str, Any]:
    """What the API shows of a profile: nothing special-category."""
    return {
        "id": profile.id,
        "role": profile.role.value,
        "status": profile.status.value,
        "languages": profile.languages,
        "goals": profile.goals,
        "occupation_code": profile.occupation_code,
        "education_level": profile.education_level,
        "education_field": profile.education_field,
    }


def list_profiles() -> ResponseReturnValue:
    rows = applicants(db.session, ApplicantFilter())
    # An API read of people is logged once per request, naming how many it returned.
    record(
        db.session,
        actor_id=current_user.id,
        action="api_read_profiles",
        subject_type="tenant",
        subject_id=g.tenant.id,
        detail=f"{len(rows)} profiles",
    )
    return {"items": [_public(profile) for profile, _user in rows]}


def create_profile() -> ResponseReturnValue:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return {"errors": {"_body": [_("Send a JSON object.")]}}, 400
    role_value = body.pop("role", None)
    if not isinstance(role_value, str) or role_value not in {r.value for r in ProfileRole}:
        choices = ", ".join(role.value for role in ProfileRole)
        return {"errors": {"role": [_("Choose one of: {choices}.").format(choices=choices)]}}, 422
    role = ProfileRole(role_value)
    try:
        data = profile_schema(g.tenant.config, role, account="import").load(body)
    except ValidationError as exc:
        return {"errors": errors_by_path(exc.messages)}, 422
    on_refusal(lambda error: ({"errors": {error.field or "_body": [str(error)]}}, 422))
    _user, profile = submit_application(db.session, g.tenant, role, data)
    record(
        db.session,
        actor_id=current_user.id,
        action="api_create_profile",
        subject_type="profile",
        subject_id=profile.id,
    )
    return _public(profile), 201
