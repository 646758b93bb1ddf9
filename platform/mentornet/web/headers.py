"""Security headers on every response (docs/security.md)."""

from __future__ import annotations

from flask import Response, current_app, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
# What may stay in a cache: the same bytes for everybody, never a person's data.
SHARED_ENDPOINTS = frozenset({"static", "portal.theme", "portal.logo"})


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    )
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if hsts := current_app.config["HSTS_SECONDS"]:
        headers.setdefault("Strict-Transport-Security", f"max-age={hsts}; includeSubDomains")
    if request.endpoint not in SHARED_ENDPOINTS or (current_user and current_user.is_authenticated):
        # A page may show what a person typed (a refused application, the reset form) or her own
        # data: it must not stay in shared caches or the browser's back-forward history, signed in
        # or not.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    headers.add("Vary", "Cookie")
    return response
