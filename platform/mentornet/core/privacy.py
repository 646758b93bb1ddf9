"""What every module's personal_data.py is given: the person whose data it exports or erases.

Lower modules (audit, outbox) cannot import accounts' User without an import cycle; they see her
through this protocol, which User satisfies.
"""

from __future__ import annotations

from typing import Protocol


class Person(Protocol):
    id: int
    email: str
    name: str
