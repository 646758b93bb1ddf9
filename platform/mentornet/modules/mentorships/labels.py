"""Words for the plan's goal statuses, meeting modes, ratings and situations (reasons: reasons.py)."""

from flask_babel import lazy_gettext as _l

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
