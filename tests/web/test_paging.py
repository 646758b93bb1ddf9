"""Links to the other pages of a list carry the list's own filters and nothing else of the address."""

from __future__ import annotations

import re

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


def test_the_matching_console_pages_waiting_mentees_and_open_proposals_apart(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mentornet.modules.matching.views import console

    coordinator = coordinator_client(app, make_user)
    mentor = make_profile(
        "denmark", "mentor", ProfileStatus.APPROVED, email="m@example.org", capacity="5"
    )
    waiting = [
        make_profile("denmark", "mentee", ProfileStatus.APPROVED, email=f"w{n}@example.org")
        for n in range(3)
    ]
    for number in range(2):
        email = f"proposed{number}@example.org"
        mentee = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email=email)
        assert propose_pair(coordinator, mentee.id, mentor.id).status_code in (302, 303)
    make_profile("morocco", "mentee", ProfileStatus.APPROVED, email="salma@example.org")
    monkeypatch.setattr(console, "WAITING_PER_PAGE", 2)
    english = coordinator.get("/denmark/staff/matching?lang=en").get_data(as_text=True)
    assert "3 mentees waiting" in english  # the count is of every waiting mentee, not the page's
    first = coordinator.get("/denmark/staff/matching").get_data(as_text=True)
    links = [f"/denmark/staff/matching/mentees/{p.id}" for p in waiting]
    assert [link in first for link in links] == [True, True, False]  # longest waiting first
    assert 'href="/denmark/staff/matching?page=2" rel="next"' in first
    assert 'href="/denmark/staff/matching?open_page=1" rel="next"' not in first
    second = coordinator.get("/denmark/staff/matching?page=2&open_page=9").get_data(as_text=True)
    assert [link in second for link in links] == [False, False, True]
    assert "salma" not in second.lower()
    # Each pager keeps the other list's page; a page past the end is the last one.
    assert 'href="/denmark/staff/matching?open_page=9&amp;page=1" rel="prev"' in second
    assert second.count('rel="prev"') == 1  # two proposals fit on one page: no second pager
    assert coordinator.get("/denmark/staff/matching?page=x&open_page=-1").status_code == 200


def test_the_applicant_queue_is_paged_with_its_filters(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mentornet.modules.profiles.views import staff

    coordinator = coordinator_client(app, make_user)
    for number in range(3):
        make_profile("denmark", "mentee", email=f"a{number}@example.org")
    make_profile("morocco", "mentee", email="salma@example.org")
    monkeypatch.setattr(staff, "PAGE_SIZE", 2)
    profile_link = re.compile(r'href="/denmark/staff/applicants/\d+"')
    first = coordinator.get("/denmark/staff/applicants?role=mentee").get_data(as_text=True)
    assert len(profile_link.findall(first)) == 2
    assert 'href="/denmark/staff/applicants?role=mentee&amp;page=2" rel="next"' in first
    second = coordinator.get("/denmark/staff/applicants?role=mentee&page=2")
    assert len(profile_link.findall(second.get_data(as_text=True))) == 1
    refused = coordinator.get("/denmark/staff/applicants?role=nobody&page=2")
    assert refused.status_code == 400  # an unreadable filter is named; the whole queue is shown


def test_the_pair_list_searches_names_in_sql_and_pages_the_rest(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = coordinator_client(app, make_user)
    mentor = make_profile(
        "denmark",
        "mentor",
        ProfileStatus.APPROVED,
        email="m@example.org",
        name="Mette Holm",
        capacity="5",
    )
    ids = []
    for name in ("Amina Yusuf", "Eva 100%_Sure"):
        email = f"{name.split()[0].lower()}@example.org"
        mentee = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email=email, name=name)
        propose_pair(coordinator, mentee.id, mentor.id)
        ids.append(mentee.id)
    moroccan = make_profile(
        "morocco", "mentee", ProfileStatus.APPROVED, email="a@example.org", name="Amina Morocco"
    )
    assert moroccan.id not in ids

    def shown(query: str) -> str:
        response = coordinator.get(f"/denmark/staff/mentorships?state=all&{query}")
        assert response.status_code == 200, query
        return response.get_data(as_text=True)

    assert "Amina Yusuf" in shown("q=amina") and "Eva" not in shown("q=amina")
    assert "Amina Morocco" not in shown("q=amina")
    assert "Amina" in shown("q=holm") and "Eva" in shown("q=holm")  # the mentor's name too
    assert "Amina" not in shown("q=%25") and "Eva" in shown("q=%25")  # % is a letter here
    assert "Amina" not in shown("q=_") and "Eva" in shown("q=_")
    assert "Amina" not in shown("q=" + "a" * 60_000)  # longer than any name: nothing, no error
    monkeypatch.setattr(staff_views, "PAGE_SIZE", 1)
    names = ("Amina Yusuf", "Eva 100%_Sure")
    on_page = [{n for n in names if n in shown(f"page={number}")} for number in (1, 2, 3)]
    assert on_page[0] == {"Eva 100%_Sure"}  # the most recently changed first
    assert on_page[1] == {"Amina Yusuf"}
    assert on_page[2] == on_page[1]  # past the last page: the last page
