"""Inviting staff by e-mail, and revoking an invitation (on the staff page of the admin console)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import post_load, validate

from mentornet.core.schemas import Email, List, Schema, String, one_of
from mentornet.core.schemas import lazy_message as _m
from mentornet.extensions import db
from mentornet.modules.accounts import invitations, staffing
from mentornet.modules.accounts.models import Role
from mentornet.modules.accounts.schemas import normalise_email
from mentornet.modules.admin.views import Route
from mentornet.modules.admin.views.staff import render_staff_page
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import parse_form


class InvitationSchema(Schema):
    name = String(required=True, single_line=True, validate=validate.Length(min=1, max=200))
    email = Email(required=True, validate=validate.Length(max=254))
    roles = List(
        String(validate=one_of([role.value for role in staffing.STAFF_ROLE_CHOICES])),
        required=True,
        validate=validate.Length(min=1, error=_m("Choose at least one role.")),
    )

    @post_load
    def _clean(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["name"] = data["name"].strip()
        data["email"] = normalise_email(data["email"])
        data["roles"] = {Role(role) for role in data["roles"]}
        return data


def invite() -> ResponseReturnValue:
    form = parse_form(InvitationSchema(), list_fields=("roles",))
    if not form.ok:
        return render_staff_page(form, 422)
    refusal_shows_form(form, lambda: render_staff_page(form, 422))
    invitation = invitations.invite_staff(
        db.session, g.tenant, **form.data, actor=current_user._get_current_object()
    )
    flash(_("An invitation has been sent to %(email)s.", email=invitation.email), "success")
    return redirect(url_for("admin.staff"), 303)


def revoke(invitation_id: int) -> ResponseReturnValue:
    invitation = invitations.get_invitation(db.session, invitation_id)
    if invitation is None:
        abort(404)
    refusal_goes_to(url_for("admin.staff"))
    invitations.revoke_invitation(db.session, invitation, actor=current_user)
    flash(_("The invitation to %(email)s has been revoked.", email=invitation.email), "success")
    return redirect(url_for("admin.staff"), 303)


ROUTES = [
    Route("/staff/invitations", "invite_staff", invite, ("POST",)),
    Route("/staff/invitations/<int:invitation_id>/revoke", "revoke_invitation", revoke, ("POST",)),
]
