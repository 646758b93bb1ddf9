"""Which hosts the app answers, and where links in e-mails point.

A request is answered only on a network's own host (tenant_hosts), on PUBLIC_BASE_URL's host or on
one of PLATFORM_HOSTS; any other Host header is refused before routing. Links in e-mails never come
from the request: they are built by outbox/notify.page_url from the same settings and rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from werkzeug.exceptions import BadRequest
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.wsgi import get_host

from mentornet.modules.tenants.resolver import HOST_TENANT_KEY

# Health checks answer on any host: load balancers probe by address, and they show nothing.
PROBES = frozenset({"/healthz", "/readyz"})


def platform_hosts(config: Mapping[str, Any]) -> list[str]:
    """PLATFORM_HOSTS and PUBLIC_BASE_URL's host (a leading dot allows every subdomain)."""
    names = list(config["PLATFORM_HOSTS"])
    if base := urlsplit(config["PUBLIC_BASE_URL"]).hostname:
        names.append(base)
    return names


def unknown_host(trusted: Iterable[str], environ: dict[str, Any]) -> BadRequest | None:
    """The refusal for a request to a host nobody configured (after rewrite_for_host), else None."""
    if environ.get(HOST_TENANT_KEY) or environ.get("PATH_INFO") in PROBES:
        return None
    host = get_host(environ)
    if host and host_is_trusted(host, list(trusted)):
        return None
    return BadRequest("This host is not served here.")
