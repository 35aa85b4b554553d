"""The fingerprint driver against the simulated sensor on a real pty: every command, every
fault the simulator injects, random bytes, the fast upload and its fall back, the port
vanishing and returning, probing. Processing delays are scaled down; the wire keeps its speed."""

from __future__ import annotations

import argparse
import io
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.events import DriverEvent, StatusChanged
from drivers.fingerprint import console
from drivers.fingerprint.codec import IMAGE_SIZE, BadChecksum, Code, Instruction, PacketError
from drivers.fingerprint.driver import Cancelled, CaptureTimeout, FingerprintSensor
from drivers.fingerprint.link import NoReply, PortLost, SensorError
from drivers.fingerprint.sim import (
    Fault,
    Quality,
    SimulatedSensor,
    generated_image,
    image_from_file,
    template_of,
)
from kiosk.devices import DeviceStatus
from tests.camera_helpers import wait_for
from tests.collect import Collected

QUICK: dict[str, Any] = {"reply_timeout": 0.25, "backoff": (0.05, 0.2), "watch_interval": 0.1}
SMALL = 4096  # image bytes where the test is not about upload speed


class Events(Collected[DriverEvent]):
    def statuses(self) -> list[DeviceStatus]:
        return [e.state.status for e in self.items() if isinstance(e, StatusChanged)]

    def wait_for(self, status: DeviceStatus, after: int = 0, timeout: float = 5.0) -> None:
        """Until `status` is said, after the first `after` statuses."""
        self.wait_until(
            lambda _: True if status in self.statuses()[after:] else None, timeout, f"no {status}"
        )


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedSensor]:
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=1) as s:
        yield s


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def sensor(sim: SimulatedSensor, events: Events) -> Iterator[FingerprintSensor]:
    s = FingerprintSensor(events, port=sim.path, **QUICK)
    s.open()
    yield s
    s.stop()


def place_small(sim: SimulatedSensor, name: str = "alice", **kw: Any) -> bytes:
    image = generated_image(name, SMALL)
    sim.place(name, image=image, **kw)
    return image


def test_open_reads_the_system_parameters(sensor: FingerprintSensor, events: Events) -> None:
    assert sensor.state.status is DeviceStatus.READY
    assert sensor.params is not None
    assert (sensor.params.baud, sensor.params.packet_size, sensor.params.capacity) == (
        57600,
        128,
        300,
    )
    assert sensor.read_params() == sensor.params
    sensor.handshake()
    sensor.verify_password()
    assert events.statuses()[0] is DeviceStatus.READY


def test_a_wrong_password_is_an_error(sim: SimulatedSensor, events: Events) -> None:
    sensor = FingerprintSensor(events, port=sim.path, password=1234, **QUICK)
    with pytest.raises(SensorError, match="password is wrong") as e:
        sensor.open()
    assert e.value.code == Code.WRONG_PASSWORD
    assert sensor.state.status is DeviceStatus.ERROR


