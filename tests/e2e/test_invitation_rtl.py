"""A Moroccan admin invites a translator in Arabic, on a phone, and the translator accepts: every
page right-to-left and no wider than the phone."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.outbox.models import OutboxMessage

pytestmark = pytest.mark.browser

# translations/ar/LC_MESSAGES/messages.po
SENT = "تم إرسال دعوة إلى {email}."
ACCEPT = "اقبل الدعوة"
ACCEPTED_ALREADY = "تم قبول هذه الدعوة بالفعل. يمكنك تسجيل الدخول بكلمة مرورك."
EMAIL = "yasmine.tazi@example.org"


def test_an_admin_invites_a_translator_who_accepts_in_arabic(
    new_page: NewPage, live_server: LiveServer
) -> None:
    admin = new_page(locale="ar-MA")
    log_in(admin, "morocco", "admin@morocco.example", DEMO_PASSWORD)
    admin.goto("/morocco/admin/staff?lang=ar")
    expect(admin.locator("html")).to_have_attribute("dir", "rtl")
    checkpoint(admin, "staff-page")
    invite = admin.locator("section[aria-labelledby=invite-title]")
    invite.locator("#field-name").fill("ياسمين التازي")
    invite.locator("#field-email").fill(EMAIL)
    invite.locator("input[name=roles][value=translator]").check()
    invite.locator("button[type=submit]").click()
    expect(admin.locator(".flash--success")).to_contain_text(SENT.format(email=EMAIL))
    expect(admin.locator("main")).to_contain_text("ياسمين التازي")
    checkpoint(admin, "invitation-sent")

    with live_server.tenant("morocco") as (session, _):
        body = session.scalars(
            sa.select(OutboxMessage.body).where(OutboxMessage.recipient == EMAIL)
        ).one()
    match = re.search(r"/invitation\?token=([\w-]+)", body)
    assert match, body
    link = f"/morocco/invitation?token={match.group(1)}"

    invited = new_page(locale="ar-MA")
    invited.goto(link)
    expect(invited).to_have_url(re.compile(r"/morocco/invitation$"))
    expect(invited.locator("html")).to_have_attribute("dir", "rtl")
    expect(invited.locator("h1")).to_have_text(ACCEPT)
    checkpoint(invited, "accept-form")
    invited.locator("#field-password").fill("kasbah minaret saffron")
    invited.locator("#field-password_confirm").fill("kasbah minaret saffron")
    invited.locator("main form.form button[type=submit]").click()
    expect(invited).to_have_url(re.compile(r"/morocco/me/$"))  # a translator is not staff home
    checkpoint(invited, "accepted")
    with live_server.tenant("morocco") as (session, _):
        user = session.scalars(sa.select(User).where(User.email == EMAIL)).one()
        assert user.role_names == {Role.TRANSLATOR}

    again = new_page(locale="ar-MA")
    response = again.goto(link)
    assert response is not None and response.status == 410
    expect(again.locator("main")).to_contain_text(ACCEPTED_ALREADY)
    checkpoint(again, "used-link")
