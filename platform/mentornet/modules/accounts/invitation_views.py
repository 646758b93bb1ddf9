"""The e-mailed invitation link: choose a password (or give the existing account's) and accept."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from marshmallow import validate

from mentornet.core.schemas import Schema, String
from mentornet.extensions import db, limiter
from mentornet.modules.accounts import invitations
from mentornet.modules.accounts.invitations import InvitationState
from mentornet.modules.accounts.models import StaffInvitation
from mentornet.modules.accounts.schemas import PASSWORD_MAX, NewPasswordSchema
from mentornet.modules.accounts.views import _client_key, _home_for, _login_limit, sign_in
from mentornet.web.boundary import refusal_shows_form
from mentornet.web.forms import FormResult, empty_form, parse_form

INVITATION_TOKEN_KEY = "invitation_token"  # noqa: S105  (a session key name, not a secret)


class ExistingPasswordSchema(Schema):
    password = String(required=True, validate=validate.Length(min=1, max=PASSWORD_MAX))


@limiter.limit(_login_limit, key_func=_client_key, methods=["POST"])
def accept_invitation() -> ResponseReturnValue:
    """/invitation?token=...: like a reset link, the token moves into the session at once, so the
    form page, the browser's history and every Referer carry none (access logs record no query).
    A link that is unknown, expired, used or revoked shows why, and changes nothing."""
    if "token" in request.args:
        invitation = invitations.invitation_for_token(db.session, request.args["token"])
        if invitations.state_of(invitation) != InvitationState.OPEN:
            return _not_usable(invitation)
        session[INVITATION_TOKEN_KEY] = request.args["token"]
        return redirect(url_for("accounts.accept_invitation"), 303)
    invitation = invitations.invitation_for_token(db.session, session.get(INVITATION_TOKEN_KEY, ""))
    if invitation is None or invitations.state_of(invitation) != InvitationState.OPEN:
        return _not_usable(invitation)
    has_account = invitations.existing_account(db.session, invitation) is not None
    form = empty_form()
    if request.method == "POST":
        form = parse_form(ExistingPasswordSchema() if has_account else NewPasswordSchema())
        if not form.ok:
            return _form(invitation, form, has_account, 422)
        refusal_shows_form(form, lambda: _form(invitation, form, has_account, 422))
        user = invitations.accept_invitation(db.session, invitation, password=form.data["password"])
        sign_in(user)  # a fresh session: the invitation's token goes with the old one
        flash(_("Welcome: the invitation is accepted and you are logged in."), "success")
        return redirect(_home_for(user), 303)
    return _form(invitation, form, has_account, 200)


def _form(
    invitation: StaffInvitation, form: FormResult, has_account: bool, status: int
) -> ResponseReturnValue:
    return render_template(
        "accounts/invitation.html", invitation=invitation, form=form, has_account=has_account
    ), status


def _not_usable(invitation: StaffInvitation | None) -> ResponseReturnValue:
    state = invitations.state_of(invitation)
    session.pop(INVITATION_TOKEN_KEY, None)
    status = 404 if state == InvitationState.UNKNOWN else 410
    return render_template("accounts/invitation_not_usable.html", state=state.value), status
