"""Maintenance mode's device tests through the maintenance service, against the real
simulators: each passes on a healthy device and names the fault on a broken one — the printer
out of paper, the fingerprint sensor silent, the camera gone (pcscd stopped:
tests/test_doctor_card.py). Every test is in the audit trail."""

from __future__ import annotations

import os

from drivers.camera import scenes
from drivers.fingerprint.sim import SimulatedSensor
from drivers.printer.sim import SimulatedPrinter
from kiosk.config import load_config
from services import doctor
from services.doctor import Verdict
from services.maintenance import Maintenance


def test_each_device_passes_when_healthy_and_its_fault_is_named_when_broken(tmp_path):
    scene = scenes.write_image(scenes.draw("portrait"), tmp_path / "portrait.png")
    link = tmp_path / "ttyFP"
    with (
        SimulatedPrinter(tmp_path / "paper", paper_mm=58) as printer,
        SimulatedSensor(link=link, timing_scale=0.05, seed=1) as sensor,
    ):
        path = tmp_path / "kiosk.toml"
        path.write_text(
            f'[kiosk]\nid = "kiosk-devices"\ndata_dir = "{tmp_path / "data"}"\n'
            f"[printer]\nport = {printer.port}\npaper_mm = 58\nstatus_timeout_seconds = 2.0\n"
            f'[devices]\nfingerprint_port = "{link}"\n'
            f'[camera]\nsource = "{scene}"\n'
        )
        config = load_config(path)
        m = Maintenance(config)
        m.session = "offline-20261205"  # signed in (tests/test_maintenance.py signs in)

        def technician(words: str) -> None:
            """Does what the fingerprint test asks: presses a finger, lifts it."""
            if "抬起" in words:
                sensor.remove()
            elif "按" in words or "放" in words:
                sensor.place("technician")

        healthy = {name: m.test(name, technician) for name in ("printer", "fingerprint", "camera")}
        assert {n: (c.verdict, c.code) for n, c in healthy.items()} == {
            "printer": (Verdict.OK, "printer.ok"),
            "fingerprint": (Verdict.OK, "fingerprint.enrolled"),
            "camera": (Verdict.OK, "camera.ok"),
        }, {n: c.detail for n, c in healthy.items()}

        printer.paper_out()
        out = m.test("printer")
        assert (out.verdict, out.code, out.words) == (
            Verdict.FAIL,
            "printer.paper_out",
            "打印机缺纸，请装纸",
        )

    controller, peer = os.openpty()  # a sensor's port where nothing answers
    try:
        devices = config.devices.model_copy(update={"fingerprint_port": os.ttyname(peer)})
        camera = config.camera.model_copy(update={"source": "/dev/video-gone"})
        m.config = config.model_copy(update={"devices": devices, "camera": camera})
        silent = m.test("fingerprint")
    finally:
        os.close(controller)
        os.close(peer)
    gone = m.test("camera")
    assert (silent.verdict, silent.code) == (Verdict.FAIL, "fingerprint.silent"), silent.detail
    assert (gone.verdict, gone.code) == (Verdict.FAIL, "camera.cannot_open"), gone.detail
    trail = [(e.action, e.outcome) for e in m.pending()]
    assert trail == [
        ("test:printer", "ok"),
        ("test:fingerprint", "ok"),
        ("test:camera", "ok"),
        ("test:printer", "fail"),
        ("test:fingerprint", "fail"),
        ("test:camera", "fail"),
    ]


def test_all_at_once_gives_every_check_and_audits_each(tmp_path):
    from services.doctor import NAMES

    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-all"\ndata_dir = "{tmp_path / "data"}"\n'
        "[printer]\nenabled = false\n[camera]\nenabled = false\n"
        '[devices]\npcsc = false\nidreader = false\n[ui]\nvoice = "mock"\n'
    )
    m = Maintenance(load_config(path))
    m.session = "offline-20261205"
    checks = m.test_all()
    assert [c.name for c in checks] == list(NAMES)
    verdicts = {c.name: (c.verdict, c.code) for c in checks}
    assert verdicts["printer"] == (Verdict.SKIP, "printer.none")
    assert verdicts["hub"] == (Verdict.FAIL, "hub.not_enrolled")
    assert [e.action for e in m.pending()] == [f"test:{n}" for n in NAMES]


def test_inside_the_kiosk_the_id_module_is_tested_by_its_drivers_state(tmp_path):
    """The running kiosk's driver holds the module's port exclusively: the test asks the
    driver's state rather than open the port again (which would fail and blame the module)."""
    from kiosk.devices import DeviceState, DeviceStatus

    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-live"\ndata_dir = "{tmp_path / "data"}"\n'
        '[devices]\nidreader_port = "/dev/ttyUSB-held-by-the-kiosk"\n'
    )
    states = {"idreader": DeviceState("idreader", DeviceStatus.READY, "on /dev/ttyUSB0 at 115200")}
    m = Maintenance(load_config(path), live=states.get)
    m.session = "offline-20261205"
    ready = m.test("idreader")
    assert (ready.verdict, ready.code) == (Verdict.OK, "idreader.ok")
    assert "running kiosk" in ready.detail and "115200" in ready.detail
    states["idreader"] = DeviceState("idreader", DeviceStatus.OFFLINE, "no module answers")
    offline = m.test("idreader")
    assert (offline.verdict, offline.code) == (Verdict.FAIL, "idreader.fail")


