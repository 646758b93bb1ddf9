"""Behind nginx every client has its own address, for the rate limits too; without a trusted proxy
nobody's X-Forwarded-For is believed."""

from __future__ import annotations

import pytest
from flask import Flask

from mentornet.app import create_app
from mentornet.extensions import db, limiter

from helpers import Database, csrf_token, settings_for


def _failed_logins(app: Flask, address: str, count: int) -> list[int]:
    client = app.test_client()
    headers = {"X-Forwarded-For": address}
    token = csrf_token(client, "/denmark/login", headers=headers)
    return [
        client.post(
            "/denmark/login",
            data={"csrf_token": token, "email": f"n{n}@example.org", "password": "wrong"},
            headers=headers,
        ).status_code
        for n in range(count)
    ]


@pytest.mark.usefixtures("app")
def test_behind_one_proxy_each_client_is_limited_on_its_own(migrated: Database) -> None:
    behind_nginx = create_app(settings_for(migrated, TRUSTED_PROXY_COUNT=1))
    with behind_nginx.app_context():
        limiter.reset()
    assert _failed_logins(behind_nginx, "203.0.113.7", 11)[-1] == 429
    assert _failed_logins(behind_nginx, "198.51.100.4", 1) == [401]
    with behind_nginx.app_context():
        db.engine.dispose()


def test_without_a_trusted_proxy_the_header_is_not_believed(app: Flask) -> None:
    assert _failed_logins(app, "203.0.113.7", 11)[-1] == 429
    assert _failed_logins(app, "198.51.100.4", 1) == [429]  # the same client, whatever it claims
