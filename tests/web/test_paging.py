"""Links to the other pages of a list carry the list's own filters and nothing else of the address."""

from __future__ import annotations

import pytest
from flask import Flask

from mentornet.modules.mentorships.views import staff as staff_views
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.web.paging import page_of

from helpers import ProfileFactory, UserFactory, coordinator_client, propose_pair


def test_page_links_keep_only_the_named_filters(app: Flask) -> None:
    address = "/denmark/staff/mentorships?state=all&q=Amina&_method=POST&tenant_slug=morocco"
    with app.test_request_context(address):
        app.preprocess_request()
        page = page_of(120, 50, keep=("state", "q"))
        assert page.url(2) == "/denmark/staff/mentorships?state=all&q=Amina&page=2"


def test_the_pair_list_ignores_what_its_address_should_not_hold(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = coordinator_client(app, make_user)
    mentor = make_profile(
        "denmark", "mentor", ProfileStatus.APPROVED, email="m@example.org", capacity="5"
    )
    for number in range(2):
        email = f"mentee{number}@example.org"
        mentee = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email=email)
        propose_pair(coordinator, mentee.id, mentor.id)
    monkeypatch.setattr(staff_views, "PAGE_SIZE", 1)
    for extra in ("_method=POST", "tenant_slug=morocco", "_external=1", "_anchor=x"):
        response = coordinator.get(f"/denmark/staff/mentorships?state=all&{extra}")
        assert response.status_code == 200, extra
        html = response.get_data(as_text=True)
        assert 'href="/denmark/staff/mentorships?state=all&amp;page=2" rel="next"' in html, extra
        assert "/morocco/" not in html
