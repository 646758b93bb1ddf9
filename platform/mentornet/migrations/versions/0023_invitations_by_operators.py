"""A platform operator invites a new network's first administrator: the invitation then has no
inviting account of the network.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_invitations", schema=None) as batch_op:
        batch_op.alter_column("invited_by_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("staff_invitations", schema=None) as batch_op:
        batch_op.alter_column("invited_by_id", existing_type=sa.Integer(), nullable=False)
