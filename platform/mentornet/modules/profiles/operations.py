"""Intake: applying, the profile status lifecycle, consent, interview notes, profile edits."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError, IllegalTransitionError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.accounts.operations import create_user, get_user_by_email
from mentornet.modules.profiles.models import (
    STATUS_LABELS,
    Consent,
    InterviewNote,
    Profile,
    ProfileRole,
    ProfileStatus,
    ProfileStatusChange,
)
from mentornet.modules.profiles.signals import profile_applied
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)

PRIVACY = "privacy_notice"
SENSITIVE = "sensitive_data"
# What each kind of consent is called where people read it (never its key).
CONSENT_TITLES = {
    PRIVACY: _l("The network's privacy notice"),
    SENSITIVE: _l("Keeping sensitive information (origin, story, private answers)"),
}
S = ProfileStatus


def get_profile(session: Session, profile_id: int) -> Profile | None:
    return session.get(Profile, profile_id)


def profile_names(session: Session, profile_ids: set[int]) -> dict[int, str]:
    """The account name behind each profile, in one query."""
    rows = session.execute(
        sa.select(Profile.id, User.name)
        .join(User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id))
        .where(Profile.id.in_(profile_ids))
    )
    return {profile_id: name for profile_id, name in rows}  # noqa: C416  (rows are Row objects)


def profiles_of(session: Session, user: User) -> list[Profile]:
    return list(
        session.scalars(sa.select(Profile).where(Profile.user_id == user.id).order_by(Profile.id))
    )


def submit_application(
    session: Session, tenant: Tenant, role: ProfileRole, data: dict[str, Any]
) -> tuple[User, Profile]:
    """Create the account and the profile in one step, with the consents given in the form.

    A mentee's situation today goes out with profile_applied (kept as her intake outcome).
    """
    account = data["account"]
    if get_user_by_email(session, account["email"]) is not None:
        raise DomainError(
            _l("An account with this e-mail address already exists. Please log in instead."),
            field="email",
        )
    user = create_user(
        session,
        email=account["email"],
        name=account["name"],
        password=account.get("password") or secrets.token_urlsafe(32),
        roles=[Role.MEMBER],
        locale=account.get("locale") or tenant.default_locale,
    )
    privacy_version = tenant.config.privacy.version
    give_consent(session, user, PRIVACY, privacy_version)
    if data["consents"]["sensitive"]:
        give_consent(session, user, SENSITIVE, privacy_version)
    profile = Profile(user_id=user.id, role=role)
    _apply_fields(profile, data)
    session.add(profile)
    session.flush()
    _record_change(session, profile, None, S.APPLIED, actor_id=user.id, reason="application")
    profile_applied.send(profile, session=session, situation=data.get("situation"))
    log.info("application %s (%s) received in tenant %s", profile.id, role.value, tenant.id)
    return user, profile


def update_profile(session: Session, profile: Profile, user: User, data: dict[str, Any]) -> None:
    """Save an edit; withdrawing consent to sensitive data erases that data at once."""
    capacity = data["profile"].get("capacity")
    if capacity is not None and capacity < profile.places_taken:
        raise DomainError(
            _l(
                "You have %(num)s mentees now; capacity cannot be lower than that.",
                num=profile.places_taken,
            ),
            field="capacity",
        )
    consented = has_consent(session, user, SENSITIVE)
    wants = bool(data["consents"]["sensitive"])
    if wants and not consented:
        give_consent(session, user, SENSITIVE, _privacy_version(session, profile))
    elif consented and not wants:
        withdraw_consent(session, user, SENSITIVE)
    _apply_fields(profile, data)
    if not wants:
        erase_sensitive_fields(profile, data["sensitive"])
    session.flush()


def _apply_fields(profile: Profile, data: dict[str, Any]) -> None:
    for key, value in data["profile"].items():
        setattr(profile, key, value)
    profile.answers = {**(profile.answers or {}), **data["answers"]}


def erase_sensitive_fields(profile: Profile, sensitive: list[str]) -> None:
    profile.country_of_origin = None
    profile.story = None
    profile.shared_with_mentor = []
    profile.answers = {
        key: value for key, value in profile.answers.items() if f"q_{key}" not in sensitive
    }


def give_consent(session: Session, user: User, kind: str, version: int) -> Consent:
    consent = Consent(user_id=user.id, kind=kind, version=version)
    session.add(consent)
    session.flush()
    return consent


def withdraw_consent(session: Session, user: User, kind: str) -> None:
    session.execute(
        sa.update(Consent)
        .where(Consent.user_id == user.id, Consent.kind == kind, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=utcnow())
    )


def has_consent(session: Session, user: User, kind: str) -> bool:
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Consent)
            .where(Consent.user_id == user.id, Consent.kind == kind, Consent.withdrawn_at.is_(None))
        )
        or 0
    ) > 0


def consents_of(session: Session, user: User) -> list[Consent]:
    return list(
        session.scalars(sa.select(Consent).where(Consent.user_id == user.id).order_by(Consent.id))
    )


def change_status(
    session: Session,
    tenant: Tenant,
    profile: Profile,
    target: ProfileStatus,
    *,
    actor: User,
    reason: str,
) -> None:
    """Move a profile along its lifecycle, respecting the network's required intake steps."""
    if target is S.APPROVED:
        _check_required_steps(session, tenant, profile)
    if target in (S.REJECTED, S.PAUSED, S.WITHDRAWN) and not reason.strip():
        raise DomainError(_l("Please give a reason."), field="reason")
    previous = profile.move_to(target)
    _record_change(session, profile, previous, target, actor_id=actor.id, reason=reason)


