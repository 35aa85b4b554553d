"""A fingerprint with a purpose, end to end with real parts: the ID card's fingerprint data
read from the simulated serial module (0x30 0x10), the finger taken on the simulated sensor
on a pty (two presses, both judged), checked 1:1 against the card's template downloaded into
the sensor (DownChar + Match), submitted through the kiosk's outbox to the hub over real HTTP
as a sealed material for the department whose item needs it, with the check recorded on the
application; the sensor's buffers cleared at the session's end."""

from __future__ import annotations

import base64
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from central.process import HubProcess
from drivers.events import CardInserted
from drivers.fingerprint.driver import FingerprintSensor
from drivers.fingerprint.enrol import Step, Verdict
from drivers.fingerprint.sim import SimulatedSensor, template_of
from drivers.idreader.driver import IdReader
from drivers.idreader.samples import sample
from drivers.idreader.sim import SimulatedModule
from kiosk import signature
from kiosk.application import FINGERPRINT_MATERIAL, Application
from kiosk.catalog.load import load_catalog
from kiosk.contract import Delivery
from kiosk.hubclient import HubSettings
from kiosk.identity import Identity
from services.desk import Desk
from services.journey import Journey
from services.sync import SyncOptions, SyncWorker
from tests.collect import Collected

KIOSK_ID = "kiosk-fingerprint"
FINGER = "lin-right-index"
# What the card holds: the right index finger's template, then an empty second slot.
CARD_FINGERS = template_of(FINGER) + bytes(512)


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[HubProcess]:
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    yield running
    running.stop()


def _card(tmp_path: Path) -> Identity:
    """The resident's card, read from the simulated module with its fingerprint data."""
    events: Collected = Collected()
    with (
        SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.05) as module,
        IdReader(events, port=module.path, read_fingerprints=True, poll_interval=0.05),
    ):
        module.place(sample(1), fingerprints=CARD_FINGERS)
        inserted = events.wait_until(
            lambda items: next((e for e in items if isinstance(e, CardInserted)), None),
            10,
            "no card read",
        )
    return inserted.identity


def _resident(sim: SimulatedSensor, finger: str) -> Callable[[str], None]:
    """A resident who does what the screen asks, with `finger`."""

    def act(step: str) -> None:
        if step in (Step.PLACE, Step.AGAIN):
            sim.place(finger)
        elif step == Step.LIFT:
            sim.remove()

    return act


def _capture(
    journey: Journey, screens: queue.Queue, sim: SimulatedSensor, finger: str, card: bytes
):
    result: list = []
    act = _resident(sim, finger)
    journey.capture_fingerprint(act, lambda fp, problem: result.append((fp, problem)), card)
    deadline = time.monotonic() + 120
    while not result:
        assert time.monotonic() < deadline, "no fingerprint in time"
        with contextlib.suppress(queue.Empty):
            screens.get(timeout=0.5)()
    sim.remove()  # and walks away from the sensor
    fp, problem = result[0]
    assert problem == "", problem
    return fp


