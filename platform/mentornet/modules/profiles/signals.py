"""Signals of the profiles module (blinker), and the ones it answers."""

import sqlalchemy as sa
from blinker import Namespace
from sqlalchemy.orm import Session

from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.signals import settings_keys_in_use

_signals = Namespace()

#: Sent with the new profile when an application is received; kwargs: session (Session), situation
#: (the applicant's situation today, str | None). Mentorships keeps it as her intake outcome.
profile_applied = _signals.signal("profile-applied")


def _keys_in_profiles(session: Session, *, kind: str, keys: set[str]) -> dict[str, int]:
    """How many profiles hold each goal (kind "goal") or answer each question ("question").

    The keys sit in JSON columns; they are read a column at a time, portable across databases.
    """
    column = Profile.goals if kind == "goal" else Profile.answers
    counts = dict.fromkeys(keys, 0)
    for stored in session.scalars(sa.select(column)):
        for key in keys.intersection(stored or ()):
            counts[key] += 1
    return {key: n for key, n in counts.items() if n}


#: (signal, receiver) pairs that create_app connects (configure_signals).
RECEIVERS = ((settings_keys_in_use, _keys_in_profiles),)
