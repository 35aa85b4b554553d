"""Maintenance mode's fingerprint test, through the simulated sensor on a pty and the kiosk's
running driver: port, baud, packet size and handshake, the technician's own finger pressed
twice (each press judged), matched 1:1 and against its template downloaded into the sensor,
what to do said as it goes; setting the link's speed once, kept with the camera's calibration."""

from __future__ import annotations

from pathlib import Path

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
