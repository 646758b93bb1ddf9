"""The declarative base, naming convention and the per-application session registry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from flask.globals import app_ctx
from sqlalchemy import JSON, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

from mentornet.core.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every model of every module derives from this."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[dict[str, str]]: JSON(),
        list[dict[str, Any]]: JSON(),
    }


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine with the settings every Mentornet connection needs."""
    engine = create_engine(url, echo=echo, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Composite foreign keys are the cross-tenant guard; SQLite ignores them unless told otherwise.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Database:
    """The engine and a session per application context, created unbound like Flask extensions."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"], echo=app.config["DATABASE_ECHO"])
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        registry = scoped_session(factory, scopefunc=_app_context_id)
        app.extensions["mentornet.db"] = _State(engine, factory, registry)
        app.teardown_appcontext(lambda _exc: registry.remove())

    @property
    def session(self) -> Session:
        """The current application context's session."""
        return self._state().registry()

    @property
    def engine(self) -> Engine:
        return self._state().engine

    def new_session(self) -> Session:
        """A session outside the context's registry (background work, tests of concurrency)."""
        return self._state().factory()

    def _state(self) -> _State:
        state: _State = current_app.extensions["mentornet.db"]
        return state


class _State:
    def __init__(
        self, engine: Engine, factory: Callable[[], Session], registry: scoped_session[Session]
    ) -> None:
        self.engine = engine
        self.factory = factory
        self.registry = registry


def _app_context_id() -> int:
    # One session per pushed application context (each request, CLI command or test block).
    return id(app_ctx._get_current_object())  # type: ignore[attr-defined]
