"""Tenant resolution by host and by /<slug>/ prefix, and links that stay in the tenant."""

from __future__ import annotations

from flask import Flask, url_for
from flask.testing import FlaskClient

from mentornet.extensions import db
from mentornet.modules.tenants.models import TenantStatus
from mentornet.modules.tenants.operations import get_tenant_by_slug, set_tenant_status


def test_path_prefix_serves_the_network(client: FlaskClient) -> None:
    response = client.get("/denmark/")
    assert response.status_code == 200
    assert 'lang="da"' in response.get_data(as_text=True)


def test_own_host_serves_the_same_network_without_prefix(client: FlaskClient) -> None:
    by_path = client.get("/denmark/").get_data(as_text=True)
    by_host = client.get("/", headers={"Host": "denmark.localhost:5000"})
    assert by_host.status_code == 200
    assert "<h1>" in by_path and by_path.split("<h1>")[1].split("</h1>")[0] in by_host.get_data(
        as_text=True
    )


def test_links_on_own_host_have_no_prefix(client: FlaskClient) -> None:
    html = client.get("/", headers={"Host": "denmark.localhost"}).get_data(as_text=True)
    assert 'href="/login"' in html
    assert "/denmark/" not in html
    html = client.get("/denmark/").get_data(as_text=True)
    assert 'href="/denmark/login"' in html


def test_url_for_in_both_modes(app: Flask) -> None:
    with app.test_request_context("/morocco/"):
        app.preprocess_request()
        assert url_for("accounts.login") == "/morocco/login"
    # On the tenant's own host the redirect to the login page carries no /morocco prefix.
    client = app.test_client()
    response = client.get("/me/", headers={"Host": "morocco.localhost"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_unknown_tenant_is_404(client: FlaskClient) -> None:
    assert client.get("/atlantis/").status_code == 404
    # A host that is neither a network's nor the platform's is refused (docs/security.md).
    assert client.get("/", headers={"Host": "unknown.localhost"}).status_code == 400


def test_another_tenants_prefix_on_a_tenant_host_is_404(client: FlaskClient) -> None:
    assert client.get("/morocco/", headers={"Host": "denmark.localhost"}).status_code == 404


def test_suspended_tenant_gets_a_localised_503(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        tenant = get_tenant_by_slug(db.session, "denmark")
        assert tenant is not None
        set_tenant_status(db.session, tenant, TenantStatus.SUSPENDED, actor="test")
        db.session.commit()
    response = client.get("/denmark/")
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert 'lang="da"' in html
    assert "midlertidigt" in html.lower()  # Danish: "Midlertidigt utilgængelig"
    assert client.get("/morocco/").status_code == 200


def test_platform_landing_lists_the_networks(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    for slug in ("denmark", "morocco", "men"):
        assert f'href="/{slug}/"' in html
