"""The kiosk's local store: one SQLite file in WAL mode, with versioned migrations.

Migrations are the numbered SQL files beside this module; the file's PRAGMA user_version
records how many have run. A store written by a newer kiosk is refused rather than guessed at.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """The store cannot be opened or used; str() says why in plain words."""


def migrations() -> list[Path]:
    files = sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    numbers = [int(f.name[:4]) for f in files]
    if numbers != list(range(1, len(files) + 1)):
        raise StoreError(f"migrations are not numbered 1..{len(files)} without gaps: {numbers}")
    return files


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            _private(self.path)
        except OSError as e:
            raise StoreError(
                f"the data directory {self.path.parent} cannot be created: {e.strerror}"
            ) from None
        try:
            # isolation_level=None: we open our own transactions, so a migration is one unit.
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            # First: the services open the store from their threads at once, and the next
            # statements wait for one another rather than fail.
            self.db.execute("PRAGMA busy_timeout=5000")
            self.db.execute("PRAGMA journal_mode=WAL")
            # FULL: an accepted application survives a power cut.
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: the local store cannot be opened: {e}") from None

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        files = migrations()
        while True:
            # The version is read inside the write lock: another connection opening the
            # store at the same moment may have just run the migration this one would.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                current = self.version
                if current > len(files):
                    raise StoreError(
                        f"{self.path}: the local store is at schema version {current}, newer "
                        f"than this kiosk knows ({len(files)}); it was written by a newer version"
                    )
                if current == len(files):
                    self.db.execute("COMMIT")
                    return
                # executescript would commit on its own; run statement by statement instead.
                for statement in _statements(files[current].read_text(encoding="utf-8")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {current + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def audit(self, actor: str, event: str, detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO audit (at, actor, event, detail) VALUES (?, ?, ?, ?)",
            (now_iso(), actor, event, detail),
        )

    def close(self) -> None:
        self.db.close()


def _private(path: Path) -> None:
    """The data directory 0700 and the store's files 0600, made so before SQLite makes the
    file (its -wal and -shm files take their mode from it), and tightened on every open for
    kiosks that made them looser."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.chmod(companion, 0o600)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _statements(script: str) -> list[str]:
    """Split a migration into complete statements (sqlite3.complete_statement knows the rules)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not buf.strip().startswith("--"):
        out.append(buf.strip())
    return out


def open_store(data_dir: Path) -> Store:
    return Store(Path(data_dir) / "kiosk.sqlite3")
