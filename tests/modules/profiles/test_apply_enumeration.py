"""Applying with an address that already has an account answers exactly as a new application
does; the owner of the address is told by e-mail, and nothing else happens."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import sqlalchemy as sa
from argon2.low_level import hash_secret
from flask import Flask
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import User
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, application_form, post_form


def _apply(app: Flask, email: str) -> tuple[TestResponse, str, int]:
    """The answer, the page it leads to, and whether the applicant is signed in (/me/)."""
    client = app.test_client()
    response = post_form(
        client, "/denmark/apply/mentee", application_form("denmark", "mentee", email=email)
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return response, page, client.get("/denmark/me/").status_code


def _kinds(app: Flask) -> list[tuple[str, str]]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        rows = session.execute(sa.select(OutboxMessage.kind, OutboxMessage.recipient))
        return sorted((kind, recipient) for kind, recipient in rows)


def test_an_existing_address_gets_the_same_answer_as_a_new_one(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org", name="Amina")
    known, known_page, known_me = _apply(app, "amina@example.org")
    new, new_page, new_me = _apply(app, "eva@example.org")
    assert known.status_code == new.status_code == 302
    assert known.headers["Location"] == new.headers["Location"] == "/denmark/login"
    notice = "Tak! Vi har modtaget din ansøgning."
    assert notice in known_page and notice in new_page
    assert "allerede" not in known_page
    assert known_me == new_me == 302  # neither is signed in


def test_the_owner_is_told_and_nothing_is_saved(app: Flask, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org", name="Amina")
    _apply(app, "amina@example.org")
    _apply(app, "amina@example.org")  # told once an hour, however often
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
        assert session.scalar(sa.select(sa.func.count()).select_from(Profile)) == 0
        [told] = session.scalars(sa.select(OutboxMessage)).all()
        assert told.recipient == "amina@example.org"
        assert told.kind == "applied_with_known_address"
        assert "med din e-mailadresse" in told.subject
        assert "http://denmark.localhost/login" in told.body


@pytest.fixture
def argon2_hashes(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    runs: Counter[str] = Counter()

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs["hash"] += 1
        return hash_secret(*args, **kwargs)

    monkeypatch.setattr("argon2._password_hasher.hash_secret", counted)
    return runs


def test_both_answers_cost_one_password_hash(
    app: Flask, make_user: UserFactory, argon2_hashes: Counter[str]
) -> None:
    make_user("denmark", email="amina@example.org")
    argon2_hashes.clear()
    _apply(app, "amina@example.org")
    known = argon2_hashes["hash"]
    argon2_hashes.clear()
    _apply(app, "eva@example.org")
    assert known == argon2_hashes["hash"] == 1
