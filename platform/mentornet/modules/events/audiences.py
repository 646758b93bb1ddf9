"""Who may join an event: the audience it is for, read against her profiles."""

from __future__ import annotations

from collections.abc import Iterable

from mentornet.modules.events.models import Audience
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus

S = ProfileStatus
INTAKE = frozenset({S.APPLIED, S.INFO_MEETING, S.INTERVIEWED})
IN_NETWORK = frozenset({S.APPROVED, S.MATCHED, S.ALUMNI})


def audiences_of(profiles: Iterable[Profile]) -> frozenset[Audience]:
    """Every audience a person with these profiles belongs to (any account: members, public)."""
    found = {Audience.MEMBERS, Audience.PUBLIC}
    for profile in profiles:
        if profile.status in INTAKE:
            found.add(Audience.APPLICANTS)
        if profile.status in IN_NETWORK:
            found.add(Audience.MENTEES if profile.role is ProfileRole.MENTEE else Audience.MENTORS)
    return frozenset(found)
