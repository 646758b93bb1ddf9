"""An event's places hold under concurrency, enforced by the event row lock (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from event_data import EventFactory
from mentornet.core.tenancy import bind_tenant
from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import Registration, RegistrationState
from mentornet.modules.events.operations import register
from mentornet.modules.tenants.operations import get_tenant_by_slug

from helpers import Database, UserFactory, requires_postgres

PEOPLE = 50
PLACES = 10


@pytest.mark.postgres
def test_fifty_concurrent_registrations_for_ten_places_give_ten_places_and_forty_waits(
    app: Flask, migrated: Database, make_event: EventFactory, make_user: UserFactory
) -> None:
    requires_postgres(migrated)
    event = make_event(capacity=PLACES)
    make_event("morocco", capacity=PLACES)  # another network's event, untouched
    people = [make_user("denmark", email=f"p{i}@denmark.test") for i in range(PEOPLE)]

    # One connection per person (no pool limit), so all fifty really race.
    engine = sa.create_engine(migrated.app_url, poolclass=NullPool)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    barrier = threading.Barrier(PEOPLE, timeout=60)
    answers: list[tuple[int, RegistrationState]] = []
    lock = threading.Lock()

    def sign_up(user_id: int) -> None:
        with app.test_request_context("/denmark/"):
            session = sessions()
            try:
                tenant = get_tenant_by_slug(session, "denmark")
                assert tenant is not None
                bind_tenant(session, tenant.id)
                user = session.get(User, user_id)
                assert user is not None
                barrier.wait()
                registration = register(session, tenant, event, user)
                session.commit()
                with lock:
                    answers.append((registration.id, registration.state))
            finally:
                session.close()

    threads = [threading.Thread(target=sign_up, args=(p.id,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    engine.dispose()

    assert len(answers) == PEOPLE
    with app.app_context():
        owner = sa.create_engine(migrated.migration_url, poolclass=NullPool)
        with owner.begin() as connection:
            connection.execute(sa.text("SELECT set_config('app.system_scope', 'on', true)"))
            stored = connection.execute(
                sa.select(Registration.id, Registration.state, Registration.event_id).order_by(
                    Registration.queued_at, Registration.id
                )
            ).all()
        owner.dispose()
    assert {row.event_id for row in stored} == {event.id}
    # In arrival order: the first ten to take the lock have the places, the rest wait.
    assert [row.state for row in stored] == [RegistrationState.REGISTERED] * PLACES + [
        RegistrationState.WAITLISTED
    ] * (PEOPLE - PLACES)
    assert sorted(answers) == [(row.id, row.state) for row in sorted(stored)]
