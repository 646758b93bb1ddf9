"""Tenant scoping of every ORM session (docs/tenancy.md).

A session is bound to one tenant with bind_tenant(). From then on every ORM select, update and delete
is filtered to that tenant, new tenant-owned objects are stamped with it and objects of another tenant
are refused at flush. A session bound to no tenant refuses to touch tenant-owned tables at all, unless
it is inside system_scope(): that is the one, greppable, way to work across tenants (tenant
resolution, method-pack import, the operator console), and tests/test_tenancy.py allow-lists its users.
On PostgreSQL the same binding is written into the transaction with set_config(..., true), where
row-level security policies (see core/rls.py) enforce it even for raw SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, cast

from sqlalchemy import (
    Connection,
    ForeignKey,
    ForeignKeyConstraint,
    UniqueConstraint,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    SessionTransaction,
    declared_attr,
    mapped_column,
    with_loader_criteria,
)

TENANT_KEY = "tenant_id"
SYSTEM_KEY = "system_scope"


class TenantScopeError(RuntimeError):
    """Tenant-owned data was touched without a tenant, or across tenants."""


class TenantScoped:
    """Mixin for every tenant-owned table: tenant_id NOT NULL plus UNIQUE (tenant_id, id).

    The unique pair is what composite foreign keys (tenant_fk) point at, so the database itself
    refuses a reference to another tenant's row. Extra table arguments go in __tenant_table_args__.
    """

    __tenant_table_args__: ClassVar[tuple[Any, ...]] = ()

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:  # noqa: N805  (declared_attr receives the class)
        return mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:  # noqa: N805
        return (UniqueConstraint("tenant_id", "id"), *cls.__tenant_table_args__)


def tenant_fk(column: str, target_table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    """A composite foreign key (tenant_id, column) -> target_table (tenant_id, id)."""
    return ForeignKeyConstraint(
        [TENANT_KEY, column],
        [f"{target_table}.tenant_id", f"{target_table}.id"],
        ondelete=ondelete,
    )


def bind_tenant(session: Session, tenant_id: int) -> None:
    """Bind the session (and its current transaction, on PostgreSQL) to one tenant."""
    current = session.info.get(TENANT_KEY)
    if current is not None and current != tenant_id:
        raise TenantScopeError("session is already bound to another tenant")
    session.info[TENANT_KEY] = tenant_id
    _apply_to_open_transaction(session)


def bound_tenant_id(session: Session) -> int | None:
    """The tenant the session is bound to, if any."""
    value = session.info.get(TENANT_KEY)
    return int(value) if value is not None else None


@contextmanager
def system_scope(session: Session) -> Iterator[Session]:
    """Work across tenants for the duration of the block. Every caller is allow-listed by a test."""
    previous = session.info.get(SYSTEM_KEY, False)
    session.info[SYSTEM_KEY] = True
    _apply_to_open_transaction(session)
    try:
        yield session
    finally:
        session.info[SYSTEM_KEY] = previous
        _apply_to_open_transaction(session)


def in_system_scope(session: Session) -> bool:
    return bool(session.info.get(SYSTEM_KEY))


def _scoped_mappers(state: ORMExecuteState) -> bool:
    # Raw SQL has no mappers; an unbound session may not run it either (it could read any tenant).
    return any(issubclass(mapper.class_, TenantScoped) for mapper in state.all_mappers)


@event.listens_for(Session, "do_orm_execute")
def _filter_to_tenant(state: ORMExecuteState) -> None:
    session = state.session
    if in_system_scope(session):
        return
    tenant_id = bound_tenant_id(session)
    if tenant_id is None:
        if _scoped_mappers(state) or not state.all_mappers:
            raise TenantScopeError(
                "tenant-owned data queried by a session bound to no tenant; "
                "bind_tenant() first, or use system_scope() for cross-tenant work"
            )
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(
            with_loader_criteria(
                TenantScoped,
                lambda cls: cls.tenant_id == tenant_id,
                include_aliases=True,
                track_closure_variables=True,
            )
        )


@event.listens_for(Session, "before_flush")
def _stamp_and_check(session: Session, _context: Any, _instances: Any) -> None:
    tenant_id = bound_tenant_id(session)
    system = in_system_scope(session)
    for obj in session.new:
        if not isinstance(obj, TenantScoped):
            continue
        # Typed int, but None until stamped: the column is only NOT NULL once flushed.
        if cast("int | None", obj.tenant_id) is None:
            if tenant_id is None:
                raise TenantScopeError(f"new {type(obj).__name__} has no tenant and none is bound")
            obj.tenant_id = tenant_id
        elif tenant_id is not None and obj.tenant_id != tenant_id and not system:
            raise TenantScopeError(f"new {type(obj).__name__} belongs to another tenant")
    for obj in list(session.dirty) + list(session.deleted):
        if not isinstance(obj, TenantScoped):
            continue
        history = inspect(obj).attrs.tenant_id.history
        if history.deleted and history.deleted[0] is not None:
            raise TenantScopeError(f"the tenant of a {type(obj).__name__} cannot change")
        if tenant_id is not None and obj.tenant_id != tenant_id and not system:
            raise TenantScopeError(f"{type(obj).__name__} of another tenant in this session")


@event.listens_for(Session, "after_begin")
def _set_transaction_tenant(
    session: Session, _transaction: SessionTransaction, connection: Connection
) -> None:
    _apply_to_connection(session, connection)


def _apply_to_open_transaction(session: Session) -> None:
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        return  # the next transaction gets the setting in after_begin
    if session.get_bind().dialect.name == "postgresql":
        _apply_to_connection(session, session.connection())


def _apply_to_connection(session: Session, connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    tenant_id = bound_tenant_id(session)
    # set_config(..., true) is transaction-local: a pooled connection never carries it further.
    connection.execute(
        text(
            "SELECT set_config('app.tenant_id', :tenant, true), "
            "set_config('app.system_scope', :system, true)"
        ),
        {
            "tenant": "" if tenant_id is None else str(tenant_id),
            "system": "on" if in_system_scope(session) else "off",
        },
    )
