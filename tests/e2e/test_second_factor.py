"""A Moroccan admin sets up her authenticator app on her phone, in Arabic, and signs in with it."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from e2e.journey import log_in
from e2e.support import LiveServer, NewPage, checkpoint
from e2e.test_morocco_rtl import assert_right_to_left

pytestmark = pytest.mark.browser

ADMIN = "admin@morocco.example"


def test_an_admin_sets_up_a_second_factor_and_signs_in_with_it_in_arabic(
    new_page: NewPage, live_server: LiveServer
) -> None:
    password = live_server.app.config["DEMO_PASSWORD"]
    phone = new_page(locale="ar-MA")
    log_in(phone, "morocco", ADMIN, password)
    phone.goto("/morocco/account/second-factor?lang=ar")
    phone.get_by_role("button", name="إعداد تطبيق مصادقة").click()

    qr_code = phone.locator(".qr-code svg")
    expect(qr_code).to_be_visible()
    box, viewport = qr_code.bounding_box(), phone.viewport_size
    assert box is not None and viewport is not None
    assert 150 <= box["width"] <= viewport["width"] and abs(box["width"] - box["height"]) < 1
    assert_right_to_left(phone)
    checkpoint(phone, "qr-code")

    totp = pyotp.TOTP(phone.locator("code.secret").inner_text().strip())
    phone.locator("#field-code").fill("000000")
    phone.get_by_role("button", name="تأكيد").click()
    expect(phone.locator(".field__error")).to_contain_text("هذا الرمز غير صحيح")
    phone.locator("#field-code").fill(totp.now())
    phone.get_by_role("button", name="تأكيد").click()
    codes = phone.locator(".code-list code")
    expect(codes).to_have_count(10)
    checkpoint(phone, "recovery-codes")

    phone.locator("form[action$='/logout'] button").click()
    log_in(phone, "morocco", ADMIN, password)
    expect(phone).to_have_url(re.compile(r"/morocco/login/code$"))
    assert_right_to_left(phone)
    checkpoint(phone, "code-step")
    phone.locator("#field-code").fill(totp.at(time.time() + 30))
    phone.locator("main form.form button[type=submit]").click()
    expect(phone).to_have_url(re.compile(r"/morocco/staff/$"))
