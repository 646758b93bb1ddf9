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
