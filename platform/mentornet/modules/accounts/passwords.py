"""argon2id password hashing with the cost parameters from the settings."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

# Verified against when an e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_PASSWORD = "not-a-real-password"  # noqa: S105
_DUMMY_HASH_KEY = "mentornet.dummy_password_hash"


def prepare_dummy_hash(app: Flask) -> None:
    """Hash the dummy password once, with the app's cost: an unknown e-mail then costs exactly
    one argon2 run (the check), as a known one does."""
    with app.app_context():
        app.extensions[_DUMMY_HASH_KEY] = _hasher().hash(_DUMMY_PASSWORD)


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; an absent hash still spends the time of one check."""
    try:
        matched = _hasher().verify(
            password_hash or current_app.extensions[_DUMMY_HASH_KEY], password
        )
    except (VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
