"""The network's privacy notice: its draft, publishing it as a new version, and each member's
acceptance of the version in force (docs/admin-people.md).

The settings (`privacy.version`, `privacy.notice`) hold the notice in force, as a pack does, so
applying, the demo data and an export keep reading it there. Publishing saves them as a settings
version (validated by the pack schema, refused when the form is stale) and records the text in
`privacy_notices`. A version published here must be accepted by every account of the network:
acceptance is a `consents` row of kind `privacy_notice` naming the version.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.privacy.models import PrivacyNotice
from mentornet.modules.profiles.models import Consent
from mentornet.modules.profiles.operations import PRIVACY, give_consent
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import change_tenant_settings


def draft_notice(session: Session) -> PrivacyNotice | None:
    """The network's unpublished draft, if it has one."""
    return session.scalars(
        sa.select(PrivacyNotice).where(PrivacyNotice.published_at.is_(None)).limit(1)
    ).first()


def published_notices(session: Session) -> list[PrivacyNotice]:
    """Every published version, newest first."""
    return list(
        session.scalars(
            sa.select(PrivacyNotice)
            .where(PrivacyNotice.published_at.is_not(None))
            .order_by(PrivacyNotice.version.desc())
        )
    )


def published_notice(session: Session, version: int) -> PrivacyNotice | None:
    return session.scalars(
        sa.select(PrivacyNotice).where(
            PrivacyNotice.version == version, PrivacyNotice.published_at.is_not(None)
        )
    ).first()


def save_draft(session: Session, actor: User, texts: Mapping[str, str]) -> PrivacyNotice:
    """Keep the draft (texts per locale, some may still be empty); members do not see it."""
    draft = draft_notice(session)
    if draft is None:
        draft = PrivacyNotice(texts={})
        session.add(draft)
    draft.texts = dict(texts)
    draft.edited_at = utcnow()
    draft.edited_by_id = actor.id
    session.flush()
    return draft


def publish_notice(
    session: Session,
    tenant: Tenant,
    actor: User,
    texts: Mapping[str, str],
    *,
    reason: str,
    expected_version: int,
) -> PrivacyNotice:
    """Publish the texts as the next version: a settings version first (so a wrong or missing
    text, or a stale form, refuses everything), then the record of the version; the draft goes."""
    number = next_version(session, tenant)
    privacy: dict[str, Any] = copy.deepcopy(tenant.settings["privacy"])
    privacy.update(version=number, notice=dict(texts))
    change_tenant_settings(
        session,
        tenant,
        {"privacy": privacy},
        actor=actor,
        reason=reason,
        expected_version=expected_version,
    )
    draft = draft_notice(session)
    if draft is not None:
        session.delete(draft)
        session.flush()
    now = utcnow()
    notice = PrivacyNotice(
        version=number,
        texts=dict(tenant.settings["privacy"]["notice"]),
        reason=reason.strip()[:500],
        edited_at=now,
        edited_by_id=actor.id,
        published_at=now,
        published_by_id=actor.id,
    )
    session.add(notice)
    session.flush()
    record(session, actor_id=actor.id, action="privacy_notice_published",
           subject_type="privacy_notice", subject_id=notice.id,
           detail=f"version {number}")  # fmt: skip
    return notice


def next_version(session: Session, tenant: Tenant) -> int:
    """One more than the version in force and than any version published before (a restored
    older settings version must not make a number be used twice)."""
    highest = session.scalar(sa.select(sa.func.max(PrivacyNotice.version))) or 0
    return max(int(tenant.settings["privacy"]["version"]), highest) + 1


def must_accept(session: Session, tenant: Tenant, user: User) -> bool:
    """Whether she still has to accept the notice in force: it was published in the console
    and she holds no consent (not withdrawn) to that version or a later one."""
    version = int(tenant.settings["privacy"]["version"])
    published = (
        sa.select(PrivacyNotice.id)
        .where(PrivacyNotice.version == version, PrivacyNotice.published_at.is_not(None))
        .exists()
    )
    accepted = (
        sa.select(Consent.id)
        .where(
            Consent.user_id == user.id,
            Consent.kind == PRIVACY,
            Consent.version >= version,
            Consent.withdrawn_at.is_(None),
        )
        .exists()
    )
    row = session.execute(sa.select(published, accepted)).one()
    return bool(row[0]) and not bool(row[1])


def accepted_version(session: Session, user: User) -> Consent | None:
    """Her latest acceptance of the privacy notice still in force (not withdrawn)."""
    return session.scalars(
        sa.select(Consent)
        .where(Consent.user_id == user.id, Consent.kind == PRIVACY, Consent.withdrawn_at.is_(None))
        .order_by(Consent.version.desc(), Consent.id.desc())
        .limit(1)
    ).first()


def accept_notice(session: Session, tenant: Tenant, user: User) -> Consent:
    """She accepts the version in force: a consent naming it, and an audit entry."""
    version = int(tenant.settings["privacy"]["version"])
    current = accepted_version(session, user)
    if current is not None and current.version >= version:
        return current
    consent = give_consent(session, user, PRIVACY, version)
    record(session, actor_id=user.id, action="privacy_notice_accepted", subject_type="user",
           subject_id=user.id, detail=f"version {version}")  # fmt: skip
    return consent
