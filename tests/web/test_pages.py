"""The base UI: member area, staff console, error pages, health checks, security headers."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role

from helpers import Database, UserFactory, login, settings_for


def test_member_area_asks_anonymous_visitors_to_log_in(client: FlaskClient) -> None:
    response = client.get("/denmark/me/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/denmark/login?next=/denmark/me/"


def test_member_area_greets_the_member(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org", name="Amina")
    login(client, "denmark", "amina@example.org")
    html = client.get("/denmark/me/").get_data(as_text=True)
    assert "Hej Amina" in html


def test_staff_console_is_for_coordinators_and_admins_only(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="member@example.org")
    make_user("denmark", email="translator@example.org", roles=(Role.TRANSLATOR,))
    make_user("denmark", email="coord@example.org", roles=(Role.COORDINATOR,))
    make_user("denmark", email="admin@example.org", roles=(Role.ADMIN,))
    expected = {"member": 403, "translator": 403, "coord": 200, "admin": 200}
    for who, status in expected.items():
        client = app.test_client()
        login(client, "denmark", f"{who}@example.org")
        assert client.get("/denmark/staff/").status_code == status, who
    assert app.test_client().get("/denmark/staff/").status_code == 302


def test_staff_console_counts_only_its_own_network(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@example.org", roles=(Role.COORDINATOR,))
    for i in range(3):
        make_user("morocco", email=f"m{i}@example.org")
    login(client, "denmark", "coord@example.org")
    html = client.get("/denmark/staff/").get_data(as_text=True)
    assert "1 aktiv konto" in html


def test_error_pages_are_localised(client: FlaskClient, make_user: UserFactory) -> None:
    not_found = client.get("/morocco/no-such-page")
    assert not_found.status_code == 404
    assert 'dir="rtl"' in not_found.get_data(as_text=True)
    assert "الصفحة غير موجودة" in not_found.get_data(as_text=True)
    make_user("denmark", email="member@example.org")
    login(client, "denmark", "member@example.org")
    forbidden = client.get("/denmark/staff/")
    assert "Ingen adgang" in forbidden.get_data(as_text=True)


def test_an_unexpected_error_shows_a_localised_page_without_a_trace(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/denmark/boom", endpoint="boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    from mentornet.core.permissions import ANYONE, ROUTE_PERMISSIONS

    ROUTE_PERMISSIONS["boom"] = ANYONE
    try:
        response = app.test_client().get("/denmark/boom")
    finally:
        del ROUTE_PERMISSIONS["boom"]
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret internals" not in html and "Traceback" not in html
    assert "Noget gik galt" in html


def test_health_checks(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["database"] == "ok"


def test_readiness_fails_when_migrations_are_pending(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mentornet.web.views as views

    monkeypatch.setattr(views, "migration_state", lambda: ("0000", "0001"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "migrations pending"


def test_security_headers_on_every_response(client: FlaskClient, make_user: UserFactory) -> None:
    for path in ("/", "/denmark/", "/denmark/login", "/morocco/missing", "/healthz"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert (
            "frame-ancestors 'none'" in csp
            and "script-src 'self'" in csp
            and "unsafe-inline" not in csp
        )
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
    make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    assert client.get("/denmark/me/").headers["Cache-Control"] == "no-store"


def test_hsts_in_production_settings(migrated: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentornet.app import create_app

    monkeypatch.setenv("MENTORNET_ENV", "production")
    app = create_app(settings_for(migrated, ENV="production", SECRET_KEY="x" * 48))
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_reference_no_third_party_hosts(client: FlaskClient) -> None:
    for path in ("/", "/denmark/", "/morocco/", "/men/login"):
        html = client.get(path).get_data(as_text=True)
        assert "https://" not in html and "http://" not in html and "//cdn" not in html


def test_back_links_point_to_where_the_readers_lines_begin(
    client: FlaskClient, make_user: UserFactory
) -> None:
    for tenant, arrow, other in (("morocco", "→", "←"), ("denmark", "←", "→")):
        make_user(tenant, email=f"coord@{tenant}.test", roles=(Role.COORDINATOR,))
        login(client, tenant, f"coord@{tenant}.test")
        html = client.get(f"/{tenant}/staff/matching/drafts").get_data(as_text=True)
        back = html.split('href="/' + tenant + '/staff/matching">')[1].split("</a>")[0]
        assert back.startswith(arrow) and other not in back
