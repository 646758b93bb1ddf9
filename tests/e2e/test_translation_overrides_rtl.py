"""The Moroccan translator, in Arabic on a phone, rewords a core text for her network: the
header shows her wording on the next page, right-to-left and no wider than the phone; a wording
that drops a placeholder is refused by its field; reverting brings back the standard text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import NewPage, checkpoint

pytestmark = pytest.mark.browser

# translations/ar/LC_MESSAGES/messages.po
LOG_OUT = "تسجيل الخروج"
MINE = "خروج من الحساب"


def test_the_translator_rewords_log_out_in_arabic_and_reverts_it(new_page: NewPage) -> None:
    page = new_page(locale="ar-MA")
    log_in(page, "morocco", "translator@morocco.example", DEMO_PASSWORD)
    page.goto("/morocco/admin/translations?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    checkpoint(page, "translation-status")
    page.goto("/morocco/admin/translations/overrides?locale=ar&q=Log+out")
    checkpoint(page, "translation-search")
    page.locator("main table a").first.click()
    expect(page.locator("#field-form_0")).to_have_value(LOG_OUT)
    checkpoint(page, "translation-edit")
    page.locator("#field-form_0").fill(MINE)
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator(".flash--success")).to_be_visible()
    expect(page.locator(".site-header")).to_contain_text(MINE)
    checkpoint(page, "translation-saved")
    # A placeholder left out is refused by its field.
    page.goto("/morocco/admin/translations/overrides/edit?locale=ar&msgid=Name+(%25(language)s)")
    page.locator("#field-form_0").fill("الاسم")
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator("#error-form_0-1")).to_contain_text("%(language)s")
    checkpoint(page, "translation-refused")
    page.goto("/morocco/admin/translations/overrides?locale=ar")
    page.locator("main table form button").first.click()
    expect(page.locator(".site-header")).to_contain_text(LOG_OUT)
    expect(page.locator(".site-header")).not_to_contain_text(MINE)
