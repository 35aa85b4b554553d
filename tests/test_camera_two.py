"""Two cameras: the face camera and the document camera (高拍仪) as separate devices in the
configuration, each calibrated on its own from maintenance mode and saved atomically (the
previous file kept), in force for the next photo or page without a restart; the V4L2 nodes
listed for the technician."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import calibration
from kiosk.config import CameraSection, DocumentCameraSection, load_config
from tests.camera_helpers import config, scene_file


def _override(tmp_path: Path, face: Path, document: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "k-two"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[camera]\nsource = "{face}"\nwidth = 640\nheight = 480\n'
        f'[document_camera]\nenabled = true\nsource = "{document}"\n'
    )
    return path


def test_each_camera_is_calibrated_on_its_own_and_both_are_kept(tmp_path):
    override = _override(tmp_path, tmp_path / "face.png", tmp_path / "desk.png")
    config0 = load_config(override)
    assert config0.document_camera.enabled and not config0.document_camera.mirror
    assert config0.camera.mjpg and config0.document_camera.mjpg  # MJPG requested by default
    data = config0.data_dir()
    calibration.save(data, config0.camera.model_copy(update={"rotation": 90, "focus": 40.0}))
    calibration.save(
        data,
        config0.document_camera.model_copy(update={"rotation": 180, "white_balance": 5000}),
        "document_camera",
    )
    loaded = load_config(override)
    assert (loaded.camera.rotation, loaded.camera.focus) == (90, 40.0)
    assert (loaded.document_camera.rotation, loaded.document_camera.white_balance) == (180, 5000)
    # The face camera calibrated again: the document camera's section stays as saved.
    calibration.save(data, loaded.camera.model_copy(update={"mirror": False}))
    again = load_config(override)
    assert again.document_camera.rotation == 180 and not again.camera.mirror
    previous = (data / calibration.PREVIOUS).read_text()
    assert "mirror = true" in previous and "[document_camera]" in previous
    assert not list(data.glob("*.tmp"))
    # The technician takes the document camera out: so it stays after a restart, while the
    # face camera's own switch is never written by a calibration.
    calibration.save(
        data, again.document_camera.model_copy(update={"enabled": False}), "document_camera"
    )
    restarted = load_config(override)
    assert not restarted.document_camera.enabled and restarted.document_camera.rotation == 180
    assert "enabled" not in (data / calibration.FILE).read_text().split("[document_camera]")[0]
    health = {h.name: h.detail for h in calibration.health(data)}
    assert "rotation 90" in health["camera:calibration"]
    assert "white_balance 5000" in health["document_camera:calibration"]


def test_a_calibration_that_would_not_load_is_never_written(tmp_path):
    bad = DocumentCameraSection.model_construct(**{**DocumentCameraSection().model_dump()})
    object.__setattr__(bad, "white_balance", 50)  # below any camera's range
    with pytest.raises(ValueError):
        calibration.save(tmp_path, bad, "document_camera")
    assert not (tmp_path / calibration.FILE).exists()
    with pytest.raises(ValueError):
        calibration.save(tmp_path, CameraSection(), "scanner")


def test_pages_and_codes_come_from_the_document_camera_photos_from_the_face_camera(
    qtbot, qapp, tmp_path
):
    from drivers.camera.worker import Mode
    from ui.camera import CameraViewModel

    face = config(scene_file(tmp_path, "portrait"), width=640, height=480)
    desk = DocumentCameraSection(
        source=str(scene_file(tmp_path, "page")), width=1280, height=720, fps=30
    ).model_copy(update={"enabled": True})
    camera = CameraViewModel(face, document_config=desk)
    try:
        camera.start("document")
        assert camera.worker.config is desk and not camera.mirrored
        camera.start("photo")
        assert camera.worker.config is face and camera.mirrored
        camera.start("qr")
        assert camera.worker.config is desk
        # Calibrated anew while open: the next start uses it, with no restart of the kiosk.
        turned = desk.model_copy(update={"rotation": 90})
        camera.reconfigure("document_camera", turned)
        assert camera.worker.config is turned
        qtbot.waitUntil(lambda: camera.take_frame() is not None, timeout=10000)
        qtbot.waitUntil(lambda: camera.frameSize.height() > camera.frameSize.width(), timeout=10000)
        assert camera.config_for(Mode.PHOTO) is face
    finally:
        camera.shutdown()
    # Without a document camera, the face camera reads pages too.
    single = CameraViewModel(face)
    assert single.config_for(Mode.DOCUMENT) is face


def test_the_maintenance_screen_saves_a_calibration_for_the_next_photo(qtbot, qapp, tmp_path):
    from services.maintenance import Maintenance, maintenance_tasks
    from ui.maintenance import MaintenanceViewModel

    override = _override(tmp_path, tmp_path / "face.png", tmp_path / "desk.png")
    m = Maintenance(load_config(override))
    m.session = "offline-20261205"  # signed in (tests/test_maintenance.py signs in)
    posted: list = []
    config0 = m.config
    cameras = {"camera": config0.camera, "document_camera": config0.document_camera}
    vm = MaintenanceViewModel(maintenance_tasks(m, posted.append), cameras=cameras)
    vm._step = "menu"
    seen: list = []
    vm.calibrated.connect(lambda section, cam: seen.append((section, cam)))
    try:
        vm.calibrate("document_camera", json.dumps({"rotation": 270, "crop": [0.1, 0.1, 0.8, 0.8]}))
        qtbot.waitUntil(lambda: bool(posted), timeout=10000)
        posted.pop()()
        ((section, saved),) = seen
        assert section == "document_camera" and saved.rotation == 270
        assert load_config(override).document_camera.crop == [0.1, 0.1, 0.8, 0.8]
        assert json.loads(vm.cameras)["document_camera"]["rotation"] == 270
        vm.calibrate("camera", json.dumps({"white_balance": 1}))  # refused, nothing written
        qtbot.waitUntil(lambda: bool(posted), timeout=10000)
        posted.pop()()
        assert vm.problem == "calibration.invalid" and len(seen) == 1
        assert [e.action for e in m.pending()] == ["calibrate:document_camera"]
    finally:
        vm.close()


def test_v4l2_capture_nodes_are_listed_with_their_stable_paths(tmp_path):
    from drivers.camera import v4l2

    sysfs, dev, by_id = tmp_path / "sys", tmp_path / "dev", tmp_path / "dev" / "v4l" / "by-id"
    for n, name in ((0, "HD USB Camera"), (2, "Document Camera S500"), (10, "x")):
        (sysfs / f"video{n}").mkdir(parents=True)
        (sysfs / f"video{n}" / "name").write_text(name + "\n")
    by_id.mkdir(parents=True)
    (dev / "video2").write_text("")  # not a device node: the capability query fails
    (by_id / "usb-Doc_S500-video-index0").symlink_to(dev / "video2")
    found = v4l2.devices(sysfs, dev, by_id)
    assert [d.name for d in found] == ["HD USB Camera", "Document Camera S500", "x"]
    document = found[1]
    assert document.config_source == str(by_id / "usb-Doc_S500-video-index0")
    assert found[0].config_source == str(dev / "video0") and found[0].capture is None
    assert v4l2.VIDIOC_QUERYCAP == 0x80685600  # as linux/videodev2.h computes it
    assert v4l2.devices(tmp_path / "none") == []


def test_the_technician_turns_the_document_camera_on_the_calibration_screen(
    qtbot, qapp, config, catalog, tmp_path
):
    from tests.test_ui import find, tap
    from ui.app import create_app

    cfg = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
            "camera": config.camera.model_copy(
                update={"source": str(scene_file(tmp_path, "portrait"))}
            ),
            "document_camera": config.document_camera.model_copy(
                update={"enabled": True, "source": str(scene_file(tmp_path, "page"))}
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
        tap(qtbot, app, "maintenanceCalibrate")
        panel = find(app, "cameraCalibration")
        qtbot.waitUntil(panel.isVisible, timeout=5000)
        tap(qtbot, app, "cal_document_camera_rotate")
        qtbot.waitUntil(lambda: json.loads(m.cameras)["document_camera"]["rotation"] == 90)
        qtbot.waitUntil(lambda: m.busy == "", timeout=5000)
        tap(qtbot, app, "cal_camera_mirror")
        qtbot.waitUntil(lambda: not json.loads(m.cameras)["camera"]["mirror"], timeout=5000)
        saved = load_config(None).model_copy()  # the embedded defaults know nothing of it
        assert saved.document_camera.rotation == 0
        text = (tmp_path / "data" / calibration.FILE).read_text()
        assert "[document_camera]" in text and "rotation = 90" in text
        assert "mirror = false" in text.split("[document_camera]")[0]
        # In force for the next page, without a restart: the camera's view model has it.
        from drivers.camera.worker import Mode

        camera = app.journey.camera
        assert camera.config_for(Mode.DOCUMENT).rotation == 90
        assert not camera.config_for(Mode.PHOTO).mirror
        app.window.grabWindow().save(str(tmp_path / "calibration.png"))
        tap(qtbot, app, "calibrationDone")
        qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    finally:
        app.close()


def test_the_doctor_checks_the_document_camera_on_its_own(tmp_path):
    from services import doctor

    override = _override(tmp_path, scene_file(tmp_path, "portrait"), scene_file(tmp_path, "page"))
    config = load_config(override)
    snap = tmp_path / "desk.png"
    face, desk = doctor.check_camera(config), doctor.check_document_camera(config, snap)
    assert (face.name, face.verdict) == ("camera", doctor.Verdict.OK)
    assert (desk.name, desk.verdict, desk.words) == (
        "document_camera",
        doctor.Verdict.OK,
        "高拍仪正常",
    )
    assert snap.exists()
    single = config.model_copy(
        update={"document_camera": config.document_camera.model_copy(update={"enabled": False})}
    )
    (check,) = doctor.run_checks(single, ["document_camera"])
    assert check.verdict is doctor.Verdict.SKIP and "高拍仪" in check.words