def follow_pair(
    session: Session, profile: Profile, target: ProfileStatus, *, actor: User | None, reason: str
) -> None:
    """A status the pair's lifecycle decides (matched, back in the pool, alumna), with its history."""
    previous = profile.move_to(target)
    _record_change(
        session, profile, previous, target, actor_id=actor.id if actor else None, reason=reason
    )


def resume_profile(session: Session, profile: Profile, *, actor: User) -> None:
    """Return a paused profile to the status it was paused from."""
    if profile.status is not S.PAUSED:
        raise IllegalTransitionError(_l("Only a paused profile can be resumed."), field="status")
    before = session.scalar(
        sa.select(ProfileStatusChange.from_status)
        .where(
            ProfileStatusChange.profile_id == profile.id, ProfileStatusChange.to_status == S.PAUSED
        )
        .order_by(ProfileStatusChange.id.desc())
        .limit(1)
    )
    target = before if before is not None and before is not S.PAUSED else S.APPLIED
    previous = profile.move_to(target)
    _record_change(session, profile, previous, target, actor_id=actor.id, reason="resumed")


def _check_required_steps(session: Session, tenant: Tenant, profile: Profile) -> None:
    reached = set(
        session.scalars(
            sa.select(ProfileStatusChange.to_status).where(
                ProfileStatusChange.profile_id == profile.id
            )
        )
    )
    intake = tenant.config.intake
    # The steps a network may require before approval (tenant.toml [intake]).
    required = {
        S.INFO_MEETING: intake.information_meeting_required,
        S.INTERVIEWED: intake.interview_required,
    }
    for step in (step for step, needed in required.items() if needed):
        if step not in reached:
            raise DomainError(
                _l(
                    "This network requires the step “%(step)s” before approval.",
                    step=STATUS_LABELS[step],
                ),
                field="status",
            )


def _record_change(
    session: Session,
    profile: Profile,
    previous: ProfileStatus | None,
    target: ProfileStatus,
    *,
    actor_id: int | None,
    reason: str,
) -> None:
    session.add(
        ProfileStatusChange(
            profile_id=profile.id,
            from_status=previous,
            to_status=target,
            actor_id=actor_id,
            reason=reason,
        )
    )
    session.flush()


def status_history(session: Session, profile: Profile) -> list[ProfileStatusChange]:
    return list(
        session.scalars(
            sa.select(ProfileStatusChange)
            .where(ProfileStatusChange.profile_id == profile.id)
            .order_by(ProfileStatusChange.id)
        )
    )


