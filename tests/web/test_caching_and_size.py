"""Pages are never kept in a cache, signed in or not; a request body has a size limit."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from helpers import application_form, csrf_token, post_form


def test_anonymous_pages_that_show_personal_data_are_not_stored(client: FlaskClient) -> None:
    form = application_form("denmark", "mentee", email="amina@example.org", birth_year="2020")
    refused = post_form(client, "/denmark/apply/mentee", form)
    assert refused.status_code == 422 and "amina@example.org" in refused.get_data(as_text=True)
    for response in (
        refused,
        client.get("/denmark/password/reset"),
        client.get("/denmark/login"),
        client.get("/denmark/"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Pragma"] == "no-cache"


def test_the_same_bytes_for_everybody_may_be_cached(client: FlaskClient) -> None:
    assert client.get("/denmark/theme.css").headers["Cache-Control"] == "public, max-age=300"
    assert "no-store" not in client.get("/static/style.css").headers.get("Cache-Control", "")


def test_a_body_over_the_limit_is_refused_with_a_localised_page(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    client = app.test_client()
    token = csrf_token(client, "/denmark/login")
    response = client.post(
        "/denmark/login", data={"csrf_token": token, "email": "a@b.dk", "password": "x" * 2000}
    )
    assert response.status_code == 413
    assert "Det, du har sendt, er for stort." in response.get_data(as_text=True)


def test_the_limit_is_a_setting(app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 10 * 1024 * 1024
