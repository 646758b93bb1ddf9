"""The Moroccan network in Arabic: right-to-left pages, and a mentor who chooses her mentee."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from e2e.journey import AR, Applicant, accept_request, apply, log_in, request_to_work_with
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.mentorships.models import Mentorship, State

pytestmark = pytest.mark.browser

CITY = "الدار البيضاء"
MENTOR = Applicant(
    tenant="morocco",
    role="mentor",
    name="نادية العلوي",
    email="nadia.alaoui@example.org",
    answers={
        "birth_year": "1970",
        "city": CITY,
        "languages": [("ar", "C2"), ("fr", "C1")],
        "occupation_text": "محاسبة",
        "goals": ["start_business", "finance"],
        "capacity": "2",
        "q_business_sectors": ["crafts"],
        "q_support_areas": ["business_plan", "financing"],
        "q_mentor_experience": "عشرون سنة في المحاسبة ومرافقة المقاولات الصغيرة.",
    },
    occupations={"occupation_code": "2411"},
)
MENTEE_EMAIL = "salma.benali@example.org"
MENTEE_PASSWORD = "a long and private password"
MENTEE_STORY = "قصة خاصة لا يراها إلا الطاقم."
COORDINATOR = "coordinator@morocco.example"


def assert_right_to_left(page: Page) -> None:
    """Arabic is declared and laid out from the right: the first menu item sits at the right."""
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    items = page.locator(".main-nav li")
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    viewport = page.viewport_size
    assert first is not None and second is not None and viewport is not None
    gutter = 24  # the page's padding, and a little more
    assert first["x"] + first["width"] >= viewport["width"] - gutter, (first, viewport)
    assert second["x"] + second["width"] <= first["x"] + 1  # the next item is to its left


def test_a_mentor_chooses_a_mentee_who_accepts_in_arabic(
    new_page: NewPage, live_server: LiveServer
) -> None:
    mentee_id = live_server.add_approved_profile(
        "morocco",
        "mentee",
        email=MENTEE_EMAIL,
        password=MENTEE_PASSWORD,
        name="سلمى بنعلي",
        city=CITY,
        languages=["ar:C2", "fr:B1"],
        goals=["start_business"],
        q_support_areas=["financing", "business_plan"],
        story=MENTEE_STORY,
        consent_sensitive=True,  # but she did not share her story with mentors
    )

    mentor = new_page(locale="ar-MA")
    apply(mentor, MENTOR, received=AR["application_received"])
    assert_right_to_left(mentor)
    live_server.approve("morocco", MENTOR.email, by=COORDINATOR)

    request_to_work_with(mentor, "morocco", "سلمى")
    assert_right_to_left(mentor)
    mentor.goto("/morocco/me/browse")
    expect(mentor.locator("main")).not_to_contain_text(MENTEE_STORY)
    expect(mentor.locator("main")).not_to_contain_text(MENTEE_EMAIL)

    mentee = new_page(locale="ar-MA")
    log_in(mentee, "morocco", MENTEE_EMAIL, MENTEE_PASSWORD)
    accept_request(mentee, "morocco", MENTOR.first_name)

    # She said yes to meeting: the pair is now proposed, and both pages show the proposal.
    for phone in (mentee, mentor):
        phone.goto("/morocco/me/")
        expect(phone.locator(".panel--pair h2")).to_have_text(AR["a_proposal"])
        assert_right_to_left(phone)
        checkpoint(phone, "proposed")
    with live_server.tenant("morocco") as (session, _):
        state = session.scalar(
            sa.select(Mentorship.state).where(Mentorship.mentee_profile_id == mentee_id)
        )
    assert state is State.PROPOSED
