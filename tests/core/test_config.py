"""Settings: defaults, environment overrides, and refusal of unsafe or unknown values."""

from __future__ import annotations

import pytest

from mentornet.app import create_app
from mentornet.core.config import ConfigError, load_settings

from helpers import ROOT


def test_every_setting_is_documented() -> None:
    lines = (ROOT / "config" / "defaults.toml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith("#") and "=" in line:
            assert lines[number - 1].startswith("#"), f"undocumented setting: {line}"


def test_environment_variables_override_with_the_right_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORNET_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("MENTORNET_PLATFORM_LOCALES", '["en", "fr"]')
    monkeypatch.setenv("MENTORNET_MAIL_FROM", "Network <x@example.org>")
    settings = load_settings()
    assert settings["SESSION_IDLE_MINUTES"] == 15
    assert settings["PLATFORM_LOCALES"] == ["en", "fr"]
    assert settings["MAIL_FROM"] == "Network <x@example.org>"


def test_an_unknown_environment_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORNET_SESSION_IDEL_MINUTES", "15")
    with pytest.raises(ConfigError, match="SESSION_IDEL_MINUTES"):
        load_settings()


def test_a_setting_of_the_wrong_type_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORNET_SESSION_IDLE_MINUTES", "soon")
    with pytest.raises(ConfigError, match="SESSION_IDLE_MINUTES"):
        load_settings()


@pytest.mark.parametrize(
    "key", ["", "development-only-key-not-for-production-use-0123456789", "short"]
)
def test_production_refuses_a_missing_or_default_secret_key(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORNET_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"ENV": "production", "SECRET_KEY": key})


def test_production_starts_with_a_real_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORNET_ENV", "production")
    app = create_app({"ENV": "production", "SECRET_KEY": "k" * 48, "DATABASE_URL": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
