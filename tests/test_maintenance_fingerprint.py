"""Maintenance mode's fingerprint test, through the simulated sensor on a pty and the kiosk's
running driver: port, baud, packet size and handshake, the technician's own finger pressed
twice (each press judged), matched 1:1 and against its template downloaded into the sensor,
what to do said as it goes; setting the link's speed once, kept with the camera's calibration."""

from __future__ import annotations

import json
from pathlib import Path

from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH
from drivers.fingerprint.driver import FingerprintSensor
from drivers.fingerprint.sim import SimulatedSensor
from kiosk import calibration
from kiosk.config import CameraSection, load_config
from services.doctor import Verdict
from services.maintenance import Maintenance


def _maintenance(tmp_path: Path, sensor: FingerprintSensor, port: str) -> Maintenance:
    override = tmp_path / "kiosk.toml"
    override.write_text(
        f'[kiosk]\nid = "kiosk-fp"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[devices]\nfingerprint_port = "{port}"\n'
    )
    m = Maintenance(load_config(override), fingerprint_sensor=lambda: sensor)
    m.session = "offline-20261205"  # signed in (tests/test_maintenance.py signs in)
    return m


def test_the_technicians_finger_through_the_running_sensor(tmp_path: Path) -> None:
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=4) as sim:
        sensor = FingerprintSensor(port=sim.path, reply_timeout=1.0).start()
        try:
            m = _maintenance(tmp_path, sensor, sim.path)
            asked: list[str] = []

            def technician(words: str) -> None:
                asked.append(words)
                if "抬起" in words:
                    sim.remove()
                elif "按" in words or "放" in words:
                    sim.place("technician")

            check = m.test("fingerprint", technician)
            assert check.verdict is Verdict.OK, check
            assert check.words == "指纹仪正常：录入并比对成功"
            for part in (f"port {sim.path}", "57600 baud", "128-byte packets", "handshake ok"):
                assert part in check.detail
            assert check.detail.count("good (") == 2
            assert "downloaded template: 200" in check.detail
            assert asked[0] == "请把手指平放在指纹仪上" and asked[-1] == ""
            assert sim.library == {} and sim.char_buffer(1) == bytes(512)
            assert [e.action for e in m.pending()] == ["test:fingerprint"]
            # The last press's image and its quality, for the screen: handed over once.
            taken = m.take_print()
            assert taken is not None and len(taken.image) == IMAGE_WIDTH * IMAGE_HEIGHT
            assert taken.quality.good
            assert m.take_print() is None

            # The link's speed, set once from the maintenance screen, kept and in force.
            calibration.save(m.config.data_dir(), CameraSection(rotation=90))
            check = m.set_fingerprint_link(115200)
            assert check.verdict is Verdict.OK, check
            assert sim.baud == 115200 and sensor.port == (sim.path, 115200)
            config = load_config(tmp_path / "kiosk.toml")
            assert config.devices.fingerprint_baud == 115200
            assert config.camera.rotation == 90  # the camera's calibration is kept
            assert m.config.devices.fingerprint_baud == 115200
            health = {h.name: h.detail for h in calibration.health(m.config.data_dir())}
            assert health["fingerprint:calibration"] == "baud 115200, packet size 128"
            assert "rotation 90" in health["camera:calibration"]
            assert [e.action for e in m.pending()][-1] == "calibrate:fingerprint:115200"
            writes = sim.flash_writes
            sensor.close()
            sensor.handshake()  # found again at once, nothing written
            assert sim.flash_writes == writes
        finally:
            sensor.stop()


def _technician(sim: SimulatedSensor):
    def act(words: str) -> None:
        if "抬起" in words:
            sim.remove()
        elif "按" in words or "放" in words:
            sim.place("technician")

    return act


def test_the_port_opened_by_the_test_gives_its_image_too(tmp_path: Path) -> None:
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=5) as sim:
        override = tmp_path / "kiosk.toml"
        override.write_text(
            f'[kiosk]\nid = "kiosk-fp"\ndata_dir = "{tmp_path / "data"}"\n'
            f'[devices]\nfingerprint_port = "{sim.path}"\n'
        )
        m = Maintenance(load_config(override))
        m.session = "offline-20261205"
        check = m.test("fingerprint", _technician(sim))
        assert check.verdict is Verdict.OK, check
        taken = m.take_print()
        assert taken is not None and taken.quality.good
        # Nothing of the finger was written anywhere.
        assert not [p for p in tmp_path.rglob("*") if p.suffix in (".png", ".pgm", ".bmp")]


def test_the_maintenance_screen_shows_the_fingerprint_then_drops_it(
    qtbot, qapp, config, catalog, tmp_path
) -> None:
    from PySide6.QtCore import QSize

    from tests.test_maintenance_cameras import RENDERS
    from tests.test_ui import find, tap
    from ui import maintenance as screens
    from ui.fingerprint_image import FingerprintImageProvider

    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=6) as sim:
        from ui.app import create_app

        cfg = config.model_copy(
            update={
                "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
                "devices": config.devices.model_copy(update={"fingerprint_port": sim.path}),
                "ui": config.ui.model_copy(
                    update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
                ),
            }
        )
        app = create_app(cfg, catalog, windowed=True)
        try:
            vm = app.maintenance
            vm._tasks.service.session = "offline-20261205"
            vm._set(step="menu")
            act = _technician(sim)
            vm.changed.connect(lambda: act(vm.prompt))
            qtbot.waitUntil(lambda: find(app, "maintenanceTest_fingerprint").width() > 0)
            tap(qtbot, app, "maintenanceTest_fingerprint")
            qtbot.waitUntil(lambda: vm.busy == "" and vm.fingerprintUrl != "", timeout=30000)
            assert vm.fingerprintUrl.startswith("image://maintenance/fingerprint/")
            shown = find(app, "maintenanceFingerprintImage")
            qtbot.waitUntil(shown.isVisible)
            quality = json.loads(vm.fingerprintQuality)
            assert quality["verdict"] == "good" and 0 < quality["area"] <= 1
            # Drawn from memory as the resident's fingerprint is (ui.fingerprint_image).
            image = FingerprintImageProvider(vm.fingerprint_image).requestImage(
                "fingerprint/1", QSize(), QSize()
            )
            assert (image.width(), image.height()) == (IMAGE_WIDTH, IMAGE_HEIGHT)
            assert vm.fingerprint_image() is not None
            if RENDERS is not None:
                RENDERS.mkdir(parents=True, exist_ok=True)
                app.window.grabWindow().save(str(RENDERS / "maintenance-fingerprint.png"))
            # A minute after the test the finger is dropped from memory.
            start = vm.clock()
            vm.clock = lambda: start + screens.PRINT_SHOWN_S + 1
            vm._check_idle()
            assert vm.fingerprintUrl == "" and vm.fingerprint_image() is None
            qtbot.waitUntil(lambda: not shown.isVisible())
        finally:
            app.close()
