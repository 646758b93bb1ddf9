"""Domain errors: raised by operations, shown by the web layer as a translated message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A business rule refused the action; the message is a (lazy) translated string."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class IllegalTransitionError(DomainError):
    """A lifecycle was asked to move along an edge its graph does not have."""
