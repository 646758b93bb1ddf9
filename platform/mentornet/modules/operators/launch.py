"""Launching (and deleting) a network from the operator console: a template's method, the new network's own
address and languages, and an invitation for its first administrator, all in one transaction.

What is copied from the template (an existing network's method pack, or an uploaded tenant.toml):
every setting (goals, questionnaire, terminology, matching, texts, periods, branding colours).
Never members, pairs or any other record: the new network starts empty. The whole document is
validated by the schema of tenant.toml; any refusal (a wrong field, a taken slug or host, the
invitation) rolls everything back, so a failed launch leaves no network behind.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from mentornet.core.db import Base
from mentornet.core.errors import DomainError
from mentornet.core.schemas import errors_by_path
from mentornet.core.tenancy import bind_tenant
from mentornet.modules.accounts.invitations import invite_staff
from mentornet.modules.accounts.models import Role
from mentornet.modules.audit.operations import record
from mentornet.modules.operators.models import Operator
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import (
    InvalidSettingsError,
    get_tenant_by_slug,
    import_tenant,
)
from mentornet.modules.tenants.schemas import TenantPackSchema

log = logging.getLogger(__name__)


def _only_locales(value: Any, template_locales: set[str], chosen: set[str]) -> Any:
    """The template's texts without the languages the new network does not use (a text is a
    table whose keys are all template locales and whose values are strings)."""
    if isinstance(value, dict):
        if (
            value
            and set(value) <= template_locales
            and all(isinstance(v, str) for v in value.values())
        ):
            return {locale: text for locale, text in value.items() if locale in chosen}
        return {key: _only_locales(item, template_locales, chosen) for key, item in value.items()}
    if isinstance(value, list):
        return [_only_locales(item, template_locales, chosen) for item in value]
    return value


def launch_network(
    session: Session,
    operator: Operator,
    template: dict[str, Any],
    *,
    network: dict[str, Any],
    admin_name: str,
    admin_email: str,
    template_name: str,
) -> Tenant:
    """`network` holds slug, name (per locale), locales, default_locale, timezone and hosts."""
    if get_tenant_by_slug(session, network["slug"]) is not None:
        raise DomainError(_l("A network with this address already exists."), field="slug")
    document = _only_locales(
        copy.deepcopy(template), set(template.get("locales", [])), set(network["locales"])
    )
    document.update(copy.deepcopy(network))
    document["status"] = "active"
    try:
        validated: dict[str, Any] = TenantPackSchema().load(document)
    except ValidationError as error:
        raise InvalidSettingsError("launch", errors_by_path(error.messages)) from error
    tenant = import_tenant(
        session,
        validated,
        actor=f"operator:{operator.email}",
        reason=f"launched from {template_name}",
    )
    bind_tenant(session, tenant.id)
    invite_staff(
        session, tenant, email=admin_email, name=admin_name, roles={Role.ADMIN}, actor=None,
        inviter=operator.name,
    )  # fmt: skip
    record(session, actor_id=None, action="network_launched", subject_type="tenant",
           subject_id=tenant.id, detail=f"{operator.email} from {template_name}")  # fmt: skip
    log.info("network %s launched by operator %s from %s", tenant.slug, operator.id, template_name)
    return tenant


def delete_network(
    session: Session, operator: Operator, tenant: Tenant, typed_slug: str
) -> dict[str, int]:
    """Remove every row of the network, table by table (children first), then the network.

    The operator must type the slug (field `confirm`). Returns the rows removed per table. The
    request's session is bound to that network, so row-level security lets only its rows go.
    """
    if typed_slug.strip() != tenant.slug:
        raise DomainError(
            _l("Type the network's address, %(slug)s, to delete it.", slug=tenant.slug),
            field="confirm",
        )
    bind_tenant(session, tenant.id)
    removed: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "tenant_id" in table.columns:
            result = session.execute(sa.delete(table).where(table.c.tenant_id == tenant.id))
            removed[table.name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    slug = tenant.slug
    session.delete(tenant)
    session.flush()
    log.warning(
        "network %s deleted by operator %s: %s rows", slug, operator.id, sum(removed.values())
    )
    return removed
