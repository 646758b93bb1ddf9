"""Settings: config/defaults.toml, then the environment's file, then MENTORNET_* variables."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV_PREFIX = "MENTORNET_"
META_VARIABLES = {"MENTORNET_ENV", "MENTORNET_CONFIG", "MENTORNET_ROOT"}
DEFAULT_SECRET_MARKERS = ("development-only", "testing-only", "change-me")


class ConfigError(RuntimeError):
    """A setting is unknown, of the wrong type or unsafe for the environment."""


def project_root() -> Path:
    """The checkout holding pyproject.toml, config/, tenants/ and translations/."""
    if explicit := os.environ.get("MENTORNET_ROOT"):
        return Path(explicit).resolve()
    return Path(__file__).resolve().parents[3]


def load_settings(override: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Merge every source in order and check the result."""
    root = project_root()
    config_dir = root / "config"
    defaults = _read_toml(config_dir / "defaults.toml")
    settings = dict(defaults)
    env_name = os.environ.get("MENTORNET_ENV", "development")
    if explicit := os.environ.get("MENTORNET_CONFIG"):
        _merge(settings, _read_toml(Path(explicit)), defaults, source=explicit)
    elif (env_file := config_dir / f"{env_name}.toml").is_file():
        _merge(settings, _read_toml(env_file), defaults, source=str(env_file))
    _merge(settings, _from_environment(defaults), defaults, source="environment")
    if override:
        _merge(settings, dict(override), defaults, source="create_app override")
    settings = {key: _expand(value, root) for key, value in settings.items()}
    if not settings["DATABASE_MIGRATION_URL"]:
        settings["DATABASE_MIGRATION_URL"] = settings["DATABASE_URL"]
    check_settings(settings)
    return settings


def check_settings(settings: Mapping[str, Any]) -> None:
    """Refuse settings that are unsafe where they would run."""
    if settings["ENV"] not in {"development", "testing", "production"}:
        raise ConfigError(
            f"ENV must be development, testing or production, not {settings['ENV']!r}"
        )
    if settings["ENV"] == "production":
        key = str(settings["SECRET_KEY"])
        if len(key) < 32 or any(marker in key for marker in DEFAULT_SECRET_MARKERS):
            raise ConfigError(
                "SECRET_KEY is missing, too short or a development default; "
                "set MENTORNET_SECRET_KEY to at least 32 random characters"
            )
        if not settings["SESSION_COOKIE_SECURE"]:
            raise ConfigError("SESSION_COOKIE_SECURE must be true in production")
        if settings["DEBUG"]:
            raise ConfigError("DEBUG must be false in production")
        if not settings["SECOND_FACTOR_REQUIRED"]:
            raise ConfigError("SECOND_FACTOR_REQUIRED must be true in production")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"settings file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _merge(
    target: dict[str, Any], values: Mapping[str, Any], defaults: Mapping[str, Any], source: str
) -> None:
    for key, value in values.items():
        if key not in defaults:
            raise ConfigError(f"{source}: unknown setting {key!r} (see config/defaults.toml)")
        expected = type(defaults[key])
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{source}: setting {key!r} must be {expected.__name__}, got {value!r}"
            )
        target[key] = value


def _from_environment(defaults: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, raw in os.environ.items():
        if not name.startswith(ENV_PREFIX) or name in META_VARIABLES:
            continue
        key = name.removeprefix(ENV_PREFIX)
        if key not in defaults:
            raise ConfigError(f"environment: unknown setting {name} (see config/defaults.toml)")
        values[key] = _parse_env_value(key, raw, defaults[key])
    return values


def _parse_env_value(key: str, raw: str, default: Any) -> Any:
    if isinstance(default, str):
        return raw
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"environment: {ENV_PREFIX}{key} must be a TOML {type(default).__name__}, got {raw!r}"
        ) from exc


def _expand(value: Any, root: Path) -> Any:
    if isinstance(value, str):
        return value.replace("{root}", str(root))
    return value
