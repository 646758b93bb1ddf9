"""What the browser tests share: the system Chromium, the live server, screenshots, phone width."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.operations import get_user_by_email
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.operations import change_status, submit_application
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session

from helpers import ROOT, profile_values

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

INTAKE = (ProfileStatus.INFO_MEETING, ProfileStatus.INTERVIEWED, ProfileStatus.APPROVED)
CHROMIUM_MISSING = "Chromium not found: install Debian's chromium package"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
NewPage = Callable[..., "Page"]  # the new_page fixture: one more person's phone
SCREENSHOTS = ROOT / "build" / "screenshots"
_UNSAFE = re.compile(r"[^\w.-]+")  # anything that does not belong in a file name


def find_chromium() -> str | None:
    """The system Chromium (Debian's package); nothing is ever downloaded."""
    found = shutil.which("chromium")
    if found:
        return found
    fallback = Path("/usr/bin/chromium")
    return str(fallback) if fallback.is_file() else None


def require_chromium() -> str:
    """The Chromium binary; skip the test without one, except in CI, where it is an error."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM_MISSING} (CI installs it, so its absence is an error)")
        pytest.skip(CHROMIUM_MISSING)
    return path


@dataclass
class LiveServer:
    """The app served over real HTTP, and its database for setting up and checking."""

    url: str
    app: Flask

    @contextmanager
    def tenant(self, slug: str) -> Iterator[tuple[Session, Tenant]]:
        """A session bound to one network, in a request context (notifications render mail)."""
        with (
            self.app.test_request_context(f"/{slug}/"),
            tenant_session(slug) as (session, tenant),
        ):
            yield session, tenant

    def counts(self, slug: str) -> tuple[int, int]:
        """(profiles, users) of one network."""
        with self.tenant(slug) as (session, _):
            profiles = session.scalar(sa.select(sa.func.count()).select_from(Profile))
            users = session.scalar(sa.select(sa.func.count()).select_from(User))
            return profiles or 0, users or 0

    def add_approved_profile(
        self, slug: str, role: str, *, email: str, password: str, **overrides: Any
    ) -> int:
        """A member applied and approved through the intake operations, as in tests/conftest.py."""
        values = profile_values(slug, role, email=email, **overrides)
        with self.tenant(slug) as (session, tenant):
            schema = profile_schema(tenant.config, ProfileRole(role), account="import")
            data = schema.load(values)
            data["account"]["password"] = password
            user, profile = submit_application(session, tenant, ProfileRole(role), data)
            for status in INTAKE:
                change_status(session, tenant, profile, status, actor=user, reason="tests")
            session.commit()
            return profile.id

    def approve(self, slug: str, email: str, *, by: str) -> None:
        """The coordinator `by` records the intake steps and approves the member's profile."""
        profile_id = self.profile_id(slug, email)
        with self.tenant(slug) as (session, tenant):
            coordinator = get_user_by_email(session, by)
            profile = session.get(Profile, profile_id)
            assert coordinator is not None and profile is not None
            for status in INTAKE:
                change_status(session, tenant, profile, status, actor=coordinator, reason="tests")
            session.commit()

    def profile_id(self, slug: str, email: str) -> int:
        with self.tenant(slug) as (session, _):
            profile_id = session.scalar(
                sa.select(Profile.id)
                .join(User, User.id == Profile.user_id)
                .where(User.email == email)
            )
            assert profile_id is not None, f"no profile for {email} in {slug}"
            return profile_id


@dataclass
class Screenshots:
    """Numbered screenshots of one test: build/screenshots/<test name>/<NN>-<step>.png."""

    folder: Path | None = None
    taken: int = 0
    names: list[str] = field(default_factory=list)

    def start(self, test_name: str) -> None:
        self.folder = SCREENSHOTS / _UNSAFE.sub("_", test_name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.taken = 0
        self.names = []

    def path_for(self, step: str) -> Path:
        assert self.folder is not None, "screenshots are only taken inside a browser test"
        self.taken += 1
        name = f"{self.taken:02d}-{_UNSAFE.sub('-', step)}.png"
        self.names.append(name)
        return self.folder / name


SCREENS = Screenshots()


def shot(page: Page, step: str) -> Path:
    """Save a full-page screenshot of this step of the current test."""
    path = SCREENS.path_for(step)
    page.screenshot(path=path, full_page=True)
    return path


# Every element that sticks out of the phone's width sideways, to name the culprit of an overflow.
_OVERFLOWING = """(width) => {
  const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
  // Inside a scrolling box, unless absolutely positioned past it (as .visually-hidden text is).
  const clipped = (el) => {
    let escaping = getComputedStyle(el).position === 'absolute';
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const position = getComputedStyle(up).position;
      if (escaping && position === 'static') continue;
      if (getComputedStyle(up).overflowX !== 'visible') return true;
      escaping = escaping && position === 'absolute';
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter((el) => { const r = el.getBoundingClientRect();
                      const reachable = rtl ? r.left < width : r.right > 0;  // can scroll to it
                      return r.width > 0 && reachable && !clipped(el) &&
                             (r.right > width + 1 || r.left < -1); })
    .slice(0, 8)
    .map((el) => { const r = el.getBoundingClientRect();
                   const classes = typeof el.className === 'string' && el.className.trim()
                     ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                   return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}` +
                          ` (${Math.round(r.left)}..${Math.round(r.right)})`; });
}"""


def assert_fits(page: Page) -> None:
    """The page does not scroll sideways at the phone's width, in either text direction.

    The width is the viewport's as set, not window.innerWidth: a mobile browser zooms out to show
    content that overflows, which widens innerWidth along with the page.
    """
    viewport = page.viewport_size
    assert viewport is not None
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    width = min(inner_width, viewport["width"])
    if scroll_width > width + 1:
        culprits: list[Any] = page.evaluate(_OVERFLOWING, width)
        pytest.fail(
            f"{page.url} scrolls sideways on a {width}px wide phone: the page is "
            f"{scroll_width}px wide; sticking out: {', '.join(culprits) or 'nothing found'}"
        )


def checkpoint(page: Page, step: str) -> None:
    """One step of a journey: screenshot it, then check it fits the phone's width."""
    shot(page, step)
    assert_fits(page)
