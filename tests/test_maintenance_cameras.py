"""The camera's device chosen on the calibration screen: the V4L2 devices enumerated off the
GUI thread (name, path, formats), one chosen with a big button, previewed, and saved with the
calibration; with no V4L2 device (CI, the simulator) the screen shows the file source and
says plainly that no camera was found."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from drivers.camera import v4l2
from drivers.camera.v4l2 import VideoDevice
from kiosk import calibration
from kiosk.config import load_config
from services.maintenance import camera_choices
from tests.camera_helpers import scene_file
from tests.test_ui import find, find_all, tap

RENDERS = Path(os.environ.get("KIOSK_RENDERS", "")) if os.environ.get("KIOSK_RENDERS") else None


def test_the_choices_are_the_devices_found_then_the_sources_configured(tmp_path):
    face = scene_file(tmp_path, "portrait")
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n'
        f'[camera]\nsource = "{face}"\n'
        '[document_camera]\nsource = "/dev/v4l/by-id/usb-Doc-video-index0"\n'
    )
    config = load_config(path)
    found, choices = camera_choices(config, [])
    assert not found
    assert [(c.kind, c.source) for c in choices] == [
        ("file", str(face)),
        ("missing", "/dev/v4l/by-id/usb-Doc-video-index0"),
    ]
    doc = VideoDevice(
        "/dev/video2", "Doc S500", "/dev/v4l/by-id/usb-Doc-video-index0", True, ("YUYV", "MJPG")
    )
    found, choices = camera_choices(config, [doc])
    assert found
    assert [(c.kind, c.name, c.path, c.mjpg) for c in choices] == [
        ("v4l2", "Doc S500", "/dev/video2", True),
        ("file", "", str(face), None),
    ]


def test_formats_of_what_is_not_a_camera_are_unknown(tmp_path):
    assert v4l2.VIDIOC_ENUM_FMT == 0xC0405602  # as linux/videodev2.h computes it
    assert v4l2.fourcc_text(0x47504A4D) == "MJPG"
    (tmp_path / "video0").write_text("")
    assert v4l2.formats(tmp_path / "video0") == ()
    assert v4l2.formats(tmp_path / "gone") == ()
    assert VideoDevice("/dev/video0", "x", "", None).mjpg is None


@pytest.fixture
def calibrating(qtbot, qapp, config, catalog, tmp_path, monkeypatch):
    """The kiosk's screens, signed in to maintenance mode, on the calibration screen; the
    machine's V4L2 devices are what `machine` lists."""
    from ui.app import create_app

    machine: list[VideoDevice] = []
    monkeypatch.setattr(v4l2, "devices", lambda: list(machine))
    cfg = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
            "camera": config.camera.model_copy(
                update={"source": str(scene_file(tmp_path, "portrait"))}
            ),
            "ui": config.ui.model_copy(
                update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
            ),
        }
    )
    app = create_app(cfg, catalog, windowed=True)
    try:
        m = app.maintenance
        m._tasks.service.session = "offline-20261205"  # signed in (test_maintenance_ui)
        m._set(step="menu")
        yield app, machine
    finally:
        app.close()


def _open(qtbot, app):
    tap(qtbot, app, "maintenanceCalibrate")
    panel = find(app, "cameraCalibration")
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    # Enumerated (on the worker) and laid out: the list's first button below its note.
    qtbot.waitUntil(lambda: json.loads(app.maintenance.cameraDevices)["choices"] != [])
    assert not json.loads(app.maintenance.cameraDevices)["searching"]

    def laid_out() -> bool:
        items = find_all(app, "cal_document_camera_device_0")
        note = find(app, "cal_document_camera_devices_note")
        y = note.mapToScene(QPointF(0, 0)).y()
        return bool(items) and items[0].mapToScene(QPointF(0, 0)).y() > y > 0

    qtbot.waitUntil(laid_out)


def _render(app, name: str) -> None:
    if RENDERS is not None:
        RENDERS.mkdir(parents=True, exist_ok=True)
        app.window.grabWindow().save(str(RENDERS / name))


def test_with_no_camera_the_screen_says_so_and_offers_the_file_source(qtbot, calibrating):
    app, _ = calibrating
    m = app.maintenance
    _open(qtbot, app)
    devices = json.loads(m.cameraDevices)
    assert devices["found"] is False
    note = find(app, "cal_camera_devices_note").property("text")
    assert "没有找到摄像头" in note
    first = find(app, "cal_camera_device_0")
    assert first.property("selected")  # the scene file in use, marked
    assert "模拟画面" in first.property("text")
    assert first.height() >= 88  # a big touch target
    tap(qtbot, app, "cal_camera_preview_button")
    camera = app.journey.camera
    qtbot.waitUntil(lambda: camera.frames_shown > 0, timeout=10000)
    _render(app, "calibration-no-camera.png")
    tap(qtbot, app, "calibrationDone")
    qtbot.waitUntil(lambda: camera.mode == "")  # the preview's camera closed with the screen


