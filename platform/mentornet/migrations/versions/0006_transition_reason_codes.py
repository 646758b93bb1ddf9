"""Mentorship transitions keep a reason code and, apart, a note (no more sentences to parse back).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Rows written before this revision held either a fixed English sentence ("both said yes"), a
decline or early-end code, "code: words" for an early end with words, or (a withdrawal) the words
a coordinator typed. Each becomes a code of mentorships.reasons plus its note, so history is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The sentences the application wrote before, and the code each one is now.
SENTENCES = {
    "proposal": "proposal",
    "batch suggestion": "batch_suggestion",
    "request": "request",
    "": "sent",
    "both said yes": "both_said_yes",
    "planning started": "planning_started",
    "plan confirmed by both": "plan_confirmed",
    "closing started": "closing_started",
    "completed": "completed",
    "no answer in time": "no_answer_in_time",
    "replaced by a proposal made by hand": "replaced_by_hand",
    "draft discarded": "draft_discarded",
}
TABLE = sa.table(
    "mentorship_transitions",
    sa.column("id", sa.Integer),
    sa.column("to_state", sa.String),
    sa.column("reason", sa.String),
    sa.column("note", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("mentorship_transitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
    _in_system_scope()
    connection = op.get_bind()
    rows = connection.execute(sa.select(TABLE.c.id, TABLE.c.to_state, TABLE.c.reason)).all()
    for row_id, to_state, reason in rows:
        code, note = _code_and_note(to_state, reason or "")
        connection.execute(
            TABLE.update().where(TABLE.c.id == row_id).values(reason=code, note=note)
        )
    with op.batch_alter_table("mentorship_transitions", schema=None) as batch_op:
        batch_op.alter_column("note", server_default=None)
        batch_op.alter_column(
            "reason",
            existing_type=sa.String(length=1000),
            type_=sa.String(length=40),
            existing_nullable=False,
            server_default=None,
        )


def _code_and_note(to_state: str, reason: str) -> tuple[str, str]:
    if to_state == "withdrawn" and reason not in SENTENCES:
        return "withdrawn_by_staff", reason
    if to_state == "ended_early":
        code, _, words = reason.partition(":")
        return code.strip() or "other", words.strip()
    if to_state == "declined":
        return reason or "other", ""
    return SENTENCES.get(reason, "other"), "" if reason in SENTENCES else reason


def downgrade() -> None:
    _in_system_scope()
    sentences = {code: sentence for sentence, code in SENTENCES.items()}
    connection = op.get_bind()
    with op.batch_alter_table("mentorship_transitions", schema=None) as batch_op:
        batch_op.alter_column(
            "reason",
            existing_type=sa.String(length=40),
            type_=sa.String(length=1000),
            existing_nullable=False,
        )
    rows = connection.execute(
        sa.select(TABLE.c.id, TABLE.c.to_state, TABLE.c.reason, TABLE.c.note)
    ).all()
    for row_id, to_state, code, note in rows:
        if to_state == "withdrawn" and code == "withdrawn_by_staff":
            reason = note
        elif to_state == "ended_early":
            reason = f"{code}: {note}" if note else code
        elif to_state == "declined":
            reason = code
        else:
            reason = sentences.get(code, note or code)
        connection.execute(TABLE.update().where(TABLE.c.id == row_id).values(reason=reason))
    with op.batch_alter_table("mentorship_transitions", schema=None) as batch_op:
        batch_op.drop_column("note")


def _in_system_scope() -> None:
    """Row-level security is forced even for the table owner: rewrite every network's rows."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT set_config('app.system_scope', 'on', true)")
