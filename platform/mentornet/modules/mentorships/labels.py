"""Words for the structured reasons people give."""

from flask_babel import lazy_gettext as _l

DECLINE_REASON_LABELS = {
    "no_chemistry": _l("We did not click"),
    "goals_differ": _l("Our goals do not fit"),
    "time": _l("Our times to meet do not fit"),
    "distance": _l("We live too far apart"),
    "language": _l("We do not share a language well enough"),
    "personal": _l("Personal reasons"),
    "other": _l("Another reason"),
}

END_REASON_LABELS = {
    "no_contact": _l("We lost contact"),
    "moved": _l("One of us moved away"),
    "health": _l("Illness or health"),
    "found_job": _l("The goal was reached early (e.g. a job)"),
    "goals_changed": _l("The goals changed"),
    "no_chemistry": _l("It did not work between us"),
    "other": _l("Another reason"),
}

GOAL_STATUS_LABELS = {
    "open": _l("Not started"),
    "in_progress": _l("In progress"),
    "achieved": _l("Achieved"),
    "partly_achieved": _l("Partly achieved"),
    "not_achieved": _l("Not achieved"),
    "dropped": _l("Dropped"),
}

MEETING_MODE_LABELS = {
    "in_person": _l("In person"),
    "video": _l("Video call"),
    "phone": _l("Phone"),
}

RATING_LABELS = {
    1: _l("Not well"),
    2: _l("Could be better"),
    3: _l("All right"),
    4: _l("Well"),
    5: _l("Very well"),
}

# Keyed by the values of cycle_models.Situation.
SITUATION_LABELS = {
    "employed": _l("Employed"),
    "self_employed": _l("Self-employed"),
    "education": _l("In education"),
    "job_seeking": _l("Looking for work"),
    "not_working": _l("Not working and not looking for work"),
    "other": _l("Something else"),
}
