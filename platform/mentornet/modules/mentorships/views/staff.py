"""The coordinators' view of the pairs: /<slug>/staff/mentorships.

Pairs that need someone first: a member's "please contact me", then pairs that have gone quiet for
longer than the network's `stalled_after_days`. A pair's page shows its timeline; meeting notes stay
private to the pair, check-ins are for the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentornet.core.i18n import current_locale
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.mentorships import cycle, labels, monitoring
from mentornet.modules.mentorships.cycle_models import CheckIn
from mentornet.modules.mentorships.models import RUNNING, STATE_LABELS, Mentorship, State
from mentornet.modules.mentorships.operations import get_mentorship
from mentornet.modules.mentorships.reasons import END_REASON_TITLES, reason_title
from mentornet.modules.mentorships.schemas import EndEarlySchema
from mentornet.modules.profiles.operations import profile_names
from mentornet.web.boundary import refusal_shows_form
from mentornet.web.forms import FormResult, empty_form, parse_form
from mentornet.web.paging import page_of

STATE_FILTERS = [state for state in State if state is not State.DRAFT]
PAGE_SIZE = 50


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime | dt.date
    kind: str
    text: str
    detail: str = ""


def pairs() -> ResponseReturnValue:
    """Pairs working together by default; "all" or one state by choice; 50 to a page."""
    chosen = request.args.get("state", "running")
    states = frozenset({State(chosen)}) if chosen in {s.value for s in STATE_FILTERS} else None
    if chosen == "running":
        states = RUNNING
    chosen_page = max(request.args.get("page", 1, type=int) or 1, 1)
    search, attention_only = request.args.get("q", ""), request.args.get("attention") == "1"

    def page_from(offset: int) -> monitoring.PairPage:
        return monitoring.pair_page(
            db.session,
            g.tenant,
            states=states,
            search=search,
            attention_only=attention_only,
            limit=PAGE_SIZE,
            offset=offset,
        )

    found = page_from((chosen_page - 1) * PAGE_SIZE)
    page = page_of(found.total, PAGE_SIZE, keep=("state", "q", "attention"))
    if page.number != chosen_page:  # past the last page: the last one, as before
        found = page_from(page.start)
    return render_template(
        "mentorships/staff/pairs.html",
        rows=found.rows,
        total=found.total,
        page=page,
        attention=found.attention,
        state_labels=STATE_LABELS,
        state_filters=STATE_FILTERS,
        chosen=chosen,
        stalled_after=g.tenant.config.cycle.stalled_after_days,
    )


def pair(mentorship_id: int) -> ResponseReturnValue:
    return _pair_page(_mentorship(mentorship_id), empty_form())


def end_early(mentorship_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    form = parse_form(EndEarlySchema())
    if not form.ok:
        return _pair_page(mentorship, form), 400
    refusal_shows_form(form, lambda: (_pair_page(mentorship, form), 400))
    cycle.end_early(db.session, mentorship, actor=current_user, **form.data)
    flash(_("The mentorship has ended."), "success")
    return redirect(url_for("mentorships.pair", mentorship_id=mentorship.id), 303)


def mark_handled(mentorship_id: int, check_in_id: int) -> ResponseReturnValue:
    mentorship = _mentorship(mentorship_id)
    entry = db.session.get(CheckIn, check_in_id)
    if entry is None or entry.mentorship_id != mentorship.id:
        abort(404)
    monitoring.mark_handled(db.session, entry, actor=current_user)
    flash(_("Marked as followed up."), "success")
    return redirect(url_for("mentorships.pair", mentorship_id=mentorship.id), 303)


def _mentorship(mentorship_id: int) -> Mentorship:
    mentorship = get_mentorship(db.session, mentorship_id, whole=True)
    if mentorship is None or mentorship.state is State.DRAFT:
        abort(404)
    return mentorship


def _pair_page(mentorship: Mentorship, end_form: FormResult) -> str:
    session, tenant = db.session, g.tenant
    mentee, mentor = mentorship.mentee, mentorship.mentor
    goals, check_ins, meetings = mentorship.goals, mentorship.check_ins, mentorship.meetings
    activities = {goal.id: goal.activities for goal in goals}
    # Check-ins are the members' own words to the network: every view is logged.
    record(
        session,
        actor_id=current_user.id,
        action="view_mentorship",
        subject_type="mentorship",
        subject_id=mentorship.id,
    )
    names = profile_names(session, {mentee.id, mentor.id})
    return render_template(
        "mentorships/staff/pair.html",
        mentorship=mentorship,
        mentee=mentee,
        mentor=mentor,
        names=names,
        state_label=STATE_LABELS[mentorship.state],
        goals=goals,
        goal_labels=tenant.goal_labels(current_locale()),
        activities=activities,
        check_ins=check_ins,
        timeline=_timeline(session, mentorship, meetings, check_ins, names),
        can_end=mentorship.is_running,
        end_form=end_form,
        end_reason_labels=END_REASON_TITLES,
        goal_status_labels=labels.GOAL_STATUS_LABELS,
        rating_labels=labels.RATING_LABELS,
        field_labels={"reason": _l("Reason"), "note": _l("Note")},
    )


def _timeline(
    session: Any,
    mentorship: Mentorship,
    meetings: list[Any],
    check_ins: list[CheckIn],
    names: dict[int, str],
) -> list[TimelineEntry]:
    """Changes of state, meetings and check-ins in one list, newest first."""
    entries = []
    changes = mentorship.transitions
    actors = {
        user.id: user.name if not user.is_erased else _("a former member")
        for user in session.scalars(
            sa.select(User).where(
                User.id.in_({change.actor_id for change in changes if change.actor_id})
            )
        )
    }
    for change in changes:
        words = reason_title(change.to_state, change.reason)
        detail = ": ".join(part for part in (words, change.note) if part)
        who = actors.get(change.actor_id or 0, _("the system"))
        entries.append(
            TimelineEntry(
                change.created_at,
                "state",
                _("%(state)s (by %(who)s)", state=STATE_LABELS[change.to_state], who=who),
                detail,
            )
        )
    for meeting in meetings:
        entries.append(
            TimelineEntry(
                # Logged on the day it was held: place it at the moment it was logged.
                meeting.created_at
                if meeting.created_at.date() == meeting.held_on
                else meeting.held_on,
                "meeting",
                _(
                    "Meeting: %(mode)s, %(minutes)d min",
                    mode=labels.MEETING_MODE_LABELS[meeting.mode.value],
                    minutes=meeting.minutes,
                ),
            )
        )
    for entry in check_ins:
        entries.append(
            TimelineEntry(
                entry.created_at,
                "check_in",
                _(
                    "Check-in from %(name)s: %(rating)d of 5",
                    name=names.get(entry.profile_id, ""),
                    rating=entry.rating,
                ),
                entry.text,
            )
        )

    def when(item: TimelineEntry) -> tuple[dt.date, dt.time]:
        if isinstance(item.at, dt.datetime):
            return item.at.date(), item.at.time()
        return item.at, dt.time.min

    return sorted(entries, key=when, reverse=True)
