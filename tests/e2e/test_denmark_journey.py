"""The Danish network in Danish: two applications, a match, a plan, a meeting, a completed pair."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from e2e.journey import (
    DA,
    DEMO_PASSWORD,
    Applicant,
    add_activity,
    add_goal,
    apply,
    approve,
    completed_pairs,
    confirm_plan,
    evaluate,
    give_result,
    log_in,
    log_meeting,
    open_mentorship,
    propose,
    say_yes,
    start_closing,
)
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.mentorships.cycle_models import Outcome, OutcomeStage
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.profiles.situations import Situation

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


JOB, NETWORK = "Få et job, der matcher mine kvalifikationer", "Opbygge et fagligt netværk"


def test_a_mentee_and_a_mentor_go_from_applying_to_a_completed_mentorship(
    new_page: NewPage, live_server: LiveServer
) -> None:
    coordinator = new_page()
    log_in(coordinator, "denmark", COORDINATOR, DEMO_PASSWORD)
    completed_before = completed_pairs(coordinator, "denmark")

    mentee_phone, mentor_phone = new_page(), new_page()
    apply(mentee_phone, MENTEE, received=DA["application_received"])
    expect(mentee_phone.locator("html")).to_have_attribute("lang", "da")
    apply(mentor_phone, MENTOR, received=DA["application_received"])

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

    # They make the plan together: two goals, an activity; both confirm, and it is active.
    open_mentorship(mentee, "denmark")
    add_goal(mentee, "job", "Et job som sygeplejerske på et hospital i København.", "2027-06-30")
    open_mentorship(mentor, "denmark")
    add_goal(mentor, "network", "Møde fem sygeplejersker og en afdelingsleder.", "2027-03-31")
    add_activity(mentor, JOB, "Skrive et dansk CV og en ansøgning", "2027-01-15")
    confirm_plan(mentor, state_after=DA["planning"])
    mentee.reload()
    confirm_plan(mentee, state_after=DA["active"])

    # They meet, and the meeting is logged against the job goal.
    mentor.reload()
    log_meeting(
        mentor, held_on=today(), minutes="90", goal_label=JOB, notes="Vi gennemgik CV'et sammen."
    )

    # They close: the job goal reached, the network goal not; both evaluate.
    start_closing(mentor)
    give_result(mentor, JOB, "achieved")
    give_result(mentor, NETWORK, "not_achieved")
    evaluate(mentor, rating="5", text="Et fantastisk forløb.")
    mentee.reload()
    evaluate(mentee, rating="5", text="Tak for alt!", situation="employed")
    expect(mentee.locator("#pair-state")).to_have_text(DA["completed"])
    expect(mentee.locator("main")).to_contain_text(DA["success"])
    checkpoint(mentee, "completed")

    with live_server.tenant("denmark") as (session, _):
        pair = session.scalars(
            sa.select(Mentorship).where(Mentorship.mentee_profile_id == mentee_id)
        ).one()
        assert (pair.state, pair.success) == (State.COMPLETED, True)
        closing = session.scalars(
            sa.select(Outcome.situation).where(
                Outcome.mentorship_id == pair.id, Outcome.stage == OutcomeStage.CLOSING
            )
        ).one()
        assert closing is Situation.EMPLOYED

    # The dashboard counts one more completed pair.
    assert completed_pairs(coordinator, "denmark") == completed_before + 1


def today() -> str:
    return dt.date.today().isoformat()
