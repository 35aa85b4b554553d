"""The outbox keeps every application, sealed, until the hub acknowledges it; a broken or
hostile hub makes it wait, never lose."""

from __future__ import annotations

import base64
import json
import os
import stat
import time

import pytest

from kiosk.backoff import jittered
from kiosk.contract import ApplicationSubmit
from kiosk.hubclient import HubClient, HubError, HubSettings
from kiosk.outbox import Outbox
from kiosk.sealed import Sealer, SealError, key_path
from kiosk.store import open_store
from services.sync import SyncOptions, SyncWorker
from tests.fakehub import fake_hub
from tests.hub.data import MOTHER, PDF, birth_application


def application(material: bytes = PDF) -> ApplicationSubmit:
    """The hub tests' birth application, as the kiosk writes it to its outbox."""
    body = birth_application()
    body["materials"][0]["data_base64"] = base64.b64encode(material).decode()
    return ApplicationSubmit.model_validate(body)


def view(number: str = "YJS-20261125-000001") -> bytes:
    return json.dumps(
        {
            "acceptance_number": number,
            "onething_id": "birth",
            "situation_id": "newborn",
            "state": "accepted",
            "submitted_at": "2026-11-25T10:00:00Z",
            "due_date": "2026-12-01",
            "items": [],
            "documents": [],
        }
    ).encode()


@pytest.fixture
def outbox(tmp_path):
    store = open_store(tmp_path)
    yield Outbox(store, Sealer.for_data_dir(tmp_path))
    store.close()


def test_an_enqueued_application_survives_a_restart(tmp_path, outbox):
    entry = outbox.enqueue(application(), session_id="s1")
    reopened = Outbox(open_store(tmp_path), Sealer.for_data_dir(tmp_path))
    [due] = reopened.due()
    assert due.idempotency_key == entry.idempotency_key
    assert ApplicationSubmit.model_validate_json(reopened.body(due)) == application()


def test_personal_data_is_sealed_on_disk(tmp_path, outbox):
    outbox.enqueue(application(b"%PDF-PHOTO-BYTES-OF-A-RESIDENT"))
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("kiosk.sqlite3*"))
    assert MOTHER.encode() not in raw
    assert "林晓燕".encode() not in raw
    assert base64.b64encode(b"%PDF-PHOTO-BYTES-OF-A-RESIDENT") not in raw


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_seal_key_lives_apart_from_the_store_and_everything_is_owner_only(tmp_path, outbox):
    outbox.enqueue(application())
    key = key_path(tmp_path)
    assert key.exists() and not key.is_relative_to(tmp_path)
    assert not list(tmp_path.glob("*.key"))
    assert _mode(key) == 0o600 and _mode(key.parent) == 0o700
    assert _mode(tmp_path) == 0o700
    store_files = list(tmp_path.glob("kiosk.sqlite3*"))
    assert len(store_files) >= 2 and {_mode(p) for p in store_files} == {0o600}


def test_an_older_kiosks_key_is_moved_out_of_its_data_directory(tmp_path):
    # As kiosks before the key directory left things: the key in the data directory, 0755.
    data = tmp_path / "kiosk"
    data.mkdir(mode=0o755)
    old_key = data / "seal.key"
    old_key.write_bytes(os.urandom(32))
    os.chmod(old_key, 0o600)
    old = Sealer(old_key.read_bytes())
    sealed = old.seal(b"an application", b"k1")
    store = open_store(data)
    os.chmod(data / "kiosk.sqlite3", 0o644)
    store.close()

    moved = Sealer.for_data_dir(data)
    assert moved.open(sealed, b"k1") == b"an application"
    assert not old_key.exists() and _mode(key_path(data)) == 0o600
    open_store(data).close()
    assert _mode(data) == 0o700 and _mode(data / "kiosk.sqlite3") == 0o600


def test_a_tampered_entry_does_not_open(outbox):
    entry = outbox.enqueue(application())
    db = outbox._store.db
    (sealed,) = db.execute("SELECT payload FROM outbox").fetchone()
    flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
    db.execute("UPDATE outbox SET payload = ?", (flipped,))
    with pytest.raises(SealError):
        outbox.body(entry)


def test_delivery_erases_the_personal_data_and_keeps_the_number(outbox):
    entry = outbox.enqueue(application())
    outbox.delivered(entry, "YJS-1")
    (payload,) = outbox._store.db.execute("SELECT payload FROM outbox").fetchone()
    assert payload == b""
    assert outbox.acceptance_number(entry.id) == "YJS-1"
    assert outbox.counts() == {"pending": 0, "delivered": 1, "refused": 0}


def test_backoff_grows_and_stays_under_its_cap():
    for attempt in range(40):
        assert 0 <= jittered(attempt, base=1, cap=300) <= min(300, 2**attempt)


def _worker(tmp_path, url: str) -> SyncWorker:
    settings = HubSettings(url=url, connect_timeout=1, read_timeout=1)
    return SyncWorker(tmp_path, SyncOptions(hub=settings, token="t", parallel=2))


