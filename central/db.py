"""The database: an SQLite file (WAL, foreign keys on) or PostgreSQL by URL, the two
ways of using it, `read()` and `write()`, each one transaction, and `exclusive()`, a lock
that every hub process on the same database sees (for migrations and background jobs).

SQLite allows one writer at a time. A write transaction starts with BEGIN IMMEDIATE, so
that it waits for the write lock at its start (under the busy timeout) rather than failing
with "database is locked" when it turns from reading to writing; within a process the
request threads also take turns for writes, so that a waiting writer is handed the lock at
once instead of polling for it. PostgreSQL needs no such turn-taking.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
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
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{_BEGIN: "BEGIN IMMEDIATE"}), expire_on_commit=False
        )
        self._write_turn = _WriteTurn(self._file_path()) if self.is_sqlite else None
        self._memory_locks: dict[str, threading.Lock] = {}

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction, committed at the end of the block, rolled back on an exception."""
        with self._write_turn or nullcontext(), self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def exclusive(self, name: str, *, wait: bool = True) -> Iterator[bool]:
        """Hold the lock `name` across every hub process on this database for the block:
        yields True once held, or False at once if `wait` is off and another holds it.

        PostgreSQL: a session advisory lock, on a connection of its own, released by the
        server if the process dies. SQLite: flock on a file beside the database, released
        by the kernel likewise."""
        if not self.is_sqlite:
            with self._advisory_lock(name, wait) as held:
                yield held
        elif (path := self._file_path()) is not None:
            with self._file_lock(Path(f"{path}.{name}.lock"), wait) as held:
                yield held
        else:  # an in-memory database lives in one process
            lock = self._memory_locks.setdefault(name, threading.Lock())
            held = lock.acquire(blocking=wait)
            try:
                yield held
            finally:
                if held:
                    lock.release()

    def _file_path(self) -> Path | None:
        """The SQLite file; None for an in-memory database (or PostgreSQL)."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    @contextmanager
    def _advisory_lock(self, name: str, wait: bool) -> Iterator[bool]:
        key = _lock_key(name)
        # Autocommit: the lock belongs to the session, and no transaction stays open while
        # it is held.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            if wait:
                c.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
                held = True
            else:
                held = bool(c.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
            try:
                yield held
            finally:
                if held:
                    c.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})

    @contextmanager
    def _file_lock(self, path: Path, wait: bool) -> Iterator[bool]:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def migrate(self, to: str = "head", **attributes: Any) -> None:
        """Bring the schema to the newest migration (the hub does this at every start, under
        `exclusive("start")`, so that hubs starting together migrate one after the other), or
        to the revision `to` (a database as an older hub left it, for the migrations' tests).
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
            command.upgrade(config, to)

    def dispose(self) -> None:
        self.engine.dispose()


class _WriteTurn:
    """SQLite writers taking turns: the threads of this process by a lock, the processes on
    the same file by flock on a file beside it. Both hand the turn over the moment it is
    free; SQLite's own busy handler would instead poll, sleeping up to 100 ms between
    tries, so that a heartbeat behind a long write in another process waited up to a
    second."""

    def __init__(self, database: Path | None) -> None:
        self._threads = threading.Lock()
        self._path = Path(f"{database}.write.lock") if database is not None else None
        self._fd: int | None = None

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            if self._path is not None:
                if self._fd is None:
                    self._path.parent.mkdir(parents=True, exist_ok=True)
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def __exit__(self, *_exc: object) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


# The execution option that says how an SQLite transaction begins (writes: IMMEDIATE).
_BEGIN = "hub_sqlite_begin"


def _lock_key(name: str) -> int:
    """A stable 64-bit advisory lock key for a name (the same in every process)."""
    digest = hashlib.sha256(f"yijianshi-hub:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _engine(url: str, is_sqlite: bool) -> Engine:
    # hide_parameters: a database error's message then quotes the SQL without its values,
    # which are residents' ID numbers, names and forms; such messages end up in logs.
    if not is_sqlite:
        return create_engine(
            url, pool_size=10, max_overflow=20, pool_pre_ping=True, hide_parameters=True
        )
    engine = create_engine(
        url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling off: "begin" below says how each begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL, not WAL's usual NORMAL: once the hub has acknowledged an application the
        # kiosk forgets it, so a power cut must not take back the last commits.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get(_BEGIN, "BEGIN"))

    return engine
