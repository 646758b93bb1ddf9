"""A follow-up after the mentorship: the mentee tells her situation (/<slug>/me/outcomes/<id>)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.core.i18n import current_locale
from mentornet.core.schemas import Schema, String, length, one_of
from mentornet.core.types import utcnow
from mentornet.extensions import db
from mentornet.modules.mentorships.cycle_models import Outcome, OutcomeStage
from mentornet.modules.mentorships.outcomes import answer_follow_up, get_outcome
from mentornet.modules.profiles.forms import FieldSpec, occupation_options
from mentornet.modules.profiles.operations import profiles_of
from mentornet.modules.profiles.schemas import Occupation
from mentornet.modules.profiles.situations import SITUATION_LABELS, Situation
from mentornet.web.boundary import refusal_shows_form
from mentornet.web.forms import FormResult, parse_form

TEMPLATE = "mentorships/follow_up.html"


class FollowUpSchema(Schema):
    situation = String(required=True, validate=one_of([s.value for s in Situation]))
    occupation_code = Occupation(load_default=None)
    note = String(load_default="", validate=length(maximum=2000))


def _specs() -> list[FieldSpec]:
    return [
        FieldSpec(
            "situation",
            "radios",
            _l("What is your situation now?"),
            True,
            choices=[(s.value, SITUATION_LABELS[s.value]) for s in Situation],
        ),
        FieldSpec(
            "occupation_code",
            "occupation",
            _l("If you work: your job"),
            help=_l("Start typing and choose from the list, or type the number of the occupation."),
        ),
        FieldSpec("note", "textarea", _l("Anything you would like to tell us")),
    ]


def _own_follow_up(outcome_id: int) -> Outcome:
    """Her own follow-up that has fallen due; anything else is not found."""
    outcome = get_outcome(db.session, outcome_id)
    mine = {profile.id for profile in profiles_of(db.session, current_user)}
    if (
        outcome is None
        or outcome.stage is not OutcomeStage.FOLLOW_UP
        or outcome.profile_id not in mine
        or (outcome.due_on is not None and outcome.due_on > utcnow().date())
    ):
        raise NotFound()
    return outcome


def follow_up(outcome_id: int) -> ResponseReturnValue:
    outcome = _own_follow_up(outcome_id)
    specs = _specs()
    if request.method != "POST":
        return _render(outcome, FormResult(values=_values(outcome)), specs)
    form = parse_form(FollowUpSchema())
    if not form.ok:
        return _render(outcome, form, specs, status=422)
    refusal_shows_form(form, lambda: _render(outcome, form, specs, status=422))
    answer_follow_up(
        db.session,
        outcome,
        form.data["situation"],
        occupation_code=form.data["occupation_code"],
        note=form.data["note"],
    )
    flash(_("Thank you! Your answer helps the network show what mentoring achieves."), "success")
    return redirect(url_for("portal.me"))


def _values(outcome: Outcome) -> dict[str, Any]:
    """An earlier answer, to correct it."""
    values: dict[str, Any] = {}
    if outcome.situation is not None:
        values["situation"] = outcome.situation.value
    if outcome.occupation_code:
        values["occupation_code"] = outcome.occupation_code
    if outcome.note:
        values["note"] = outcome.note
    return values


def _render(
    outcome: Outcome, form: FormResult, specs: list[FieldSpec], status: int = 200
) -> ResponseReturnValue:
    options = occupation_options(current_locale())
    page = render_template(
        TEMPLATE,
        outcome=outcome,
        form=form,
        fields=specs,
        labels={spec.name: spec.label for spec in specs},
        occupation_options=options,
        occupation_labels=dict(options),
    )
    return page, status
