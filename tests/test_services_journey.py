"""The journey's work without Qt (services.journey): its results come back through the `post`
it is given, here a queue the test drains as the screens' thread would. Real parts: the hub
on loopback, the kiosk's store and outbox, the sync worker, a TCP printer."""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable
from datetime import date

import pytest
from PIL import Image

from central.process import HubProcess, free_port
from drivers.events import StatusChanged
from drivers.idreader.samples import sample
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.link import NetworkLink
from drivers.printer.paper import paper
from drivers.printer.sim import SimulatedPrinter
from kiosk.application import Application
from kiosk.catalog.load import load_catalog
from kiosk.config import load_config
from kiosk.contract import Delivery
from kiosk.devices import DeviceState, DeviceStatus
from kiosk.hubclient import HubSettings
from kiosk.outbox import Delivered
from kiosk.session import Session
from services.desk import Desk, Refusal, Submitted
from services.journey import NO_PRINTER, Accepted, Journey
from services.print_service import PrintService
from services.receipts import Receipts
from services.runtime import Runtime
from services.storage import KioskData
from services.sync import SyncOptions, SyncWorker
from tests.print_helpers import decode_qr, driver_for
from tests.test_desk import _fill
from tests.throttle import throttled

KIOSK_ID = "kiosk-journey"


class Screens:
    """The screens' side: a thread that runs what is posted, and the journey's listener."""

    def __init__(self) -> None:
        self._posted: queue.Queue[Callable[[], None]] = queue.Queue()
        self.print_states: list[tuple[str, str]] = []
        self.late: list[tuple[str, str]] = []

    def post(self, fn: Callable[[], None]) -> None:
        self._posted.put(fn)

    def until(self, condition: Callable[[], object], timeout: float = 60.0) -> None:
        """Run what is posted, as it comes, until `condition` holds."""
        deadline = time.monotonic() + timeout
        while not condition():
            left = deadline - time.monotonic()
            assert left > 0, "the condition did not come true in time"
            with contextlib.suppress(queue.Empty):
                self._posted.get(timeout=min(left, 0.5))()

    def print_state(self, session_id: str, state: str) -> None:
        self.print_states.append((session_id, state))

    def accepted_late(self, session_id: str, number: str) -> None:
        self.late.append((session_id, number))


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    yield running
    running.stop()


def _application() -> Application:
    o = load_catalog().onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    app.learn([], "")  # nothing shared: the resident types what records would have told
    _fill(app)
    app.typed.update(
        {"spouse-name": "陈志远", "household-address": "浙江省杭州市西湖区文三路478号"}
    )
    app.delivery = Delivery(method="pickup", place="便民服务中心")
    return app


def _desk(data_dir, url: str, token: str, kiosk_id: str = KIOSK_ID) -> Desk:
    return Desk(data_dir, HubSettings(url=url, read_timeout=5), token, kiosk_id, "01")


def _sync(tmp_path, hub: HubProcess, token: str, journey: Journey) -> SyncWorker:
    """The sync worker, telling the journey of each delivery as the runtime wires it."""
    options = SyncOptions(
        hub=HubSettings(url=hub.url, read_timeout=10), token=token, on_delivered=journey.delivered
    )
    return SyncWorker(tmp_path / "kiosk", options)


def _submit(
    journey: Journey, screens: Screens, session_id: str, app: Application | None = None
) -> tuple[Submitted, Accepted]:
    stored: list[Submitted | None] = []
    accepted: list[Accepted] = []
    journey.submit(app or _application(), session_id, stored.append, accepted.append)
    screens.until(lambda: stored)
    assert stored[0] is not None, "the application was not written to the outbox"
    screens.until(lambda: accepted)
    return stored[0], accepted[0]


def test_with_the_hub_down_it_waits_in_the_outbox_and_the_receipt_gives_the_local_number(tmp_path):
    screens = Screens()
    desk = _desk(tmp_path / "kiosk", f"http://127.0.0.1:{free_port()}", "yk_token")
    journey = Journey(screens.post, desk, acceptance_wait=0.5)
    journey.listen(screens)
    try:
        shared: list[Refusal | None] = []
        journey.share(_application(), shared.append)
        screens.until(lambda: shared)
        assert shared == [Refusal.OFFLINE]  # said as the network, which it is
        submitted, accepted = _submit(journey, screens, "session-1")
        assert submitted.local_number.startswith(f"L-{KIOSK_ID}-")
        assert accepted == Accepted()  # no number within the wait: the local one is given
        with KioskData(tmp_path / "kiosk") as data:
            assert data.outbox().counts()["pending"] == 1  # nothing is lost
    finally:
        journey.close()
        desk.close()


