"""The Danish admin runs the method from her phone, in Danish: adds a goal and a question, changes
a weight after looking at the preview, restores the version before it, and the next applicant is
asked the new question; the Moroccan admin console reads right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import LiveServer, NewPage, checkpoint
from e2e.test_morocco_rtl import assert_right_to_left

pytestmark = pytest.mark.browser


def _settings(live_server: LiveServer) -> tuple[int, int]:
    """The settings version and the weight of the goals criterion."""
    with live_server.tenant("denmark") as (_session, tenant):
        return tenant.settings_version, tenant.settings["matching"]["criteria"]["goals"]["weight"]


def test_the_danish_admin_changes_the_method_and_takes_a_change_back(
    new_page: NewPage, live_server: LiveServer
) -> None:
    admin = new_page()
    log_in(admin, "denmark", "admin@denmark.example", DEMO_PASSWORD)

    admin.goto("/denmark/admin/goals")
    admin.locator("#new-key").fill("volunteering")
    admin.locator("#new-label-da").fill("Frivilligt arbejde")
    admin.locator("#new-label-en").fill("Volunteering")
    admin.get_by_role("button", name="Tilføj målet").click()
    expect(admin.locator(".flash--success")).to_contain_text("Målet er tilføjet.")
    checkpoint(admin, "goal-added")

    admin.goto("/denmark/admin/questionnaire")
    admin.locator("#new-key").fill("pets")
    admin.locator("#new-type").select_option("yes_no")
    admin.locator("#q-new-label-da").fill("Har du kæledyr?")
    admin.locator("#q-new-label-en").fill("Do you have pets?")
    admin.get_by_role("button", name="Tilføj spørgsmålet").click()
    expect(admin.locator(".flash--success")).to_contain_text("Spørgsmålet er tilføjet.")

    before_weight, weight = _settings(live_server)
    admin.goto("/denmark/admin/matching")
    admin.locator("#field-matching-criteria-goals-weight").fill(str(weight + 40))
    admin.locator("button[value=preview]").click()
    expect(admin.locator("#preview-title")).to_have_text("Forhåndsvisning: intet er gemt endnu")
    checkpoint(admin, "weight-preview")
    assert _settings(live_server) == (before_weight, weight)  # the preview saved nothing
    admin.locator("button[value=save]").click()
    expect(admin.locator(".flash--success")).to_contain_text(
        "Indstillingerne for matchning er gemt."
    )
    assert _settings(live_server) == (before_weight + 1, weight + 40)

    admin.goto("/denmark/admin/history")
    admin.get_by_role("button", name=f"Gendan version {before_weight}").click()
    expect(admin.locator(".flash--success")).to_contain_text(
        f"Version {before_weight} er gendannet som version {before_weight + 2}."
    )
    checkpoint(admin, "restored")
    assert _settings(live_server) == (before_weight + 2, weight)  # the weight is back

    applicant = new_page()
    applicant.goto("/denmark/apply/mentee")
    expect(applicant.get_by_text("Har du kæledyr?")).to_be_visible()  # kept: it came before
    expect(applicant.get_by_text("Frivilligt arbejde")).to_be_visible()
    checkpoint(applicant, "application-asks-it")

    moroccan = new_page(locale="ar-MA")
    log_in(moroccan, "morocco", "admin@morocco.example", DEMO_PASSWORD)
    moroccan.goto("/morocco/admin/?lang=ar")
    assert_right_to_left(moroccan)
    checkpoint(moroccan, "admin-console-ar")