def test_capture_waits_for_a_finger_then_for_it_to_lift(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    threading.Timer(0.3, lambda: place_small(sim)).start()
    started = time.monotonic()
    sensor.capture(timeout=3)
    assert 0.3 <= time.monotonic() - started < 2
    threading.Timer(0.3, sim.remove).start()
    sensor.wait_removed(timeout=3)


@pytest.mark.parametrize("quality", [None, Quality.FAIL])
def test_capture_gives_up_at_its_timeout(
    sim: SimulatedSensor, sensor: FingerprintSensor, quality: Quality | None
) -> None:
    if quality is not None:
        place_small(sim, quality=quality)
    started = time.monotonic()
    with pytest.raises(CaptureTimeout, match=r"no finger was placed within 0\.5 s"):
        sensor.capture(timeout=0.5)
    assert time.monotonic() - started < 1.0
    assert sensor.state.status is DeviceStatus.READY


def test_upload_of_a_whole_image_at_the_calibrated_rate(tmp_path: Path, events: Events) -> None:
    with SimulatedSensor(baud=115200, packet_size=256, timing_scale=0.05) as sim:
        sensor = FingerprintSensor(events, port=sim.path, baud=115200, packet_size=256, **QUICK)
        try:
            sim.place("alice")
            sensor.capture(timeout=2)
            started = time.monotonic()
            image = sensor.upload_image()
            took = time.monotonic() - started
        finally:
            sensor.stop()
        assert image == generated_image("alice") and len(image) == IMAGE_SIZE
        # The wire at 115200 with 256-byte packets needs 3.34 s.
        assert 3.3 < took < 4.5
        # The link's speed is configuration: nothing was written to the sensor.
        assert Instruction.SET_SYS_PARA not in sim.instructions_seen and sim.flash_writes == 0


def test_a_link_that_drops_everything_above_57600_never_loses_the_sensor(
    tmp_path: Path, events: Events
) -> None:
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=3) as sim:
        sim.drop_above, sim.drop_every = 57600, 1
        # Even told (wrongly) that the link carries 115200, the driver finds the sensor where
        # it is and works there, whatever it is asked to do, again and again.
        sensor = FingerprintSensor(events, port=sim.path, baud=115200, **QUICK)
        try:
            sensor.start()
            events.wait_for(DeviceStatus.READY)
            assert sensor.port == (sim.path, 57600)
            assert "calibrated 115200" in sensor.state.detail
            for name in ("alice", "bob", "carol"):
                image = place_small(sim, name)
                sensor.capture(timeout=2)
                assert sensor.upload_image(expect=SMALL) == image
                sensor.image_to_template(1)
                sim.remove()
                sensor.wait_removed(timeout=2)
                sim.place(name, image=image)
                sensor.capture(timeout=2)
                sensor.image_to_template(2)
                sensor.register_model()
                assert sensor.upload_template(1) == template_of(name)
                assert sensor.verify(template_of(name)) == 200
                sensor.wipe(image=False)
                sensor.close()  # and found again by the next operation
            assert sensor.template_count() == 0
        finally:
            sensor.stop()
        assert Instruction.SET_SYS_PARA not in sim.instructions_seen
        assert sim.flash_writes == 0 and sim.baud == 57600
        assert sensor.state.status is DeviceStatus.READY or not sensor.state.status


def test_a_sensor_left_fast_with_large_packets_is_put_back_once(
    tmp_path: Path, events: Events
) -> None:
    # What an interrupted fast upload of the former driver left behind: 115200, 256 bytes.
    with SimulatedSensor(baud=115200, packet_size=256, timing_scale=0.05) as sim:
        sensor = FingerprintSensor(events, port=sim.path, baud=57600, packet_size=128, **QUICK)
        sensor.open()
        assert (sim.baud, sim.packet_size) == (57600, 128)
        assert sensor.port == (sim.path, 57600) and sensor.params is not None
        assert sensor.params.packet_size == 128
        assert sensor.recovered == ["packet size 256 → 128", "baud 115200 → 57600"]
        assert sim.flash_writes == 2
        sensor.close()
        sensor.open()
        sensor.handshake()
        assert sim.flash_writes == 2  # in calibration now: nothing more is written
        sensor.close()


@pytest.mark.parametrize("packet_size", [32, 64, 128, 256])
@pytest.mark.parametrize("baud", [9600, 19200, 38400, 57600, 115200])
def test_a_sensor_left_at_any_standard_rate_and_packet_size_is_found_and_works(
    events: Events, baud: int, packet_size: int
) -> None:
    with SimulatedSensor(baud=baud, packet_size=packet_size, timing_scale=0.05) as sim:
        sensor = FingerprintSensor(events, port=sim.path, baud=57600, packet_size=128, **QUICK)
        try:
            sensor.open()
            image = place_small(sim, "alice")
            sensor.capture(timeout=2)
            assert sensor.upload_image(expect=SMALL) == image
            # Put back to calibration where that is safe (never a rate raised by the driver).
            assert sim.packet_size == 128 and sim.baud == min(baud, 57600)
            assert sim.flash_writes == (packet_size != 128) + (baud > 57600)
        finally:
            sensor.stop()


