"""The database: an SQLite file (WAL, foreign keys on) or PostgreSQL by URL, and the two
ways of using it, `read()` and `write()`, each one transaction.

SQLite allows one writer at a time and answers a second with "database is locked" after
its busy timeout; the hub's request threads therefore take turns for writes in the process
(one hub process per SQLite file). PostgreSQL needs no such turn-taking.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseProblem(Exception):
    """The database cannot be used; str() says why in plain words."""


class Database:
    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise DatabaseProblem(
                f"the database URL {url!r} is not valid; use sqlite:///PATH or "
                "postgresql+psycopg://USER@HOST/NAME"
            ) from None
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if not self.is_sqlite and parsed.get_backend_name() != "postgresql":
            raise DatabaseProblem(
                f"the hub runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}"
            )
        self.engine = _engine(url, self.is_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_turn = threading.Lock() if self.is_sqlite else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction, committed at the end of the block, rolled back on an exception."""
        with self._write_turn or nullcontext(), self._sessions.begin() as session:
            yield session

    def migrate(self, **attributes: Any) -> None:
        """Bring the schema to the newest migration (the hub does this at every start).
        `attributes` reach the migrations (at_rest: the keys that seal existing rows)."""
        from alembic import command
        from alembic.config import Config

        if self.is_sqlite and self.url.database:
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes.update(attributes)
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str, is_sqlite: bool) -> Engine:
    if not is_sqlite:
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL, not WAL's usual NORMAL: once the hub has acknowledged an application the
        # kiosk forgets it, so a power cut must not take back the last commits.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return engine
