"""A wrong application: every error in Danish next to its field, a summary on top, nothing saved."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import fill_answers
from e2e.support import LiveServer, checkpoint

pytestmark = pytest.mark.browser

# Field name -> (its label, the error the page must show), from translations/da/.../messages.po.
EXPECTED_ERRORS = {
    "name": ("Dit navn", "Feltet skal udfyldes."),
    "email": ("E-mailadresse", "Skriv en gyldig e-mailadresse."),
    "birth_year": ("Fødselsår", "Du skal være mindst 18 år."),
    "consent_privacy": (
        "Jeg har læst privatlivserklæringen og vil gerne ansøge.",
        "Accepter privatlivserklæringen for at ansøge.",
    ),
}


def test_a_wrong_application_shows_each_error_by_its_field_and_saves_nothing(
    page: Page, live_server: LiveServer
) -> None:
    before = live_server.counts("denmark")
    page.goto("/denmark/apply/mentee")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    # No name, a broken address, a ten-year-old, no consent; everything else as it should be.
    page.locator("#field-email").fill("amina.example.org")
    page.locator("#field-password").fill("a long and private password")
    page.locator("#field-password_confirm").fill("a long and private password")
    fill_answers(
        page,
        {
            "situation": "job_seeking",
            "birth_year": str(date.today().year - 10),
            "languages": [("ar", "C2")],
            "goals": ["job"],
            "q_sectors": ["health"],
            "q_meeting_format": "online",
        },
    )
    checkpoint(page, "filled-wrongly")
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.locator("main form.form button[type=submit]").click()
    assert sent.value.status == 422
    checkpoint(page, "errors")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Ret følgende:")
    expect(summary.get_by_role("listitem")).to_have_count(len(EXPECTED_ERRORS))
    for name, (label, message) in EXPECTED_ERRORS.items():
        link = summary.get_by_role("link", name=f"{label}: {message}", exact=True)
        expect(link).to_have_attribute("href", f"#field-{name}")
        control = page.locator(f"#field-{name}")
        field = page.locator(".field", has=control)
        expect(field.locator(".field__error")).to_have_text(message)
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", re.compile(rf"\berror-{name}-1\b"))
    # The summary comes first, and what she typed is still there to correct.
    assert summary.evaluate(
        "(el) => !!(el.compareDocumentPosition(document.querySelector('main form.form')) & 4)"
    )
    expect(page.locator("#field-email")).to_have_value("amina.example.org")
    expect(page.locator("#field-password")).to_have_value("")

    assert live_server.counts("denmark") == before
