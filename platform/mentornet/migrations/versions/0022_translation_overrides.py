"""A network's wording overrides of core strings, and the version that keys their caches.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-08

`translation_overrides` holds, per network, locale, msgctxt and msgid, the network's own text of a
core message (every plural form) and the core text it was written against (docs/languages.md).
`tenants.overrides_version` changes with every change of them: each worker's cache of a
network's overrides is keyed by it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

TENANT_TABLES = ("translation_overrides",)


def upgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("overrides_version", sa.BigInteger(), server_default="0", nullable=False)
        )
    op.create_table(
        "translation_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("context", sa.String(length=200), nullable=False),
        sa.Column("msgid", sa.Text(), nullable=False),
        sa.Column("msgid_plural", sa.Text(), nullable=False),
        sa.Column("forms", sa.JSON(), nullable=False),
        sa.Column("source_text", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("outdated", sa.Boolean(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "author_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_translation_overrides_tenant_id_author_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_translation_overrides_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_overrides")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_translation_overrides_tenant_id_id")),
        sa.UniqueConstraint(
            "tenant_id",
            "locale",
            "context",
            "msgid",
            name=op.f("uq_translation_overrides_tenant_id_locale_context_msgid"),
        ),
    )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)


def downgrade() -> None:
    op.drop_table("translation_overrides")
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("overrides_version")
