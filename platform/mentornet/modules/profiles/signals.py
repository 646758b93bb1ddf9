"""Signals of the profiles module (blinker)."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the profile after its status changed; kwargs: previous (ProfileStatus), actor (User).
profile_status_changed = _signals.signal("profile-status-changed")
