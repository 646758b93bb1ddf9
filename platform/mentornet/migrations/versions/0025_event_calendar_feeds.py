"""Private calendar feeds of the members' events; reminders the day before.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08

`event_calendar_feeds` keeps, per person, the SHA-256 of the secret token of her calendar feed's
link (`/<slug>/calendar.ics?token=...`, docs/events.md). `event_registrations.reminded_at` records
that the reminder the day before was queued, so it goes once per registration;
`event_registrations.cancel_token_hash` the SHA-256 of the token of the link in her last e-mail
(cancel, or accept an offered place), `offer_expires_at` until when an offered place waits.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

TENANT_TABLES = ("event_calendar_feeds",)


def upgrade() -> None:
    op.create_table(
        "event_calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_event_calendar_feeds_tenant_id_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_event_calendar_feeds_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_calendar_feeds")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_event_calendar_feeds_tenant_id_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_event_calendar_feeds_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_event_calendar_feeds_user_id")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminded_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("cancel_token_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column(
                "offer_expires_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_event_registrations_cancel_token_hash"), ["cancel_token_hash"]
        )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)


def downgrade() -> None:
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_event_registrations_cancel_token_hash"), type_="unique"
        )
        batch_op.drop_column("offer_expires_at")
        batch_op.drop_column("cancel_token_hash")
        batch_op.drop_column("reminded_at")
    op.drop_table("event_calendar_feeds")
