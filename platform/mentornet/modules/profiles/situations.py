"""A member's situation (work, education, ...): asked at intake, at closing and at follow-ups.

It describes the person, not a pair, so it lives with the profiles; mentorships records it as
outcomes over time.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Situation(enum.StrEnum):
    """A mentee's situation, as the network reports it."""

    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    EDUCATION = "education"
    JOB_SEEKING = "job_seeking"
    NOT_WORKING = "not_working"  # neither working nor looking, e.g. at home or on leave
    OTHER = "other"


SITUATION_LABELS = {
    "employed": _l("Employed"),
    "self_employed": _l("Self-employed"),
    "education": _l("In education"),
    "job_seeking": _l("Looking for work"),
    "not_working": _l("Not working and not looking for work"),
    "other": _l("Something else"),
}
