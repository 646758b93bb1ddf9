"""Messages waiting to be delivered, written in the same transaction as the change they report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import utcnow


class OutboxMessage(TenantScoped, Base):
    """One e-mail, already rendered in the recipient's language."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # Files sent with the message, each {"filename", "mime_type", "content"} (text only) plus any
    # MIME parameters of its type ({"method": "REQUEST"} for an iCalendar invitation).
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
