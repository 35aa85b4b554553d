"""The local store: WAL, migrations run once, a newer or broken file refused in words."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from kiosk.store import StoreError, migrations, open_store


def test_fresh_store_is_migrated_and_in_wal_mode(tmp_path):
    store = open_store(tmp_path)
    assert store.version == len(migrations())
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "outbox", "print_jobs", "audit"} <= tables
    store.close()


def test_reopening_keeps_data_and_runs_nothing_twice(tmp_path):
    store = open_store(tmp_path)
    store.audit("system", "started")
    store.close()
    store = open_store(tmp_path)
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == 1
    store.close()


def test_store_from_a_newer_kiosk_is_refused(tmp_path):
    open_store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "kiosk.sqlite3")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer than this kiosk knows"):
        open_store(tmp_path)


def test_a_file_that_is_not_a_database_is_refused_in_words(tmp_path):
    (tmp_path / "kiosk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        open_store(tmp_path)


def test_outbox_idempotency_key_is_unique(tmp_path):
    store = open_store(tmp_path)
    row = ("k1", "application", b"x", "2026-01-01T00:00:00Z")
    sql = "INSERT INTO outbox (idempotency_key, kind, payload, created_at) VALUES (?,?,?,?)"
    store.db.execute(sql, row)
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(sql, row)
    store.close()


def test_services_opening_a_fresh_store_at_once_each_find_it_migrated(tmp_path):
    # The desk, the sync worker and the spooler open the store from their own threads as
    # the kiosk starts; on a new kiosk, all of them find it empty at the same moment.
    barrier = threading.Barrier(6)
    opened: list[int] = []
    failed: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            store = open_store(tmp_path)
            opened.append(store.version)
            store.close()
        except BaseException as e:
            failed.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failed, failed
    assert opened == [len(migrations())] * 6
