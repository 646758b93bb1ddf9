"""The SMTP backend against a real SMTP server listening on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from flask import Flask
from flask.testing import FlaskClient

from mentornet.cli import main
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.outbox.operations import send_pending, smtp_backend
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, post_form

NAME = "Åse Kjærgård Møller"
ADDRESS = "aase@example.org"


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        parsed = []
        for envelope in self.envelopes:
            assert isinstance(envelope.content, bytes)
            message = email.message_from_bytes(envelope.content, policy=default_policy)
            assert isinstance(message, EmailMessage)
            parsed.append(message)
        return parsed


def free_port() -> int:
    """A port nobody listens on right now (the kernel picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def smtp_app(app: Flask, smtp_port: int) -> Flask:
    app.config.update(
        MAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_port,
        MAIL_FROM="Mentornet Danmark <no-reply@denmark.example>",
    )
    return app


def _request_reset_for_danish_member(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email=ADDRESS, name=NAME, locale="da")
    response = post_form(client, "/denmark/password/reset", {"email": ADDRESS})
    assert response.status_code == 302


def _outbox(app: Flask) -> list[dict[str, Any]]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        return [
            {
                "recipient": message.recipient,
                "sent_at": message.sent_at,
                "attempts": message.attempts,
                "last_error": message.last_error,
            }
            for message in session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id))
        ]


def _send(app: Flask) -> tuple[int, int]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        result = send_pending(session, smtp_backend)
        session.commit()
        return result


def test_a_queued_reset_mail_reaches_the_smtp_server_in_danish(
    smtp_app: Flask, client: FlaskClient, make_user: UserFactory, inbox: Inbox
) -> None:
    _request_reset_for_danish_member(client, make_user)

    assert _send(smtp_app) == (1, 0)

    [envelope] = inbox.envelopes
    assert envelope.mail_from == "no-reply@denmark.example"
    assert envelope.rcpt_tos == [ADDRESS]
    [message] = inbox.messages()
    assert message["To"] == ADDRESS
    assert message["From"] == "Mentornet Danmark <no-reply@denmark.example>"
    assert message["Content-Language"] == "da"
    assert message["Subject"] == "Nulstil din adgangskode til Mentornetværket"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert f"Hej {NAME}" in body
    assert "så åbn dette link" in body and "vælg en ny" in body
    assert "http://denmark.localhost/password/reset/new?token=" in body
    [row] = _outbox(smtp_app)
    assert row["sent_at"] is not None and row["attempts"] == 1 and row["last_error"] is None
    # Sent once only: a second round finds nothing pending.
    assert _send(smtp_app) == (0, 0)
    assert len(inbox.envelopes) == 1


def test_the_outbox_send_command_delivers_over_smtp(
    smtp_app: Flask,
    client: FlaskClient,
    make_user: UserFactory,
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _request_reset_for_danish_member(client, make_user)
    # FlaskGroup sets this for app.run(); put the environment back afterwards.
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)

    result = smtp_app.test_cli_runner().invoke(main, ["outbox", "send"])

    assert result.exit_code == 0, result.output
    assert "denmark: 1 sent, 0 failed" in result.output
    [message] = inbox.messages()
    assert message["To"] == ADDRESS
    assert f"Hej {NAME}" in message.get_content()
    [row] = _outbox(smtp_app)
    assert row["sent_at"] is not None


def test_a_refused_connection_keeps_the_message_queued_and_it_is_retried(
    smtp_app: Flask, client: FlaskClient, make_user: UserFactory, smtp_port: int
) -> None:
    _request_reset_for_danish_member(client, make_user)

    # Nothing listens on the port yet: the connection is refused.
    assert _send(smtp_app) == (0, 1)
    [row] = _outbox(smtp_app)
    assert row["sent_at"] is None and row["attempts"] == 1
    assert row["last_error"] and "refused" in row["last_error"].lower()

    # The server comes up; the next round delivers the same message.
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert _send(smtp_app) == (1, 0)
    finally:
        controller.stop()
    [message] = handler.messages()
    assert message["To"] == ADDRESS
    [row] = _outbox(smtp_app)
    assert row["sent_at"] is not None and row["attempts"] == 2
