"""The Danish network in Danish: from two applications to a pair that agreed to work together."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from e2e.journey import DA, DEMO_PASSWORD, Applicant, apply, approve, log_in, propose, say_yes
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.mentorships.models import Mentorship, State

pytestmark = pytest.mark.browser

MENTEE = Applicant(
    tenant="denmark",
    role="mentee",
    name="Amina Haddad",
    email="amina.haddad@example.org",
    answers={
        "situation": "job_seeking",
        "birth_year": "1990",
        "city": "København",
        "languages": [("ar", "C2"), ("da", "B2")],
        "occupation_text": "Sygeplejerske fra Syrien",
        "education_level": "6",
        "education_field": "091",
        "goals": ["job", "network"],
        "availability": ["weekday_evening"],
        "q_years_in_denmark": "4",
        "q_sectors": ["health"],
        "q_meeting_format": "in_person",
        "country_of_origin": "SY",
        "story": "Jeg var sygeplejerske i Aleppo og vil gerne arbejde som sygeplejerske igen.",
        "consent_sensitive": "yes",
    },
    occupations={"occupation_code": "Sygeplej", "target_occupation_code": "Sygeplej"},
)
MENTOR = Applicant(
    tenant="denmark",
    role="mentor",
    name="Mette Kjærsgaard",
    email="mette.kjaersgaard@example.org",
    answers={
        "birth_year": "1972",
        "city": "København",
        "languages": [("da", "C2"), ("en", "C1")],
        "occupation_text": "Afdelingssygeplejerske",
        "education_level": "7",
        "education_field": "091",
        "goals": ["job", "network", "career"],
        "availability": ["weekday_evening", "weekend"],
        "capacity": "1",
        "q_sectors": ["health"],
        "q_meeting_format": "either",
        "q_mentor_motivation": "Jeg har 25 års erfaring fra hospitaler og et stort netværk.",
    },
    occupations={"occupation_code": "Sygeplej"},
)
COORDINATOR = "coordinator@denmark.example"


def test_mentee_and_mentor_apply_are_matched_and_agree(
    new_page: NewPage, live_server: LiveServer
) -> None:
    mentee_phone, mentor_phone = new_page(), new_page()
    apply(mentee_phone, MENTEE, received=DA["application_received"])
    expect(mentee_phone.locator("html")).to_have_attribute("lang", "da")
    apply(mentor_phone, MENTOR, received=DA["application_received"])

    coordinator = new_page()
    log_in(coordinator, "denmark", COORDINATOR, DEMO_PASSWORD)
    approve(coordinator, "denmark", MENTEE.name, note="Klar til at søge job; stærk motivation.")
    approve(coordinator, "denmark", MENTOR.name, note="Erfaren; har tid om aftenen.")
    propose(coordinator, "denmark", MENTEE.name, MENTOR.name, note="I har begge sundhed som fag.")

    mentee = new_page()
    log_in(mentee, "denmark", MENTEE.email, MENTEE.password)
    say_yes(mentee, "denmark", MENTOR.first_name)
    expect(mentee.locator(".panel--pair")).to_contain_text(DA["waiting_for_other"])

    mentor = new_page()
    log_in(mentor, "denmark", MENTOR.email, MENTOR.password)
    say_yes(mentor, "denmark", MENTEE.first_name)

    # Both said yes: the pair has agreed to work together, and her page says so.
    mentee.goto("/denmark/me/")
    expect(mentee.locator(".panel--pair h2")).to_have_text(DA["your_mentorship"])
    expect(mentee.locator(".panel--pair")).to_contain_text(MENTOR.first_name)
    expect(mentee.locator(".panel--pair")).to_contain_text(DA["agreed"])
    expect(mentee.locator(".panel--pair button")).to_have_count(0)  # nothing left to answer
    expect(mentee.locator(".status")).to_contain_text(DA["matched"])
    checkpoint(mentee, "agreed")
    mentee_id = live_server.profile_id("denmark", MENTEE.email)
    with live_server.tenant("denmark") as (session, _):
        state = session.scalar(
            sa.select(Mentorship.state).where(Mentorship.mentee_profile_id == mentee_id)
        )
    assert state is State.AGREED
