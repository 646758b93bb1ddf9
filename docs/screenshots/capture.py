"""Take the README's screenshots from a running demo (`make demo`), with the system Chromium.

    .venv/bin/python docs/screenshots/capture.py [http://127.0.0.1:5000]

Each picture is one person's view, logged in with a demo account (password `mentornet-demo`):
the coordinator's dashboard and pair list, a pair's timeline, and a member's mentorship page on a
desktop and on a phone, in Danish and in Arabic (right-to-left). Nothing is downloaded: Playwright
drives Debian's `chromium` package.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).parent
PASSWORD = "mentornet-demo"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# (file name, network, account, page, viewport, how much of the page)
SHOTS = [
    ("coordinator-dashboard", "denmark", "coordinator", "/staff/", DESKTOP, "full"),
    ("coordinator-pairs", "denmark", "coordinator", "/staff/mentorships", DESKTOP, "screen"),
    ("member-mentorship", "denmark", "mentee", "/me/mentorship", DESKTOP, "screen"),
    ("member-mentorship-phone", "denmark", "mentee", "/me/mentorship", PHONE, "screen"),
    ("member-arabic-phone", "morocco", "mentee", "/me/mentorship", PHONE, "screen"),
    ("coordinator-matching", "denmark", "coordinator", "/staff/matching", DESKTOP, "screen"),
]


def log_in(page: Page, base: str, network: str, account: str) -> None:
    page.goto(f"{base}/{network}/login")
    page.locator("#field-email").fill(f"{account}@{network}.example")
    page.locator("#field-password").fill(PASSWORD)
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()


def main(base: str) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for name, network, account, path, viewport, extent in SHOTS:
            context = browser.new_context(viewport=viewport, base_url=base)
            page = context.new_page()
            log_in(page, base, network, account)
            language = "ar" if network == "morocco" else "da"  # the network's own language
            page.goto(f"{base}/{network}{path}?lang={language}")
            target = HERE / f"{name}.png"
            page.screenshot(path=target, full_page=extent == "full")
            print(f"{target.relative_to(HERE.parent.parent)}  ({page.url})")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5000")
