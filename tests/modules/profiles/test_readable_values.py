"""What staff read about an applicant is words, never stored keys: consent kinds by title, languages
by name, the platform's own reasons by label, lists in the locale's list format (issue 14 item 8)."""

from __future__ import annotations

from flask import Flask

from mentornet.modules.profiles.models import ProfileStatus

from helpers import ProfileFactory, UserFactory, coordinator_client


def test_the_applicant_page_shows_titles_names_and_labels_not_keys(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", ProfileStatus.APPLIED, email="eva@example.org")
    coordinator = coordinator_client(app, make_user)
    html = coordinator.get(f"/denmark/staff/applicants/{profile.id}?lang=da").get_data(as_text=True)
    assert "privacy_notice" not in html
    assert "Netværkets privatlivserklæring (version 1," in html
    # Languages by name, in the Danish list format ("a og b"), the reason by its label.
    assert "dansk (B2) og arabisk (C2)" in html
    assert "ansøgning sendt" in html and "— application" not in html


def test_arabic_lists_use_the_arabic_list_format(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("morocco", "mentee", ProfileStatus.APPLIED, email="salma@example.org")
    coordinator = coordinator_client(app, make_user, "morocco")
    html = coordinator.get(f"/morocco/staff/applicants/{profile.id}?lang=ar").get_data(as_text=True)
    assert "الدانمركية (B2) و" in html and "(B2), " not in html
    queue = coordinator.get("/morocco/staff/applicants?lang=ar").get_data(as_text=True)
    assert "(B2), " not in queue and "الدانمركية" in queue


def test_the_language_filter_offers_names_and_still_filters(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    swahili = make_profile("denmark", "mentee", email="amani@example.org", languages=["sw:C2"])
    danish = make_profile("denmark", "mentor", email="ole@example.org", languages=["da:C2"])
    coordinator = coordinator_client(app, make_user)
    html = coordinator.get("/denmark/staff/applicants?lang=da").get_data(as_text=True)
    assert '<option value="sw">swahili</option>' in html
    assert "sw C2" not in html and "swahili (C2)" in html
    filtered = coordinator.get("/denmark/staff/applicants?language=sw").get_data(as_text=True)
    assert f"/applicants/{swahili.id}" in filtered and f"/applicants/{danish.id}" not in filtered


def test_withdrawn_has_a_context_for_an_application_and_for_a_mentorship(app: Flask) -> None:
    from flask_babel import force_locale

    from mentornet.modules.mentorships.models import STATE_LABELS, State
    from mentornet.modules.profiles.models import STATUS_LABELS

    with app.test_request_context("/"), force_locale("fr"):
        assert str(STATUS_LABELS[ProfileStatus.WITHDRAWN]) == "Retirée"  # une candidature
        assert str(STATE_LABELS[State.WITHDRAWN]) == "Retiré"  # un mentorat
