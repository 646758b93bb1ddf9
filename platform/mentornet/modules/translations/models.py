"""A network's wording overrides: its own text for a core string in one locale (docs/languages.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKeyConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import utcnow


class TranslationOverride(TenantScoped, Base):
    """The network's wording of one core message (msgctxt + msgid) in one locale.

    `forms` holds one text, or one per plural form of the locale. `source_text` is what the
    override was written against: {"msgid": ..., "msgid_plural": ..., "translation": [forms of the
    core catalogue then]}; when the core catalogue no longer says that, the override is
    `outdated` (set by `mentornet translations check` and at start-up).
    """

    __tablename__ = "translation_overrides"
    __tenant_table_args__ = (
        UniqueConstraint("tenant_id", "locale", "context", "msgid"),
        ForeignKeyConstraint(["tenant_id", "author_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(10))
    # "" for a message without msgctxt (the unique constraint needs a value, not NULL).
    context: Mapped[str] = mapped_column(String(200), default="")
    msgid: Mapped[str] = mapped_column(Text)
    msgid_plural: Mapped[str] = mapped_column(Text, default="")
    forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_text: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    author_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    outdated: Mapped[bool] = mapped_column(default=False)