def test_the_fingerprint_goes_sealed_to_the_department_that_needs_it(
    tmp_path: Path, hub: HubProcess
) -> None:
    identity = _card(tmp_path)
    assert identity.fingerprints == CARD_FINGERS  # with the session, in memory only

    screens: queue.Queue = queue.Queue()
    token = hub.enrol(KIOSK_ID)
    desk = Desk(
        tmp_path / "kiosk", HubSettings(url=hub.url, read_timeout=10), token, KIOSK_ID, "01"
    )
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=2) as sim:
        sensor = FingerprintSensor(port=sim.path, reply_timeout=1.0)
        journey = Journey(
            screens.put, desk, fingerprint_sensor=lambda: sensor, verify_card_fingerprints=True
        )
        try:
            fp = _capture(journey, screens, sim, FINGER, identity.fingerprints)
            assert fp.verdict is Verdict.GOOD and len(fp.qualities) == 2  # both presses judged
            assert (fp.check, fp.score) == ("match", 200)
            # Someone else's finger against this card: recorded as no match.
            other = _capture(journey, screens, sim, "someone-else", identity.fingerprints)
            assert (other.check, other.score) == ("no_match", 0)

            onething = load_catalog().onething("military-discharge")
            app = Application(onething, onething.situation("job-placement"), identity)
            app.learn([], "")
            app.photo = b"\xff\xd8\xff\xe0 sample photo"
            app.signature = signature.to_png([[(0.1, 0.5), (0.9, 0.5)]])
            app.fingerprint = fp
            app.delivery = Delivery(method="pickup", place="便民服务中心")
            # Not on the review or the paper: how materials were received lists no fingerprint.
            assert all(m.id != FINGERPRINT_MATERIAL for m, _ in app.received())

            submitted = desk.submit(app, "self-service", "session-fp")
            sync = SyncWorker(
                tmp_path / "kiosk",
                SyncOptions(hub=HubSettings(url=hub.url, read_timeout=10), token=token),
            )
            assert sync.deliver_all(timeout=60)
            number = desk.acceptance_number(submitted.entry_id)
            assert number and number.startswith("YJS-")
            view = desk.application(number)
            assert view.fingerprint_check is not None
            assert (view.fingerprint_check.result, view.fingerprint_check.score) == ("match", 200)

            # At the hub: sealed at rest, the police (whose ID-card item needs it) get the very
            # image; the veterans' office, in the same application, does not.
            engine, blobs = hub.stored()
            from sqlalchemy import select
            from sqlalchemy.orm import Session as OrmSession

            from central.tables import Application as Row
            from central.tables import Document

            with OrmSession(engine) as s:
                row = s.scalars(select(Row).where(Row.acceptance_number == number)).one()
                assert row.fingerprint_check == {
                    "result": "match",
                    "score": 200,
                    "reference": "id_card",
                }
                doc = s.scalars(
                    select(Document).where(
                        Document.application_id == row.id,
                        Document.material_id == FINGERPRINT_MATERIAL,
                    )
                ).one()
                doc_id = doc.id
            engine.dispose()
            png = fp.png()
            assert png.startswith(b"\x89PNG") and blobs.get(doc_id) == png
            on_disk = blobs.store.path(doc_id).read_bytes()
            assert b"PNG" not in on_disk[:64] and png not in on_disk  # sealed, not as sent

            # Each department's task says what it may fetch: the police's lists the
            # fingerprint and the kiosk's check; the veterans' office's neither.
            def tasks(unit: str) -> list[dict]:
                answer = requests.get(
                    f"{hub.url}/v1/department/tasks",
                    headers={"Authorization": f"Bearer {hub.department_token(unit)}"},
                    timeout=10,
                )
                assert answer.status_code == 200, answer.text
                return [t for t in answer.json() if t["acceptance_number"] == number]

            (police_task,) = tasks("police")
            assert doc_id in {m["id"] for m in police_task["materials"]}
            assert police_task["fingerprint_check"]["result"] == "match"
            for task in tasks("veterans"):
                assert doc_id not in {m["id"] for m in task["materials"]}
                assert task["materials"]  # the photo and signature are there
                assert task.get("fingerprint_check") is None
            police = requests.get(
                f"{hub.url}/v1/documents/{doc_id}",
                headers={"Authorization": f"Bearer {hub.department_token('police')}"},
                timeout=10,
            )
            assert police.status_code == 200 and police.content == png
            veterans = requests.get(
                f"{hub.url}/v1/documents/{doc_id}",
                headers={"Authorization": f"Bearer {hub.department_token('veterans')}"},
                timeout=10,
            )
            assert veterans.status_code == 404
            # The submission carried it as a material (base64 in the sealed outbox), nothing more.
            assert base64.b64encode(png).decode() not in repr(view)

            # The session ends: the sensor keeps nothing of the resident.
            cleared: list[bool] = []
            journey.clear_sensor(cleared.append)
            deadline = time.monotonic() + 60
            while not cleared:
                assert time.monotonic() < deadline
                with contextlib.suppress(queue.Empty):
                    screens.get(timeout=0.5)()
            assert cleared == [True]
            assert sim.char_buffer(1) == bytes(512) and sim.char_buffer(2) == bytes(512)
            _wait(lambda: sim.image_buffer == b"\xff" * 36864)
            assert sim.library == {}
        finally:
            journey.close()
            sensor.close()
            desk.close()


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    event = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        event.wait(0.02)
