"""Staff and roles: who works for the network, with which roles; deactivate and reactivate."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import post_load

from mentornet.core.schemas import List, Schema, String, one_of
from mentornet.extensions import db
from mentornet.modules.accounts import invitations, staffing
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.admin.views import Route, Section
from mentornet.web.boundary import refusal_goes_to
from mentornet.web.forms import FormResult, empty_form, flash_errors, parse_form

ROLE_LABELS = staffing.ROLE_LABELS


class StaffRolesSchema(Schema):
    roles = List(String(validate=one_of([role.value for role in staffing.STAFF_ROLE_CHOICES])))

    @post_load
    def _roles(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["roles"] = {Role(role) for role in data.get("roles", [])}
        return data


def staff() -> ResponseReturnValue:
    return render_staff_page(empty_form(), 200)


def render_staff_page(invite_form: FormResult, status: int) -> ResponseReturnValue:
    """The staff, the open invitations and the form to invite somebody (with its errors)."""
    return render_template(
        "admin/staff.html",
        people=staffing.list_staff(db.session),
        role_choices=staffing.STAFF_ROLE_CHOICES,
        role_labels=ROLE_LABELS,
        invitations=invitations.list_invitations(db.session),
        invitation_state=invitations.state_of,
        invite_form=invite_form,
    ), status


def _load(user_id: int) -> User:
    user = staffing.get_staff_member(db.session, user_id)
    if user is None:
        abort(404)
    return user


def change_roles(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    refusal_goes_to(url_for("admin.staff"))
    form = parse_form(StaffRolesSchema(), list_fields=("roles",))
    if not form.ok:
        flash_errors(form, {"roles": _("Roles")})
        return redirect(url_for("admin.staff"), 303)
    staffing.set_staff_roles(db.session, user, form.data["roles"], actor=current_user)
    flash(_("The roles of %(name)s have been saved.", name=user.name), "success")
    return redirect(url_for("admin.staff"), 303)


def deactivate(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    refusal_goes_to(url_for("admin.staff"))
    staffing.deactivate_staff_member(db.session, user, actor=current_user)
    flash(_("%(name)s can no longer sign in and has been signed out.", name=user.name), "success")
    return redirect(url_for("admin.staff"), 303)


def reactivate(user_id: int) -> ResponseReturnValue:
    user = _load(user_id)
    staffing.reactivate_staff_member(db.session, user, actor=current_user)
    flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.staff"), 303)


SECTION = Section(_l("Staff and roles"), "staff", 60)
ROUTES = [
    Route("/staff", "staff", staff),
    Route("/staff/<int:user_id>/roles", "change_staff_roles", change_roles, ("POST",)),
    Route("/staff/<int:user_id>/deactivate", "deactivate_staff", deactivate, ("POST",)),
    Route("/staff/<int:user_id>/reactivate", "reactivate_staff", reactivate, ("POST",)),
]
