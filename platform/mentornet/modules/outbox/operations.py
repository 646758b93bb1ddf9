"""Queueing and delivering outgoing mail."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from mentornet.core.tenancy import bound_tenant_id
from mentornet.core.types import utcnow
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def queue_message(
    session: Session,
    *,
    kind: str,
    recipient: str,
    locale: str,
    template: str,
    **context: object,
) -> OutboxMessage:
    """Render a message in the recipient's language and put it in the outbox.

    The template renders the subject as its first line and the body after a blank line. Files
    to send with it go in the returned message's `attachments` (see OutboxMessage).
    """
    with force_locale(locale), _network_of(session):
        subject, _, body = render_template(template, **context).strip().partition("\n\n")
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        subject=subject.strip(),
        body=body.strip() + "\n",
        locale=locale,
    )
    session.add(message)
    session.flush()
    log.info("queued %s message %s", kind, message.id)
    return message


@contextmanager
def _network_of(session: Session) -> Iterator[None]:
    """A message written by a daily job speaks the network's words too: outside a request the
    network is the one the session is bound to."""
    if g.get("tenant") is not None or bound_tenant_id(session) is None:
        yield
        return
    g.tenant = session.get(Tenant, bound_tenant_id(session))
    try:
        yield
    finally:
        g.pop("tenant", None)


def pending_messages(session: Session, limit: int = 100) -> list[OutboxMessage]:
    return list(
        session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
    )


def send_pending(session: Session, deliver: Callable[[EmailMessage], None]) -> tuple[int, int]:
    """Try every pending message once; returns (sent, failed)."""
    sent = failed = 0
    for message in pending_messages(session):
        message.attempts += 1
        try:
            deliver(to_email(message))
        except (OSError, smtplib.SMTPException) as exc:
            message.last_error = str(exc)[:500]
            failed += 1
            log.warning("message %s not delivered: %s", message.id, exc)
        else:
            message.sent_at = utcnow()
            sent += 1
    session.flush()
    return sent, failed


def to_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    for item in message.attachments or []:
        _attach(email, item)
    # After set_content and add_attachment, which clear or move every Content-* header.
    email["Content-Language"] = message.locale
    return email


def _attach(email: EmailMessage, item: dict[str, str]) -> None:
    """A text file (the only kind the outbox stores), its type's parameters as they were given."""
    subtype = item["mime_type"].partition("/")[2]
    params = {k: v for k, v in item.items() if k not in ("filename", "mime_type", "content")}
    email.add_attachment(item["content"], subtype=subtype, filename=item["filename"], params=params)


def console_backend(email: EmailMessage) -> None:
    print(email.as_string(), flush=True)


def smtp_backend(email: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        smtp.send_message(email)


def configured_backend() -> Callable[[EmailMessage], None]:
    return smtp_backend if current_app.config["MAIL_BACKEND"] == "smtp" else console_backend
