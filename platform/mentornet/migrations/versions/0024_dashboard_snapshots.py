"""Staff pages at 10,000 members (issue 16): the dashboard cached per network, and indexes.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-08

`dashboard_snapshots` holds one row per network: the dashboard's figures and when they were
computed; the dashboard computes them again when the row is older than DASHBOARD_MAX_AGE_SECONDS.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

TENANT_TABLES = ("dashboard_snapshots",)
INDEXES = (
    ("meetings", "ix_meetings_tenant_mentorship_held", ["tenant_id", "mentorship_id", "held_on"]),
    (
        "check_ins",
        "ix_check_ins_tenant_mentorship_created",
        ["tenant_id", "mentorship_id", "created_at"],
    ),
    (
        "mentorship_transitions",
        "ix_mentorship_transitions_tenant_mentorship_created",
        ["tenant_id", "mentorship_id", "created_at"],
    ),
    ("mentorships", "ix_mentorships_tenant_state_updated", ["tenant_id", "state", "updated_at"]),
    (
        "mentorships",
        "ix_mentorships_tenant_mentee_state",
        ["tenant_id", "mentee_profile_id", "state"],
    ),
    (
        "profiles",
        "ix_profiles_tenant_status_changed",
        ["tenant_id", "status", "status_changed_at"],
    ),
    ("profiles", "ix_profiles_tenant_role_status", ["tenant_id", "role", "status"]),
    ("users", "ix_users_tenant_active", ["tenant_id", "active"]),
)


def upgrade() -> None:
    op.create_table(
        "dashboard_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("computed_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_dashboard_snapshots_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_snapshots")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_dashboard_snapshots_tenant_id_id")),
        sa.UniqueConstraint("tenant_id", name="uq_dashboard_snapshots_tenant"),
    )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("dashboard_snapshots")
