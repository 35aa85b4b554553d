"""Encryption at rest, at the hub's start: owner-only files, the keys found (or made) and
checked against the database, the subject-hash key moved out of the database.

    at_rest = prepare(settings, db)       # before the migrations, which may seal old rows
    db.migrate(at_rest=at_rest)
    settle(db, at_rest)                   # after them

The database keeps a check of each key (a value sealed with the data key, an HMAC made with
the subject key), never the keys: a hub started with other keys, or without them while the
database holds sealed data, refuses to start and says why.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from central.blobs import FileBlobs, SealedBlobs
from central.db import Database
from central.keys import KeyProblem, Keys, private_dir, provider_for
from central.sealing import Cipher, Unsealable
from central.settings import Settings

# Rows of hub_secrets. "subject_key" is where hubs before the key file kept that key.
LEGACY_SUBJECT_KEY = "subject_key"
DATA_KEY_CHECK = "data_key_check"
SUBJECT_KEY_CHECK = "subject_key_check"
_CHECK_TEXT = "yijianshi-hub"
_SQLITE_FILES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class AtRest:
    keys: Keys
    cipher: Cipher
    documents: SealedBlobs
    where: str  # where the keys are, for messages


def prepare(settings: Settings, db: Database) -> AtRest:
    _private_files(settings, db)
    provider = provider_for(settings)
    secrets = _secrets(db)
    blob_root = settings.blobs_path()
    keys = provider.load()
    if keys is None:
        if DATA_KEY_CHECK in secrets or _has_blobs(blob_root):
            raise KeyProblem(
                f"{provider.describe()} is missing, but the hub's data ({_where(settings, db)}) "
                "is sealed with its keys: restore the key file from its backup, or set "
                "key_file to where it is. Starting with new keys would make the data unreadable."
            )
        keys = provider.create(_legacy_key(secrets))
    _check(keys, secrets, provider.describe())
    cipher = Cipher(keys)
    return AtRest(keys, cipher, SealedBlobs(FileBlobs(blob_root), cipher), provider.describe())


def settle(db: Database, at_rest: AtRest) -> None:
    """Record the key checks (first start) and drop the subject key an older hub kept in the
    database, now that the key file holds it."""
    secrets = _table()
    with db.write() as session:
        rows = dict(session.execute(sa.select(secrets.c.name, secrets.c.value)).all())
        _check(at_rest.keys, rows, at_rest.where)  # another hub may have started meanwhile
        wanted = {
            DATA_KEY_CHECK: at_rest.cipher.seal_text(_CHECK_TEXT, DATA_KEY_CHECK),
            SUBJECT_KEY_CHECK: _subject_check(at_rest.keys),
        }
        for name, value in wanted.items():
            if name not in rows:
                session.execute(secrets.insert().values(name=name, value=value))
        session.execute(secrets.delete().where(secrets.c.name == LEGACY_SUBJECT_KEY))


def _check(keys: Keys, secrets: dict[str, str], where: str) -> None:
    legacy = _legacy_key(secrets)
    subject = secrets.get(SUBJECT_KEY_CHECK)
    if (legacy is not None and legacy != keys.subject_key) or (
        subject is not None and subject != _subject_check(keys)
    ):
        raise KeyProblem(
            f"{where}: its subject-hash key is not the one this database's hashes were made "
            "with; start the hub with the key file that belongs to this database"
        )
    sealed = secrets.get(DATA_KEY_CHECK)
    if sealed is not None:
        try:
            Cipher(keys).open_text(sealed, DATA_KEY_CHECK)
        except Unsealable:
            raise KeyProblem(
                f"{where}: its data keys do not open this database's data; start the hub with "
                "the key file that belongs to this database"
            ) from None


def _subject_check(keys: Keys) -> str:
    return hmac.new(keys.subject_key, b"subject-key-check", hashlib.sha256).hexdigest()


def _legacy_key(secrets: dict[str, str]) -> bytes | None:
    value = secrets.get(LEGACY_SUBJECT_KEY)
    return None if value is None else value.encode()


def _table() -> sa.TableClause:
    return sa.table("hub_secrets", sa.column("name", sa.String), sa.column("value", sa.String))


def _secrets(db: Database) -> dict[str, str]:
    """hub_secrets before the migrations: empty for a new database."""
    with db.engine.connect() as connection:
        if not sa.inspect(connection).has_table("hub_secrets"):
            return {}
        secrets = _table()
        return dict(connection.execute(sa.select(secrets.c.name, secrets.c.value)).all())


def _has_blobs(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() for p in root.glob("*/*"))


def _where(settings: Settings, db: Database) -> str:
    return str(db.url.database) if db.is_sqlite else f"{settings.blobs_path()} and the database"


def _private_files(settings: Settings, db: Database) -> None:
    """The data directory owner-only, and the SQLite file made owner-only before SQLite makes
    it (its -wal and -shm files take their mode from it). Tightened at every start, so that a
    hub upgraded from looser modes is tightened too."""
    private_dir(settings.data_dir)
    if not (db.is_sqlite and db.url.database):
        return
    path = Path(db.url.database)
    if not path.parent.exists():
        private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for suffix in _SQLITE_FILES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.chmod(companion, 0o600)
