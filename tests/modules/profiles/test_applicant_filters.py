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
