"""A settings version records the person who made it (author_id), not only a name.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tenant_settings_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_tenant_settings_versions_tenant_id_users"),
            "users",
            ["tenant_id", "author_id"],
            ["tenant_id", "id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("tenant_settings_versions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_tenant_settings_versions_tenant_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("author_id")
