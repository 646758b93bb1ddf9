"""Signals of the profiles module (blinker)."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the profile after its status changed; kwargs: previous (ProfileStatus), actor (User).
profile_status_changed = _signals.signal("profile-status-changed")

#: Sent with the new profile when an application is received; kwargs: session (Session), situation
#: (the applicant's situation today, str | None). Mentorships keeps it as her intake outcome.
profile_applied = _signals.signal("profile-applied")
