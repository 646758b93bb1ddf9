"""The coordinators' matching console: /<slug>/staff/matching."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from flask import Flask, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.matching import operations
from mentornet.modules.matching.explain import reasons
from mentornet.modules.matching.models import BatchStatus, MatchingBatch
from mentornet.modules.matching.scoring import explain
from mentornet.modules.mentorships import operations as pairs
from mentornet.modules.mentorships.models import STATE_LABELS, Mentorship, State
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.profiles.operations import profile_names
from mentornet.modules.tenants.operations import tenant_session
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


def console() -> ResponseReturnValue:
    waiting = operations.waiting_mentees(db.session)
    open_pairs = list(
        db.session.scalars(
            sa.select(Mentorship)
            .where(Mentorship.state.in_([State.REQUESTED, State.PROPOSED]))
            .order_by(Mentorship.created_at)
        )
    )
    drafts = db.session.scalar(
        sa.select(sa.func.count()).select_from(Mentorship).where(Mentorship.state == State.DRAFT)
    )
    last_batch = db.session.scalar(
        sa.select(MatchingBatch).order_by(MatchingBatch.id.desc()).limit(1)
    )
    ids = (
        {p.id for p in waiting}
        | {m.mentee_profile_id for m in open_pairs}
        | {m.mentor_profile_id for m in open_pairs}
    )
    return render_template(
        "matching/console.html",
        waiting=waiting,
        open_pairs=open_pairs,
        drafts=drafts or 0,
        last_batch=last_batch,
        names=profile_names(db.session, ids),
        state_labels=STATE_LABELS,
        mode=g.tenant.settings["matching"]["mode"],
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
    mentor_id = request.form.get("mentor_id", "")
    mentor = _profile(int(mentor_id), ProfileRole.MENTOR) if mentor_id.isdigit() else abort(400)
    config = operations.matching_config(g.tenant)
    contributions = explain(
        config, operations.profile_data(mentee), operations.profile_data(mentor)
    )
    try:
        pairs.propose(
            db.session,
            g.tenant,
            mentee,
            mentor,
            actor=current_user,
            note=request.form.get("note", ""),
            score=float(sum(c.contribution for c in contributions)),
            explanation=[operations.contribution_record(c) for c in contributions],
        )
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("matching.mentee_suggestions", profile_id=profile_id)), 303
    flash(_("The proposal has been sent to both."), "success")
    return redirect(url_for("matching.console"))


def start_batch() -> ResponseReturnValue:
    running = db.session.scalar(
        sa.select(MatchingBatch).where(MatchingBatch.status == BatchStatus.RUNNING).limit(1)
    )
    if running is not None:
        return redirect(url_for("matching.batch", batch_id=running.id))
    batch = operations.start_batch(db.session, current_user)
    db.session.commit()  # the job reads it from its own session
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    args = (app, g.tenant.slug, batch.id, current_user.id)
    if app.config["TESTING"]:
        _run_batch_job(*args)
    else:
        threading.Thread(
            target=_run_batch_job, args=args, daemon=True, name=f"batch-{batch.id}"
        ).start()
    return redirect(url_for("matching.batch", batch_id=batch.id))


def _run_batch_job(app: Flask, slug: str, batch_id: int, actor_id: int) -> None:
    """The batch as a job: its own session bound to the tenant; commits progress, then the drafts."""
    with app.app_context(), tenant_session(slug) as (session, tenant):
        batch = session.get(MatchingBatch, batch_id)
        actor = session.get(User, actor_id)
        if batch is None or actor is None:
            return
        try:
            operations.run_batch(session, tenant, batch, actor, save_progress=session.commit)
            session.commit()
        except Exception as exc:
            session.rollback()
            failed = session.get(MatchingBatch, batch_id)
            if failed is not None:
                failed.status, failed.error = BatchStatus.FAILED, str(exc)[:500]
                session.commit()
            raise


def batch(batch_id: int) -> ResponseReturnValue:
    found = db.session.get(MatchingBatch, batch_id)
    if found is None:
        abort(404)
    return render_template("matching/batch.html", batch=found)


DRAFTS_PER_PAGE = 50


def drafts() -> ResponseReturnValue:
    """Draft pairs, best first, a page at a time; the ticked ones on the page are sent."""
    drafts_only = Mentorship.state == State.DRAFT
    total = db.session.scalar(sa.select(sa.func.count()).where(drafts_only)) or 0
    page = page_of(total, DRAFTS_PER_PAGE)
    rows = list(
        db.session.scalars(
            sa.select(Mentorship)
            .where(drafts_only)
            .order_by(Mentorship.score.desc(), Mentorship.id)
            .limit(page.size)
            .offset(page.start)
        )
    )
    ids = {m.mentee_profile_id for m in rows} | {m.mentor_profile_id for m in rows}
    return render_template(
        "matching/drafts.html",
        drafts=[(m, reasons(m.explanation)) for m in rows],
        names=profile_names(db.session, ids),
        total=total,
        page=page,
    )


def publish_drafts() -> ResponseReturnValue:
    chosen = {int(x) for x in request.form.getlist("draft") if x.isdigit()}
    if not chosen:  # nothing ticked sends nothing
        flash(_("Tick the draft pairs to send."), "error")
        return redirect(url_for("matching.drafts"))
    rows = db.session.scalars(
        sa.select(Mentorship).where(Mentorship.state == State.DRAFT, Mentorship.id.in_(chosen))
    ).all()
    published, problems = 0, []
    for mentorship in rows:
        try:
            # Every refusal (mentor full, mentee busy) happens before anything is written.
            pairs.publish_draft(db.session, g.tenant, mentorship, actor=current_user)
        except DomainError as error:
            problems.append(str(error))
            continue
        published += 1
    flash(_("%(num)s proposals sent.", num=published), "success")
    for problem in sorted(set(problems)):
        flash(problem, "error")
    return redirect(url_for("matching.drafts"))


def discard_draft(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    try:
        pairs.discard_draft(db.session, mentorship, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("matching.drafts")), 303
    return redirect(url_for("matching.drafts"))


def pin_draft(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    if mentorship.state is not State.DRAFT:
        abort(404)
    mentorship.pinned = not mentorship.pinned
    return redirect(url_for("matching.drafts"))


def withdraw(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    try:
        pairs.withdraw(
            db.session, mentorship, actor=current_user, reason=request.form.get("reason", "")
        )
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("matching.console")), 303
    flash(_("Withdrawn."), "success")
    return redirect(url_for("matching.console"))