def test_a_device_chosen_is_saved_with_the_calibration_and_previewed(qtbot, calibrating, tmp_path):
    app, machine = calibrating
    m = app.maintenance
    machine.append(
        VideoDevice(
            "/dev/video2",
            "Document Camera S500",
            "/dev/v4l/by-id/usb-Doc_S500-video-index0",
            True,
            ("YUYV",),
        )
    )
    _open(qtbot, app)
    assert json.loads(m.cameraDevices)["found"] is True
    button = find(app, "cal_document_camera_device_0")
    assert "Document Camera S500" in button.property("text")
    assert "/dev/video2" in button.property("subtext") and "YUYV" in button.property("subtext")
    tap(qtbot, app, "cal_document_camera_device_0")
    stable = "/dev/v4l/by-id/usb-Doc_S500-video-index0"
    qtbot.waitUntil(
        lambda: json.loads(m.cameras)["document_camera"]["source"] == stable, timeout=5000
    )
    qtbot.waitUntil(lambda: m.busy == "")
    assert find(app, "cal_document_camera_device_0").property("selected")
    # Saved as the kiosk's calibration (atomically, kiosk.calibration), MJPG off: the device
    # does not offer it.
    saved = calibration.saved(tmp_path / "data")["document_camera"]
    assert saved["source"] == stable and saved["mjpg"] is False
    # The preview is on, and in force without a restart: the camera's view model has it.
    assert find(app, "cal_document_camera_preview").isVisible()
    assert app.journey.camera._document_config.source == stable
    _render(app, "calibration-device-chosen.png")
    app.viewmodel.setLanguage("en")
    button = find(app, "cal_document_camera_device_0")
    qtbot.waitUntil(lambda: "no MJPG" in button.property("subtext"))
    shown = app.journey.camera.frames_shown
    qtbot.waitUntil(lambda: app.journey.camera.frames_shown > shown + 3, timeout=10000)
    _render(app, "calibration-device-chosen-en.png")


def test_a_refused_calibration_is_worded_in_the_language_shown(qtbot, calibrating):
    app, _ = calibrating
    m = app.maintenance
    _open(qtbot, app)
    m.calibrate("camera", json.dumps({"white_balance": 1}))  # out of range: refused
    qtbot.waitUntil(lambda: m.problem == "calibration.invalid", timeout=5000)
    problem = find(app, "calibrationProblem")
    assert problem.property("text") == "校准没有保存：设置不对"
    app.viewmodel.setLanguage("en")
    qtbot.waitUntil(lambda: "calibration" in problem.property("text").lower())
    assert "设置" not in problem.property("text")
    _render(app, "calibration-refused-en.png")


def test_a_calibration_the_disk_refuses_is_not_called_wrong_settings(
    qtbot, calibrating, monkeypatch
):
    import errno

    app, _ = calibrating
    m = app.maintenance
    _open(qtbot, app)

    def full(*args, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(calibration, "save", full)
    rotation = json.loads(m.cameras)["camera"]["rotation"]
    tap(qtbot, app, "cal_camera_rotate")
    qtbot.waitUntil(lambda: m.problem == "calibration.not_saved", timeout=5000)
    assert m.busy == ""
    problem = find(app, "calibrationProblem")
    assert problem.property("text") == "校准没有保存：存储出错，请检查磁盘"
    # The screen shows what is in force, not the tap that was not saved.
    assert json.loads(m.cameras)["camera"]["rotation"] == rotation
    _render(app, "calibration-not-saved.png")
    app.viewmodel.setLanguage("en")
    qtbot.waitUntil(lambda: "disk" in problem.property("text").lower())
    _render(app, "calibration-not-saved-en.png")


def test_taps_while_one_is_being_saved_are_saved_after_it_not_dropped(
    qtbot, calibrating, monkeypatch, tmp_path
):
    import threading

    app, _ = calibrating
    m = app.maintenance
    _open(qtbot, app)
    release = threading.Event()
    real = calibration.save

    def slow(*args, **kw):
        release.wait(10)  # a slow disk: the technician taps on meanwhile
        return real(*args, **kw)

    monkeypatch.setattr(calibration, "save", slow)
    start = json.loads(m.cameras)["camera"]["rotation"]
    mirrored = json.loads(m.cameras)["camera"]["mirror"]
    tap(qtbot, app, "cal_camera_rotate")
    qtbot.waitUntil(lambda: m.busy == "calibrate:camera")
    tap(qtbot, app, "cal_camera_rotate")  # while the first is being saved
    tap(qtbot, app, "cal_camera_mirror")
    expected = (start + 180) % 360
    # Shown at once, each tap building on the one before.
    assert json.loads(m.cameras)["camera"]["rotation"] == expected
    assert find(app, "calibrationProblem").property("text") == "正在保存…"
    release.set()
    qtbot.waitUntil(lambda: m.busy == "", timeout=10000)
    assert m.problem == ""
    saved = calibration.saved(tmp_path / "data")["camera"]
    assert saved["rotation"] == expected and saved["mirror"] is (not mirrored)
    assert app.journey.camera._config.rotation == expected  # in force, no restart


def test_a_calibration_tap_during_a_test_says_wait(qtbot, calibrating):
    app, _ = calibrating
    m = app.maintenance
    _open(qtbot, app)
    m._set(busy="fingerprint")  # a test running (the fingerprint's waits for a finger)
    m.calibrate("camera", json.dumps({"mirror": True}))
    assert m.problem == "calibration.wait"
    assert find(app, "calibrationProblem").property("text") == "请稍候：正在测试，完成后再校准"
    m._set(busy="", problem="")


@pytest.fixture
def shooting(qtbot, qapp, config, catalog, tmp_path, monkeypatch):
    """The calibration screen open, the face camera on the portrait scene and the document
    camera on a page on a desk (scene files of drivers.camera.scenes)."""
    from ui.app import create_app

    monkeypatch.setattr(v4l2, "devices", lambda: [])
    cfg = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
            "camera": config.camera.model_copy(
                update={
                    "source": str(scene_file(tmp_path, "portrait")),
                    "hold_seconds": 0.3,
                    "liveness": False,
                }
            ),
            "document_camera": config.document_camera.model_copy(
                update={"source": str(scene_file(tmp_path, "page")), "enabled": True}
            ),
            "ui": config.ui.model_copy(
                update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
            ),
        }
    )
    app = create_app(cfg, catalog, windowed=True)
    try:
        m = app.maintenance
        m._tasks.service.session = "offline-20261205"
        m._set(step="menu")
        tap(qtbot, app, "maintenanceCalibrate")
        qtbot.waitUntil(find(app, "cameraCalibration").isVisible, timeout=5000)
        qtbot.waitUntil(lambda: json.loads(m.cameraDevices)["choices"] != [], timeout=5000)
        qtbot.waitUntil(lambda: find(app, "cal_camera_preview_button").width() > 0)
        yield app
    finally:
        app.close()


