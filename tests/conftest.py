"""Fixtures shared by the whole suite.

Every test runs with the reference networks (denmark, morocco and men) imported through the real
import operation, on SQLite by default or on PostgreSQL when MNTEST_DATABASE_URL is set
(`make test-postgres`). The PostgreSQL run connects as a role that does not own the tables, so
row-level security applies exactly as in production.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

import pgcluster
from mentornet.app import create_app
from mentornet.core import migrations
from mentornet.core.config import project_root
from mentornet.core.db import Base
from mentornet.extensions import db, limiter
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.accounts.operations import create_user
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.operations import change_status, submit_application
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.modules.tenants.operations import import_tenant, tenant_session
from mentornet.modules.tenants.packs import read_pack
from mentornet.modules.translations.operations import compile_catalogues

from helpers import PASSWORD, Database, ProfileFactory, UserFactory, profile_values, settings_for

ROOT = project_root()
TENANT_SLUGS = ("denmark", "morocco", "men")
COMPILED_KEY = "MNTEST_COMPILED_TRANSLATIONS"


# In CI, property tests draw the same examples every run, so a red CI is reproducible; locally
# they draw new ones each run, to keep finding new cases.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis.settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the catalogues once per run, in the main process, into a folder of this run's own.

    xdist workers start after this and inherit the folder through the environment, so no test
    process ever rewrites a .mo file that another one reads.
    """
    # The suite's settings (inline batch jobs, cheap hashing) even when pytest is run by hand.
    os.environ.setdefault("MENTORNET_ENV", "testing")
    if hasattr(config, "workerinput") or os.environ.get(COMPILED_KEY):
        return
    folder = Path(tempfile.mkdtemp(prefix="mentornet-catalogues-"))
    compile_catalogues(ROOT / "translations", folder)
    os.environ[COMPILED_KEY] = str(folder)
    config.stash[_compiled_folder] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_compiled_folder, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(COMPILED_KEY, None)


_compiled_folder = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """SQLite by default; a throw-away PostgreSQL cluster of this process's own with
    MNTEST_POSTGRES=1 (`make test-postgres`); an existing server only when MNTEST_DATABASE_URL
    names one on purpose."""
    if url := os.environ.get("MNTEST_DATABASE_URL"):
        yield Database(
            url,
            os.environ["MNTEST_MIGRATION_URL"],
            os.environ.get("MNTEST_APP_ROLE", ""),
            os.environ["MNTEST_SCRATCH_URL"],
        )
    elif os.environ.get("MNTEST_POSTGRES") == "1":
        try:
            cluster = pgcluster.start_cluster()
        except FileNotFoundError as error:
            pytest.exit(f"make test-postgres: {error}", returncode=1)
        try:
            yield Database(
                cluster.url(pgcluster.APP, "mentornet_test"),
                cluster.url(pgcluster.OWNER, "mentornet_test"),
                pgcluster.APP,
                cluster.url(pgcluster.OWNER, "mentornet_migrations_test"),
            )
        finally:
            cluster.stop()
    else:
        folder = tmp_path_factory.mktemp("db")
        yield Database(
            f"sqlite:///{folder / 'mentornet.db'}",
            f"sqlite:///{folder / 'mentornet.db'}",
            "",
            f"sqlite:///{folder / 'scratch.db'}",
        )


@pytest.fixture(scope="session")
def migrated(database: Database) -> Database:
    """The test database at the newest migration, built by the migrations themselves."""
    app = create_app(settings_for(database))
    with app.app_context():
        migrations.upgrade()
    return database


@pytest.fixture(scope="session")
def reference_packs() -> dict[str, dict[str, Any]]:
    return {slug: read_pack(ROOT / "tenants" / slug) for slug in TENANT_SLUGS}


@pytest.fixture
def app(migrated: Database, reference_packs: dict[str, dict[str, Any]]) -> Iterator[Flask]:
    app = create_app(settings_for(migrated))
    with app.app_context():
        for settings in reference_packs.values():
            import_tenant(db.session, settings, actor="tests")
        db.session.commit()
        limiter.reset()
    yield app
    with app.app_context():
        db.session.close()
        db.engine.dispose()  # each test's app has its own pool; close it
        _empty_all_tables(migrated)


def _empty_all_tables(database: Database) -> None:
    engine = sa.create_engine(database.migration_url)
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if database.is_postgres:
            connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 (our own table names)
    engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> UserFactory:
    """Create an account through the accounts operations, committed like a request would."""

    def make(
        tenant: str = "denmark",
        email: str | None = None,
        roles: tuple[Role, ...] = (Role.MEMBER,),
        password: str = PASSWORD,
        name: str = "Test Person",
        locale: str | None = None,
    ) -> User:
        with app.app_context(), tenant_session(tenant) as (session, _tenant):
            user = create_user(
                session,
                email=email or f"{roles[0].value}@{tenant}.test",
                name=name,
                password=password,
                roles=list(roles),
                locale=locale,
            )
            session.commit()
            session.expunge(user)
            return user

    return make


@pytest.fixture
def make_profile(app: Flask) -> ProfileFactory:
    """Create a member with a profile through the intake operations, moved on to a status."""

    def make(
        tenant: str = "denmark",
        role: str = "mentee",
        status: ProfileStatus = ProfileStatus.APPLIED,
        **overrides: Any,
    ) -> Profile:
        values = profile_values(tenant, role, **overrides)
        with (
            app.test_request_context(f"/{tenant}/"),
            tenant_session(tenant) as (session, tenant_row),
        ):
            data = profile_schema(tenant_row.config, ProfileRole(role), account="import").load(
                values
            )
            data["account"]["password"] = PASSWORD
            user, profile = submit_application(session, tenant_row, ProfileRole(role), data)
            steps = [ProfileStatus.INFO_MEETING, ProfileStatus.INTERVIEWED, ProfileStatus.APPROVED]
            if status in steps:
                for step in steps[: steps.index(status) + 1]:
                    change_status(session, tenant_row, profile, step, actor=user, reason="test")
            elif status is not ProfileStatus.APPLIED:
                change_status(session, tenant_row, profile, status, actor=user, reason="test")
            session.commit()
            session.expunge(profile)
            return profile

    return make


@pytest.fixture
def tenant_ids(app: Flask) -> dict[str, int]:
    from mentornet.modules.tenants.operations import list_tenants

    with app.app_context():
        return {tenant.slug: tenant.id for tenant in list_tenants(db.session)}
