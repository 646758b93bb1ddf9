"""The pair's side of matching: answering proposals, browsing and requesting (/<slug>/me/...)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.extensions import db
from mentornet.modules.mentorships import operations
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.mentorships.schemas import AnswerSchema
from mentornet.modules.profiles.models import Profile
from mentornet.modules.profiles.operations import profiles_of
from mentornet.web.boundary import refusal_goes_to
from mentornet.web.forms import flash_errors, parse_form


def _my_profile_in(mentorship: Mentorship) -> Profile:
    """The member's own side of the pair; anything else is not found."""
    for profile in profiles_of(db.session, current_user):
        if profile.id in (mentorship.mentee_profile_id, mentorship.mentor_profile_id):
            return profile
    raise NotFound()


def answer(mentorship_id: int) -> ResponseReturnValue:
    mentorship = operations.get_mentorship(db.session, mentorship_id)
    if mentorship is None:
        abort(404)
    profile = _my_profile_in(mentorship)
    form = parse_form(AnswerSchema())
    if not form.ok:
        flash_errors(form, {})
        return redirect(url_for("portal.me"), 303)
    refusal_goes_to(url_for("portal.me"))
    operations.answer(
        db.session,
        g.tenant,
        mentorship,
        profile,
        yes=form.data["answer"] == "yes",
        reason=form.data["reason"],
        reason_text=form.data["reason_text"],
        actor=current_user,
    )
    flash(_("Thank you for your answer."), "success")
    return redirect(url_for("portal.me"))
