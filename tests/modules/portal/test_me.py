"""A member's page: an account that works in the network gets a page for that, not an application."""

from __future__ import annotations

from flask import Flask

from mentornet.modules.accounts.models import Role

from helpers import UserFactory, login


def _page(app: Flask, tenant: str, email: str, query: str = "") -> str:
    client = app.test_client()
    assert login(client, tenant, email).status_code == 302
    response = client.get(f"/{tenant}/me/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_administrator_without_a_profile_is_sent_to_the_staff_console_not_to_apply(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="admin@example.org", roles=(Role.ADMIN,))
    html = _page(app, "denmark", "admin@example.org")
    assert "Dit arbejde i netværket" in html and "som administrator" in html
    assert 'href="/denmark/staff/"' in html
    assert "/denmark/apply/mentee" not in html and "Du har ikke ansøgt endnu" not in html


def test_a_translator_reads_her_work_role_in_arabic_without_apply_buttons(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("morocco", email="translator@example.org", roles=(Role.TRANSLATOR,))
    html = _page(app, "morocco", "translator@example.org", "?lang=ar")
    assert 'dir="rtl"' in html and "عملك في الشبكة" in html and "مترجم" in html
    assert "/morocco/apply/" not in html
    assert 'href="/morocco/staff/"' not in html  # translators have no staff console


def test_a_coordinator_is_named_with_the_networks_own_word(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("morocco", email="coordinator@example.org", roles=(Role.COORDINATOR,))
    html = _page(app, "morocco", "coordinator@example.org", "?lang=ar")
    assert "منسقة" in html  # the Moroccan network's term, not the core word


def test_a_member_without_a_profile_is_still_offered_the_applications(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="member@example.org")
    html = _page(app, "denmark", "member@example.org")
    assert "/denmark/apply/mentee" in html and "Dit arbejde i netværket" not in html
