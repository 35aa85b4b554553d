"""Maintenance mode at the kiosk (services.maintenance) against a real hub: a hub-issued code
signs the technician in once; the offline day code lets them in when the hub is unreachable;
wrong codes are bounded; every action is audited and delivered to the hub."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from central.process import HubProcess, free_port
from drivers.printer.sim import SimulatedPrinter
from kiosk.config import load_config
from kiosk.hubtoken import HubToken
from kiosk.maintenance import day_code
from services.maintenance import Maintenance
from tests.hub.test_ctl import kioskctl

KIOSK_ID = "kiosk-maint"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    yield running
    running.stop()


def _config(tmp_path, url: str, printer_port: int = 9):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "{KIOSK_ID}"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[hub]\nurl = "{url}"\nconnect_timeout_seconds = 2\nread_timeout_seconds = 5\n'
        f"[printer]\nport = {printer_port}\npaper_mm = 58\nstatus_timeout_seconds = 2.0\n"
    )
    return load_config(path)


def test_a_hub_code_then_a_test_audited_and_reported(tmp_path, hub):
    token = hub.enrol(KIOSK_ID)
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        config = _config(tmp_path, hub.url, sim.port)
        HubToken(config.token_path()).save(token, 3600)
        m = Maintenance(config)
        with pytest.raises(PermissionError):
            m.test("printer")  # not before sign-in
        code = kioskctl(hub, "technician", "code", KIOSK_ID).stdout.strip()
        assert not m.sign_in("12345678").ok
        signed = m.sign_in(code)
        assert signed.ok and m.active, signed.words
        assert m.test("printer").verdict.value == "ok"
        sim.paper_out()
        check = m.test("printer")
        assert (check.verdict.value, check.words) == ("fail", "打印机缺纸，请装纸")
        # Each action reached the hub as it was done.
        assert m.pending() == []
        trail = kioskctl(hub, "technician", "events", KIOSK_ID).stdout
        assert "none  sign_in  wrong_code" in trail  # the kiosk's own refusal, sent at sign-in
        assert f"{signed.session}  test:printer  ok" in trail
        assert f"{signed.session}  test:printer  fail" in trail
        m.sign_out()
    assert not m.sign_in(code).ok  # the code worked once
    actions = [(e.action, e.outcome) for e in m.pending()]
    assert actions == [("sign_out", "ok"), ("sign_in", "wrong_code")]
    assert m.deliver() == 2 and m.pending() == []


def test_offline_day_code_when_the_hub_is_unreachable_and_wrong_codes_bounded(tmp_path):
    config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")
    HubToken(config.token_path()).save("t" * 43, 3600)
    secret = config.maintenance_secret_path()
    secret.write_bytes(b"per-kiosk-secret\n")
    clock = [datetime(2026, 12, 5, 2, 0, tzinfo=UTC)]  # 10:00 in Shanghai
    m = Maintenance(config, now=lambda: clock[0])
    today = date(2026, 12, 5)
    yesterday = day_code(b"per-kiosk-secret", KIOSK_ID, today - timedelta(days=1))
    said = [m.sign_in(yesterday).words for _ in range(3)]
    # A restart (the power pulled) does not give five tries more: the trail remembers three.
    m = Maintenance(config, now=lambda: clock[0])
    said += [m.sign_in(yesterday).words for _ in range(2)]
    assert said[0] == "维护码不对，还可以试 4 次" and said[-1] == "维护码不对，还可以试 0 次"
    good = day_code(b"per-kiosk-secret", KIOSK_ID, today)
    locked = Maintenance(config, now=lambda: clock[0]).sign_in(good)
    assert not locked.ok and "分钟后再试" in locked.words
    clock[0] += timedelta(minutes=16)
    signed = m.sign_in(good)
    assert signed.ok and signed.session == "offline-20261205", signed.words
    outcomes = [e.outcome for e in m.pending()]
    assert outcomes == ["wrong_code_offline"] * 5 + ["locked", "ok_offline"]
    # Signed in since: the wrong codes before it count no more, after a restart either.
    again = Maintenance(config, now=lambda: clock[0]).sign_in(yesterday)
    assert again.words == "维护码不对，还可以试 4 次"


def test_a_clock_set_back_locks_for_fifteen_minutes_at_most_never_the_clocks_error(tmp_path):
    """Five wrong codes at 12:00, then the clock reads 04:00 (UTC taken for local time): while
    running, locked for 15 minutes from 04:00, not until 12:15; after a restart, the codes from
    a time the clock has not reached are not held against the technician at all."""
    config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")
    HubToken(config.token_path()).save("t" * 43, 3600)
    config.maintenance_secret_path().write_bytes(b"per-kiosk-secret\n")
    clock = [datetime(2026, 12, 5, 12, 0, tzinfo=UTC)]
    m = Maintenance(config, now=lambda: clock[0])
    for _ in range(5):
        m.sign_in("12345678")
    clock[0] -= timedelta(hours=8)
    good = day_code(b"per-kiosk-secret", KIOSK_ID, date(2026, 12, 5))
    locked = m.sign_in(good)
    assert locked.code == "locked" and locked.count == 15
    restarted = Maintenance(config, now=lambda: clock[0]).sign_in("12345678")
    assert restarted.words == "维护码不对，还可以试 4 次"
    clock[0] += timedelta(minutes=15)
    assert m.sign_in(good).ok


def test_kioskctl_computes_the_same_day_code_without_a_hub(tmp_path):
    secret = tmp_path / "maintenance.key"
    secret.write_bytes(b"per-kiosk-secret\n")
    fake = HubProcess.__new__(HubProcess)
    fake.url, fake.admin_token = "http://127.0.0.1:9", "x"
    done = kioskctl(
        fake,
        "technician",
        "day-code",
        KIOSK_ID,
        "--secret-file",
        str(secret),
        "--day",
        "2026-12-05",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == day_code(b"per-kiosk-secret", KIOSK_ID, date(2026, 12, 5))


def test_a_camera_calibration_is_saved_and_in_effect_for_the_next_photo(tmp_path, capsys):
    import cv2

    from drivers.camera import scenes
    from ui.cli import main

    scene = scenes.write_image(scenes.draw("portrait"), tmp_path / "portrait.png")
    override = tmp_path / "kiosk.toml"
    override.write_text(
        f'[kiosk]\nid = "{KIOSK_ID}"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[camera]\nsource = "{scene}"\nwidth = 640\nheight = 480\n'
    )
    before, after = tmp_path / "before.png", tmp_path / "after.png"
    assert main(["--config", str(override), "doctor", "camera", "--snapshot", str(before)]) == 0
    config = load_config(override)
    m = Maintenance(config)
    m.session = "offline-20261205"  # signed in (the sign-in is tested above)
    saved = m.save_calibration(config.camera.model_copy(update={"rotation": 90}))
    assert saved.read_text().count("rotation = 90") == 1
    m.save_calibration(config.camera.model_copy(update={"rotation": 180}))
    assert "rotation = 90" in (saved.parent / "calibration.previous.toml").read_text()
    assert load_config(override).camera.rotation == 180
    assert override.read_text().count("rotation") == 0  # the technician's TOML is untouched
    m.save_calibration(config.camera.model_copy(update={"rotation": 90}))
    assert main(["--config", str(override), "doctor", "camera", "--snapshot", str(after)]) == 0
    assert "rotation 90" in capsys.readouterr().out
    assert cv2.imread(str(before)).shape[:2] == (480, 640)
    assert cv2.imread(str(after)).shape[:2] == (640, 480)
    assert [e.action for e in m.pending()] == ["calibrate:camera"] * 3


def test_the_calibration_in_force_goes_with_the_heartbeat(tmp_path):
    from kiosk import calibration
    from kiosk.config import CameraSection

    assert calibration.health(tmp_path) == []
    calibration.save(tmp_path, CameraSection(rotation=270, mirror=False))
    (entry,) = calibration.health(tmp_path)
    assert (entry.name, entry.status.value) == ("camera:calibration", "ready")
    assert "rotation 270" in entry.detail and "mirror False" in entry.detail

    from services.runtime import Runtime
    from tests.test_services_journey import Screens

    config = load_config().model_copy(
        update={"kiosk": load_config().kiosk.model_copy(update={"data_dir": str(tmp_path)})}
    )
    beat = Runtime(config, Screens().post)._health()
    assert [d.name for d in beat] == ["camera:calibration"]


def test_the_diagnostic_bundle_goes_to_the_hub_for_an_admin_to_read_audited(tmp_path, hub):
    import tarfile

    token = hub.enrol("kiosk-bundle")
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-bundle"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[hub]\nurl = "{hub.url}"\nconnect_timeout_seconds = 2\nread_timeout_seconds = 5\n'
    )
    config = load_config(path)
    HubToken(config.token_path()).save(token, 3600)
    m = Maintenance(config)
    signed = m.sign_in(kioskctl(hub, "technician", "code", "kiosk-bundle").stdout.strip())
    assert signed.ok, signed.words
    exported = m.export(tmp_path / "usb", checks=[])
    assert exported.problem == "" and exported.bundle_id.startswith("diag-"), exported
    listed = kioskctl(hub, "technician", "bundles", "kiosk-bundle").stdout
    assert f"kiosk-bundle  {signed.session}  {exported.bundle_id}" in listed
    fetched = tmp_path / "fetched.tar.gz"
    done = kioskctl(hub, "technician", "bundle", exported.bundle_id, "-o", str(fetched))
    assert done.returncode == 0, done.stderr
    assert fetched.read_bytes() == exported.path.read_bytes()
    with tarfile.open(fetched) as tar:
        assert any(n.endswith("/versions.json") for n in tar.getnames())
    assert m.pending() == []  # sign-in, export and upload reached the hub as they were done
    trail = kioskctl(hub, "technician", "events", "kiosk-bundle").stdout
    assert f"{signed.session}  diagnostics_upload  {exported.bundle_id}" in trail
    assert f"admin:admin  diagnostics_read  {exported.bundle_id}" in trail
    assert f"{signed.session}  upload  {exported.bundle_id}" in trail


def test_a_trail_line_cut_by_a_power_loss_keeps_nobody_out(tmp_path):
    """The trail is appended line by line: a power cut mid-line left a line no test, sign-in
    or delivery could get past. It is left out; the rest is kept and sent."""
    config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")
    m = Maintenance(config)
    m.session = "offline-20261205"
    m.test("fleet")
    with m.audit_path.open("a", encoding="utf-8") as f:
        f.write('{"session": "offline-20261205", "action": "te')  # cut here
    assert m.test("fleet").verdict.value == "skip"
    assert [e.action for e in m.pending()] == ["test:fleet", "test:fleet"]


def test_a_calibration_cut_short_leaves_the_one_in_force(tmp_path, monkeypatch):
    """The new file takes the place of the one in force in one step: stopped just before it
    (a power loss), the kiosk starts with the calibration it had, not none."""
    import os
    from pathlib import Path

    from kiosk import calibration
    from kiosk.config import CameraSection

    data = tmp_path / "data"
    calibration.save(data, CameraSection(rotation=90))
    real = os.replace

    def cut(src, dst):
        if Path(dst).name == calibration.FILE:
            raise OSError("power lost")
        real(src, dst)

    monkeypatch.setattr(os, "replace", cut)
    with pytest.raises(OSError):
        calibration.save(data, CameraSection(rotation=180))
    monkeypatch.undo()
    assert calibration.saved(data)["camera"]["rotation"] == 90
