"""Who may call which route: one explicit table, enforced before every view (docs/security.md).

Each module's blueprint.py lists its own routes next to their URLs; create_app merges those lists
into this one table. A route missing from it is refused (fail closed), and
tests/web/test_permissions.py fails for every registered route that is not listed. Object-level
checks (is this her own mentorship?) stay in the views and operations; this table says which kinds
of user may reach a route at all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import abort, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

log = logging.getLogger(__name__)

PUBLIC = "public"
SIGNED_IN = "signed_in"  # any account of this tenant, whatever its roles
MEMBER = "member"
COORDINATOR = "coordinator"
ADMIN = "admin"
TRANSLATOR = "translator"
OPERATOR = "operator"  # a platform operator (modules/operators), signed in at /operator/login

ANYONE = frozenset({PUBLIC})
ANY_ACCOUNT = frozenset({SIGNED_IN})
STAFF = frozenset({COORDINATOR, ADMIN})
ADMINS = frozenset({ADMIN})  # the admin console: the network's configuration
ALL_ROLES = frozenset({MEMBER, COORDINATOR, ADMIN, TRANSLATOR})
OPERATORS = frozenset({OPERATOR})  # the operator console: counts across networks, never people

# The platform's own routes. Each module's blueprint.py declares PERMISSIONS for its routes, and
# create_app merges them in (merge_permissions) before the first request.
ROUTE_PERMISSIONS: dict[str, frozenset[str]] = {
    "static": ANYONE,
    "web.landing": ANYONE,
    "web.healthz": ANYONE,
    "web.readyz": ANYONE,
}


def merge_permissions(blueprint: str, permissions: Mapping[str, frozenset[str]]) -> None:
    """Add a blueprint's table (view name -> who may call it) as `<blueprint>.<view>` entries.

    Every app the process creates merges the same tables again; an endpoint that would get a
    second, different entry is refused instead of one of them silently winning.
    """
    for view, allowed in permissions.items():
        endpoint = f"{blueprint}.{view}"
        if ROUTE_PERMISSIONS.setdefault(endpoint, allowed) != allowed:
            raise ValueError(f"{endpoint} has two different permission entries")


def enforce_permissions() -> ResponseReturnValue | None:
    """before_request: let the request through, send it to the login page, or refuse it."""
    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404 handler answers
        return None
    allowed = ROUTE_PERMISSIONS.get(endpoint)
    if allowed is None:
        log.error("route %s is not in the permission table; refused", endpoint)
        abort(403)
    if PUBLIC in allowed:
        return None
    if OPERATOR in allowed:  # g.operator is loaded by modules/operators before this runs
        if g.get("operator") is None:
            return redirect(url_for("operators.login"))
        return None
    if not current_user.is_authenticated:
        if g.get("tenant") is None:
            abort(404)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if SIGNED_IN not in allowed and not current_user.has_role(*allowed):
        abort(403)
    return None
