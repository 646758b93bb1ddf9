"""The coordinators' matching console: /<slug>/staff/matching."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.extensions import db
from mentornet.modules.matching import jobs, operations
from mentornet.modules.matching.explain import reasons
from mentornet.modules.matching.models import MatchingBatch
from mentornet.modules.matching.schemas import ProposeSchema, PublishDraftsSchema, WithdrawSchema
from mentornet.modules.mentorships import operations as pairs
from mentornet.modules.mentorships.models import STATE_LABELS, Mentorship, State
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.profiles.operations import profile_names
from mentornet.web.boundary import refusal_goes_to
from mentornet.web.forms import flash_errors, parse_form
from mentornet.web.paging import page_of


def _profile(profile_id: int, role: ProfileRole) -> Profile:
    profile = db.session.get(Profile, profile_id)
    if profile is None or profile.role is not role:
        abort(404)
    return profile


def _mentorship(mentorship_id: int) -> Mentorship:
    mentorship = pairs.get_mentorship(db.session, mentorship_id)
    if mentorship is None:
        abort(404)
    return mentorship


def _draft(mentorship_id: int) -> Mentorship:
    mentorship = _mentorship(mentorship_id)
    if mentorship.state is not State.DRAFT:
        abort(404)
    return mentorship


WAITING_PER_PAGE = 50


def console() -> ResponseReturnValue:
    """The batch, the mentees waiting (longest first, 50 to a page) and the open proposals."""
    waiting_total = operations.count_waiting_mentees(db.session)
    page = page_of(waiting_total, WAITING_PER_PAGE, keep=("open_page",))
    waiting = operations.waiting_mentees(db.session, limit=page.size, offset=page.start)
    open_total = operations.count_open_requests_and_proposals(db.session)
    open_page = page_of(open_total, WAITING_PER_PAGE, keep=("page",), argument="open_page")
    open_pairs = operations.open_requests_and_proposals(
        db.session, limit=open_page.size, offset=open_page.start
    )
    ids = (
        {p.id for p in waiting}
        | {m.mentee_profile_id for m in open_pairs}
        | {m.mentor_profile_id for m in open_pairs}
    )
    return render_template(
        "matching/console.html",
        waiting=waiting,
        waiting_total=waiting_total,
        page=page,
        open_pairs=open_pairs,
        open_total=open_total,
        open_page=open_page,
        drafts=operations.count_drafts(db.session),
        last_batch=operations.latest_batch(db.session),
        names=profile_names(db.session, ids),
        state_labels=STATE_LABELS,
        mode=g.tenant.config.matching.mode,
    )


def mentee_suggestions(profile_id: int) -> ResponseReturnValue:
    mentee = _profile(profile_id, ProfileRole.MENTEE)
    found = operations.suggestions_for(db.session, g.tenant, mentee)
    return render_template(
        "matching/suggestions.html",
        mentee=mentee,
        suggestions=[(s, reasons(s.contributions)) for s in found],
        names=profile_names(db.session, {mentee.id} | {s.profile.id for s in found}),
        open_pair=pairs.open_mentorship_of(db.session, mentee),
    )


def propose(profile_id: int) -> ResponseReturnValue:
    mentee = _profile(profile_id, ProfileRole.MENTEE)
    back = url_for("matching.mentee_suggestions", profile_id=profile_id)
    form = parse_form(ProposeSchema())
    if not form.ok:
        flash_errors(form, {})
        return redirect(back, 303)
    mentor = _profile(form.data["mentor_id"], ProfileRole.MENTOR)
    refusal_goes_to(back)
    operations.propose_mentorship(
        db.session, g.tenant, mentee, mentor, actor=current_user, note=form.data["note"]
    )
    flash(_("The proposal has been sent to both."), "success")
    return redirect(url_for("matching.console"))


def start_batch() -> ResponseReturnValue:
    running = operations.running_batch(db.session)
    if running is not None:
        return redirect(url_for("matching.batch", batch_id=running.id))
    batch = operations.start_batch(db.session, current_user)
    db.session.commit()  # the job reads it from its own session
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs.launch_batch(app, g.tenant.slug, batch.id, current_user.id)
    return redirect(url_for("matching.batch", batch_id=batch.id))


def batch(batch_id: int) -> ResponseReturnValue:
    found = db.session.get(MatchingBatch, batch_id)
    if found is None:
        abort(404)
    return render_template("matching/batch.html", batch=found)


DRAFTS_PER_PAGE = 50


def drafts() -> ResponseReturnValue:
    """Draft pairs, best first, a page at a time; the ticked ones on the page are sent."""
    total = operations.count_drafts(db.session)
    page = page_of(total, DRAFTS_PER_PAGE)
    rows = operations.drafts_page(db.session, limit=page.size, offset=page.start)
    ids = {m.mentee_profile_id for m in rows} | {m.mentor_profile_id for m in rows}
    return render_template(
        "matching/drafts.html",
        drafts=[(m, reasons(m.explanation)) for m in rows],
        names=profile_names(db.session, ids),
        total=total,
        page=page,
    )


def publish_drafts() -> ResponseReturnValue:
    form = parse_form(PublishDraftsSchema(), list_fields=("draft",))
    if not form.ok:
        flash_errors(form, {})
        return redirect(url_for("matching.drafts"), 303)
    if not form.data["draft"]:  # nothing ticked sends nothing
        flash(_("Tick the draft pairs to send."), "error")
        return redirect(url_for("matching.drafts"))
    report = operations.publish_drafts(
        db.session, g.tenant, set(form.data["draft"]), actor=current_user
    )
    flash(_("%(num)s proposals sent.", num=report.published), "success")
    for problem in report.problems:
        flash(problem, "error")
    return redirect(url_for("matching.drafts"))


def discard_draft(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    refusal_goes_to(url_for("matching.drafts"))
    pairs.discard_draft(db.session, mentorship, actor=current_user)
    return redirect(url_for("matching.drafts"))


def pin_draft(mentorship_id: int) -> ResponseReturnValue:
    operations.toggle_pin(_draft(mentorship_id))
    return redirect(url_for("matching.drafts"))


def withdraw(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    refusal_goes_to(url_for("matching.console"))
    form = parse_form(WithdrawSchema())
    if not form.ok:
        flash_errors(form, {})
        return redirect(url_for("matching.console"), 303)
    pairs.withdraw(db.session, mentorship, actor=current_user, reason=form.data["reason"])
    flash(_("Withdrawn."), "success")
    return redirect(url_for("matching.console"))
