"""What the profiles module holds about a member, for her export and her erasure."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.profiles.models import (
    Consent,
    InterviewNote,
    Profile,
    ProfileStatusChange,
)
from mentornet.modules.profiles.operations import erase_sensitive_fields, withdraw_consent

ORDER = 40
# What a profile says about the person; role, status, dates, goals and codes stay for the reports.
PERSONAL_FIELDS = (
    "birth_year", "country_of_origin", "story", "languages", "city", "occupation_text",
    "latitude", "longitude", "answers", "shared_with_mentor",
)  # fmt: skip


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profiles(session: Session, user: User) -> list[Profile]:
    return list(
        session.scalars(sa.select(Profile).where(Profile.user_id == user.id).order_by(Profile.id))
    )


def export(session: Session, user: User) -> dict[str, Any]:
    profiles = _profiles(session, user)
    ids = [p.id for p in profiles]
    changes = session.scalars(
        sa.select(ProfileStatusChange)
        .where(ProfileStatusChange.profile_id.in_(ids))
        .order_by(ProfileStatusChange.id)
    ).all()
    notes = session.scalars(
        sa.select(InterviewNote).where(InterviewNote.profile_id.in_(ids)).order_by(InterviewNote.id)
    ).all()
    staff_views = session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.subject_type == "profile", AuditEntry.subject_id.in_(ids))
        .order_by(AuditEntry.id)
    ).all()
    consents = session.scalars(
        sa.select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)
    ).all()
    return {
        "profiles": [_profile(p, changes, notes) for p in profiles],
        "consents": [
            {
                "kind": c.kind,
                "version": c.version,
                "given_at": _when(c.given_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in consents
        ],
        "profile_audit": [
            {"action": e.action, "detail": e.detail, "at": _when(e.created_at)} for e in staff_views
        ],
    }


def _profile(profile: Profile, changes: Any, notes: Any) -> dict[str, Any]:
    return {
        "role": profile.role.value,
        "status": profile.status.value,
        **{name: getattr(profile, name) for name in PERSONAL_FIELDS},
        "occupation_code": profile.occupation_code,
        "target_occupation_code": profile.target_occupation_code,
        "education_level": profile.education_level,
        "education_field": profile.education_field,
        "goals": profile.goals,
        "availability": profile.availability,
        "capacity": profile.capacity,
        "created_at": _when(profile.created_at),
        "status_history": [
            {
                "from": c.from_status.value if c.from_status else None,
                "to": c.to_status.value,
                "reason": c.reason,
                "at": _when(c.created_at),
            }
            for c in changes
            if c.profile_id == profile.id
        ],
        "interview_notes": [
            {"text": n.text, "at": _when(n.created_at)} for n in notes if n.profile_id == profile.id
        ],
    }


def erase(session: Session, user: User) -> None:
    """Every personal field and free text of her profiles; consents marked withdrawn."""
    for profile in _profiles(session, user):
        erase_sensitive_fields(profile, [f"q_{key}" for key in profile.answers])
        for name, empty in (("birth_year", None), ("languages", []), ("city", None),
                            ("occupation_text", None), ("latitude", None), ("longitude", None),
                            ("answers", {})):  # fmt: skip
            setattr(profile, name, empty)
        session.execute(
            sa.update(ProfileStatusChange)
            .where(ProfileStatusChange.profile_id == profile.id)
            .values(reason="")
        )
        session.execute(
            sa.update(InterviewNote).where(InterviewNote.profile_id == profile.id).values(text="")
        )
    for kind in {
        c.kind for c in session.scalars(sa.select(Consent).where(Consent.user_id == user.id))
    }:
        withdraw_consent(session, user, kind)
    session.flush()
