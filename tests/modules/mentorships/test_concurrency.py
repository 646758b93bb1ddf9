"""A mentor's places hold under concurrency, enforced by the database (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from mentornet.core.errors import DomainError
from mentornet.core.tenancy import bind_tenant
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.mentorships.operations import accept_request, request_match
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import get_tenant_by_slug, tenant_session

from helpers import Database, ProfileFactory, requires_postgres

CLAIMS = 20


@pytest.mark.postgres
def test_twenty_concurrent_acceptances_for_one_place_give_exactly_one_pair(
    app: Flask, migrated: Database, make_profile: ProfileFactory
) -> None:
    requires_postgres(migrated)
    mentor = make_profile("men", "mentor", status=ProfileStatus.APPROVED, email="jens@example.org")
    mentees = [
        make_profile("men", "mentee", status=ProfileStatus.APPROVED, email=f"m{i}@example.org")
        for i in range(CLAIMS)
    ]
    with app.test_request_context("/men/"), tenant_session("men") as (session, tenant):
        requester_users = {p.id: session.get(User, p.user_id) for p in mentees}
        mentor_row = session.get(Profile, mentor.id)
        assert mentor_row is not None and mentor_row.capacity == 1
        for mentee in mentees:
            row = session.get(Profile, mentee.id)
            assert row is not None
            request_match(session, tenant, row, mentor_row, actor=requester_users[mentee.id])  # type: ignore[arg-type]
        session.commit()
        request_ids = list(session.scalars(sa.select(Mentorship.id)))
        mentor_user_id = mentor_row.user_id

    # One connection per claim (no pool limit), so all twenty really race.
    engine = sa.create_engine(migrated.app_url, poolclass=NullPool)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    barrier = threading.Barrier(CLAIMS, timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(mentorship_id: int) -> None:
        with app.test_request_context("/men/"):
            session = sessions()
            tenant = get_tenant_by_slug(session, "men")
            assert tenant is not None
            bind_tenant(session, tenant.id)
            mentorship = session.get(Mentorship, mentorship_id)
            actor = session.get(User, mentor_user_id)
            assert mentorship is not None and actor is not None
            barrier.wait()
            try:
                accept_request(session, tenant, mentorship, actor=actor)
                session.commit()
                result = "accepted"
            except DomainError:
                session.rollback()
                result = "full"
            finally:
                session.close()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(mid,)) for mid in request_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    engine.dispose()
    assert sorted(outcomes) == ["accepted"] + ["full"] * (CLAIMS - 1)
    with app.app_context(), tenant_session("men") as (session, _):
        assert session.get(Profile, mentor.id).places_taken == 1  # type: ignore[union-attr]
        proposed = session.scalar(
            sa.select(sa.func.count())
            .select_from(Mentorship)
            .where(Mentorship.state == State.PROPOSED)
        )
        assert proposed == 1


def test_the_database_refuses_a_second_open_pair_for_a_mentee(
    app: Flask, make_profile: ProfileFactory
) -> None:
    """The partial unique index holds even when the Python check is bypassed."""
    mentee = make_profile("denmark", "mentee", status=ProfileStatus.APPROVED)
    first = make_profile("denmark", "mentor", status=ProfileStatus.APPROVED, email="a@example.org")
    second = make_profile("denmark", "mentor", status=ProfileStatus.APPROVED, email="b@example.org")
    with app.app_context(), tenant_session("denmark") as (session, _):
        for mentor in (first, second):
            session.add(
                Mentorship(
                    mentee_profile_id=mentee.id,
                    mentor_profile_id=mentor.id,
                    state=State.PROPOSED,
                    origin="coordinator",
                )
            )
        try:
            session.flush()
        except sa.exc.IntegrityError:
            session.rollback()
        else:
            raise AssertionError("two open proposals for one mentee were accepted by the database")


def test_the_database_refuses_more_places_than_capacity(
    app: Flask, make_profile: ProfileFactory
) -> None:
    mentor = make_profile("denmark", "mentor", status=ProfileStatus.APPROVED)
    with app.app_context(), tenant_session("denmark") as (session, _):
        session.execute(
            sa.update(Profile).where(Profile.id == mentor.id).values(places_taken=Profile.capacity)
        )
        try:
            session.execute(
                sa.update(Profile)
                .where(Profile.id == mentor.id)
                .values(places_taken=Profile.capacity + 1)
            )
            session.flush()
        except sa.exc.IntegrityError:
            session.rollback()
        else:
            raise AssertionError("the CHECK constraint let places exceed capacity")
