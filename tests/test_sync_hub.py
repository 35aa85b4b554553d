"""Failures that must lose nothing, caused for real: the hub down for a whole session, the
kiosk killed (SIGKILL) before sending and while a request is in flight, a lost reply.
The hub is the real reference hub on loopback; the kiosk is the real `kiosk` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from uuid import uuid4

import pytest
import requests

from central.process import HubProcess
from kiosk.contract import ApplicationState, ItemState
from kiosk.credentials import write_secret
from kiosk.hubclient import HubClient, HubSettings
from kiosk.outbox import Outbox
from kiosk.sealed import Sealer
from kiosk.store import open_store
from services.sync import SyncOptions, SyncWorker
from tests.conftest import ROOT
from tests.hub.fixtures import BACKENDS, postgres  # noqa: F401 (a fixture)
from tests.proxy import lossy_proxy
from tests.test_outbox import application


@pytest.fixture(params=BACKENDS)
def hub(request, tmp_path):
    """A hub of its own for each test: these tests stop and restart it."""
    db_url = ""
    if request.param == "postgresql":
        db_url = request.getfixturevalue("postgres").create_database(f"sync_{uuid4().hex}")
    hub = HubProcess(tmp_path / "hub", db_url=db_url).start()
    yield hub
    hub.stop()


@pytest.fixture
def kiosk_dir(tmp_path, hub) -> Path:
    data = tmp_path / "kiosk"
    write_secret(data / "hub.token", hub.enrol("kiosk-test"))
    return data


def birth_applications(hub: HubProcess) -> list[str]:
    """Acceptance numbers of the birth applications the hub holds (one midwifery task
    each), as the midwifery institution sees them."""
    r = requests.get(
        hub.url + "/v1/department/tasks",
        timeout=10,
        headers={"Authorization": f"Bearer {hub.department_token('midwifery')}"},
    )
    r.raise_for_status()
    return sorted(t["acceptance_number"] for t in r.json())


def _config(tmp_path: Path, data: Path, url: str) -> Path:
    path = tmp_path / f"kiosk-{url.rsplit(':', 1)[1]}.toml"
    path.write_text(
        f'[kiosk]\ndata_dir = "{data}"\n[hub]\nurl = "{url}"\n'
        "read_timeout_seconds = 5\nheartbeat_seconds = 3600\n",
        "utf-8",
    )
    return path


def _outbox(data: Path) -> Outbox:
    return Outbox(open_store(data), Sealer.for_data_dir(data))


def _worker(data: Path, url: str, token: str) -> SyncWorker:
    return SyncWorker(
        data, SyncOptions(hub=HubSettings(url=url, read_timeout=5), token=token, parallel=2)
    )


def _sync_until_empty(tmp_path: Path, data: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "--config",
            str(_config(tmp_path, data, url)),
            "sync",
            "--until-empty",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_hub_down_for_the_whole_session_then_delivered_when_it_returns(tmp_path, hub, kiosk_dir):
    token = (kiosk_dir / "hub.token").read_text()
    hub.stop()
    outbox = _outbox(kiosk_dir)
    entry = outbox.enqueue(application())
    worker = _worker(kiosk_dir, hub.url, token)
    assert not worker.deliver_all(timeout=2)
    assert "cannot be reached" in worker.counters.last_error
    assert outbox.counts()["pending"] == 1

    hub.start()
    outbox._store.db.execute("UPDATE outbox SET next_attempt_at = NULL")  # skip the backoff
    assert worker.deliver_all(timeout=20)
    [number] = birth_applications(hub)
    assert outbox.acceptance_number(entry.id) == number


def test_killed_between_writing_and_sending_then_delivered_once(tmp_path, hub, kiosk_dir):
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from kiosk.outbox import Outbox\nfrom kiosk.sealed import Sealer\n"
            "from kiosk.store import open_store\nfrom tests.test_outbox import application\n"
            f"data = Path({str(kiosk_dir)!r})\n"
            "Outbox(open_store(data), Sealer.for_data_dir(data)).enqueue(application())\n"
            "print('queued', flush=True)\ntime.sleep(60)\n",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "queued"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    result = _sync_until_empty(tmp_path, kiosk_dir, hub.url)
    assert result.returncode == 0, result.stderr
    assert len(birth_applications(hub)) == 1
    assert _outbox(kiosk_dir).counts() == {"pending": 0, "delivered": 1, "refused": 0}


def test_killed_while_the_request_is_in_flight_then_delivered_once(tmp_path, hub, kiosk_dir):
    entry = _outbox(kiosk_dir).enqueue(application())
    with lossy_proxy(hub.port) as proxy:
        proxy.mode = "withhold"  # the hub answers; the kiosk never hears it
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ui.cli",
                "--config",
                str(_config(tmp_path, kiosk_dir, proxy.url)),
                "sync",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not birth_applications(hub):
            assert time.monotonic() < deadline, "the application never reached the hub"
            time.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)  # mid-request: the reply is still withheld
        child.wait()
    [number] = birth_applications(hub)
    assert _outbox(kiosk_dir).counts()["pending"] == 1

    result = _sync_until_empty(tmp_path, kiosk_dir, hub.url)
    assert result.returncode == 0, result.stderr
    assert birth_applications(hub) == [number]  # exactly once
    assert _outbox(kiosk_dir).acceptance_number(entry.id) == number


def test_a_lost_reply_is_retried_into_the_same_application(tmp_path, hub, kiosk_dir):
    token = (kiosk_dir / "hub.token").read_text()
    outbox = _outbox(kiosk_dir)
    entry = outbox.enqueue(application())
    with lossy_proxy(hub.port) as proxy:
        proxy.mode = "drop"
        worker = _worker(kiosk_dir, proxy.url, token)
        assert not worker.deliver_all(timeout=3)
        [number] = birth_applications(hub)  # the hub has it; the kiosk does not know
        proxy.mode = "pass"
        outbox._store.db.execute("UPDATE outbox SET next_attempt_at = NULL")
        assert worker.deliver_all(timeout=10)
    assert birth_applications(hub) == [number]
    assert outbox.acceptance_number(entry.id) == number


def test_a_birth_application_flows_through_the_four_departments_and_comes_back(tmp_path):
    """Through the kiosk's own client: outbox, delivery, progress, result documents."""
    hub = HubProcess(tmp_path / "hub", auto_handle=0).start()
    try:
        data = tmp_path / "kiosk"
        token = hub.enrol("kiosk-e2e")
        entry = _outbox(data).enqueue(application())
        assert _worker(data, hub.url, token).deliver_all(timeout=20)
        number = _outbox(data).acceptance_number(entry.id)

        client = HubClient(HubSettings(hub.url), token)
        deadline = time.monotonic() + 30
        while (view := client.application(number)).state != ApplicationState.COMPLETED:
            assert time.monotonic() < deadline, f"still {view.state}: {view.items}"
            time.sleep(0.2)
        assert {i.state for i in view.items} == {ItemState.DONE}
        assert len(view.items) == 6
        # In the flow's order, one working day each, the whole within four.
        units = [i.unit for i in view.items]
        assert units == [
            "midwifery",
            "midwifery",
            "police",
            "medical-insurance",
            "medical-insurance",
            "hrss",
        ]
        assert view.due_date == max(i.due_date for i in view.items)
        assert all(i.due_date.weekday() < 5 for i in view.items)
        assert len(view.documents) >= 4  # one result from each department step
        content_type, pdf = client.document(view.documents[0].id)
        assert content_type.startswith("application/pdf") and pdf.startswith(b"%PDF")
    finally:
        hub.stop()
