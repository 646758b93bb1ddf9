"""PostgreSQL row-level security for tenant-owned tables, applied by migrations.

Policies compare tenant_id with the transaction-local setting app.tenant_id that core/tenancy.py
writes with set_config(..., true). FORCE makes the policies apply to the table owner too; the
application connects as a separate non-owner role (DATABASE_APP_ROLE) in any case.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

POLICY = "tenant_isolation"
CONDITION = (
    "tenant_id = nullif(current_setting('app.tenant_id', true), '')::integer "
    "OR current_setting('app.system_scope', true) = 'on'"
)


def enable_row_level_security(connection: Connection, table: str) -> None:
    """Turn on forced row-level security with the tenant policy for one table."""
    if connection.dialect.name != "postgresql":
        return
    quoted = connection.dialect.identifier_preparer.quote(table)
    connection.execute(text(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY"))
    connection.execute(text(f"ALTER TABLE {quoted} FORCE ROW LEVEL SECURITY"))
    connection.execute(
        text(f"CREATE POLICY {POLICY} ON {quoted} USING ({CONDITION}) WITH CHECK ({CONDITION})")
    )


def disable_row_level_security(connection: Connection, table: str) -> None:
    """Undo enable_row_level_security (for downgrades)."""
    if connection.dialect.name != "postgresql":
        return
    quoted = connection.dialect.identifier_preparer.quote(table)
    connection.execute(text(f"DROP POLICY IF EXISTS {POLICY} ON {quoted}"))
    connection.execute(text(f"ALTER TABLE {quoted} NO FORCE ROW LEVEL SECURITY"))
    connection.execute(text(f"ALTER TABLE {quoted} DISABLE ROW LEVEL SECURITY"))


def grant_app_role(connection: Connection, role: str) -> None:
    """Let the application role read and write every table (ownership stays with the migrator)."""
    if connection.dialect.name != "postgresql" or not role:
        return
    quoted = connection.dialect.identifier_preparer.quote(role)
    connection.execute(
        text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
    )
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"))
