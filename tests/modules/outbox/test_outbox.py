"""The outbox: messages queued in the transaction of the change, delivered by `outbox send`."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask

from mentornet.modules.outbox.cli import outbox_group
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.outbox.operations import MAX_ATTEMPTS, queue_message, send_pending
from mentornet.modules.tenants.operations import tenant_session


def _queue(app: Flask, tenant: str, recipient: str) -> None:
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, _):
        queue_message(
            session,
            kind="password_reset",
            recipient=recipient,
            locale="da",
            template="accounts/email/password_reset.txt",
            network="Netværket",
            name="Amina",
            minutes=60,
            link="http://localhost/x",
        )
        session.commit()


def test_messages_are_rendered_in_the_recipients_language(app: Flask) -> None:
    _queue(app, "denmark", "amina@example.org")
    with app.app_context(), tenant_session("denmark") as (session, _):
        message = session.scalars(sa.select(OutboxMessage)).one()
    assert message.subject == "Nulstil din adgangskode til Netværket"
    assert "Hej Amina" in message.body


def test_send_delivers_every_networks_messages_once(
    app: Flask, capsys: pytest.CaptureFixture[str]
) -> None:
    _queue(app, "denmark", "amina@example.org")
    _queue(app, "morocco", "salma@example.org")
    with app.app_context():
        first = CliRunner().invoke(outbox_group, ["send"])
        second = CliRunner().invoke(outbox_group, ["send"])
    assert first.exit_code == 0
    assert "To: amina@example.org" in first.output and "To: salma@example.org" in first.output
    assert "To:" not in second.output


def test_a_failing_delivery_is_retried_then_given_up(app: Flask) -> None:
    _queue(app, "denmark", "amina@example.org")

    def broken(_email: EmailMessage) -> None:
        raise OSError("connection refused")

    with app.app_context(), tenant_session("denmark") as (session, _):
        for _ in range(MAX_ATTEMPTS):
            assert send_pending(session, broken) == (0, 1)
        assert send_pending(session, broken) == (0, 0)
        message = session.scalars(sa.select(OutboxMessage)).one()
        assert message.sent_at is None
        assert message.last_error == "connection refused"
