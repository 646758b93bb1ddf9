"""Members are addressed in the grammatical gender of their network (issue 14 item 6): Morocco's
women's network reads feminine in Arabic and French, the men's network masculine in Arabic, and a
mixed network the neutral wording. The network's setting is audience_gender in its pack."""

from __future__ import annotations

from typing import Any

from flask import Flask

from mentornet.extensions import db
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.tenants.operations import import_tenant

from helpers import ProfileFactory, UserFactory, coordinator_client, member_client

FEMININE_AR = "الخطوة التالية: احضري جلسة تعريفية عن الشبكة. سنرسل إليكِ دعوة"
MASCULINE_AR = "الخطوة التالية: احضر جلسة تعريفية عن الشبكة. سنرسل إليك دعوة"
NEUTRAL_AR = "الخطوة التالية: حضور جلسة تعريفية عن الشبكة."


def _me(app: Flask, tenant: str, email: str, locale: str) -> str:
    client = member_client(app, tenant, email)
    return client.get(f"/{tenant}/me/?lang={locale}").get_data(as_text=True)


def test_the_moroccan_womens_network_reads_feminine_in_arabic(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("morocco", "mentee", ProfileStatus.APPLIED, email="salma@example.org")
    page = _me(app, "morocco", "salma@example.org", "ar")
    assert FEMININE_AR in page
    assert MASCULINE_AR not in page and NEUTRAL_AR not in page


def test_the_mens_network_reads_masculine_in_arabic(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("men", "mentee", ProfileStatus.APPLIED, email="omar@example.org")
    page = _me(app, "men", "omar@example.org", "ar")
    assert MASCULINE_AR in page
    assert FEMININE_AR not in page


def test_french_follows_the_network_with_its_own_words(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("morocco", "mentee", ProfileStatus.APPROVED, email="salma@example.org")
    page = _me(app, "morocco", "salma@example.org", "fr")
    # Feminine, and the network's own word for a mentor ("marraine").
    assert "Nous cherchons une marraine qui correspond à vos objectifs." in page


def test_a_mixed_network_reads_neutral(
    app: Flask, make_profile: ProfileFactory, reference_packs: dict[str, dict[str, Any]]
) -> None:
    with app.app_context():
        import_tenant(db.session, {**reference_packs["men"], "audience_gender": "mixed"}, "tests")
        db.session.commit()
    make_profile("men", "mentee", ProfileStatus.APPLIED, email="omar@example.org")
    page = _me(app, "men", "omar@example.org", "ar")
    assert NEUTRAL_AR in page
    assert FEMININE_AR not in page and MASCULINE_AR not in page


def test_core_terms_follow_the_audience_where_the_network_names_none(app: Flask) -> None:
    # Where the network has no word of its own, the core word follows its audience (masculine
    # Arabic for the men's network); Danish has one form for all.
    from flask import g
    from flask_babel import force_locale

    from mentornet.core.i18n import term
    from mentornet.modules.tenants.operations import tenant_session

    with app.test_request_context("/men/"), tenant_session("men") as (_session, tenant):
        g.tenant = tenant
        with force_locale("ar"):
            assert term("the_coordinators") == "المنسّقون"
            assert term("the_mentor") == "المرشد"
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (_session, tenant):
        g.tenant = tenant
        with force_locale("da"):
            assert term("the_coordinator") == "koordinatoren"


def test_no_fitting_mentor_agrees_with_the_networks_word_in_french(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("morocco", "mentee", ProfileStatus.APPROVED, email="salma@example.org")
    coordinator = coordinator_client(app, make_user, "morocco")
    page = coordinator.get(f"/morocco/staff/matching/mentees/{mentee.id}?lang=fr")
    html = page.get_data(as_text=True)
    assert (
        "Aucune marraine ayant une place libre ne correspond aux règles du réseau pour cette "
        "filleule." in html
    )
    assert "Aucun marraine" not in html and "mentore" not in html
