"""Which tenant a request is for: its host (TenantHost), else the /<slug>/ path prefix.

Host mode works by rewriting the WSGI path before routing: on denmark.example.org, "/apply" is routed
as "/denmark/apply", and url_for() drops the prefix again (MentornetFlask.url_for). So every tenant
route exists once, under /<tenant_slug>/, and both deployment forms share it.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, abort, current_app, g, has_request_context, request
from werkzeug.wsgi import get_host

from mentornet.core.tenancy import bind_tenant
from mentornet.extensions import db
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import get_tenant_by_slug, host_map
from mentornet.modules.tenants.signals import tenant_hosts_changed

HOST_TENANT_KEY = "mentornet.host_tenant"
URL_KEY = "tenant_slug"
# Paths that stay global on a tenant's own host.
GLOBAL_PREFIXES = ("/static/", "/healthz", "/readyz")


class HostMap:
    """host name -> tenant slug, cached per worker for TENANT_HOST_CACHE_SECONDS."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.ttl = float(app.config["TENANT_HOST_CACHE_SECONDS"])
        self._hosts: dict[str, str] = {}
        self._loaded_at = -1.0e9
        tenant_hosts_changed.connect(self.invalidate, weak=False)

    def invalidate(self, _sender: Any = None) -> None:
        self._loaded_at = -1.0e9

    def slug_for(self, host: str) -> str | None:
        if time.monotonic() - self._loaded_at > self.ttl:
            with self.app.app_context():
                self._hosts = host_map(db.session)
            self._loaded_at = time.monotonic()
        return self._hosts.get(host.split(":")[0].lower())


def rewrite_for_host(hosts: HostMap, environ: dict[str, Any]) -> None:
    """On a tenant's own host, route "/x" as "/<slug>/x" and remember the host tenant."""
    slug = hosts.slug_for(get_host(environ))
    if slug is None:
        return
    environ[HOST_TENANT_KEY] = slug
    path = environ.get("PATH_INFO", "") or "/"
    if path.startswith(GLOBAL_PREFIXES) or path == f"/{slug}" or path.startswith(f"/{slug}/"):
        return
    environ["PATH_INFO"] = f"/{slug}{path}"


def host_tenant_slug() -> str | None:
    return request.environ.get(HOST_TENANT_KEY) if has_request_context() else None


def resolve_tenant(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """url_value_preprocessor: load the tenant named in the URL and bind the session to it."""
    if not values or URL_KEY not in values:
        if host_tenant_slug() is not None and endpoint not in (
            None,
            "static",
            "web.healthz",
            "web.readyz",
        ):
            abort(404)
        return
    slug = values.pop(URL_KEY)
    host_slug = host_tenant_slug()
    if host_slug is not None and host_slug != slug:
        abort(404)
    tenant = get_tenant_by_slug(db.session, slug)
    if tenant is None:
        abort(404)
    g.tenant = tenant
    bind_tenant(db.session, tenant.id)
    if tenant.is_suspended:
        abort(503)


def adopt_tenant_for_error_page() -> None:
    """When no route matched, still show the error in the network's language and layout."""
    if g.get("tenant") is not None:
        return
    slug = host_tenant_slug() or request.path.strip("/").split("/")[0]
    tenant = get_tenant_by_slug(db.session, slug) if slug else None
    if tenant is not None:
        g.tenant = tenant
        bind_tenant(db.session, tenant.id)


def add_tenant_to_urls(endpoint: str, values: dict[str, Any]) -> None:
    """url_defaults: links inside a tenant stay in that tenant."""
    tenant: Tenant | None = g.get("tenant")
    if (
        tenant is not None
        and URL_KEY not in values
        and current_app.url_map.is_endpoint_expecting(endpoint, URL_KEY)
    ):
        values[URL_KEY] = tenant.slug


def strip_host_prefix(url: str) -> str:
    """On a tenant's own host, /<slug>/x is written /x."""
    slug = host_tenant_slug()
    if slug is None:
        return url
    prefix = f"/{slug}"
    scheme_end = url.find("://")
    start = url.find("/", scheme_end + 3) if scheme_end >= 0 else 0
    if start < 0:
        return url
    path = url[start:]
    if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?"):
        path = path[len(prefix) :] or "/"
        if path.startswith("?"):
            path = "/" + path
    return url[:start] + path
