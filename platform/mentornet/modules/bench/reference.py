"""The reference page of `mentornet bench web`: bare Flask + SQLAlchemy reading one row.

Served by the same gunicorn (2 sync workers) from the same database as the app, it says what a
page costs on this machine with nothing of Mentornet in it: every page's throughput is reported
as a ratio of this one's. `BENCH_REFERENCE_DATABASE` names the database.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask


def create_reference_app() -> Flask:
    app = Flask("mentornet-bench-reference")
    engine = sa.create_engine(os.environ["BENCH_REFERENCE_DATABASE"])

    @app.get("/")
    def one_row() -> str:
        with engine.connect() as connection:
            slug = connection.execute(sa.text("SELECT slug FROM tenants ORDER BY id LIMIT 1"))
            return f"<!doctype html><title>reference</title><p>{slug.scalar_one()}</p>"

    return app
