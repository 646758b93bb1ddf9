"""The platform landing page and the health checks."""

from __future__ import annotations

import logging

from flask import render_template
from flask.typing import ResponseReturnValue

from mentornet.core.i18n import current_locale
from mentornet.core.migrations import migration_state
from mentornet.extensions import db
from mentornet.modules.tenants.models import localized
from mentornet.modules.tenants.operations import list_tenants

log = logging.getLogger(__name__)


def landing() -> ResponseReturnValue:
    locale = current_locale()
    networks = [
        {
            "slug": tenant.slug,
            "name": tenant.name(locale),
            "tagline": localized(tenant.config.tagline, locale, tenant.default_locale),
            "locales": tenant.locales,
        }
        for tenant in list_tenants(db.session)
        if not tenant.is_suspended
    ]
    return render_template("landing.html", networks=networks)


def healthz() -> ResponseReturnValue:
    """Liveness: the process answers."""
    return {"status": "ok"}


def readyz() -> ResponseReturnValue:
    """Readiness: the database answers and its schema is at the newest migration."""
    try:
        current, head = migration_state()
    except Exception as exc:
        log.warning("readiness check failed: %s", exc)
        return {"status": "unavailable", "database": "unreachable"}, 503
    if current != head:
        return {
            "status": "unavailable",
            "database": "migrations pending",
            "current": current,
            "head": head,
        }, 503
    return {"status": "ok", "database": "ok", "migration": current}
