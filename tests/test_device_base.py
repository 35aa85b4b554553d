"""The one device base (drivers.device) every driver stands on: one life cycle, one status
rule, one reconnect loop with its back-off, one catch-all. Against a device of the test's own
where only the base is under test, against the real drivers and their simulators on ptys
where the drivers' own behaviour is."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.camera.worker import CameraWorker
from drivers.device import UNEXPECTED, Device
from drivers.events import CardInserted, CardRemoved, DriverEvent, StatusChanged
from drivers.fingerprint.driver import FingerprintSensor
from drivers.fingerprint.sim import SimulatedSensor
from drivers.idreader.driver import IdReader
from drivers.idreader.link import ModuleLink
from drivers.idreader.samples import sample
from drivers.idreader.sim import SimulatedModule
from kiosk.backoff import Backoff
from kiosk.devices import DeviceState, DeviceStatus
from tests.camera_helpers import config, scene_file
from tests.collect import Collected
from tests.pcscd import pcscd_fixture  # noqa: F401 (the pcscd fixture, for the PC/SC driver)

QUICK: dict[str, Any] = {"poll_interval": 0.05, "reply_timeout": 0.2, "read_timeout": 0.4}


def until(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.01)
    return value


class Events(Collected[DriverEvent]):
    def states(self) -> list[DeviceState]:
        return [e.state for e in self.items() if isinstance(e, StatusChanged)]

    def statuses(self) -> list[DeviceStatus]:
        return [s.status for s in self.states()]

    def of(self, kind: type) -> list[DriverEvent]:
        return [e for e in self.items() if isinstance(e, kind)]


class Recorded(Backoff):
    """A back-off that remembers each pause it gave and each time it started over."""

    def __init__(self, first: float, cap: float) -> None:
        super().__init__(first, cap)
        self.log: list[float | str] = []

    def next(self) -> float:
        pause = super().next()
        self.log.append(pause)
        return pause

    def reset(self) -> None:
        super().reset()
        self.log.append("reset")


class Toy(Device):
    """Opens at once and works one round an hour, unless told otherwise."""

    def __init__(self, on_event: Callable[[DriverEvent], None] | None = None, **kw: Any) -> None:
        kw.setdefault("interval", 3600)
        super().__init__("toy", on_event, **kw)
        self.connects = 0
        self.rounds = 0
        self.closes = 0

    def connect(self) -> bool:
        self.connects += 1
        self._set_status(DeviceStatus.READY, "open")
        return True

    def cycle(self) -> None:
        self.rounds += 1

    def close(self) -> None:
        self.closes += 1


def threads_named(name: str) -> int:
    return sum(t.name == name for t in threading.enumerate())


# -- the life cycle ---------------------------------------------------------------------------


def test_a_second_start_is_one_thread_and_returns_self() -> None:
    toy = Toy(thread_name="toy-thread")
    try:
        assert toy.start() is toy
        assert toy.start() is toy
        until(lambda: toy.rounds == 1)
        assert threads_named("toy-thread") == 1
        assert toy.connects == 1
    finally:
        assert toy.stop()
    assert threads_named("toy-thread") == 0


def test_stop_without_start_is_fine_and_stop_is_prompt() -> None:
    events = Events()
    toy = Toy(events)
    assert toy.stop() and toy.stop()
    assert events.all == [] and toy.state.detail == "not started"
    toy.start()
    until(lambda: toy.rounds == 1)
    started = time.monotonic()
    assert toy.stop(timeout=30)  # the hour's pause is cut short
    assert time.monotonic() - started < 30
    assert toy.closes >= 1 and not toy.alive


def test_the_context_manager_starts_and_stops() -> None:
    with Toy() as toy:
        assert toy.alive
        until(lambda: toy.state.status is DeviceStatus.READY)
    assert not toy.alive and toy.closes >= 1


def test_no_event_after_stop_until_the_next_start() -> None:
    events = Events()
    toy = Toy(events)
    with toy:
        until(lambda: events.states())
    toy._set_status(DeviceStatus.ERROR, "after the stop")
    assert events.statuses() == [DeviceStatus.READY]
    toy._set_status(DeviceStatus.OFFLINE, "stopped", final=True)  # a device's last word
    assert events.states()[-1] == DeviceState("toy", DeviceStatus.OFFLINE, "stopped")


@pytest.fixture(params=["idreader", "fingerprint", "camera", "pcsc"])
def driver(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Device, str, Events]]:
    """Each real driver on its simulator, not started, with the name of its thread."""
    events = Events()
    kind = request.param
    if kind == "idreader":
        with SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.25) as module:
            yield IdReader(events, port=module.path, **QUICK), "idreader-poll", events
    elif kind == "fingerprint":
        with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05) as sensor:
            fp = FingerprintSensor(events, port=sensor.path, watch_interval=0.1)
            yield fp, "fingerprint-watch", events
    elif kind == "camera":
        source = config(scene_file(tmp_path, "portrait"))
        yield CameraWorker(source, on_event=events), "camera-capture", events
    else:
        from drivers.pcsc import PcscDriver

        request.getfixturevalue("pcscd")  # with the vpcd readers
        yield PcscDriver(events, retry_interval=0.2, poll_interval=0.5), "pcsc-watcher", events


def test_every_driver_has_the_one_life_cycle(driver: tuple[Device, str, Events]) -> None:
    device, thread, events = driver
    assert isinstance(device, Device)
    assert device.stop()  # never started: nothing to do
    with device as entered:
        assert entered is device
        assert device.start() is device
        until(lambda: device.state.status is DeviceStatus.READY)
        assert threads_named(thread) == 1
    assert threads_named(thread) == 0 and not device.alive
    assert DeviceStatus.READY in events.statuses()
    # Once more, as a kiosk does after its devices were stopped for maintenance.
    device.start()
    until(lambda: threads_named(thread) == 1)
    assert device.stop()
    assert threads_named(thread) == 0


# -- the status -------------------------------------------------------------------------------


def test_the_status_drops_repeats_and_tells_each_change_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="drivers.device")
    events = Events()
    toy = Toy(events)
    assert toy.state == DeviceState("toy", DeviceStatus.OFFLINE, "not started")
    for status, detail in [
        (DeviceStatus.READY, "open"),
        (DeviceStatus.READY, "open"),
        (DeviceStatus.BUSY, "working"),
        (DeviceStatus.BUSY, "working"),
        (DeviceStatus.BUSY, "working on something else"),
        (DeviceStatus.READY, "open"),
    ]:
        toy._set_status(status, detail)
    assert [(s.status, s.detail) for s in events.states()] == [
        (DeviceStatus.READY, "open"),
        (DeviceStatus.BUSY, "working"),
        (DeviceStatus.BUSY, "working on something else"),
        (DeviceStatus.READY, "open"),
    ]
    assert caplog.text.count("toy: busy: working\n") == 1
    # A part of the device is reported apart, and only its own repeats are dropped.
    toy._set_status(DeviceStatus.OFFLINE, "gone", name="toy:part")
    toy._set_status(DeviceStatus.OFFLINE, "gone", name="toy:part")
    assert set(toy.states()) == {"toy", "toy:part"}
    assert len(events.states()) == 5
    assert toy.state.status is DeviceStatus.READY


def test_a_handler_that_raises_is_logged_and_the_device_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[DriverEvent] = []

    def fussy(event: DriverEvent) -> None:
        seen.append(event)
        raise RuntimeError("a bug in the UI")

    toy = Toy(fussy)
    toy._set_status(DeviceStatus.READY)
    toy._set_status(DeviceStatus.BUSY)
    assert len(seen) == 2
    assert "an event handler failed on StatusChanged" in caplog.text


# -- reconnecting, with the real ID reader on a pty -------------------------------------------


@pytest.fixture
def port(tmp_path: Path) -> str:
    return str(tmp_path / "ttyID")


def test_a_reader_that_cannot_connect_tries_again_ever_more_calmly_and_starts_over_after(
    port: str,
) -> None:
    events = Events()
    backoff = Recorded(0.02, 0.16)
    with IdReader(events, port=port, backoff=backoff, **QUICK) as reader:
        # No module yet: each try fails, and the pause doubles up to its cap.
        until(lambda: len(backoff.log) >= 6)
        assert backoff.log[:6] == [0.02, 0.04, 0.08, 0.16, 0.16, 0.16]
        assert reader.state.status is DeviceStatus.OFFLINE
        assert "cannot open" in reader.state.detail
        assert events.statuses() == [DeviceStatus.OFFLINE]  # said once, not at every try
        with SimulatedModule(link=port, timing_scale=0.25) as module:
            until(lambda: reader.state.status is DeviceStatus.READY)
            until(lambda: "reset" in backoff.log)
            module.place(sample(1))
            until(lambda: events.of(CardInserted))
            mark = len(backoff.log)
        # Unplugged: the card counts as out, and the first pause is the shortest again.
        until(lambda: events.of(CardRemoved))
        pauses = until(lambda: [p for p in backoff.log[mark:] if p != "reset"])
        assert pauses[0] == 0.02
        assert reader.state.status is DeviceStatus.OFFLINE


class Buggy(IdReader):
    """The ID reader with a bug in its first `bugs` polls after a card is placed."""

    def __init__(self, *args: Any, bugs: int = 1, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.bugs = bugs
        self.armed = threading.Event()

    def _cycle(self, link: ModuleLink) -> None:
        if self.armed.is_set() and self.bugs > 0:
            self.bugs -= 1
            raise RuntimeError("a bug in the driver")
        super()._cycle(link)


def test_a_bug_in_a_cycle_is_logged_and_survived(
    port: str, caplog: pytest.LogCaptureFixture
) -> None:
    events = Events()
    backoff = Recorded(0.02, 0.16)
    with (
        SimulatedModule(link=port, timing_scale=0.25) as module,
        Buggy(events, port=port, backoff=backoff, bugs=2, **QUICK) as reader,
    ):
        until(lambda: reader.state.status is DeviceStatus.READY)
        reader.armed.set()
        error = until(lambda: [s for s in events.states() if s.status is DeviceStatus.ERROR])
        assert error[0].detail == UNEXPECTED
        # The port is opened again and the reader works as before.
        module.place(sample(2))
        inserted = until(lambda: events.of(CardInserted))
        assert inserted[0].identity.name == "陈志远"
        assert reader.alive and reader.state.status is DeviceStatus.READY
    assert caplog.text.count("idreader: unexpected failure; opening the device again") == 2
    # Two bugs in a row wait longer the second time; a good round starts the pause over.
    bug_pauses = [p for p in backoff.log if p != "reset"][:2]
    assert bug_pauses == [0.02, 0.04]
    assert backoff.log[-1] == "reset"