def test_a_test_id_photo_is_taken_as_a_residents_and_shown_with_its_measures(qtbot, shooting):
    app = shooting
    camera = app.journey.camera
    tap(qtbot, app, "cal_camera_preview_button")
    qtbot.waitUntil(lambda: camera.available and camera.live, timeout=10000)
    assert find(app, "cal_camera_test").property("text") == "拍测试证件照"
    _render(app, "calibration-test-buttons.png")
    tap(qtbot, app, "cal_camera_test")
    result = find(app, "calibrationTestResult")
    qtbot.waitUntil(result.isVisible, timeout=20000)
    # The residents' pipeline (GA 461 from the face's landmarks): 358 × 441, its measures.
    assert camera.photo.image.shape == (441, 358, 3)
    measures = json.loads(camera.photoMeasures)
    assert measures["width"] == 358 and measures["height"] == 441
    assert measures["placed"], measures
    low, high = measures["face_width"][1:]
    assert (low, high) == (193, 221)
    assert (
        find(app, "calibrationTestImage")
        .property("source")
        .toString()
        .startswith("image://camera/photo/")
    )
    verdict = find(app, "calibrationTestVerdict").property("text")
    assert verdict == "符合证件照要求" or verdict.startswith("不合格：")
    assert "358×441 像素" in find(app, "calibrationTestDetail").property("text")
    _render(app, "calibration-test-photo.png")
    # Back to calibration, then 完成: the photo is gone from memory.
    tap(qtbot, app, "calibrationTestBack")
    qtbot.waitUntil(lambda: not result.isVisible())
    tap(qtbot, app, "calibrationDone")
    qtbot.waitUntil(lambda: camera.photo is None and camera.mode == "")
    assert json.loads(camera.photoMeasures) == {}


def test_a_test_page_is_straightened_and_shown_with_its_size_and_sharpness(qtbot, shooting):
    app = shooting
    camera = app.journey.camera
    tap(qtbot, app, "cal_document_camera_preview_button")
    qtbot.waitUntil(lambda: camera.available and camera.live, timeout=10000)
    qtbot.waitUntil(lambda: camera.guidance == "page_ok", timeout=10000)
    tap(qtbot, app, "cal_document_camera_test")
    result = find(app, "calibrationTestResult")
    qtbot.waitUntil(result.isVisible, timeout=20000)
    (info,) = json.loads(camera.pagesInfo)
    assert info["sharp"] and info["dpi"] > 0 and info["width"] < info["height"]
    assert (
        find(app, "calibrationTestImage")
        .property("source")
        .toString()
        .startswith("image://camera/page/0/")
    )
    assert find(app, "calibrationTestVerdict").property("text") == "页面清楚"
    detail = find(app, "calibrationTestDetail").property("text")
    assert f"{info['dpi']} dpi" in detail and "拉正后" in detail
    _render(app, "calibration-test-page.png")
    tap(qtbot, app, "calibrationTestBack")
    qtbot.waitUntil(lambda: camera.material.pages == [])
    tap(qtbot, app, "calibrationDone")
    qtbot.waitUntil(lambda: camera.mode == "")