def test_inside_the_kiosk_the_card_test_asks_the_running_id_module_driver(tmp_path):
    """The card test names the ID module's state too: inside the kiosk it is the running
    driver's (which holds the port), never a second open of the port that would fail and
    blame a healthy module; from a shell (`kiosk doctor card`) the port is opened."""
    from drivers.idreader.driver import IdReader
    from drivers.idreader.sim import SimulatedModule
    from kiosk.devices import DeviceStatus
    from tests.collect import Collected

    with SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.25, seed=3) as module:
        path = tmp_path / "kiosk.toml"
        path.write_text(
            f'[kiosk]\nid = "kiosk-live-card"\ndata_dir = "{tmp_path / "data"}"\n'
            f'[devices]\npcsc = false\nidreader_port = "{module.path}"\n'
        )
        config = load_config(path)
        events: Collected = Collected()
        quick = {"poll_interval": 0.05, "reply_timeout": 0.2, "read_timeout": 0.4}
        with IdReader(events, port=module.path, **quick) as reader:
            events.next_matching(
                lambda e: getattr(getattr(e, "state", None), "status", None) is DeviceStatus.READY,
                3.0,
                "the module never became ready",
            )
            m = Maintenance(config, live=lambda name: reader.state if name == "idreader" else None)
            m.session = "offline-20261205"
            inside = m.test("card")
            assert "ID module: ok" in inside.detail, inside.detail
            assert "running kiosk's driver" in inside.detail
            # What the old card test did inside the kiosk: the port is the driver's.
            assert doctor.check_idreader(config).verdict is not Verdict.OK
        # From a shell, nothing holds the port: `kiosk doctor card` opens it and asks.
        shell = doctor.read_card(config, wait=0.1)
        assert "ID module: ok" in shell.detail and "running kiosk" not in shell.detail


def test_inside_the_kiosk_before_the_module_reports_the_card_test_leaves_its_port_alone(
    tmp_path,
):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-live-card"\ndata_dir = "{tmp_path / "data"}"\n'
        '[devices]\npcsc = false\nidreader_port = "/dev/ttyUSB-held-by-the-kiosk"\n'
    )
    m = Maintenance(load_config(path), live=lambda name: None)
    m.session = "offline-20261205"
    check = m.test("card")
    assert "ID module: warn" in check.detail and "not reported" in check.detail


def test_inside_the_kiosk_all_at_once_and_the_bundle_leave_the_held_ports_alone(tmp_path):
    """全部测试 and 导出诊断包 inside the kiosk: the ID module by its driver's state and the
    fingerprint sensor through the kiosk's running driver, as each one's own test does; the
    ports they hold are never opened a second time (which would blame healthy devices)."""
    import tarfile

    from drivers.fingerprint.driver import FingerprintSensor
    from kiosk.devices import DeviceState, DeviceStatus

    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=5) as sim:
        running = FingerprintSensor(port=sim.path, reply_timeout=1.0).start()
        try:
            path = tmp_path / "kiosk.toml"
            path.write_text(
                f'[kiosk]\nid = "kiosk-all-live"\ndata_dir = "{tmp_path / "data"}"\n'
                "[printer]\nenabled = false\n[camera]\nenabled = false\n"
                '[devices]\npcsc = false\nidreader_port = "/dev/ttyUSB-held-by-the-kiosk"\n'
                'fingerprint_port = "/dev/ttyUSB-held-by-the-kiosk-too"\n[ui]\nvoice = "mock"\n'
            )
            module = DeviceState("idreader", DeviceStatus.READY, "on /dev/ttyUSB0 at 115200")
            m = Maintenance(
                load_config(path),
                live=lambda name: module if name == "idreader" else None,
                fingerprint_sensor=lambda: running,
            )
            m.session = "offline-20261205"
            verdicts = {c.name: (c.verdict, c.code) for c in m.test_all()}
            assert verdicts["idreader"] == (Verdict.OK, "idreader.ok")
            assert verdicts["fingerprint"] == (Verdict.OK, "fingerprint.ok")
            bundle = m.export(tmp_path / "usb", upload=False).path
        finally:
            running.stop()
    with tarfile.open(bundle) as tar:
        (checks,) = [tar.extractfile(i).read() for i in tar if i.name.endswith("checks.txt")]
    assert b"ok    idreader" in checks and b"ok    fingerprint" in checks, checks


def test_inside_the_kiosk_before_the_module_reports_its_test_leaves_the_port_alone(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-live"\ndata_dir = "{tmp_path / "data"}"\n'
        '[devices]\nidreader_port = "/dev/ttyUSB-held-by-the-kiosk"\n'
    )
    m = Maintenance(load_config(path), live=lambda name: None)
    m.session = "offline-20261205"
    check = m.test("idreader")
    assert (check.verdict, check.code) == (Verdict.WARN, "busy"), check


def test_the_speech_test_says_a_sentence_in_each_language(tmp_path):
    """The maintenance screen's speech test: the technician hears Chinese, then English."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-voice"\ndata_dir = "{tmp_path / "data"}"\n[ui]\nvoice = "mock"\n'
    )
    m = Maintenance(load_config(path))
    m.session = "offline-20261205"
    check = m.test("voice")
    assert (check.verdict, check.code) == (Verdict.OK, "voice.said"), check.detail
    assert check.detail.endswith("said zh_CN by mock-zh, en by mock-en")
