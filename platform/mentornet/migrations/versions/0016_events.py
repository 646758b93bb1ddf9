"""Events and their registrations; files attached to outgoing e-mail.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

`events` holds a network's information meetings, workshops and social events;
`event_registrations` one row per person and event (UNIQUE (event_id, user_id)), whose state says
whether she holds a place, waits or came. `outbox_messages.attachments` carries the iCalendar
invitation sent with a confirmation (docs/events.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mentornet.core.types
from mentornet.core.rls import enable_row_level_security

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TENANT_TABLES = ("events", "event_registrations")


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "information_meeting",
                "workshop",
                "social",
                name="eventkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("scheduled", "cancelled", name="eventstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("starts_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("online_link", sa.String(length=500), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "applicants",
                "mentees",
                "mentors",
                "members",
                "public",
                name="audience",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "registration_opens_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "registration_closes_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "cancellation_deadline", mentornet.core.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("cancelled_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity >= 1", name=op.f("ck_events_capacity_positive")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_events_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "created_by_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_events_tenant_id_created_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_events_tenant_id_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "registered",
                "waitlisted",
                "offered",
                "cancelled",
                "attended",
                "no_show",
                name="registrationstate",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("queued_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changed_at", mentornet.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "event_id"],
            ["events.tenant_id", "events.id"],
            name=op.f("fk_event_registrations_tenant_id_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name=op.f("fk_event_registrations_tenant_id_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_event_registrations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint(
            "event_id", "user_id", name=op.f("uq_event_registrations_event_id_user_id")
        ),
        sa.UniqueConstraint("tenant_id", "id", name=op.f("uq_event_registrations_tenant_id_id")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_registrations_event_queue", ["event_id", "state", "queued_at"], unique=False
        )

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attachments", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    for table in TENANT_TABLES:
        enable_row_level_security(op.get_bind(), table)


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("attachments")

    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_event_registrations_event_queue")

    op.drop_table("event_registrations")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_starts_at"))

    op.drop_table("events")
