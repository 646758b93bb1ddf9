"""The application factory: small configure_* steps in a fixed order."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from mentornet.core.config import load_settings

TENANT_PREFIX = "/<tenant_slug>"


class MentornetFlask(Flask):
    """Flask, with links that drop the /<slug> prefix when served on a tenant's own host."""

    def url_for(self, endpoint: str, **values: Any) -> str:
        from mentornet.modules.tenants.resolver import strip_host_prefix

        return strip_host_prefix(super().url_for(endpoint, **values))

    def wsgi_app(self, environ: dict[str, Any], start_response: Any) -> Any:
        from mentornet.modules.tenants.resolver import rewrite_for_host
        from mentornet.web.hosts import unknown_host

        rewrite_for_host(self.extensions["mentornet.hosts"], environ)
        if refusal := unknown_host(self.extensions["mentornet.platform_hosts"], environ):
            return refusal(environ, start_response)
        return super().wsgi_app(environ, start_response)

    def handle_user_exception(self, e: Exception) -> Any:
        """Every exception a view raises passes here first: its work is rolled back before any
        error handler answers (web/boundary.py)."""
        from mentornet.web.boundary import abandon_unit_of_work

        abandon_unit_of_work()
        return super().handle_user_exception(e)


def create_app(config_override: Mapping[str, Any] | None = None) -> Flask:
    """Build the application. Importing this module touches neither settings nor the database."""
    app = MentornetFlask(
        "mentornet",
        static_folder="web/static",
        template_folder="web/templates",
    )
    configure_settings(app, config_override)
    configure_proxies(app)
    configure_routing(app)
    configure_logging(app)
    configure_database(app)
    configure_signals(app)
    configure_tenancy(app)
    configure_i18n(app)
    configure_security(app)
    configure_blueprints(app)
    configure_permissions(app)
    configure_request_boundary(app)
    configure_errors(app)
    configure_templates(app)
    return app


def configure_settings(app: Flask, override: Mapping[str, Any] | None) -> None:
    settings = load_settings(override)
    app.config.update(settings)
    app.config["PERMANENT_SESSION_LIFETIME"] = settings["SESSION_LIFETIME_MINUTES"] * 60
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_DOMAIN"] = False  # host-only: never shared with other hosts
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = (
        settings["TRANSLATIONS_COMPILED_DIR"] or settings["TRANSLATIONS_DIR"]
    )
    app.config["BABEL_DEFAULT_LOCALE"] = settings["PLATFORM_DEFAULT_LOCALE"]
    app.config["RATELIMIT_HEADERS_ENABLED"] = True


def configure_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXY_COUNT proxies (nginx: 1), the client's address and scheme are the ones
    the nearest proxy saw; with 0, nobody's X-Forwarded-* headers are believed."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    if count := app.config["TRUSTED_PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def configure_routing(app: Flask) -> None:
    """Before any route exists: <int:...> takes only ids the database can hold."""
    from mentornet.web.converters import RecordIdConverter

    app.url_map.converters["int"] = RecordIdConverter


def configure_logging(app: Flask) -> None:
    logging.basicConfig(
        level=app.config["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Alembic announces every plugin it loads at INFO; only its warnings are news.
    logging.getLogger("alembic").setLevel(logging.WARNING)


def configure_database(app: Flask) -> None:
    from mentornet import models  # noqa: F401  (every module's models, before the first query)
    from mentornet.extensions import db

    db.init_app(app)


def configure_signals(app: Flask) -> None:
    """Connect the receivers that every module's signals.py lists in RECEIVERS."""
    from mentornet.modules import find

    for module in find("signals"):
        for signal, receiver in getattr(module, "RECEIVERS", ()):
            signal.connect(receiver)


def configure_tenancy(app: Flask) -> None:
    from mentornet.modules.tenants import resolver
    from mentornet.web.hosts import platform_hosts

    app.extensions["mentornet.hosts"] = resolver.HostMap(app)
    app.extensions["mentornet.platform_hosts"] = platform_hosts(app.config)
    app.url_value_preprocessor(resolver.resolve_tenant)
    app.url_defaults(resolver.add_tenant_to_urls)


def configure_i18n(app: Flask) -> None:
    from mentornet.core.i18n import OVERRIDES_EXTENSION, remember_requested_locale, select_locale
    from mentornet.extensions import babel
    from mentornet.modules.translations.overrides import override_table

    babel.init_app(app, locale_selector=select_locale)
    app.extensions[OVERRIDES_EXTENSION] = override_table
    app.before_request(remember_requested_locale)


def configure_security(app: Flask) -> None:
    from mentornet.extensions import csrf, limiter
    from mentornet.modules.accounts.sessions import init_login
    from mentornet.web.headers import add_security_headers
    from mentornet.web.sessions import TenantCookieSessionInterface

    app.session_interface = TenantCookieSessionInterface()
    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app)
    app.after_request(add_security_headers)


def configure_blueprints(app: Flask) -> None:
    """The platform's pages at /, then every module's blueprint.py (modules.find)."""
    from mentornet.modules import find
    from mentornet.web.blueprint import bp as web

    app.register_blueprint(web)
    for module in find("blueprint"):
        # A module's pages belong to a network unless its blueprint.py says TENANT_PREFIX = False.
        prefix = TENANT_PREFIX if getattr(module, "TENANT_PREFIX", True) else None
        app.register_blueprint(module.bp, url_prefix=prefix)


def configure_permissions(app: Flask) -> None:
    """Merge every blueprint.py's PERMISSIONS into the one table, then enforce it."""
    from mentornet.core.permissions import enforce_permissions, merge_permissions
    from mentornet.modules import find

    for module in find("blueprint"):
        merge_permissions(module.bp.name, module.PERMISSIONS)
    app.before_request(enforce_permissions)


def configure_request_boundary(app: Flask) -> None:
    from mentornet.core.errors import DomainError
    from mentornet.web.boundary import answer_refusal, commit_unit_of_work, rollback_on_error

    app.after_request(commit_unit_of_work)
    app.teardown_request(rollback_on_error)
    app.register_error_handler(DomainError, answer_refusal)


def configure_errors(app: Flask) -> None:
    from mentornet.web.errors import register_error_handlers

    register_error_handlers(app)


def configure_templates(app: Flask) -> None:
    from mentornet.web.context import template_context

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(template_context)
