"""Migrations build the schema the models describe, and come down again cleanly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from mentornet.app import create_app
from mentornet.core import migrations
from mentornet.core.db import Base

from helpers import Database


@pytest.fixture
def scratch_url(database: Database) -> str:
    return database.scratch_url


def test_upgrade_matches_the_models_and_downgrade_removes_everything(scratch_url: str) -> None:
    app = create_app({"DATABASE_URL": scratch_url, "DATABASE_MIGRATION_URL": scratch_url})
    engine = sa.create_engine(scratch_url)
    with app.app_context():
        migrations.downgrade("base")
        migrations.upgrade()
        with engine.connect() as connection:
            diff = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        migrations.downgrade("base")
        assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
        migrations.upgrade()
        assert migrations.migration_state()[0] == migrations.head_revision()
    engine.dispose()