def add_interview_note(
    session: Session, profile: Profile, author: User, text: str
) -> InterviewNote:
    if not text.strip():
        raise DomainError(_l("The note is empty."), field="text")
    note = InterviewNote(profile_id=profile.id, author_id=author.id, text=text.strip())
    session.add(note)
    session.flush()
    return note


def interview_notes(session: Session, profile: Profile) -> list[InterviewNote]:
    return list(
        session.scalars(
            sa.select(InterviewNote)
            .where(InterviewNote.profile_id == profile.id)
            .order_by(InterviewNote.id)
        )
    )


@dataclass(frozen=True)
class ApplicantFilter:
    role: ProfileRole | None = None
    status: ProfileStatus | None = None
    waiting_days: int | None = None
    goal: str | None = None
    language: str | None = None


INTAKE = (S.APPLIED, S.INFO_MEETING, S.INTERVIEWED)


def count_waiting_applicants(session: Session) -> int:
    """How many applicants are in intake (applied, information meeting, interviewed), counted in SQL."""
    query = sa.select(sa.func.count()).select_from(Profile).where(Profile.status.in_(INTAKE))
    return session.scalar(query) or 0


def applicants(
    session: Session, wanted: ApplicantFilter, *, limit: int = 200, offset: int = 0
) -> list[tuple[Profile, User]]:
    """The staff queue, longest waiting first; filtered, sorted and paged in SQL."""
    query = _applicant_query(session, wanted, sa.select(Profile, User))
    query = query.order_by(Profile.status_changed_at, Profile.id).limit(limit).offset(offset)
    return [(profile, user) for profile, user in session.execute(query)]


def count_applicants(session: Session, wanted: ApplicantFilter) -> int:
    query = _applicant_query(session, wanted, sa.select(sa.func.count(Profile.id)))
    return session.scalar(query) or 0


def _applicant_query(session: Session, wanted: ApplicantFilter, query: Any) -> Any:
    """The queue's filters on a select of profiles (rows or a count)."""
    query = query.select_from(Profile).join(
        User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id)
    )
    if wanted.role is not None:
        query = query.where(Profile.role == wanted.role)
    if wanted.status is not None:
        query = query.where(Profile.status == wanted.status)
    else:
        query = query.where(Profile.status.in_(INTAKE))
    if wanted.waiting_days:
        query = query.where(
            Profile.status_changed_at <= utcnow() - timedelta(days=wanted.waiting_days)
        )
    dialect = session.get_bind().dialect.name
    if wanted.goal:
        query = query.where(_json_list_has(dialect, Profile.goals, wanted.goal))
    if wanted.language:
        query = query.where(_json_list_has(dialect, Profile.languages, wanted.language, "code"))
    return query


def _json_list_has(
    dialect: str, column: Any, value: str, key: str | None = None
) -> sa.ColumnElement[bool]:
    """The JSON list in this column holds the value (or an object whose `key` is the value), in SQL."""
    if dialect == "postgresql":  # the column is JSON there (not JSONB)
        if key is None:
            items = sa.func.json_array_elements_text(column).table_valued("value").alias("item")
            return sa.exists(sa.select(1).select_from(items).where(items.c.value == value))
        items = sa.func.json_array_elements(column).table_valued("value").alias("item")
        return sa.exists(
            sa.select(1).select_from(items).where(items.c.value.op("->>")(key) == value)
        )
    items = sa.func.json_each(column).table_valued("value").alias("item")
    element = sa.func.json_extract(items.c.value, f"$.{key}") if key else items.c.value
    return sa.exists(sa.select(1).select_from(items).where(element == value))


def spoken_languages(session: Session) -> list[str]:
    """The language codes the network's profiles speak (for the queue's language filter)."""
    codes = {
        skill["code"] for langs in session.scalars(sa.select(Profile.languages)) for skill in langs
    }
    return sorted(codes)


def _privacy_version(session: Session, profile: Profile) -> int:
    tenant = session.get(Tenant, profile.tenant_id)
    return tenant.config.privacy.version if tenant else 1
