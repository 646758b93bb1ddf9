"""Why a pair moved: codes with translated titles, stored as a code and a free note.

Every change of state records one code (never a sentence to parse back): a member's decline reason,
a coordinator's early-end reason, or the step the system or a person took (`Step`). The words a
person typed go into the note beside it. The title is looked up by the state the pair moved to,
because "no_chemistry" and "other" exist both as a decline and as an early-end reason.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.modules.mentorships.models import State


class DeclineReason(enum.StrEnum):
    """Why a member said no after meeting (or to a request)."""

    NO_CHEMISTRY = "no_chemistry"
    GOALS_DIFFER = "goals_differ"
    TIME = "time"
    DISTANCE = "distance"
    LANGUAGE = "language"
    PERSONAL = "personal"
    OTHER = "other"


class EndReason(enum.StrEnum):
    """Why a coordinator ended a pair before its close."""

    NO_CONTACT = "no_contact"
    MOVED = "moved"
    HEALTH = "health"
    FOUND_JOB = "found_job"
    GOALS_CHANGED = "goals_changed"
    NO_CHEMISTRY = "no_chemistry"
    OTHER = "other"


class Step(enum.StrEnum):
    """A move that is a step of the cycle rather than a member's or coordinator's reason."""

    PROPOSED_BY_HAND = "proposal"
    SUGGESTED_BY_BATCH = "batch_suggestion"
    REQUESTED = "request"
    SENT = "sent"  # a draft published, or a request accepted: both are asked to meet
    BOTH_SAID_YES = "both_said_yes"
    PLANNING_STARTED = "planning_started"
    PLAN_CONFIRMED = "plan_confirmed"
    CLOSING_STARTED = "closing_started"
    COMPLETED = "completed"
    NO_ANSWER_IN_TIME = "no_answer_in_time"
    REPLACED_BY_HAND = "replaced_by_hand"
    DRAFT_DISCARDED = "draft_discarded"
    WITHDRAWN_BY_STAFF = (
        "withdrawn_by_staff"  # the note says why (for a mentor's request: the veto)
    )


Reason = DeclineReason | EndReason | Step

DECLINE_REASON_TITLES = {
    DeclineReason.NO_CHEMISTRY: _l("We did not click"),
    DeclineReason.GOALS_DIFFER: _l("Our goals do not fit"),
    DeclineReason.TIME: _l("Our times to meet do not fit"),
    DeclineReason.DISTANCE: _l("We live too far apart"),
    DeclineReason.LANGUAGE: _l("We do not share a language well enough"),
    DeclineReason.PERSONAL: _l("Personal reasons"),
    DeclineReason.OTHER: _l("Another reason"),
}
END_REASON_TITLES = {
    EndReason.NO_CONTACT: _l("We lost contact"),
    EndReason.MOVED: _l("One of us moved away"),
    EndReason.HEALTH: _l("Illness or health"),
    EndReason.FOUND_JOB: _l("The goal was reached early (e.g. a job)"),
    EndReason.GOALS_CHANGED: _l("The goals changed"),
    EndReason.NO_CHEMISTRY: _l("It did not work between us"),
    EndReason.OTHER: _l("Another reason"),
}
STEP_TITLES = {
    Step.PROPOSED_BY_HAND: _lt("Proposed by a %(coordinator)s"),
    Step.SUGGESTED_BY_BATCH: _l("Suggested by a matching batch"),
    Step.REQUESTED: _l("Requested by a member"),
    Step.SENT: _l("Both were asked to meet"),
    Step.BOTH_SAID_YES: _l("Both said yes"),
    Step.PLANNING_STARTED: _l("Planning started"),
    Step.PLAN_CONFIRMED: _l("Both confirmed the plan"),
    Step.CLOSING_STARTED: _l("Closing started"),
    Step.COMPLETED: _l("Results and both evaluations given"),
    Step.NO_ANSWER_IN_TIME: _l("No answer in time"),
    Step.REPLACED_BY_HAND: _l("Replaced by a proposal made by hand"),
    Step.DRAFT_DISCARDED: _l("Draft discarded"),
    Step.WITHDRAWN_BY_STAFF: _lt("Withdrawn by a %(coordinator)s"),
}


def reason_title(to_state: State, code: str) -> str:
    """The words for a stored reason code, in the reader's language ("" for an unknown code)."""
    kinds: dict[State, tuple[type[enum.StrEnum], Mapping[Any, object]]] = {
        State.DECLINED: (DeclineReason, DECLINE_REASON_TITLES),
        State.ENDED_EARLY: (EndReason, END_REASON_TITLES),
    }
    kind, titles = kinds.get(to_state, (Step, STEP_TITLES))
    if code not in {member.value for member in kind}:
        return ""
    return str(titles[kind(code)])
