"""Events made through the real operations, by a coordinator of the network (a fixture module,
like member_data.py, offered to the folders that need it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.events.models import Audience, Event, EventKind
from mentornet.modules.events.operations import create_event
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory

EventFactory = Callable[..., Event]


def event_data(**overrides: Any) -> dict[str, Any]:
    """What the staff form gives the operation: texts per locale, UTC times, enums."""
    starts = utcnow().replace(microsecond=0) + timedelta(days=7)
    data: dict[str, Any] = {
        "kind": EventKind.WORKSHOP,
        "audience": Audience.MEMBERS,
        "title": {"da": "Netværk", "en": "Networking", "ar": "التواصل", "fr": "Réseau"},
        "description": {"en": "Bring your CV."},
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "place": "Library, room 2",
        "online_link": "",
        "languages": ["da"],
        "capacity": 10,
        "registration_opens_at": None,
        "registration_closes_at": None,
        "cancellation_deadline": None,
    }
    return data | overrides


def staff_member(session: sa.orm.Session, tenant: str) -> User:
    email = f"events-coordinator@{tenant}.test"
    user = session.scalar(sa.select(User).where(User.email == email))
    assert user is not None
    return user


@pytest.fixture
def make_event(app: Flask, make_user: UserFactory) -> EventFactory:
    made: set[str] = set()

    def make(tenant: str = "denmark", **overrides: Any) -> Event:
        if tenant not in made:
            make_user(tenant, email=f"events-coordinator@{tenant}.test", roles=(Role.COORDINATOR,))
            made.add(tenant)
        with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
            event = create_event(
                session, row, event_data(**overrides), actor=staff_member(session, tenant)
            )
            session.commit()
            session.expunge(event)
            return event

    return make