def test_the_technician_sets_only_a_rate_the_probe_finds(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    # 76800 is N × 9600 and the sensor would take it; found again only by its calibration.
    with pytest.raises(ValueError, match="not one the kiosk finds the sensor at"):
        sensor.configure(baud=76800)
    assert sim.baud == 57600 and sim.flash_writes == 0
    sensor.handshake()


def test_a_sensor_left_slower_is_used_where_it_is(tmp_path: Path, events: Events) -> None:
    with SimulatedSensor(baud=9600, packet_size=32, timing_scale=0.05) as sim:
        sensor = FingerprintSensor(events, port=sim.path, baud=57600, packet_size=None, **QUICK)
        sensor.open()
        image = generated_image("alice", 512)
        sim.place("alice", image=image)
        sensor.capture(timeout=2)
        assert sensor.upload_image(expect=512) == image  # in 32-byte packets, as it sends them
        assert sensor.port == (sim.path, 9600)
        assert "calibrated 57600" in sensor.state.detail
        assert sim.flash_writes == 0  # a rate below the calibrated one is never raised
        sensor.close()


def test_the_technician_sets_the_rate_once_and_it_is_proved(
    sim: SimulatedSensor, events: Events
) -> None:
    # The proof is a whole image each way: a sensor's usual patience, on a loaded machine.
    sensor = FingerprintSensor(events, port=sim.path, reply_timeout=1.0)
    sensor.open()
    params = sensor.configure(baud=115200, packet_size=256)
    assert (params.baud, params.packet_size) == (115200, 256)
    assert (sim.baud, sim.packet_size) == (115200, 256)
    assert sensor.port == (sim.path, 115200)
    writes = sim.flash_writes
    params = sensor.configure(baud=57600)
    assert (sim.baud, params.baud) == (57600, 57600) and sim.flash_writes == writes + 1
    # A link that loses a byte in a thousand at 115200: the handshake passes, the proof does
    # not, and the sensor is put back where it was.
    sim.drop_above, sim.drop_every = 57600, 997
    with pytest.raises(NoReply, match="115200 baud loses bytes on this link"):
        sensor.configure(baud=115200)
    assert sim.baud == 57600
    sensor.handshake()
    assert sensor.port == (sim.path, 57600)
    sensor.close()


def test_verify_a_live_finger_against_a_downloaded_template(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    place_small(sim, "alice")
    sensor.capture(timeout=2)
    sensor.image_to_template(1)
    assert sensor.verify(template_of("alice")) == 200
    assert sim.char_buffer(2) == template_of("alice")
    assert sensor.verify(template_of("bob")) is None
    with pytest.raises(SensorError, match="no such setting"):
        sensor.download_template(template_of("bob"), 3)


def test_the_sensor_is_wiped(sim: SimulatedSensor, sensor: FingerprintSensor) -> None:
    place_small(sim, "alice")
    sensor.capture(timeout=2)
    sensor.image_to_template(1)
    sensor.image_to_template(2)
    sensor.wipe()
    # The last data packet is on its way when wipe() returns; a sensor takes it in order.
    wait_for(lambda: sim.image_buffer == b"\xff" * IMAGE_SIZE)
    assert sim.char_buffer(1) == bytes(512) and sim.char_buffer(2) == bytes(512)
    assert sim.library == {}


def test_upload_without_an_image_is_refused(sensor: FingerprintSensor) -> None:
    with pytest.raises(SensorError, match="could not send the image"):
        sensor.upload_image()


def test_enrol_search_match_delete(sim: SimulatedSensor, sensor: FingerprintSensor) -> None:
    place_small(sim, "alice")
    sensor.capture(timeout=2)
    sensor.image_to_template(1)
    sensor.capture(timeout=2)
    sensor.image_to_template(2)
    assert sensor.match() == 200
    sensor.register_model()
    assert sensor.upload_template(1) == template_of("alice")
    sensor.store(7)
    assert sensor.template_count() == 1
    assert sensor.search() == (7, 180)
    place_small(sim, "bob")
    sensor.capture(timeout=2)
    sensor.image_to_template(2)
    assert sensor.match() is None
    with pytest.raises(SensorError, match="not of the same finger"):
        sensor.register_model()
    sensor.image_to_template(1)
    assert sensor.search() is None
    with pytest.raises(SensorError, match="does not exist") as e:
        sensor.store(5000)
    assert e.value.code == Code.BAD_LOCATION
    sensor.delete(7)
    assert sensor.template_count() == 0
    sim.enrol(1, "x")
    sim.enrol(2, "y")
    assert sensor.template_count() == 2
    sensor.empty()
    assert sensor.template_count() == 0
    assert sensor.state.status is DeviceStatus.READY


@pytest.mark.parametrize(
    ("quality", "code"), [(Quality.MESSY, Code.TOO_MESSY), (Quality.FEW, Code.FEW_FEATURES)]
)
def test_poor_images_ask_for_the_finger_again(
    sim: SimulatedSensor, sensor: FingerprintSensor, quality: Quality, code: Code
) -> None:
    place_small(sim, quality=quality)
    sensor.capture(timeout=2)
    with pytest.raises(SensorError) as e:
        sensor.image_to_template(1)
    assert e.value.code == code


def test_no_image_no_features(sensor: FingerprintSensor) -> None:
    with pytest.raises(SensorError, match="no valid image"):
        sensor.image_to_template(1)


def test_noise_before_a_reply_is_skipped(sim: SimulatedSensor, sensor: FingerprintSensor) -> None:
    sim.inject(Fault.NOISE, 5)
    for _ in range(5):
        assert sensor.template_count() == 0
    assert sim.instructions_seen.count(Instruction.TEMPLATE_NUM) == 5  # no retries needed


DAMAGE = [Fault.CHECKSUM, Fault.CUT, Fault.SILENCE]


@pytest.mark.parametrize("fault", DAMAGE)
def test_each_fault_once_is_retried_away(
    sim: SimulatedSensor, sensor: FingerprintSensor, fault: Fault
) -> None:
    sim.enrol(3, "x")
    sim.inject(fault, 1, Instruction.TEMPLATE_NUM)
    assert sensor.template_count() == 1
    assert sim.instructions_seen.count(Instruction.TEMPLATE_NUM) == 2
    assert sensor.state.status is DeviceStatus.READY


@pytest.mark.parametrize("fault", DAMAGE)
def test_a_lasting_fault_is_reported_within_the_timeout(
    sim: SimulatedSensor, sensor: FingerprintSensor, fault: Fault
) -> None:
    sim.inject(fault, 3, Instruction.TEMPLATE_NUM)
    started = time.monotonic()
    with pytest.raises((PacketError, NoReply)):
        sensor.template_count()
    assert time.monotonic() - started < 3 * (0.25 + 0.1) + 0.5
    expected = DeviceStatus.ERROR if fault is Fault.CHECKSUM else DeviceStatus.OFFLINE
    assert sensor.state.status is expected
    assert sensor.template_count() == 0  # and then it is well again
    assert sensor.state.status is DeviceStatus.READY


@pytest.mark.parametrize("fault", [Fault.CHECKSUM, Fault.CUT, Fault.NOISE])
def test_a_damaged_upload_is_fetched_again(
    sim: SimulatedSensor, sensor: FingerprintSensor, fault: Fault
) -> None:
    image = place_small(sim)
    sensor.capture(timeout=2)
    sim.inject(fault, 1, Instruction.UP_IMAGE)
    assert sensor.upload_image(expect=SMALL) == image


def test_commands_that_change_the_sensor_are_not_repeated(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    place_small(sim)
    sensor.capture(timeout=2)
    sensor.image_to_template(1)
    sim.inject(Fault.CHECKSUM, 1, Instruction.STORE)
    with pytest.raises(BadChecksum):
        sensor.store(4)
    assert sim.instructions_seen.count(Instruction.STORE) == 1


def test_noise_and_random_bytes_on_the_line(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    rng = random.Random(6)
    for size in (1, 17, 300, 2000):
        sim.send_noise(size)
        sim.send_bytes(b"\xef\x01" + rng.randbytes(size))
        time.sleep(0.02)
        assert sensor.template_count() == 0


def test_a_sensor_that_never_answers_costs_only_the_timeout(
    sim: SimulatedSensor, sensor: FingerprintSensor
) -> None:
    sim.inject(Fault.SILENCE, 100)
    started = time.monotonic()
    with pytest.raises(NoReply):
        sensor.handshake()
    with pytest.raises(NoReply, match="no fingerprint sensor answers"):
        sensor.handshake()  # reconnecting probes every rate, each within its timeout
    assert time.monotonic() - started < 5
    assert sensor.state.status is DeviceStatus.OFFLINE


def test_the_port_vanishes_and_returns(tmp_path: Path, events: Events) -> None:
    link = tmp_path / "ttyFP"
    first = SimulatedSensor(link=link, timing_scale=0.05)
    sensor = FingerprintSensor(events, port=str(link), **QUICK)
    try:
        sensor.start()
        events.wait_for(DeviceStatus.READY)
        mark = len(events.statuses())
        first.close()
        events.wait_for(DeviceStatus.OFFLINE, after=mark)
        with pytest.raises((PortLost, NoReply)):
            sensor.template_count()
        mark = len(events.statuses())
        with SimulatedSensor(link=link, timing_scale=0.05) as second:
            second.enrol(0, "x")
            events.wait_for(DeviceStatus.READY, after=mark)
            assert sensor.template_count() == 1
    finally:
        sensor.stop()
        first.close()


def test_probing_finds_the_sensor_at_another_rate(tmp_path: Path, events: Events) -> None:
    with SimulatedSensor(baud=19200, timing_scale=0.05) as sim:
        sensor = FingerprintSensor(
            events, probe_ports=[str(tmp_path / "nothing"), sim.path], **QUICK
        )
        sensor.open()
        assert sensor.port == (sim.path, 19200)
        sensor.close()
        # A configured port at the wrong rate: found at the rate it is really at.
        sensor = FingerprintSensor(events, port=sim.path, baud=57600, **QUICK)
        sensor.open()
        assert sensor.port == (sim.path, 19200)
        sensor.close()
        assert sim.flash_writes == 0


def test_no_sensor_anywhere(tmp_path: Path, events: Events) -> None:
    sensor = FingerprintSensor(events, probe_ports=[str(tmp_path / "nothing")], **QUICK)
    with pytest.raises(PortLost, match="cannot open"):
        sensor.open()
    assert sensor.state.status is DeviceStatus.OFFLINE


def test_an_image_from_a_file(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "finger.png"
    Image.new("L", (100, 100), 0x80).save(path)
    image = image_from_file(path)
    assert len(image) == IMAGE_SIZE and set(image) == {0x88}


def test_a_capture_can_be_cancelled(sensor: FingerprintSensor) -> None:
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        sensor.capture(timeout=5, cancel=cancel)
    assert time.monotonic() - started < 1
    assert sensor.state.status is DeviceStatus.READY


def test_the_simulator_console(tmp_path: Path) -> None:
    args = argparse.Namespace(
        baud=57600, packet_size=128, link=str(tmp_path / "ttyFP"), timing=0.05, password=0
    )
    commands = (
        "place bob messy\nenrol 3 x\nlibrary\nfault cut 2 up_image\nfault bad\n"
        "drop 57600\nstate\nclear\nnoise 10\nbogus\nquit\n"
    )
    out = io.StringIO()
    assert console.run(args, io.StringIO(commands), out) == 0
    text = out.getvalue()
    assert text.startswith(f"port: {tmp_path / 'ttyFP'}\n")
    for expected in (
        "placed bob's finger (messy)",
        "pages in use: [3]",
        "cut on the next 2",
        "error: fault takes one of",
        "losing one byte in 997 above 57600",
        "57600 baud, 128-byte packets, finger: bob (messy)",
        "error: unknown command",
    ):
        assert expected in text
    assert not (tmp_path / "ttyFP").exists()
