"""The network's figures, computed on a small network whose answers are known."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from babel.numbers import format_percent
from flask import Flask

from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.cycle_models import GoalStatus, Outcome, OutcomeStage
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.mentorships.outcomes import add_months, answer_follow_up
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.reports.ages import AgeBand, summarise_ages
from mentornet.modules.reports.operations import (
    ages_by_role,
    completed_pairs,
    countries_of_origin,
    found_a_job,
    members_by_role,
)
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, coordinator_client, ended_pair

APPROVED = ProfileStatus.APPROVED
THIS_YEAR = datetime.now(UTC).year


def test_ages_give_youngest_oldest_median_and_bands() -> None:
    summary = summarise_ages({25: 1, 31: 2, 35: 1, 40: 1, 55: 1})
    assert (summary.count, summary.youngest, summary.oldest, summary.median) == (6, 25, 55, 33.0)
    assert [(b.low, b.high, b.count) for b in summary.bands] == [
        (None, 17, 0),
        (18, 24, 0),
        (25, 34, 3),
        (35, 44, 2),
        (45, 54, 0),
        (55, 64, 1),
        (65, None, 0),
    ]
    assert summarise_ages({16: 1, 67: 2}).median == 67
    assert summarise_ages({16: 1, 67: 2}).bands[0] == AgeBand(None, 17, 1)
    empty = summarise_ages({})
    assert (empty.count, empty.youngest, empty.median) == (0, None, None)


def _agreed_pair(app: Flask, make_profile: ProfileFactory, mentee: str, mentor: str) -> None:
    """A pair that has said yes and is working together (both matched)."""
    her = make_profile("denmark", "mentee", APPROVED, email=mentee)
    him = make_profile("denmark", "mentor", APPROVED, email=mentor)
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        e, m = session.get(Profile, her.id), session.get(Profile, him.id)
        actor = session.get(User, him.user_id)
        assert e is not None and m is not None and actor is not None
        pair = propose(session, tenant, e, m, actor=actor)
        for side in (e, m):
            answer(session, tenant, pair, side, yes=True, actor=actor)
        session.commit()


@pytest.fixture
def network(app: Flask, make_profile: ProfileFactory) -> dict[str, int]:
    """Denmark: four ended pairs, one pair at work, a waiting, an applying and a rejected mentee.

    Of the three mentees whose plan had a job goal, two were employed after it: Amina at closing,
    Bushra at a follow-up. Cala became self-employed (not a job); Dina wanted an education.
    Morocco has one pair with a job goal and a job: it must count only there.
    """
    amina = ended_pair(
        app, make_profile, mentee_email="amina@x.org", mentor_email="m1@x.org",
        closing_situation=Situation.EMPLOYED, birth_year="1990", country_of_origin="SO", consent_sensitive=True,
    )  # fmt: skip
    bushra = ended_pair(
        app, make_profile, mentee_email="bushra@x.org", mentor_email="m2@x.org",
        end_early="found_job", birth_year="1985", country_of_origin="SO", consent_sensitive=True,
    )  # fmt: skip
    cala = ended_pair(
        app, make_profile, mentee_email="cala@x.org", mentor_email="m3@x.org",
        result=GoalStatus.NOT_ACHIEVED, closing_situation=Situation.JOB_SEEKING,
        birth_year="2000", country_of_origin="SY", consent_sensitive=True,
    )  # fmt: skip
    dina = ended_pair(
        app, make_profile, mentee_email="dina@x.org", mentor_email="m4@x.org",
        goal="education", closing_situation=Situation.EMPLOYED, birth_year="1970",
    )  # fmt: skip
    _agreed_pair(app, make_profile, "hana@x.org", "m5@x.org")
    make_profile("denmark", "mentee", APPROVED, email="eva@x.org")
    make_profile("denmark", "mentee", email="fatou@x.org")
    make_profile("denmark", "mentee", ProfileStatus.REJECTED, email="gul@x.org", birth_year="1950")
    ended_pair(
        app, make_profile, tenant="morocco", mentee_email="salma@x.org", mentor_email="f@x.org",
        goal="job", closing_situation=Situation.EMPLOYED, country_of_origin="SO", consent_sensitive=True,
    )  # fmt: skip
    with app.app_context(), tenant_session("denmark") as (session, _):
        # Time passes: the 3-month follow-ups fall due and are answered.
        three_months = {
            o.profile_id: o
            for o in session.scalars(
                sa.select(Outcome).where(
                    Outcome.stage == OutcomeStage.FOLLOW_UP, Outcome.months_after == 3
                )
            )
        }
        for outcome in three_months.values():
            assert outcome.due_on is not None
            outcome.due_on = add_months(outcome.due_on, -3)
        answer_follow_up(session, three_months[bushra[1]], Situation.EMPLOYED)
        answer_follow_up(session, three_months[cala[1]], Situation.SELF_EMPLOYED)
        # Dina's pair closed in 2023.
        closed = session.get(Mentorship, dina[0])
        assert closed is not None and closed.closed_at is not None
        closed.closed_at = closed.closed_at.replace(year=2023)
        session.commit()
    return {"amina": amina[1], "bushra": bushra[1], "cala": cala[1], "dina": dina[1]}


def test_found_a_job_counts_among_mentees_who_had_a_job_goal(
    app: Flask, network: dict[str, int]
) -> None:
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        job = found_a_job(session, tenant)
    assert (job.wanted, job.reached) == (3, 2)  # Amina, Bushra, Cala; Dina wanted an education
    assert job.share == pytest.approx(2 / 3)
    with app.app_context(), tenant_session("morocco") as (session, tenant):
        assert (found_a_job(session, tenant).wanted, found_a_job(session, tenant).reached) == (1, 1)
    with app.app_context(), tenant_session("men") as (session, tenant):
        nobody = found_a_job(session, tenant)
    assert (nobody.wanted, nobody.reached, nobody.share) == (0, 0, None)


def test_completed_pairs_all_time_and_per_year_with_their_successes(
    app: Flask, network: dict[str, int]
) -> None:
    with app.app_context(), tenant_session("denmark") as (session, _):
        pairs = completed_pairs(session)
    assert (pairs.total, pairs.successful) == (3, 2)  # Bushra's ended early; Cala's failed
    assert [(y.year, y.completed, y.successful) for y in pairs.by_year] == [
        (THIS_YEAR, 2, 1),
        (2023, 1, 1),
    ]


def test_members_countries_and_ages_count_only_this_networks_members(
    app: Flask, network: dict[str, int]
) -> None:
    with app.app_context(), tenant_session("denmark") as (session, _):
        members = members_by_role(session)
        countries = countries_of_origin(session)
        ages = ages_by_role(session, year=2025)
    # Mentees: four ended, Hana matched, Eva waiting; Fatou applying; Gul rejected.
    assert [(r.role, r.members, r.matched, r.applying) for r in members] == [
        (ProfileRole.MENTEE, 6, 1, 1),
        (ProfileRole.MENTOR, 5, 1, 0),
    ]
    assert [(c.code, c.name, c.count) for c in countries] == [
        ("SO", "Somalia", 2),  # Salma in Morocco is not counted
        ("SY", "Syria", 1),
        (None, "Not given", 3),
    ]
    mentees, mentors = ages[ProfileRole.MENTEE], ages[ProfileRole.MENTOR]
    assert (mentees.count, mentees.youngest, mentees.oldest, mentees.median) == (6, 25, 55, 33.0)
    assert [b.count for b in mentees.bands] == [0, 0, 3, 2, 0, 1, 0]
    assert (mentors.count, mentors.median, mentors.bands[4].count) == (5, 50, 5)


def test_the_staff_dashboard_shows_the_figures_in_the_readers_language(
    app: Flask, network: dict[str, int], make_user: UserFactory
) -> None:
    danish = coordinator_client(app, make_user).get("/denmark/staff/")
    assert danish.status_code == 200
    html = danish.get_data(as_text=True)
    assert f'<meter min="0" max="1" value="{2 / 3}">' in html
    assert format_percent(2 / 3, locale="da") in html  # "67 %"
    assert "Syrien" in html and "Somalia" in html  # country names in Danish
    assert '<th scope="row">2023</th>' in html
    assert "coord@denmark.test" not in html
    assert "Ansøgere" in html  # the existing console links are still there
    arabic = coordinator_client(app, make_user, "morocco").get("/morocco/staff/?lang=ar")
    page = arabic.get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert format_percent(1, locale="ar") in page
    assert "الصومال" in page  # Somalia, in Arabic
