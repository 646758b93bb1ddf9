"""The applicant queue's filters are read with a schema: a value that is not one of them is named,
in the reader's language, and the whole queue is shown instead (never a server error)."""

from __future__ import annotations

import pytest
from flask import Flask

from mentornet.modules.profiles.models import ProfileStatus

from helpers import ProfileFactory, UserFactory, coordinator_client


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("waiting=%C2%B2", "Har ventet mindst: Skriv et helt tal."),
        ("waiting=9999999999999999999999999", "Har ventet mindst: Skriv et tal fra 0 til 36500."),
        ("role=boss", "Rolle: Vælg en af disse:"),
        ("language=da%00", "Taler: Teksten indeholder usynlige kontroltegn."),
    ],
)
def test_a_filter_that_cannot_be_read_is_named_and_the_queue_shown(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory, query: str, message: str
) -> None:
    waiting = make_profile("denmark", "mentee", ProfileStatus.APPLIED, email="eva@example.org")
    coordinator = coordinator_client(app, make_user)
    response = coordinator.get(f"/denmark/staff/applicants?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f"/denmark/staff/applicants/{waiting.id}" in html


def test_filters_still_filter(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", ProfileStatus.APPLIED, email="eva@example.org")
    mentor = make_profile("denmark", "mentor", ProfileStatus.APPLIED, email="ole@example.org")
    coordinator = coordinator_client(app, make_user)
    response = coordinator.get("/denmark/staff/applicants?role=mentor&waiting=0&language=da")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"/applicants/{mentor.id}" in html and f"/applicants/{mentee.id}" not in html


def test_the_goal_and_language_filters_look_inside_the_lists_in_sql(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    both = make_profile("denmark", "mentee", email="eva@example.org", goals=["job", "education"])
    other = make_profile(
        "denmark", "mentee", email="ida@example.org", goals=["network"], languages=["da:C2"]
    )
    make_profile("morocco", "mentee", email="salma@example.org", languages=["ar:C2"])
    coordinator = coordinator_client(app, make_user)

    def shown(query: str) -> set[int]:
        response = coordinator.get(f"/denmark/staff/applicants?{query}")
        assert response.status_code == 200, query
        html = response.get_data(as_text=True)
        return {p.id for p in (both, other) if f'/applicants/{p.id}"' in html}

    assert shown("goal=education") == {both.id}
    assert shown("goal=network") == {other.id}
    assert shown("goal=jo") == set()  # a whole goal, not a part of one
    assert shown("language=ar") == {both.id}  # Salma speaks Arabic too, in another network
    assert shown("language=da") == {both.id, other.id}
    assert shown("language=C2") == set()  # the level is not a language
    assert shown("language=%25") == set()  # no wildcard
    assert shown("goal=job&language=da") == {both.id}
