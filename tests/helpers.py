"""Helpers for tests: talking to the app the way a browser does."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import User

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
UserFactory = Callable[..., User]
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Database:
    app_url: str
    migration_url: str
    app_role: str

    @property
    def is_postgres(self) -> bool:
        return self.app_url.startswith("postgresql")


def settings_for(database: Database, **extra: Any) -> dict[str, Any]:
    return {
        "DATABASE_URL": database.app_url,
        "DATABASE_MIGRATION_URL": database.migration_url,
        "DATABASE_APP_ROLE": database.app_role,
        **extra,
    }


def csrf_token(client: FlaskClient, path: str, **kwargs: Any) -> str:
    """The CSRF token of the form on a page, as a browser would see it."""
    response = client.get(path, **kwargs)
    match = CSRF_FIELD.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} (status {response.status_code})"
    return match.group(1)


def post_form(
    client: FlaskClient,
    form_page: str,
    data: dict[str, Any],
    action: str | None = None,
    **kwargs: Any,
) -> Any:
    """Fetch a form page for its CSRF token, then submit the form."""
    token = csrf_token(client, form_page, **kwargs)
    return client.post(action or form_page, data={**data, "csrf_token": token}, **kwargs)


def login(
    client: FlaskClient, tenant: str, email: str, password: str = PASSWORD, **kwargs: Any
) -> Any:
    return post_form(client, f"/{tenant}/login", {"email": email, "password": password}, **kwargs)


def requires_postgres(database: Database) -> None:
    if not database.is_postgres:
        pytest.skip("needs PostgreSQL: run `make test-postgres` (sets MNTEST_DATABASE_URL)")
