"""`kiosk doctor`: the technicians' checks from a shell, against the real simulators — one
line per check, a verdict in plain words and the technical detail, exit status 1 on a fault."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cv2
from PIL import Image

from drivers.camera import scenes
from drivers.fingerprint.sim import SimulatedSensor, generated_image
from drivers.printer.sim import SimulatedPrinter
from kiosk.config import load_config
from tests.print_helpers import decode_qr
from ui.cli import main


def _override(tmp_path, body: str) -> str:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n{body}')
    return str(path)


def _override_path(tmp_path):
    from pathlib import Path

    return Path(_override(tmp_path, ""))


def _printer(tmp_path, port: int) -> str:
    return _override(
        tmp_path,
        f"[printer]\nport = {port}\npaper_mm = 58\nstatus_timeout_seconds = 2.0\n",
    )


def test_a_healthy_printer_passes_and_prints_the_test_page(tmp_path, capsys):
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        status = main(
            ["--config", _printer(tmp_path, sim.port), "doctor", "printer", "--test-page"]
        )
        assert status == 0
        assert sim.wait_for(1)
        (page,) = sim.receipts
        assert decode_qr(Image.open(page.path)) == "https://example.invalid/print-test"
    out = capsys.readouterr().out
    assert out.startswith("ok    printer     打印机正常 (ready; 58 mm")
    assert "ok    test-page" in out


def test_a_printer_out_of_paper_is_named(tmp_path, capsys):
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        sim.paper_out()
        assert main(["--config", _printer(tmp_path, sim.port), "doctor", "printer", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    (check,) = report["checks"]
    assert (check["name"], check["verdict"], check["words"]) == (
        "printer",
        "fail",
        "打印机缺纸，请装纸",
    )
    assert check["detail"].startswith("out of paper")


def test_a_printer_that_is_gone_is_named(tmp_path, capsys):
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        port = sim.port
    assert main(["--config", _printer(tmp_path, port), "doctor", "printer"]) == 1
    assert "fail  printer     打印机没有应答" in capsys.readouterr().out


def test_the_camera_gives_a_frame_and_a_snapshot_and_a_missing_one_is_named(tmp_path, capsys):
    scene = scenes.write_image(scenes.draw("portrait"), tmp_path / "portrait.png")
    shot = tmp_path / "shot.png"
    config = _override(tmp_path, f'[camera]\nsource = "{scene}"\n')
    assert main(["--config", config, "doctor", "camera", "--snapshot", str(shot)]) == 0
    assert "ok    camera      摄像头正常" in capsys.readouterr().out
    assert cv2.imread(str(shot)) is not None

    gone = _override(tmp_path, '[camera]\nsource = "/dev/video-gone"\n')
    assert main(["--config", gone, "doctor", "camera"]) == 1
    assert "fail  camera      摄像头打不开" in capsys.readouterr().out


def test_the_fingerprint_sensor_answers_and_its_image_is_written(tmp_path, capsys):
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=1) as sim:
        sim.place("technician")
        image = tmp_path / "finger.png"
        args = ["doctor", "fingerprint", "--port", str(tmp_path / "ttyFP"), "--image", str(image)]
        assert main(["--config", _override(tmp_path, ""), *args]) == 0
    out = capsys.readouterr().out
    assert "ok    fingerprint 指纹清晰" in out
    assert cv2.imread(str(image), cv2.IMREAD_GRAYSCALE).shape == (288, 256)


def test_the_technician_sets_the_fingerprint_link_once_and_it_is_kept(tmp_path, capsys):
    override = _override(tmp_path, "")
    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=1) as sim:
        port = str(tmp_path / "ttyFP")
        args = ["doctor", "fingerprint", "--port", port, "--set-baud", "115200"]
        assert main(["--config", override, *args, "--packet-size", "256"]) == 0
        assert (sim.baud, sim.packet_size) == (115200, 256)
        out = capsys.readouterr().out
        assert "115200 baud, 256-byte packets" in out and "saved in calibration.toml" in out
        devices = load_config(_override_path(tmp_path)).devices
        assert (devices.fingerprint_baud, devices.fingerprint_packet_size) == (115200, 256)
        # From now on it is found there, and nothing more is written into it.
        writes = sim.flash_writes
        assert main(["--config", override, "doctor", "fingerprint", "--port", port]) == 0
        assert sim.flash_writes == writes
        assert "115200 baud" in capsys.readouterr().out
        # A rate that is not one of the sensor's is refused before anything is sent.
        args = ["doctor", "fingerprint", "--port", port, "--set-baud", "100000"]
        assert main(["--config", override, *args]) == 1
        assert sim.baud == 115200


def test_the_technicians_own_finger_is_enrolled_and_matched(tmp_path):
    from services import doctor

    with SimulatedSensor(link=tmp_path / "ttyFP", timing_scale=0.05, seed=1) as sim:
        asked: list[str] = []

        def technician(words: str) -> None:
            asked.append(words)
            if "抬起" in words:
                sim.remove()
            elif "按" in words or "放" in words:
                sim.place("technician", image=generated_image("technician", 36864))

        config = load_config(_override_path(tmp_path))
        check = doctor.check_fingerprint(
            config, port=str(tmp_path / "ttyFP"), enrol=True, on_step=technician
        )
        assert check.verdict is doctor.Verdict.OK, check
        assert check.words == "指纹仪正常：录入并比对成功"
        assert "third press 1:1 against the downloaded template: 200" in check.detail
        assert check.detail.count("good (") == 2  # both presses judged
        assert asked[0] == "请把手指平放在指纹仪上" and "请第三次按同一个手指" in asked
        # Nothing of the technician's finger stays in the sensor.
        assert sim.char_buffer(1) == bytes(512) and sim.library == {}

        # A stranger's third press does not pass.
        def stranger(words: str) -> None:
            if "抬起" in words:
                sim.remove()
            elif "第三次" in words:
                sim.place("stranger")
            elif "按" in words or "放" in words:
                sim.place("technician")

        check = doctor.check_fingerprint(
            config, port=str(tmp_path / "ttyFP"), enrol=True, on_step=stranger
        )
        assert check.verdict is doctor.Verdict.WARN and "比对没有通过" in check.words


def test_a_silent_fingerprint_sensor_is_named(tmp_path, capsys):
    controller, peer = os.openpty()  # a port where nothing answers
    try:
        port = os.ttyname(peer)
        assert (
            main(["--config", _override(tmp_path, ""), "doctor", "fingerprint", "--port", port])
            == 1
        )
    finally:
        os.close(controller)
        os.close(peer)
    assert "fail  fingerprint 指纹仪没有应答" in capsys.readouterr().out


def test_a_kiosk_not_enrolled_fails_the_hub_check(tmp_path, capsys):
    assert main(["--config", _override(tmp_path, ""), "doctor", "hub"]) == 1
    assert "fail  hub         本机还没有登记到中心" in capsys.readouterr().out


def test_pcscd_stopped_is_named(tmp_path):
    """A pcscd that does not answer (its socket is not there), in a process of its own."""
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--config", _override(tmp_path, ""), "doctor", "card"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "fail  card        读卡服务(pcscd)没有运行" in done.stdout


def test_kiosk_doctor_on_the_demo_set_up_prints_every_check(tmp_path, qapp, capsys):
    """The demo's simulated ID module, sensor, printer and camera; no hub enrolment, no pcscd
    here (KIOSK_TESTS_NO_PCSC): those two fail, and say why."""
    from demo.devices import DemoDevices
    from services import doctor
    from services.doctor import Verdict

    demo = DemoDevices(tmp_path)
    try:
        config = demo.configure(load_config(_override_path(tmp_path)))
        config = config.model_copy(update={"ui": config.ui.model_copy(update={"voice": "mock"})})
        checks = doctor.run_checks(config)
    finally:
        demo.stop()
    report = doctor.report_text(checks)
    print(report)
    verdicts = {c.name: c.verdict for c in checks}
    assert list(verdicts) == list(doctor.NAMES)
    for name in ("printer", "idreader", "fingerprint", "camera", "voice"):
        assert verdicts[name] is Verdict.OK, report
    assert verdicts["hub"] is Verdict.FAIL and doctor.exit_status(checks) == 1
