"""The matching settings page in Arabic, on a phone: a preview of the suggestions under other
weights, right-to-left and no wider than the phone, and nothing saved until Save."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.tenants.models import Tenant

pytestmark = pytest.mark.browser

# translations/ar/LC_MESSAGES/messages.po
PREVIEW = "معاينة: لم يُحفظ أي شيء بعد"
SAVED = "تم حفظ إعدادات المطابقة."


def _version(live_server: LiveServer) -> int:
    with live_server.tenant("morocco") as (_session, tenant):
        assert isinstance(tenant, Tenant)
        return tenant.settings_version


def test_an_admin_previews_and_saves_new_weights_in_arabic(
    new_page: NewPage, live_server: LiveServer
) -> None:
    live_server.add_approved_profile(
        "morocco", "mentee", email="hind.preview@example.org", password="a long private phrase",
        name="هند المنتظرة",
    )  # fmt: skip
    for number, name in enumerate(("رشيد المرشد", "ليلى المرشدة")):
        live_server.add_approved_profile(
            "morocco", "mentor", email=f"mentor{number}.preview@example.org",
            password="a long private phrase", name=name,
        )  # fmt: skip
    version = _version(live_server)
    admin = new_page(locale="ar-MA")
    log_in(admin, "morocco", "admin@morocco.example", DEMO_PASSWORD)
    admin.goto("/morocco/admin/matching?lang=ar")
    expect(admin.locator("html")).to_have_attribute("dir", "rtl")
    checkpoint(admin, "matching-settings")
    admin.locator("#field-matching-criteria-goals-weight").fill("90")
    admin.locator("button[value=preview]").click()
    expect(admin.locator("#preview-title")).to_have_text(PREVIEW)
    expect(admin.locator("main")).to_contain_text("هند المنتظرة")
    expect(admin.locator("main")).to_contain_text("ليلى المرشدة")
    checkpoint(admin, "matching-preview")
    assert _version(live_server) == version  # a preview saves nothing
    expect(admin.locator("#field-matching-criteria-goals-weight")).to_have_value("90")
    admin.locator("button[value=save]").click()
    expect(admin.locator(".flash--success")).to_contain_text(SAVED)
    checkpoint(admin, "matching-saved")
    assert _version(live_server) == version + 1
