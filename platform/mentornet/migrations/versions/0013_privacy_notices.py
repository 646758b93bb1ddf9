"""Published privacy notices, one row per version (and the one draft) of each network.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-08

`privacy_notices` keeps what each published version of a network's privacy notice said, per
locale, when and by whom it was published. Acceptance is the existing `consents` row of kind
`privacy_notice`, whose `version` names the version accepted (docs/admin-people.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

TENANT_TABLES = ("privacy_notices",)


def upgrade() -> None:
    op.create_table(
        "privacy_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("edited_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("edited_by_id", sa.Integer(), nullable=True),
        sa.Column("published_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "edited_by_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_privacy_notices_tenant_id_edited_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "published_by_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_privacy_notices_tenant_id_published_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_privacy_notices_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_notices")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_privacy_notices_tenant_id_id")),
        sa.UniqueConstraint(
            "tenant_id", "version", name=op.f("uq_privacy_notices_tenant_id_version")
        ),
    )
    with op.batch_alter_table("privacy_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_privacy_notices_published_at"), ["published_at"], unique=False
        )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)


def downgrade() -> None:
    with op.batch_alter_table("privacy_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_notices_published_at"))
    op.drop_table("privacy_notices")
