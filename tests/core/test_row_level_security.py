"""On PostgreSQL, row-level security stops even raw SQL at the tenant boundary."""

from __future__ import annotations

from typing import cast

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.exc import DBAPIError

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.tenants.operations import tenant_session

from helpers import Database, UserFactory, requires_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(migrated: Database) -> None:
    requires_postgres(migrated)


@pytest.fixture
def users(make_user: UserFactory) -> tuple[User, User]:
    return make_user("denmark", email="a@example.org"), make_user("morocco", email="b@example.org")


def test_raw_select_sees_only_the_bound_tenant(
    app: Flask, users: tuple[User, User], tenant_ids: dict[str, int]
) -> None:
    with app.app_context(), tenant_session("denmark") as (session, _):
        rows = session.execute(sa.text("SELECT tenant_id FROM users")).scalars().all()
        assert rows == [tenant_ids["denmark"]]


def test_raw_update_and_delete_cannot_reach_another_tenant(
    app: Flask, users: tuple[User, User]
) -> None:
    _, moroccan = users
    with app.app_context(), tenant_session("denmark") as (session, _):
        updated = session.execute(
            sa.text("UPDATE users SET name = 'x' WHERE id = :id"), {"id": moroccan.id}
        )
        deleted = session.execute(sa.text("DELETE FROM users WHERE id = :id"), {"id": moroccan.id})
        assert (updated.rowcount, deleted.rowcount) == (0, 0)  # type: ignore[attr-defined]


def test_raw_insert_for_another_tenant_is_refused(app: Flask, tenant_ids: dict[str, int]) -> None:
    with (
        app.app_context(),
        tenant_session("denmark") as (session, _),
        pytest.raises(DBAPIError, match="row-level security"),
    ):
        session.execute(
            sa.text(
                "INSERT INTO users (tenant_id, email, name, password_hash, active, created_at, "
                "password_changed_at) VALUES (:t, 'x@y.z', 'x', 'x', true, now(), now())"
            ),
            {"t": tenant_ids["morocco"]},
        )


def test_a_connection_without_a_tenant_sees_nothing(app: Flask, users: tuple[User, User]) -> None:
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM users")).scalar() == 0


def test_the_tenant_setting_ends_with_the_transaction(app: Flask, users: tuple[User, User]) -> None:
    """set_config(..., true) is transaction-local: a pooled connection carries nothing over."""
    with app.app_context(), db.engine.connect() as connection:
        with connection.begin():
            connection.execute(sa.text("SELECT set_config('app.tenant_id', '1', true)"))
        setting = connection.execute(
            sa.text("SELECT current_setting('app.tenant_id', true)")
        ).scalar()
        assert setting in (None, "")


def test_every_tenant_table_forces_row_level_security(app: Flask) -> None:
    tables = sorted(
        cast(sa.Table, m.local_table).name
        for m in Base.registry.mappers
        if issubclass(m.class_, TenantScoped)
    )
    with app.app_context(), db.engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY(:t)"
            ),
            {"t": tables},
        ).all()
    assert sorted(rows) == [(name, True, True) for name in tables]


def test_the_app_connects_as_a_role_that_cannot_bypass_security(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        row = connection.execute(
            sa.text(
                "SELECT r.rolsuper, r.rolbypassrls, "
                "EXISTS (SELECT 1 FROM pg_tables WHERE tableowner = current_user) "
                "FROM pg_roles r WHERE r.rolname = current_user"
            )
        ).one()
    assert tuple(row) == (False, False, False)