@contextlib.contextmanager
def _enrolled(tmp_path, hub: HubProcess, name: str, wait: float):
    """A kiosk enrolled as `name` with the hub: (screens, journey, its sync worker, not
    started); all of it stopped at the end."""
    kiosk_id = f"{KIOSK_ID}-{name}"
    token = hub.enrol(kiosk_id)
    screens = Screens()
    desk = _desk(tmp_path / "kiosk", hub.url, token, kiosk_id)
    journey = Journey(screens.post, desk, acceptance_wait=wait)
    journey.listen(screens)
    sync = _sync(tmp_path, hub, token, journey)
    try:
        yield screens, journey, sync
    finally:
        sync.stop()
        journey.close()
        desk.close()


def test_the_number_that_comes_after_the_receipt_is_told_to_the_screens(tmp_path, hub):
    with _enrolled(tmp_path, hub, "late", wait=0.2) as (screens, journey, sync):
        _, accepted = _submit(journey, screens, "session-late")
        assert accepted == Accepted()  # the sync worker was not running yet
        sync.start()
        screens.until(lambda: screens.late)
        (session_id, number) = screens.late[0]
        assert session_id == "session-late" and number.startswith("YJS-")


def test_the_number_in_time_comes_with_the_hubs_due_date(tmp_path, hub):
    with _enrolled(tmp_path, hub, "in-time", wait=60) as (screens, journey, sync):
        sync.start()
        _, accepted = _submit(journey, screens, "session-in-time")
        assert accepted.number.startswith("YJS-")
        assert isinstance(accepted.due_date, date) and accepted.due_date > date(2026, 1, 1)


def test_without_a_desk_or_printer_it_says_so_and_sends_nothing(tmp_path):
    screens = Screens()
    journey = Journey(screens.post)
    journey.listen(screens)
    stored: list[Submitted | None] = []
    journey.submit(_application(), "s", stored.append, lambda a: None)
    journey.print_receipt(Session(load_catalog(), id="s"))
    screens.until(lambda: stored and screens.print_states)
    assert stored == [None] and screens.print_states == [("s", NO_PRINTER)]
    assert journey.capture_fingerprint(lambda s: None, lambda r, p: None) is None
    journey.close()


def test_a_receipt_still_waiting_for_paper_is_given_up_when_the_resident_leaves(tmp_path):
    config = load_config()
    screens = Screens()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        sim.paper_out()
        service = PrintService(tmp_path / "kiosk", driver_for(sim))
        receipts = Receipts(config, service, screens.post)
        journey = Journey(screens.post, receipts=receipts)
        journey.listen(screens)
        service.start()
        try:
            session = _session_with_receipt("000001")
            journey.print_receipt(session)
            # The printer says why it waits: out of paper, in the screens' words.
            screens.until(lambda: (session.id, "paper_out") in screens.print_states)
            journey.session_ended(session.id)  # she leaves; the next resident comes
            screens.until(lambda: _job_states(tmp_path) == ["expired"])
            sim.paper_in()
            # The next resident's receipt prints; hers, had it not been given up, would have
            # come out first, in the next resident's hands.
            following = _session_with_receipt("000002")
            journey.print_receipt(following)
            screens.until(lambda: (following.id, "done") in screens.print_states)
            assert len(sim.receipts) == 1
        finally:
            journey.close()
            service.stop()