@pytest.mark.parametrize(
    ("status", "body", "headers", "code"),
    [
        (200, b"{not json", None, "malformed_reply"),
        (200, b'{"acceptance_number": 42}', None, "malformed_reply"),
        (200, b"[]", None, "malformed_reply"),
        (201, b"x" * (5 * 1024 * 1024), None, "reply_too_large"),
        (200, b"", {"Content-Length": str(10**10)}, "reply_too_large"),
        (502, b"<html>bad gateway</html>", {"Content-Type": "text/html"}, "http_502"),
        (503, b'{"error": {"code": "maintenance", "message": "back soon"}}', None, "maintenance"),
    ],
)
def test_a_bad_reply_is_a_plain_error_and_the_application_waits(
    tmp_path, outbox, status, body, headers, code
):
    outbox.enqueue(application())
    with fake_hub() as hub:
        hub.set(status, body, headers)
        with pytest.raises(HubError) as e:
            HubClient(HubSettings(url=hub.url, read_timeout=2)).submit_application(b"{}", "k")
        assert e.value.code == code and e.value.retryable
        worker = _worker(tmp_path, hub.url)
        assert not worker.deliver_all(timeout=3)
    assert outbox.counts()["pending"] == 1
    (attempts, error) = outbox._store.db.execute(
        "SELECT attempts, last_error FROM outbox"
    ).fetchone()
    assert attempts >= 1 and code in error


def test_a_silent_hub_times_out(tmp_path, outbox):
    outbox.enqueue(application())
    with fake_hub() as hub:
        hub.delay = 3
        hub.set(200, view())
        with pytest.raises(HubError, match="did not answer in time"):
            HubClient(HubSettings(url=hub.url, read_timeout=0.5)).application("x")


def test_a_refusal_keeps_the_application_for_staff(tmp_path, outbox):
    outbox.enqueue(application())
    with fake_hub() as hub:
        hub.set(422, b'{"error": {"code": "invalid_request", "message": "form.x is too long"}}')
        _worker(tmp_path, hub.url).deliver_all(timeout=3)
    assert outbox.counts()["refused"] == 1
    [(payload,)] = outbox._store.db.execute("SELECT payload FROM outbox").fetchall()
    assert payload  # kept, still sealed


def test_delivery_sends_the_idempotency_key_and_records_the_number(tmp_path, outbox):
    entry = outbox.enqueue(application())
    delivered = []
    with fake_hub() as hub:
        hub.set(201, view("YJS-20261125-000042"))
        worker = _worker(tmp_path, hub.url)
        worker.options.on_delivered = delivered.append
        assert worker.deliver_all(timeout=5)
        method, path, headers, body = hub.requests[-1]
    assert (method, path) == ("POST", "/v1/applications")
    assert headers["Idempotency-Key"] == entry.idempotency_key
    assert headers["Authorization"] == "Bearer t"
    assert ApplicationSubmit.model_validate_json(body) == application()
    assert [d.acceptance_number for d in delivered] == ["YJS-20261125-000042"]
    assert outbox.acceptance_number(entry.id) == "YJS-20261125-000042"


def test_the_worker_thread_delivers_and_stops_cleanly(tmp_path, outbox):
    outbox.enqueue(application())
    delivered = []
    with fake_hub() as hub:
        hub.set(201, view("YJS-20261125-000007"))
        worker = _worker(tmp_path, hub.url)
        worker.options.on_delivered = delivered.append
        worker.options.heartbeat_seconds = 3600
        worker.start()
        deadline = time.monotonic() + 10
        while not delivered:
            assert time.monotonic() < deadline, worker.counters.last_error
            time.sleep(0.05)
        assert worker.stop()
    assert not worker.alive
    assert delivered[0].acceptance_number == "YJS-20261125-000007"


def test_a_reply_nested_too_deep_is_malformed_not_a_crash(tmp_path, outbox):
    with fake_hub() as hub:
        hub.set(200, b"[" * 200_000)
        with pytest.raises(HubError) as e:
            HubClient(HubSettings(url=hub.url)).submit_application(b"{}", "k")
    assert e.value.code == "malformed_reply" and e.value.retryable


def test_a_rating_of_a_refused_application_is_refused_too(tmp_path):
    from kiosk.contract import RatingRequest
    from kiosk.hubclient import HubSettings
    from kiosk.outbox import Outbox
    from kiosk.sealed import Sealer
    from kiosk.store import open_store
    from services.sync import SyncOptions, SyncWorker

    outbox = Outbox(open_store(tmp_path), Sealer.for_data_dir(tmp_path))
    entry = outbox.enqueue(application())
    outbox.refused(entry, "422 from the hub")
    outbox.enqueue_rating(entry.id, RatingRequest(level=4))
    # No hub at all: the rating is settled without one, not retried forever.
    worker = SyncWorker(tmp_path, SyncOptions(hub=HubSettings(url="http://127.0.0.1:9"), token="t"))
    assert worker.deliver_all(timeout=5)
    assert outbox.counts() == {"pending": 0, "delivered": 0, "refused": 2}
