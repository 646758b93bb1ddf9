"""Every page of the admin console on a 390 px phone: in Arabic right to left for Morocco, in
Danish for Denmark, none wider than the screen (checkpoint measures it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import LiveServer, NewPage, checkpoint

pytestmark = pytest.mark.browser


def _admin_pages(live_server: LiveServer) -> list[str]:
    """The console's GET pages that take no record id, from the app's own URL map."""
    rules = live_server.app.url_map.iter_rules()
    return sorted(
        rule.rule.replace("<tenant_slug>", "{slug}")
        for rule in rules
        if rule.endpoint.startswith("admin.")
        and "GET" in (rule.methods or set())
        and set(rule.arguments) == {"tenant_slug"}
        and not rule.rule.endswith((".toml", ".json", ".po", "/export"))
        # One core text's override form: it names its text in the query (?locale=&msgid=).
        and not rule.rule.endswith("/overrides/edit")
    )


@pytest.mark.parametrize(
    ("slug", "locale", "direction"), [("morocco", "ar", "rtl"), ("denmark", "da", "ltr")]
)
def test_every_admin_page_fits_a_phone(
    new_page: NewPage, live_server: LiveServer, slug: str, locale: str, direction: str
) -> None:
    pages = _admin_pages(live_server)
    assert len(pages) >= 10, pages
    admin = new_page(locale=f"{locale}-{'MA' if slug == 'morocco' else 'DK'}")
    log_in(admin, slug, f"admin@{slug}.example", DEMO_PASSWORD)
    for path in pages:
        response = admin.goto(f"{path.format(slug=slug)}?lang={locale}")
        assert response is not None and response.status == 200, path
        expect(admin.locator("html")).to_have_attribute("dir", direction)
        checkpoint(admin, path.rsplit("/", 1)[-1] or "index")
