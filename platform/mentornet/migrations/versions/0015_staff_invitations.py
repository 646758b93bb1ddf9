"""Staff invitations: an admin invites a person by e-mail with some staff roles.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-08

`staff_invitations` keeps, per network, whom an admin invited (e-mail, name, roles), by whom, the
SHA-256 of the link's random token, when it expires and when it was accepted or revoked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

TENANT_TABLES = ("staff_invitations",)


def upgrade() -> None:
    op.create_table(
        "staff_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "invited_by_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_staff_invitations_tenant_id_invited_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_staff_invitations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_invitations")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_staff_invitations_tenant_id_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_invitations_token_hash")),
    )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)


def downgrade() -> None:
    op.drop_table("staff_invitations")
