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


def test_old_transition_sentences_become_reason_codes_and_notes() -> None:
    """Revision 0006 turns what was stored as words into a code of mentorships.reasons + a note."""
    import importlib.util

    from mentornet.modules.mentorships.models import State
    from mentornet.modules.mentorships.reasons import reason_title

    path = migrations.MIGRATIONS_DIR / "versions" / "0006_transition_reason_codes.py"
    spec = importlib.util.spec_from_file_location("revision_0006", path)
    assert spec is not None and spec.loader is not None
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    convert = revision._code_and_note
    assert convert("agreed", "both said yes") == ("both_said_yes", "")
    assert convert("proposed", "") == ("sent", "")
    assert convert("ended_early", "moved: Moved to Aarhus") == ("moved", "Moved to Aarhus")
    assert convert("ended_early", "health") == ("health", "")
    assert convert("declined", "distance") == ("distance", "")
    assert convert("withdrawn", "Trop loin") == ("withdrawn_by_staff", "Trop loin")
    assert convert("withdrawn", "draft discarded") == ("draft_discarded", "")
    for to_state, old in [("agreed", "both said yes"), ("ended_early", "moved: x")]:
        assert reason_title(State(to_state), convert(to_state, old)[0])
