"""A login costs one argon2 run whether or not the e-mail has an account, so the time of the answer
does not tell which addresses have one."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from argon2 import _password_hasher
from flask import Flask

from mentornet.modules.accounts.operations import authenticate
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory


@pytest.fixture
def argon2_runs(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    runs: Counter[str] = Counter()
    for name in ("hash_secret", "verify_secret"):
        real = getattr(_password_hasher, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            runs[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(_password_hasher, name, counted)
    return runs


@pytest.mark.parametrize("email", ["amina@example.org", "nobody@example.org"])
def test_a_wrong_password_costs_one_argon2_run_for_known_and_unknown_addresses(
    app: Flask, make_user: UserFactory, argon2_runs: Counter[str], email: str
) -> None:
    make_user("denmark", email="amina@example.org")
    argon2_runs.clear()
    with app.app_context(), tenant_session("denmark") as (session, _):
        for _attempt in range(3):
            assert authenticate(session, email, "not the password") is None
    assert argon2_runs == Counter({"verify_secret": 3})
