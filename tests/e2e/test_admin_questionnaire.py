"""The questionnaire builder on a phone: in Arabic right to left, then in Danish a wrong new question
shows its error by the field and a right one is asked on the next application at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import NewPage, checkpoint

pytestmark = pytest.mark.browser


def test_the_arabic_builder_is_right_to_left_and_fits_a_phone(new_page: NewPage) -> None:
    admin = new_page("ar-MA")
    log_in(admin, "morocco", "admin@morocco.example", DEMO_PASSWORD)
    admin.goto("/morocco/admin/questionnaire?lang=ar")
    expect(admin.locator("html")).to_have_attribute("dir", "rtl")
    expect(admin.get_by_role("heading", level=1)).to_have_text("الاستبيان")
    checkpoint(admin, "questionnaire-ar")
    admin.locator("summary").first.click()
    expect(admin.locator('[name="label.business_stage.ar"]')).to_be_visible()
    checkpoint(admin, "question-open-ar")


def test_a_danish_admin_adds_a_question_the_next_application_asks(new_page: NewPage) -> None:
    admin = new_page()
    log_in(admin, "denmark", "admin@denmark.example", DEMO_PASSWORD)
    admin.goto("/denmark/admin/questionnaire")
    checkpoint(admin, "questionnaire-da")
    admin.locator("#new-key").fill("Har børn")  # not a key: upper case and a space
    admin.locator("#new-type").select_option("yes_no")
    admin.locator("#q-new-label-da").fill("Har du børn?")
    admin.locator("#q-new-label-en").fill("Do you have children?")
    admin.get_by_role("button", name="Tilføj spørgsmålet").click()
    expect(admin.locator("#error-new-key-1")).to_have_text("Brug kun små bogstaver, tal og _.")
    checkpoint(admin, "wrong-key-da")
    admin.locator("#new-key").fill("children")
    admin.get_by_role("button", name="Tilføj spørgsmålet").click()
    expect(admin.locator(".flash--success")).to_contain_text("Spørgsmålet er tilføjet.")
    checkpoint(admin, "added-da")

    applicant = new_page()
    applicant.goto("/denmark/apply/mentee")
    expect(applicant.get_by_text("Har du børn?")).to_be_visible()
    checkpoint(applicant, "asked-on-the-application")