def test_a_receipt_that_may_have_printed_is_printed_again_only_when_she_asks(tmp_path):
    """The printer takes the whole notice and says nothing after: the screens hear that it
    may have printed, nothing prints again by itself, and her reprint prints it once."""
    config = load_config()
    screens = Screens()
    with SimulatedPrinter(tmp_path / "paper") as sim, throttled(sim.port, 50_000) as link:
        driver = ReceiptPrinter(
            lambda: NetworkLink("127.0.0.1", link.port, timeout=5),
            paper(sim.p.mm),
            status_timeout=0.5,
            print_seconds=0.5,
        )
        service = PrintService(tmp_path / "kiosk", driver, backoff=(0.05, 0.3))
        receipts = Receipts(config, service, screens.post)
        journey = Journey(screens.post, receipts=receipts)
        journey.listen(screens)
        service.start()
        try:
            session = _session_with_receipt("000001")
            journey.print_receipt(session)
            # Its last part is on the wire: the printer's word about it never comes back.
            screens.until(lambda: _job_states(tmp_path) == ["sent"])
            link.hold_replies = True
            screens.until(lambda: (session.id, "may_have_printed") in screens.print_states)
            link.hold_replies = False
            assert sim.wait_for(1) and _job_states(tmp_path) == ["unknown"]
            journey.reprint(session.id)  # she found nothing in the slot (or wants a copy)
            screens.until(lambda: screens.print_states[-1] == (session.id, "done"))
            assert len(sim.receipts) == 2 and _job_states(tmp_path) == ["unknown", "confirmed"]
        finally:
            journey.close()
            service.stop()


def test_the_one_time_notice_prints_on_the_receipt_printer(tmp_path):
    config = load_config()
    screens = Screens()
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        service = PrintService(tmp_path / "kiosk", driver_for(sim))
        journey = Journey(screens.post, receipts=Receipts(config, service, screens.post))
        journey.listen(screens)
        service.start()
        try:
            session = Session(load_catalog(), onething_id="birth", situation_id="newborn")
            journey.print_guide(session)
            screens.until(lambda: (session.id, "done") in screens.print_states)
            assert (session.id, "printing") in screens.print_states
            (guide,) = sim.receipts
            # The simplified guide, with the QR code to the full one (§5.3.2).
            assert decode_qr(Image.open(guide.path)) == "https://zwfw.example.gov.cn/guide/birth"
        finally:
            journey.close()
            service.stop()
    # Without a receipt printer the screens are told so.
    bare = Journey(screens.post)
    bare.listen(screens)
    bare.print_guide(Session(load_catalog(), id="bare"))
    screens.until(lambda: ("bare", NO_PRINTER) in screens.print_states)
    bare.close()


def _session_with_receipt(serial: str) -> Session:
    return Session(
        load_catalog(),
        application=_application(),
        local_number=f"L-{KIOSK_ID}-20261205-{serial}",
        progress_token=serial * 4,
    )


def _job_states(tmp_path) -> list[str]:
    with KioskData(tmp_path / "kiosk") as data:
        rows = data.store.db.execute("SELECT status FROM print_jobs").fetchall()
    return [r[0] for r in rows]


def test_the_screens_hear_of_the_submission_before_anything_of_its_number(tmp_path):
    """Even when the wait for the number is over at once (as the benchmark runs it), the
    screens are told the submission first: they move to the receipt only after it."""
    screens = Screens()
    desk = _desk(tmp_path / "kiosk", f"http://127.0.0.1:{free_port()}", "yk_token")
    journey = Journey(screens.post, desk, acceptance_wait=0)
    heard: list[str] = []
    try:
        for n in range(20):
            journey.submit(
                _application(),
                f"session-{n}",
                lambda result: heard.append("stored" if result else "failed"),
                lambda accepted: heard.append("accepted"),
            )
        screens.until(lambda: len(heard) == 40)
        assert heard == ["stored", "accepted"] * 20
    finally:
        journey.close()
        desk.close()


def test_once_closed_it_takes_no_work_and_a_late_delivery_is_harmless(tmp_path):
    screens = Screens()
    desk = _desk(tmp_path / "kiosk", f"http://127.0.0.1:{free_port()}", "yk_token")
    journey = Journey(screens.post, desk)
    journey.close()
    stored: list[Submitted | None] = []
    journey.submit(_application(), "late", stored.append, lambda a: None)
    journey.delivered(Delivered(7, "late", "YJS-20261205-000007"))
    assert journey.wait(0) and stored == []
    desk.close()


def test_the_cameras_status_reaches_the_heartbeat(tmp_path):
    config = load_config().model_copy(
        update={"kiosk": load_config().kiosk.model_copy(update={"data_dir": str(tmp_path)})}
    )
    screens = Screens()
    runtime = Runtime(config, screens.post)
    runtime.device_event(StatusChanged(DeviceState("camera", DeviceStatus.READY, "1280x720")))
    assert [(d.name, d.status) for d in runtime.board.health()] == [("camera", DeviceStatus.READY)]
