"""Session cookies that are host-only and, in path-prefix mode, separate per network.

On one shared host (development, single-domain deployments) each network gets its own cookie,
limited to its own /<slug>/ path: being signed in to one network never signs a person in to another,
and CSRF tokens are never shared between them.
"""

from __future__ import annotations

import re

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface

from mentornet.modules.tenants.resolver import HOST_TENANT_KEY
from mentornet.modules.tenants.schemas import RESERVED_SLUGS

_SEGMENT = re.compile(r"^/([a-z][a-z0-9-]{1,38}[a-z0-9])(/|$)")


def cookie_scope() -> tuple[str, str]:
    """(cookie name, cookie path) for the current request."""
    if request.environ.get(HOST_TENANT_KEY):
        return "mn_session", "/"
    match = _SEGMENT.match(request.path)
    if match is None or match.group(1) in RESERVED_SLUGS:
        return "mn_platform", "/"
    slug = match.group(1)
    return f"mn_{slug}", f"/{slug}/"


class TenantCookieSessionInterface(SecureCookieSessionInterface):
    def get_cookie_name(self, app: Flask) -> str:
        return cookie_scope()[0] if has_request_context() else "mn_platform"

    def get_cookie_path(self, app: Flask) -> str:
        return cookie_scope()[1] if has_request_context() else "/"
