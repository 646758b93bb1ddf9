"""Browser tests: the app on a real HTTP port, driven by the system Chromium through Playwright.

Every fixture here is started only by a test that asks for it, and every test in this folder is
marked `browser`: `pytest -m "not browser"` starts neither the server nor the browser.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from werkzeug.serving import make_server

from e2e.support import CHROMIUM_ARGS, PHONE, SCREENS, LiveServer, NewPage, require_chromium
from mentornet.app import create_app
from mentornet.core import migrations
from mentornet.extensions import db, limiter
from mentornet.modules.demo.operations import create_staff_accounts
from mentornet.modules.tenants.operations import import_tenant, tenant_session
from mentornet.modules.tenants.packs import read_pack

from helpers import ROOT, Database, settings_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

TENANT_SLUGS = ("denmark", "morocco", "men", "iceland")
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder drives a browser, whether or not its module says so."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A fresh SQLite database with the reference networks and demo staff, served on 127.0.0.1."""
    path = tmp_path_factory.mktemp("live") / "mentornet.db"
    url = f"sqlite:///{path}"
    app = create_app(
        settings_for(
            Database(url, url, "", url),
            ENV="testing",
            TESTING=True,  # the batch matching runs inline
            SECRET_KEY="testing-only-key-for-the-browser-tests-0123456789",
            SESSION_COOKIE_SECURE=False,  # plain HTTP on 127.0.0.1
            HSTS_SECONDS=0,
            PREFERRED_URL_SCHEME="http",
            ARGON2_TIME_COST=1,
            ARGON2_MEMORY_COST=1024,
            ARGON2_PARALLELISM=1,
            MAIL_BACKEND="console",
            # Every person in these tests logs in from the same address.
            LOGIN_RATE_LIMIT="1000 per minute",
            LOGIN_ACCOUNT_RATE_LIMIT="1000 per hour",
            # The journeys read the dashboard before and after a change: no 5-minute snapshot.
            DASHBOARD_MAX_AGE_SECONDS=0,
        )
    )
    with app.app_context():
        migrations.upgrade()
        for slug in TENANT_SLUGS:
            import_tenant(db.session, read_pack(ROOT / "tenants" / slug), actor="tests")
        db.session.commit()
        limiter.reset()
    for slug in TENANT_SLUGS:
        with app.app_context(), tenant_session(slug) as (session, tenant):
            create_staff_accounts(session, tenant, app.config["DEMO_PASSWORD"])
            session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    require_chromium()  # skip (or fail in CI) before starting Playwright at all
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=require_chromium(), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _screenshots(request: pytest.FixtureRequest) -> None:
    """Number this test's screenshots from 01, in build/screenshots/<test name>/."""
    SCREENS.start(request.node.name)


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[NewPage]:
    """A page in a fresh browser context (one person on her own phone), closed after the test."""
    contexts = []

    def open_page(locale: str = "da-DK", **options: Any) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            locale=locale,
            is_mobile=True,
            has_touch=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: NewPage) -> Page:
    """A Danish-speaking visitor's phone, fresh for each test."""
    return new_page()
