"""An id in a path that no row can have (too large, or not written in ASCII digits) is a page that
is not found, on every route that takes one, never a server error."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from helpers import UserFactory, coordinator_client

# 2**31: one more than a PostgreSQL integer column holds (SQLite would take it).
NOT_IDS = ("9999999999999999999999999", str(2**63), str(2**31), "٣", "²", "1" * 5000)


@pytest.mark.parametrize("bad", NOT_IDS)
def test_an_id_no_row_can_have_is_not_found_on_every_route(
    app: Flask, make_user: UserFactory, bad: str
) -> None:
    client = coordinator_client(app, make_user)
    client.application.config["WTF_CSRF_ENABLED"] = False
    routes = [rule for rule in app.url_map.iter_rules() if "int:" in rule.rule]
    assert len(routes) > 20
    for rule in routes:
        path = re.sub(r"<int:\w+>", bad, rule.rule).replace("<tenant_slug>", "denmark")
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            response = client.open(path, method=method)
            assert response.status_code == 404, (method, path, response.status_code)


def test_the_largest_id_a_row_can_have_is_still_an_id(app: Flask, make_user: UserFactory) -> None:
    client = coordinator_client(app, make_user)
    response = client.get(f"/denmark/staff/applicants/{2**31 - 1}")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.get_data(as_text=True)
