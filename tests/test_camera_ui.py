"""The camera's view model and screens, offscreen with the real worker on real files: frames
reach the preview without a backlog, guidance and the photo reach QML, pages and codes too,
and each screen renders (PNG written to tmp for a look)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.camera_helpers import config, scene_file
from ui.camera import CameraViewModel

QML_DIR = Path(__file__).resolve().parents[1] / "ui" / "qml"


class Screen:
    """One camera screen in an offscreen window of its own, with its view model."""

    def __init__(self, qtbot, camera: CameraViewModel, name: str, elderly=False, **props):
        self.engine = QQmlEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider("camera", camera.image_provider())
        self.window = QQuickWindow()
        self.window.resize(1920, 1080)
        theme = self._theme()
        theme.setProperty("elderly", elderly)
        theme.setProperty("screenHeight", 1080)
        self.component = QQmlComponent(self.engine)
        self.component.setData(
            f"import Kiosk\n{name} {{ width: 1920; height: 1080 }}".encode(), QUrl()
        )
        self.item = self.component.createWithInitialProperties({"camera": camera, **props})
        assert self.item is not None, self.component.errorString()
        QQmlEngine.setObjectOwnership(self.item, QQmlEngine.ObjectOwnership.CppOwnership)
        self.item.setParentItem(self.window.contentItem())
        self.window.show()

    def _theme(self) -> QObject:
        component = QQmlComponent(self.engine)
        component.setData(
            b"import QtQuick\nimport Kiosk\nQtObject { property var t: Theme }", QUrl()
        )
        holder = component.create()
        self._holder = holder
        return holder.property("t")

    def find(self, name: str) -> QQuickItem | None:
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if item.objectName() == name:
                return item
            stack.extend(item.childItems())
        return None

    def grab(self, path: Path) -> Path:
        self.window.grabWindow().save(str(path))
        return path

    def close(self) -> None:
        self.item.deleteLater()
        self.window.close()
        QGuiApplication.processEvents()


@pytest.fixture
def camera_for(tmp_path, qapp):
    made: list[CameraViewModel] = []

    def make(scene: str, **kw) -> CameraViewModel:
        cam = CameraViewModel(config(scene_file(tmp_path, scene), **kw))
        made.append(cam)
        return cam

    # Without a screen, something must look at the preview as the preview item would: the
    # guidance waits for the first real frame on screen.
    from PySide6.QtCore import QTimer

    painter = QTimer()
    painter.setInterval(20)
    painter.timeout.connect(lambda: [cam.take_frame() for cam in made])
    painter.start()
    yield make
    painter.stop()
    for cam in made:
        cam.stop()


def test_a_black_preview_is_never_reported_as_ready(qtbot, tmp_path):
    """Until the preview has shown a real (non-black) frame, the guidance is "starting",
    there is no countdown and no photo takes itself; then 3-2-1 and the photo."""
    camera = CameraViewModel(config(scene_file(tmp_path, "portrait"), hold_seconds=3.0))
    try:
        camera.start("photo")
        qtbot.waitUntil(lambda: camera.guidance == "starting", timeout=5000)
        assert not camera.live and camera.countdown == 0 and not camera.photoTaken
        seen: set[int] = set()
        camera.analysisChanged.connect(lambda: seen.add(camera.countdown))
        timer = _painting(camera)
        qtbot.waitUntil(lambda: camera.live, timeout=5000)
        qtbot.waitUntil(lambda: camera.photoTaken, timeout=15000)
        timer.stop()
        assert {3, 2, 1} <= seen
    finally:
        camera.stop()


def _painting(camera):  # what the preview item does when it paints
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(camera.take_frame)
    timer.start()
    return timer


def test_photo_screen_guides_then_shows_the_photo(qtbot, camera_for, tmp_path):
    camera = camera_for("portrait-left", hold_seconds=0.3)
    screen = Screen(qtbot, camera, "PhotoScreen")
    qtbot.waitUntil(lambda: camera.guidance == "move_left", timeout=5000)
    words = screen.find("cameraGuidance")
    qtbot.waitUntil(lambda: words.property("text") == "请向左移一点", timeout=3000)
    assert camera.frames_shown > 0 and camera.mirrored
    screen.grab(tmp_path / "photo-guidance.png")
    # The resident steps into place: the photo takes itself.
    scene_file(tmp_path, "portrait").replace(tmp_path / "portrait-left.png")
    qtbot.waitUntil(lambda: camera.photoTaken, timeout=6000)
    assert camera.photoUrl.startswith("image://camera/photo/")
    assert camera.photo.image.shape == (441, 358, 3)
    with qtbot.waitSignal(camera.photoConfirmed, timeout=1000) as confirmed:
        screen.find("confirmPhotoButton").setProperty("visible", True)
        camera.confirmPhoto()
    assert confirmed.args[0] is camera.photo
    qtbot.wait(200)
    screen.grab(tmp_path / "photo-taken.png")
    camera.retakePhoto()
    assert not camera.photoTaken
    screen.close()


def test_preview_never_queues_frames(qtbot, camera_for):
    camera = camera_for("portrait", fps=60)
    screen = Screen(qtbot, camera, "PhotoScreen")
    qtbot.waitUntil(lambda: camera.frames_shown >= 5, timeout=5000)
    # A blocked GUI thread: frames keep coming, but only one waits to be painted.
    received, shown = camera.frames_received, camera.frames_shown
    time.sleep(0.5)
    assert camera.frames_received > received + 10
    QGuiApplication.processEvents()
    assert 1 <= camera.frames_shown - shown <= 2
    screen.close()


def test_document_screen_pages_and_pdf(qtbot, camera_for, tmp_path):
    camera = camera_for("page")
    screen = Screen(qtbot, camera, "DocumentScreen", materialName="出生医学证明")
    qtbot.waitUntil(lambda: camera.guidance == "page_ok", timeout=5000)
    for n in (1, 2):
        camera.capturePage()
        qtbot.waitUntil(lambda n=n: len(camera.pages) == n, timeout=3000)
    camera.retakePage(0)
    assert camera.retaking == 0
    camera.capturePage()
    qtbot.waitUntil(lambda: camera.retaking == -1, timeout=3000)
    assert len(camera.pages) == 2
    qtbot.wait(300)
    screen.grab(tmp_path / "document.png")
    with qtbot.waitSignal(camera.materialFinished, timeout=1000) as done:
        camera.finishMaterial("出生医学证明")
    material = done.args[0]
    assert material.name == "出生医学证明" and material.pdf().startswith(b"%PDF")
    assert camera.pages == []
    screen.close()


def test_scan_screen_reads_and_classifies(qtbot, camera_for, tmp_path):
    camera = camera_for("qr-booking")
    screen = Screen(qtbot, camera, "ScanScreen")
    with qtbot.waitSignal(screen.item.scanned, timeout=5000) as scanned:
        pass
    assert scanned.args == ["booking", "YY7K2M9Q4D"]
    qtbot.waitUntil(lambda: screen.find("scanResult").property("text") == "已识别预约码")
    screen.grab(tmp_path / "scan.png")
    screen.close()


def test_an_unavailable_camera_is_said_in_plain_words(qtbot, qapp, tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture")
    camera = CameraViewModel(config(bad))
    screen = Screen(qtbot, camera, "ScanScreen", elderly=True)
    qtbot.waitUntil(lambda: camera.status == "error", timeout=3000)
    text = screen.find("cameraUnavailable")
    assert text.property("visible") or text.parentItem().property("visible")
    assert text.property("text") == "摄像头暂不可用，请联系工作人员。"
    screen.grab(tmp_path / "unavailable.png")
    camera.stop()
    screen.close()


def test_pages_of_a_material_handed_in_later_do_not_go_into_the_next(qtbot, camera_for):
    camera = camera_for("page")
    screen = Screen(qtbot, camera, "DocumentScreen", materialName="营业执照")
    qtbot.waitUntil(lambda: camera.guidance == "page_ok", timeout=5000)
    camera.capturePage()
    qtbot.waitUntil(lambda: len(camera.pages) == 1, timeout=3000)
    camera.newMaterial()  # "没带，到窗口交": the next material starts
    assert camera.pages == []
    camera.capturePage()
    qtbot.waitUntil(lambda: len(camera.pages) == 1, timeout=3000)
    with qtbot.waitSignal(camera.materialFinished, timeout=1000) as done:
        camera.finishMaterial("退役证")
    assert len(done.args[0].pages) == 1
    screen.close()


def test_the_preview_is_a_mirror_for_the_photo_only(qtbot, camera_for):
    """A camera facing the resident shows her as a mirror would, so that "move left" is
    her left; pages and codes are shown as they are, and the photo itself is never flipped."""
    camera = camera_for("portrait-left", mirror=True, hold_seconds=0.3)
    camera.start("photo")
    assert camera.mirrored
    qtbot.waitUntil(lambda: camera.guidance == "move_left", timeout=5000)  # her own left
    camera.start("document")
    assert not camera.mirrored
    camera.stop()
    plain = camera_for("portrait-left", mirror=False)
    plain.start("photo")
    assert not plain.mirrored
    qtbot.waitUntil(lambda: plain.guidance == "move_left", timeout=5000)  # the same words


def test_photo_screen_asks_for_a_blink_and_says_it_was_seen(qtbot, tmp_path):
    """With liveness on, a resident in a good pose is asked to blink; after the blink the
    photo takes itself and the screen says, in plain words, that it checked it was them."""
    from drivers.camera import ga461, scenes

    portrait = scenes.draw("portrait")
    points = ga461.landmarks(portrait)[0]
    shut = scenes.eyes_shut(portrait, [points[36:42], points[42:48]])
    # Three seconds in a good pose before the blink: the screen asks for it only once the
    # request has held a moment (it does not flicker), and a loaded machine's slow analysis
    # must not see the blink before that moment.
    frames = [portrait] * 60 + [shut] * 4 + [portrait] * 30
    video = scenes.write_video(frames, tmp_path / "b.avi")
    camera = CameraViewModel(config(video, liveness=True, fps=20))
    screen = Screen(qtbot, camera, "PhotoScreen")
    timer = _painting(camera)
    try:
        seen: set[str] = set()
        camera.analysisChanged.connect(lambda: seen.add(camera.guidance))
        preview = screen.find("photoPreview")
        qtbot.waitUntil(lambda: preview.property("shownGuidance") == "blink", timeout=20000)
        screen.grab(tmp_path / "photo-blink.png")
        qtbot.waitUntil(lambda: camera.photoTaken, timeout=30000)
        assert camera.faceCheck == "live"
        assert camera.face_result.liveness and camera.face_result.band == "no_reference"
        text = screen.find("faceCheckText")
        qtbot.waitUntil(lambda: text.isVisible(), timeout=5000)
        assert "真人" in text.property("text")  # liveness only: not said to be the card holder
        screen.grab(tmp_path / "photo-live.png")
        camera.retakePhoto()
        assert camera.faceCheck == "" and camera.face_result is None
        # With a reference photo (the sample one data sharing would give): compared too.
        from drivers.camera import faceset

        for reference, said in (
            (scenes._photo(), "matched"),
            (faceset.load("biden.jpg"), "not_matched"),
        ):
            camera.set_reference(reference)
            camera.retakePhoto()
            qtbot.waitUntil(lambda: camera.photoTaken, timeout=30000)
            assert camera.faceCheck == said, camera.face_result
            screen.grab(tmp_path / f"photo-{said}.png")
        # The sandbox's sample photo: a match is never said to be her.
        camera.set_reference(scenes._photo(), sample=True)
        camera.retakePhoto()
        qtbot.waitUntil(lambda: camera.photoTaken, timeout=30000)
        assert camera.faceCheck == "matched_sample", camera.face_result
        qtbot.waitUntil(lambda: "示例照片" in text.property("text"), timeout=5000)
        assert "本人" not in text.property("text")
        camera.clear()
        assert camera._reference is None and camera.faceCheck == ""
    finally:
        timer.stop()
        camera.stop()
        screen.close()
