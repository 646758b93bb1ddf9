"""The number of SQL queries a page sends does not grow with the network (issue 16).

Every page of `mentornet bench web` is asked for, as the role the benchmark uses, in a Danish
network generated with 100 members and in one generated with 1,000 (each in a SQLite file of its
own, with the other reference networks present), and the statements the engine sends are counted
by a SQLAlchemy event listener: the first request (which computes the dashboard's figures and
keeps them) and the next one (which reads them back). Not a timed test: only the counts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.app import create_app
from mentornet.core import migrations
from mentornet.extensions import db
from mentornet.modules.accounts.passwords import hash_password
from mentornet.modules.bench.web import PAGES, TENANT, pick
from mentornet.modules.demo.operations import create_staff_accounts, generate_members
from mentornet.modules.tenants.operations import import_tenant, tenant_session

from helpers import PASSWORD, login


def _network(folder: Path, members: int, packs: dict[str, dict[str, Any]]) -> tuple[Flask, str]:
    url = f"sqlite:///{folder / f'network-{members}.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "DATABASE_MIGRATION_URL": url,
            "DATABASE_APP_ROLE": "",
            "TRANSLATIONS_COMPILED_DIR": os.environ.get("MNTEST_COMPILED_TRANSLATIONS", ""),
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        migrations.upgrade()
        for settings in packs.values():
            import_tenant(db.session, settings, actor="tests")
        db.session.commit()
        with app.test_request_context(f"/{TENANT}/"), tenant_session(TENANT) as (session, tenant):
            create_staff_accounts(session, tenant, PASSWORD)
            generate_members(
                session,
                tenant,
                members=members,
                seed=7,
                password_hash=hash_password(PASSWORD),
                suggest=False,
            )
            session.commit()
    return app, url


def _query_counts(app: Flask, url: str) -> dict[str, int]:
    """Per page, the statements sent by the first request and by the next one."""
    ids = pick(url)
    counted = [0]

    def count(*_args: object) -> None:
        counted[0] += 1

    clients: dict[str | None, FlaskClient] = {None: app.test_client()}
    for role, email in (
        ("coordinator", f"coordinator@{TENANT}.example"),
        ("admin", f"admin@{TENANT}.example"),
        ("member", str(ids["member_email"])),
    ):
        clients[role] = app.test_client()
        answer = login(clients[role], TENANT, email)
        assert answer.status_code in (302, 303), (role, answer.status_code, answer.location)
        assert "login" not in answer.location, (role, answer.location)
    found: dict[str, int] = {}
    with app.app_context():  # not around the requests: each must have an app context of its own
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        for target in PAGES:
            path = target.path.format(**ids)
            for attempt in ("first", "next"):
                counted[0] = 0
                response = clients[target.role].get(path)
                assert response.status_code == 200, (path, response.status_code)
                found[f"{target.name} ({attempt})"] = counted[0]
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
        engine.dispose()
    return found


def test_every_benchmarked_page_sends_as_many_queries_at_1000_members_as_at_100(
    tmp_path: Path, reference_packs: dict[str, dict[str, Any]]
) -> None:
    small = _query_counts(*_network(tmp_path, 100, reference_packs))
    large = _query_counts(*_network(tmp_path, 1000, reference_packs))
    assert set(small) == {f"{t.name} ({a})" for t in PAGES for a in ("first", "next")}
    assert large == small, {name: (small[name], large[name]) for name in small}
    assert all(queries > 0 for name, queries in small.items() if not name.startswith("healthz"))
    # The dashboard computes its figures once, then reads them back.
    assert small["dashboard (next)"] < small["dashboard (first)"]
