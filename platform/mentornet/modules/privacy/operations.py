"""A member's data rights: see and download what is held about her, withdraw a consent, erase.

Each module declares its own personal data in a `personal_data.py` (`export(session, user)` ->
a dict of sections, `erase(session, user)`, `ORDER`); this module only collects them, so a new
module with personal data adds its file and nothing here changes (docs/data-rights.md).
"""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules import find
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.passwords import verify_password
from mentornet.modules.audit.operations import record
from mentornet.modules.profiles.models import Consent
from mentornet.modules.profiles.operations import (
    PRIVACY,
    SENSITIVE,
    erase_sensitive_fields,
    profiles_of,
    withdraw_consent,
)
from mentornet.modules.profiles.schemas import sensitive_keys
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
EXPORT_FORMAT = 1


def holders() -> list[ModuleType]:
    """Every module's personal_data.py, in the order their erasers run."""
    return sorted(find("personal_data"), key=lambda module: getattr(module, "ORDER", 50))


def export_member_data(
    session: Session, tenant: Tenant, user: User, *, action: str = "data_exported"
) -> dict[str, Any]:
    """Everything held about her, as plain JSON values; the export itself is audited."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "network": tenant.slug,
        "exported_at": utcnow().isoformat(),
    }
    for module in holders():
        data.update(module.export(session, user))
    record(session, actor_id=user.id, action=action, subject_type="user",
           subject_id=user.id)  # fmt: skip
    return data


def withdraw_member_consent(session: Session, tenant: Tenant, user: User, consent: Consent) -> None:
    """Withdrawing consent to sensitive data clears those answers at once (as the profile form
    does); the privacy notice is the ground of the account itself: erasure ends it."""
    if consent.user_id != user.id or consent.withdrawn_at is not None:
        raise DomainError(_l("This consent is not in force."), field="consent")
    if consent.kind == PRIVACY:
        raise DomainError(
            _l("To withdraw your consent to the privacy notice, erase your account."),
            field="consent",
        )
    withdraw_consent(session, user, consent.kind)
    if consent.kind == SENSITIVE:
        for profile in profiles_of(session, user):
            erase_sensitive_fields(profile, sensitive_keys(tenant.config, profile.role))
    record(session, actor_id=user.id, action="consent_withdrawn", subject_type="user",
           subject_id=user.id, detail=consent.kind)  # fmt: skip
    session.flush()


def erase_member(session: Session, user: User, *, password: str) -> None:
    """Her own request: she proves it is her with her password, then the account is anonymised."""
    if user.is_staff:
        raise DomainError(
            _l("A staff account is closed by the network's administrators."), field="password"
        )
    if not verify_password(user.password_hash, password):
        raise DomainError(_l("The password is not right."), field="password")
    anonymise_user(session, user, actor_id=user.id, reason="request")


def anonymise_user(session: Session, user: User, *, actor_id: int | None, reason: str) -> None:
    """Anonymise in place (after Discourse's UserAnonymizer): the rows that reports count stay,
    nothing in them leads back to her. Also used by retention."""
    if user.is_erased:
        return
    user_id = user.id
    for module in holders():
        module.erase(session, user)
    # Written after the erasers, so the entry itself is kept; it holds no personal value.
    record(session, actor_id=actor_id if actor_id != user_id else None, action="account_erased",
           subject_type="user", subject_id=user_id, detail=reason)  # fmt: skip
    log.info("user %s erased (%s)", user_id, reason)
