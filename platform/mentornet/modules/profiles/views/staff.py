"""The coordinators' applicant queue: /<slug>/staff/applicants."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentornet.core.i18n import current_locale, language_name
from mentornet.core.schemas import Integer, Schema, String, between, length, one_of
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.profiles import operations
from mentornet.modules.profiles.classifications import isced_fields, isced_levels, occupation_path
from mentornet.modules.profiles.fields import Reader, show_answer
from mentornet.modules.profiles.models import (
    STATUS_LABELS,
    SYSTEM_REASONS,
    Profile,
    ProfileRole,
    ProfileStatus,
)
from mentornet.web.boundary import refusal_goes_to
from mentornet.web.forms import flash_errors, parse_form, parse_query
from mentornet.web.paging import page_of

# What a coordinator can do next from each status (the lifecycle allows more; these are the buttons).
ACTIONS = {
    ProfileStatus.APPLIED: [
        ProfileStatus.INFO_MEETING,
        ProfileStatus.INTERVIEWED,
        ProfileStatus.APPROVED,
    ],
    ProfileStatus.INFO_MEETING: [ProfileStatus.INTERVIEWED, ProfileStatus.APPROVED],
    ProfileStatus.INTERVIEWED: [ProfileStatus.APPROVED],
}
EXITS = [ProfileStatus.PAUSED, ProfileStatus.REJECTED, ProfileStatus.WITHDRAWN]
FIELD_LABELS = {"status": _l("Status"), "reason": _l("Reason"), "text": _l("Note")}


# The applicant page's two small forms (only these views read them).
class StatusChangeSchema(Schema):
    status = String(required=True, validate=one_of([m.value for m in ProfileStatus]))
    reason = String(load_default="", validate=length(maximum=1000))


class NoteSchema(Schema):
    text = String(load_default="", validate=length(maximum=10_000))


class ApplicantFilterSchema(Schema):
    """The queue's filters, as the page's filter form sends them."""

    role = String(load_default=None, validate=one_of([m.value for m in ProfileRole]))
    status = String(load_default=None, validate=one_of([m.value for m in ProfileStatus]))
    waiting = Integer(load_default=None, validate=between(0, 36_500))
    goal = String(load_default=None, validate=length(maximum=100))
    language = String(load_default=None, validate=length(maximum=10))


PAGE_SIZE = 50
FILTER_LABELS = {
    "role": _l("Role"),
    "status": _l("Status"),
    "waiting": _l("Waiting at least"),
    "goal": _l("Goal"),
    "language": _l("Speaks"),
}


def applicants() -> ResponseReturnValue:
    """The queue; filters that cannot be read are named, and the whole queue is shown (400)."""
    form = parse_query(ApplicantFilterSchema())
    if not form.ok:
        flash_errors(form, FILTER_LABELS)
    chosen = form.data if form.ok else {}
    wanted = operations.ApplicantFilter(
        role=ProfileRole(chosen["role"]) if chosen.get("role") else None,
        status=ProfileStatus(chosen["status"]) if chosen.get("status") else None,
        waiting_days=chosen.get("waiting"),
        goal=chosen.get("goal"),
        language=chosen.get("language"),
    )
    total = operations.count_applicants(db.session, wanted)
    page = page_of(total, PAGE_SIZE, keep=tuple(FILTER_LABELS))
    rows = operations.applicants(db.session, wanted, limit=page.size, offset=page.start)
    html = render_template(
        "profiles/staff/applicants.html",
        rows=rows,
        total=total,
        page=page,
        wanted=wanted,
        status_labels=STATUS_LABELS,
        goals=g.tenant.config.goals,
        roles=list(ProfileRole),
        statuses=list(ProfileStatus),
        languages=sorted(
            ((code, language_name(code)) for code in operations.spoken_languages(db.session)),
            key=lambda pair: pair[1].casefold(),
        ),
    )
    return html, 200 if form.ok else 400


def _load(profile_id: int) -> tuple[Profile, User]:
    """The profile and its owner, or 404 (another network's id is simply not found)."""
    profile = operations.get_profile(db.session, profile_id)
    if profile is None:
        abort(404)
    user = db.session.get(User, profile.user_id)
    if user is None:
        abort(404)
    return profile, user


def applicant(profile_id: int) -> ResponseReturnValue:
    profile, user = _load(profile_id)
    locale = current_locale()
    notes = operations.interview_notes(db.session, profile)
    # Interview notes and private answers are special-category data: every view is logged.
    record(
        db.session,
        actor_id=current_user.id,
        action="view_sensitive_profile",
        subject_type="profile",
        subject_id=profile.id,
    )
    reader = Reader.of(g.tenant.config, locale)
    # Every question of her role, retired ones too: what she answered stays readable.
    answers = [
        (reader.text(q["label"]), show_answer(q, profile.answers.get(q["key"]), reader))
        for q in g.tenant.config.questionnaire
        if profile.role.value in q["audience"]
    ]
    return render_template(
        "profiles/staff/applicant.html",
        profile=profile,
        member=user,
        notes=notes,
        authors={n.author_id: db.session.get(User, n.author_id) for n in notes},
        history=operations.status_history(db.session, profile),
        consents=operations.consents_of(db.session, user),
        consent_titles=operations.CONSENT_TITLES,
        reason_labels=SYSTEM_REASONS,
        answers=answers,
        status_labels=STATUS_LABELS,
        actions=[s for s in ACTIONS.get(profile.status, []) if profile.can_move_to(s)],
        exits=[s for s in EXITS if profile.can_move_to(s)],
        occupation=[grp.label(locale) for grp in occupation_path(profile.occupation_code or "")],
        target_occupation=[
            grp.label(locale) for grp in occupation_path(profile.target_occupation_code or "")
        ],
        education_level=isced_levels().get(profile.education_level or ""),
        education_field=isced_fields().get(profile.education_field or ""),
        goal_labels=g.tenant.goal_labels(locale),
    )


def change_status(profile_id: int) -> ResponseReturnValue:
    profile, _user = _load(profile_id)
    back = url_for("profiles.applicant", profile_id=profile_id)
    form = parse_form(StatusChangeSchema())
    if not form.ok:
        flash_errors(form, FIELD_LABELS)
        return redirect(back, 303)
    target = ProfileStatus(form.data["status"])
    refusal_goes_to(back)
    operations.change_status(
        db.session, g.tenant, profile, target, actor=current_user, reason=form.data["reason"]
    )
    flash(_("Status changed to “%(status)s”.", status=STATUS_LABELS[target]), "success")
    return redirect(back)


def add_note(profile_id: int) -> ResponseReturnValue:
    profile, _user = _load(profile_id)
    back = url_for("profiles.applicant", profile_id=profile_id)
    form = parse_form(NoteSchema())
    if not form.ok:
        flash_errors(form, FIELD_LABELS)
        return redirect(back + "#notes", 303)
    refusal_goes_to(back)
    operations.add_interview_note(db.session, profile, current_user, form.data["text"])
    flash(_("The note has been saved."), "success")
    return redirect(back + "#notes")
