"""docs/tenancy.md: one tenant's rows are out of reach of every other tenant."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.exc import IntegrityError

from mentornet.core.config import project_root
from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped, TenantScopeError, bind_tenant, system_scope
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory

# Every place allowed to work across tenants, and why. A new caller must be added here on purpose.
SYSTEM_SCOPE_ALLOWED = {
    "platform/mentornet/core/tenancy.py",  # the definition
    "platform/mentornet/modules/tenants/operations.py",  # host map and method-pack import
}


@pytest.fixture
def two_users(make_user: UserFactory) -> tuple[User, User]:
    return (
        make_user("denmark", email="same@example.org", name="Dansk"),
        make_user("morocco", email="same@example.org", name="Marocaine"),
    )


def test_other_tenants_rows_are_invisible_to_reads(
    app: Flask, two_users: tuple[User, User]
) -> None:
    danish, moroccan = two_users
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalars(sa.select(User.name)).all() == ["Dansk"]
        assert session.get(User, moroccan.id) is None
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
        assert session.scalars(sa.select(UserRole.user_id)).all() == [danish.id]


def test_other_tenants_rows_are_out_of_reach_of_updates_and_deletes(
    app: Flask, two_users: tuple[User, User]
) -> None:
    _, moroccan = two_users
    with app.app_context(), tenant_session("denmark") as (session, _):
        session.execute(sa.update(User).values(name="changed"))
        session.execute(sa.delete(UserRole))
        session.commit()
    with app.app_context(), tenant_session("morocco") as (session, _):
        user = session.get(User, moroccan.id)
        assert user is not None
        assert user.name == "Marocaine"
        assert user.role_names == {Role.MEMBER}


def test_inserting_a_row_for_another_tenant_fails(app: Flask, tenant_ids: dict[str, int]) -> None:
    with app.app_context(), tenant_session("denmark") as (session, _):
        session.add(
            User(tenant_id=tenant_ids["morocco"], email="x@y.z", name="x", password_hash="x")
        )
        with pytest.raises(TenantScopeError):
            session.flush()


def test_new_objects_are_stamped_with_the_bound_tenant(
    app: Flask, tenant_ids: dict[str, int]
) -> None:
    with app.app_context(), tenant_session("morocco") as (session, _):
        user = User(email="new@example.org", name="New", password_hash="x")
        session.add(user)
        session.flush()
        assert user.tenant_id == tenant_ids["morocco"]


def test_the_tenant_of_a_row_cannot_change(
    app: Flask, two_users: tuple[User, User], tenant_ids: dict[str, int]
) -> None:
    danish, _ = two_users
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.get(User, danish.id)
        assert user is not None
        user.tenant_id = tenant_ids["morocco"]
        with pytest.raises(TenantScopeError):
            session.flush()


def test_database_refuses_a_reference_across_tenants(
    app: Flask, two_users: tuple[User, User], tenant_ids: dict[str, int]
) -> None:
    """The composite foreign key (tenant_id, user_id) holds even where the ORM guard is off."""
    _, moroccan = two_users
    with app.app_context():
        session = db.new_session()
        with system_scope(session):
            session.add(
                UserRole(tenant_id=tenant_ids["denmark"], user_id=moroccan.id, role=Role.ADMIN)
            )
            with pytest.raises(IntegrityError):
                session.flush()
        session.close()


def test_a_session_without_a_tenant_raises(app: Flask, two_users: tuple[User, User]) -> None:
    with app.app_context():
        session = db.new_session()
        with pytest.raises(TenantScopeError):
            session.scalars(sa.select(User)).all()
        with pytest.raises(TenantScopeError):
            session.execute(sa.text("SELECT count(*) FROM users"))
        session.add(User(email="nobody@example.org", name="x", password_hash="x"))
        with pytest.raises(TenantScopeError):
            session.flush()
        session.close()


def test_a_session_cannot_be_rebound_to_another_tenant(
    app: Flask, tenant_ids: dict[str, int]
) -> None:
    with (
        app.app_context(),
        tenant_session("denmark") as (session, _),
        pytest.raises(TenantScopeError),
    ):
        bind_tenant(session, tenant_ids["morocco"])


def test_every_model_with_a_tenant_id_uses_the_mixin() -> None:
    for mapper in Base.registry.mappers:
        table = cast(sa.Table, mapper.local_table)
        if "tenant_id" in table.c:
            assert issubclass(mapper.class_, TenantScoped), mapper.class_.__name__


def test_references_between_tenant_tables_are_composite() -> None:
    scoped_tables = {
        cast(sa.Table, m.local_table).name
        for m in Base.registry.mappers
        if issubclass(m.class_, TenantScoped)
    }
    for mapper in Base.registry.mappers:
        if not issubclass(mapper.class_, TenantScoped):
            continue
        table = cast(sa.Table, mapper.local_table)
        unique_sets = [
            {c.name for c in uc.columns}
            for uc in table.constraints
            if isinstance(uc, sa.UniqueConstraint)
        ]
        assert {"tenant_id", "id"} in unique_sets, f"{table.name} lacks UNIQUE (tenant_id, id)"
        for fk in table.foreign_key_constraints:
            if fk.referred_table.name in scoped_tables:
                assert "tenant_id" in fk.column_keys, (
                    f"{table.name}: {fk.column_keys} is not composite"
                )


def test_only_allow_listed_modules_use_system_scope() -> None:
    root = project_root()
    users = {
        str(path.relative_to(root))
        for path in Path(root, "platform").rglob("*.py")
        if re.search(r"\bsystem_scope\(", path.read_text(encoding="utf-8"))
    }
    assert users == SYSTEM_SCOPE_ALLOWED
