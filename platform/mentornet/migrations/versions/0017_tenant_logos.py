"""Network logos: every uploaded logo, re-encoded, and which one is in use.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08

`tenant_logos` keeps each logo an admin uploaded (PNG, re-encoded by the app) with who uploaded
it; `tenants.logo_sha256` names the one shown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("logo_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "tenant_logos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "uploaded_by_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_tenant_logos_tenant_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tenant_logos_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenant_logos")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_tenant_logos_tenant_id_id")),
        sa.UniqueConstraint("tenant_id", "sha256", name=op.f("uq_tenant_logos_tenant_id_sha256")),
    )
    enable_row_level_security(op.get_bind(), "tenant_logos")


def downgrade() -> None:
    op.drop_table("tenant_logos")
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("logo_sha256")
