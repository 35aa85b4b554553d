"""The camera for QML: a view model that runs drivers.camera's worker in a mode (photo,
document, qr), the live preview item, and the image provider for what was taken.

Frames come from the worker's capture thread. Each is scaled to the preview's size, mirrored
when the preview should act as a mirror, and wrapped as a QImage there, off the GUI thread;
the GUI thread only blits the newest one. A frame that arrives while one is still waiting to
be painted replaces it: the preview shows now, never a queue. The same holds for analyses.

QtMultimedia's VideoOutput was measured first: it draws nothing under the software scene graph
the kiosk uses offscreen and over VNC, so the preview is a QQuickPaintedItem (one 1:1 blit of
a ready-made RGB32 image per frame).

Photos and pages stay in memory (`image://camera/...`), never on disk.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import Property, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickImageProvider, QQuickPaintedItem

from drivers.camera import ga461
from drivers.camera.document import DocumentAnalysis, Material, Page
from drivers.camera.face import FaceResult, PhotoAnalysis
from drivers.camera.faceproc import FaceProcess
from drivers.camera.frames import Frame
from drivers.camera.idphoto import IdPhoto
from drivers.camera.qr import QrAnalysis
from drivers.camera.worker import CameraWorker, Mode
from drivers.events import DriverEvent, StatusChanged
from kiosk.config import CameraSection
from kiosk.devices import DeviceStatus
from ui.qtjson import json_property

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "KioskCamera"
QML_IMPORT_MAJOR_VERSION = 1

BLACK = 16  # brightest value (0-255) of a frame that is still black
ELDERLY_HOLD = 1.5  # elderly mode: the pose is held this much longer before the photo


def to_qimage(image: np.ndarray) -> tuple[QImage, np.ndarray]:
    """BGR → a QImage in RGB32 (B, G, R, 255 in memory: what the raster engine blits without
    converting). The array is returned too: the QImage borrows its memory."""
    bgra = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
    h, w = bgra.shape[:2]
    return QImage(bgra.data, w, h, 4 * w, QImage.Format.Format_RGB32), bgra


def _carries_result(analysis: Any) -> bool:
    return analysis is not None and (
        getattr(analysis, "photo", None) is not None or getattr(analysis, "page", None) is not None
    )


class CameraViewModel(QObject):
    """One per kiosk. `start(mode)` when a camera screen opens, `stop()` when it closes."""

    modeChanged = Signal()
    statusChanged = Signal()
    analysisChanged = Signal()
    photoChanged = Signal()
    pagesChanged = Signal()
    codeChanged = Signal()
    # For the preview item: a new frame waits (emitted on the capture thread, queued).
    frameReady = Signal()
    # Results for the kiosk: the confirmed photo (IdPhoto), the finished material (Material),
    # a QR code the kiosk knows (kind, value).
    photoConfirmed = Signal(object)
    materialFinished = Signal(object)
    codeScanned = Signal(str, str)
    # From the worker's threads, handled on the GUI thread.
    _analysed = Signal()
    _event = Signal(object)

    def __init__(
        self,
        config: CameraSection,
        parent: QObject | None = None,
        *,
        on_event: Callable[[DriverEvent], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        worker_options: dict[str, Any] | None = None,
        document_config: CameraSection | None = None,
        face_process: bool = True,
    ) -> None:
        super().__init__(parent)
        # The photo mode's face analysis (dlib) in a process of its own, so that it never
        # holds this process's Python lock against the screens (drivers.camera.faceproc).
        # Without it (benchmarks' comparison only) it runs on the worker's analysis thread.
        self._face_proc: FaceProcess | None = FaceProcess() if face_process else None
        self._config = config
        # The document camera (高拍仪) for pages and QR codes, when the kiosk has one.
        self._document_config = document_config
        self._on_event = on_event
        self._clock = clock
        self._worker_options = worker_options or {}
        self._worker: CameraWorker | None = None
        self._mode = ""
        self._elderly = False
        self._status = "absent" if not config.enabled else "offline"
        self._detail = ""
        # Written by the GUI thread, read by the capture thread: plain values, swapped whole.
        self._preview_size = (960, 540)
        self._mirror = False
        self._frame_lock = threading.Lock()
        self._frame: tuple[QImage, np.ndarray] | None = None
        self._frame_pending = False
        self._frame_real = False
        self.frames_shown = 0
        self.frames_received = 0
        # Whether the preview has shown a real picture since the camera opened: until it has,
        # no guidance says the pose is right and no photo takes itself (a black preview
        # is never reported as ready).
        self._live = False
        self._hold = config.hold_seconds
        self._analysis_lock = threading.Lock()
        self._analysis: Any = None
        self._analysis_pending = False
        self._guidance = ""
        self._progress = 0.0
        self._faces: list[QRectF] = []
        self._corners: list[QPointF] = []
        self._frame_size = QSize(0, 0)
        self._photo: IdPhoto | None = None
        self._face: FaceResult | None = None  # the face check made with the photo
        self._reference: np.ndarray | None = None  # to compare the live face with
        self._sample_reference = False  # the reference is the sandbox's sample photo
        self._photo_serial = 0
        self._material = Material()
        self._replace: int = -1
        self._serial = 0
        self._stopping: list[threading.Thread] = []
        self._code_text = ""
        self._code_kind = ""
        self._code_value = ""
        self._analysed.connect(self._take_analysis, Qt.ConnectionType.QueuedConnection)
        self._event.connect(self._on_status, Qt.ConnectionType.QueuedConnection)

    # -- life ---------------------------------------------------------------------------------

    @Slot(str)
    def start(self, mode: str) -> None:
        """Open the camera (if it is not yet) and analyse in `mode`: photo, document, qr."""
        wanted = Mode(mode)
        self._clear_results(wanted)
        config = self.config_for(wanted)
        if self._worker is not None and self._worker.config is not config:
            self.stop()  # the other camera, or this one calibrated anew
        self._mode = mode
        self._mirror = config.mirror and wanted is Mode.PHOTO
        if not config.enabled:
            self._set_status("absent", "the camera is switched off in the configuration")
        elif self._worker is None:
            if wanted is Mode.PHOTO:
                self.warm_up()
            self._worker = CameraWorker(
                config,
                on_frame=self._on_frame,
                on_analysis=self._on_analysis,
                on_event=self._on_worker_event,
                mode=wanted,
                clock=self._clock,
                faces=self._face_proc,
                **self._worker_options,
            )
            self._apply_elderly()
            self._apply_reference()
            self._worker.start()
        else:
            if wanted is Mode.PHOTO:
                self.warm_up()
            self._worker.set_mode(wanted)
            self._apply_elderly()
            self._apply_reference()
        self.modeChanged.emit()

    @Slot()
    def warm_up(self) -> None:
        """Start the face analysis process, which loads the face models (a second and a half)
        by itself: returns at once, the screens never wait for it."""
        if self._config.enabled and self._face_proc is not None:
            self._face_proc.start()

    @property
    def face_process(self) -> FaceProcess | None:
        return self._face_proc

    def config_for(self, mode: Mode) -> CameraSection:
        """The face camera for photos; the document camera for pages and codes when there
        is one, else the face camera for everything."""
        document = self._document_config
        if mode in (Mode.DOCUMENT, Mode.QR) and document is not None and document.enabled:
            return document
        return self._config

    def reconfigure(self, section: str, config: CameraSection) -> None:
        """A technician's new calibration, in force from the next start (a camera open in
        the mode it serves is opened again now)."""
        if section == "document_camera":
            self._document_config = config
        else:
            self._config = config
            self._hold = config.hold_seconds
        if self._worker is not None and self._mode:
            mode = self._mode
            if self.config_for(Mode(mode)) is not self._worker.config:
                self.start(mode)

    @Slot()
    def stop(self) -> None:
        """Close the camera; what was taken stays until `clear()` (the session's end)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            # Joined off the GUI thread: a device stuck in a read must not freeze the screen.
            stopping = threading.Thread(target=worker.stop, name="camera-stop", daemon=True)
            stopping.start()
            self._stopping = [t for t in self._stopping if t.is_alive()] + [stopping]
        with self._frame_lock:
            self._frame = None
            self._live = False
        self._mode = ""
        self.modeChanged.emit()

    def shutdown(self, timeout: float = 5.0) -> None:
        """At exit: stop, and wait until the capture threads are gone (the process must not
        end with one in the middle of a read)."""
        self.stop()
        for thread in self._stopping:
            thread.join(timeout)
        self._stopping.clear()
        if self._face_proc is not None:
            self._face_proc.stop()

    @Slot()
    def clear(self) -> None:
        """Forget every photo, page and code: the session is over."""
        self._photo = None
        self._face = None
        self.set_reference(None)
        self._material = Material()
        self._code_text = self._code_kind = self._code_value = ""
        self.photoChanged.emit()
        self.pagesChanged.emit()
        self.codeChanged.emit()

    def _clear_results(self, mode: Mode) -> None:
        self._guidance, self._progress, self._faces, self._corners = "", 0.0, [], []
        with self._frame_lock:
            if self._frame is None:
                self._live = False
        self.analysisChanged.emit()
        if mode is Mode.PHOTO:
            self._photo = None
            self.photoChanged.emit()
        if mode is Mode.QR:
            self._code_text = self._code_kind = self._code_value = ""
            self.codeChanged.emit()
        if mode is Mode.DOCUMENT:
            self.newMaterial()

    @Slot()
    def newMaterial(self) -> None:
        """Pages taken so far belong to no material any more (the next one starts)."""
        self._material = Material()
        self._replace = -1
        self._serial += 1
        self.pagesChanged.emit()

    @property
    def compares_faces(self) -> bool:
        """Whether the ID photo comes with a face check (liveness on), so that a reference
        photo would be used: the kiosk asks for none otherwise."""
        return self._config.enabled and self._config.liveness

    def set_reference(self, image: np.ndarray | None, sample: bool = False) -> None:
        """The photo the live face is compared with when the ID photo is taken (人证比对):
        a reference from data sharing, when the kiosk has one; None: liveness only. `sample`:
        it is the sandbox's sample photo, so a match says nothing of who she is. Dropped
        with the session (`clear`)."""
        self._reference = image
        self._sample_reference = image is not None and sample
        self._apply_reference()

    def _apply_reference(self) -> None:
        analyser = self._worker.analyser if self._worker else None
        if analyser is not None and hasattr(analyser, "set_reference"):
            analyser.set_reference(self._reference)

    def _apply_elderly(self) -> None:
        analyser = self._worker.analyser if self._worker else None
        if analyser is not None and hasattr(analyser, "hold_seconds"):
            hold = self._config.hold_seconds
            self._hold = hold * ELDERLY_HOLD if self._elderly else hold
            analyser.hold_seconds = self._hold

    # -- worker threads -----------------------------------------------------------------------

    def _on_frame(self, frame: Frame) -> None:
        """Capture thread: make the preview image here, so the GUI thread only paints."""
        pw, ph = self._preview_size
        image = frame.image
        scale = min(pw / frame.width, ph / frame.height, 1.0)
        if scale < 0.99:
            size = (max(1, round(frame.width * scale)), max(1, round(frame.height * scale)))
            image = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
        if self._mirror:
            image = cv2.flip(image, 1)
        # A camera waking up sends black frames first: they are not a picture.
        real = int(image.max()) > BLACK
        ready = to_qimage(image)
        with self._frame_lock:
            self._frame = ready
            self._frame_real = real
            self.frames_received += 1
            if self._frame_pending:
                return  # the one waiting is replaced; no second signal, no queue
            self._frame_pending = True
        self.frameReady.emit()

    def take_frame(self) -> QImage | None:
        """GUI thread: the newest preview image (it stays until a newer one comes)."""
        with self._frame_lock:
            self._frame_pending = False
            if self._frame is None:
                return None
            self.frames_shown += 1
            went_live = not self._live and self._frame_real
            if went_live:
                self._live = True
            frame = self._frame[0]
        if went_live:  # told after the paint that shows it, not during it
            QTimer.singleShot(0, self.analysisChanged.emit)
        return frame

    def _on_analysis(self, result: Any) -> None:
        with self._analysis_lock:
            keep = self._analysis
            # A result carrying a photo or a page must not be replaced by the next guidance.
            if not _carries_result(keep):
                self._analysis = result
            if self._analysis_pending:
                return
            self._analysis_pending = True
        self._analysed.emit()

    def _on_worker_event(self, event: DriverEvent) -> None:
        self._event.emit(event)
        if self._on_event is not None:
            self._on_event(event)

    # -- GUI thread ---------------------------------------------------------------------------

    @Slot(object)
    def _on_status(self, event: DriverEvent) -> None:
        if isinstance(event, StatusChanged):
            self._set_status(event.state.status.value, event.state.detail)

    def _set_status(self, status: str, detail: str) -> None:
        if (status, detail) != (self._status, self._detail):
            self._status, self._detail = status, detail
            self.statusChanged.emit()

    @Slot()
    def _take_analysis(self) -> None:
        with self._analysis_lock:
            result, self._analysis = self._analysis, None
            self._analysis_pending = False
        if result is None or not self._mode:
            return
        w, h = result.frame_size
        self._frame_size = QSize(w, h)
        if not self._live:
            # Nothing on screen yet: no guidance, and a photo taken meanwhile is not kept.
            self._guidance, self._progress = "starting", 0.0
            analyser = self._worker.analyser if self._worker else None
            if isinstance(result, PhotoAnalysis) and result.photo is not None and analyser:
                analyser.reset()
            self.analysisChanged.emit()
            return
        if isinstance(result, PhotoAnalysis):
            self._photo_result(result, w, h)
        elif isinstance(result, DocumentAnalysis):
            self._document_result(result)
        elif isinstance(result, QrAnalysis):
            self._qr_result(result)
        self.analysisChanged.emit()

    def _photo_result(self, result: PhotoAnalysis, w: int, h: int) -> None:
        self._guidance = result.guidance.value
        self._progress = result.progress
        faces = []
        for x, y, fw, fh in result.faces:
            left = (w - x - fw) if self._mirror else x  # drawn over the mirrored preview
            faces.append(QRectF(left / w, y / h, fw / w, fh / h))
        self._faces = faces
        if result.photo is not None:
            self._photo = result.photo
            self._face = result.face
            self._photo_serial += 1
            self.photoChanged.emit()

    def _document_result(self, result: DocumentAnalysis) -> None:
        self._guidance = result.guidance
        self._corners = [QPointF(x, y) for x, y in result.corners]
        if result.page is not None:
            self._add_page(result.page)

    def _qr_result(self, result: QrAnalysis) -> None:
        self._corners = [QPointF(x, y) for x, y in result.corners]
        self._guidance = "code_found" if result.found else "no_code"
        if result.found and result.text != self._code_text:
            self._code_text = result.text
            self._code_kind = result.code.kind if result.code else "unknown"
            self._code_value = result.code.value if result.code else ""
            self.codeChanged.emit()
            if result.code is not None:
                self.codeScanned.emit(result.code.kind, result.code.value)

    def _add_page(self, page: Page) -> None:
        if 0 <= self._replace < len(self._material.pages):
            self._material.replace(self._replace, page)
        else:
            self._material.add(page)
        self._replace = -1
        self._serial += 1
        self.pagesChanged.emit()

    # -- what QML reads -------------------------------------------------------------------------

    @Property(str, notify=modeChanged)
    def mode(self) -> str:
        return self._mode

    @Property(bool, notify=modeChanged)
    def mirrored(self) -> bool:
        return self._mirror

    @Property(str, notify=statusChanged)
    def status(self) -> str:
        """ready, offline, error, absent: whether the resident can be asked to use it."""
        return self._status

    @Property(str, notify=statusChanged)
    def statusDetail(self) -> str:
        """For technicians (the log, the service screen), not for residents."""
        return self._detail

    @Property(bool, notify=statusChanged)
    def available(self) -> bool:
        return self._status == DeviceStatus.READY.value

    @Property(str, notify=analysisChanged)
    def guidance(self) -> str:
        """The code the screens word: drivers.camera.face.Guidance, or for documents
        no_page / page_far / hold_still / blurry / page_ok, for QR no_code / code_found."""
        return self._guidance

    @Property(float, notify=analysisChanged)
    def progress(self) -> float:
        return self._progress

    @Property(bool, notify=analysisChanged)
    def live(self) -> bool:
        """The preview shows a real picture (the camera's first non-black frame is up)."""
        return self._live

    @Property(int, notify=analysisChanged)
    def countdown(self) -> int:
        """3, 2, 1 while the pose is right and held, before the photo takes itself; 0
        otherwise."""
        if self._mode != "photo" or self._guidance != "hold_still" or not self._live:
            return 0
        return max(1, math.ceil((1.0 - self._progress) * self._hold - 1e-6))

    @property
    def faces(self) -> list:
        return list(self._faces)

    @property
    def corners(self) -> list:
        return list(self._corners)

    # Every frame: JSON text, not a QVariantList (see ui.qtjson).
    facesJson = json_property(lambda self: self.faces, analysisChanged)
    cornersJson = json_property(lambda self: self.corners, analysisChanged)

    @Property(QSize, notify=analysisChanged)
    def frameSize(self) -> QSize:
        return self._frame_size

    @Property(str, notify=photoChanged)
    def faceCheck(self) -> str:
        """What the screen says about the face check made with the photo: "" (none made),
        "live" (the blink was seen, nothing to compare with), "matched" or "not_matched"
        (against the reference photo), "matched_sample" (against the sandbox's sample photo:
        never said to be her)."""
        face = self._face
        if face is None or not face.liveness:
            return ""
        if face.band in ("strong", "match"):
            return "matched_sample" if self._sample_reference else "matched"
        return "not_matched" if face.band in ("no_match", "no_face") else "live"

    @Property(bool, notify=photoChanged)
    def photoTaken(self) -> bool:
        return self._photo is not None

    @Property(str, notify=photoChanged)
    def photoUrl(self) -> str:
        return f"image://camera/photo/{self._photo_serial}" if self._photo else ""

    @Property("QStringList", notify=photoChanged)
    def photoProblems(self) -> list[str]:
        return list(self._photo.problems) if self._photo else []

    photoMeasures = json_property(lambda self: photo_measures(self._photo), photoChanged)

    @Property("QStringList", notify=pagesChanged)
    def pages(self) -> list[str]:
        return [f"image://camera/page/{i}/{self._serial}" for i in range(len(self._material.pages))]

    @Property("QVariantList", notify=pagesChanged)
    def pageSharp(self) -> list[bool]:
        return [page.sharp for page in self._material.pages]

    # What a technician's test page shows: each page's pixels, paper, dpi and sharpness.
    pagesInfo = json_property(
        lambda self: [page_info(page) for page in self._material.pages], pagesChanged
    )

    @Property(int, notify=pagesChanged)
    def retaking(self) -> int:
        """The page the next capture replaces; -1: the next capture adds a page."""
        return self._replace

    @Property(str, notify=codeChanged)
    def codeKind(self) -> str:
        """progress, booking, licence; unknown for a code the kiosk cannot use; "" none yet."""
        return self._code_kind

    @Property(str, notify=codeChanged)
    def codeValue(self) -> str:
        return self._code_value

    @Property(bool, notify=modeChanged)
    def elderly(self) -> bool:
        return self._elderly

    @elderly.setter
    def elderly(self, on: bool) -> None:
        self._elderly = bool(on)
        self._apply_elderly()
        self.modeChanged.emit()

    # -- what QML does --------------------------------------------------------------------------

    @Slot(int, int)
    def setPreviewSize(self, width: int, height: int) -> None:
        if width > 0 and height > 0:
            self._preview_size = (int(width), int(height))

    @Slot()
    def retakePhoto(self) -> None:
        self._photo = None
        self._face = None
        self.photoChanged.emit()
        analyser = self._worker.analyser if self._worker else None
        if analyser is not None:
            analyser.reset()

    @Slot()
    def confirmPhoto(self) -> None:
        if self._photo is not None:
            self.photoConfirmed.emit(self._photo)

    @Slot()
    def capturePage(self) -> None:
        analyser = self._worker.analyser if self._worker else None
        if analyser is not None and hasattr(analyser, "capture"):
            analyser.capture()

    @Slot(int)
    def retakePage(self, index: int) -> None:
        """The next capture replaces page `index` (-1: adds one again)."""
        self._replace = index if 0 <= index < len(self._material.pages) else -1
        self.pagesChanged.emit()

    @Slot(int)
    def removePage(self, index: int) -> None:
        if 0 <= index < len(self._material.pages):
            self._material.remove(index)
            self._replace = -1
            self._serial += 1
            self.pagesChanged.emit()

    @Slot(str)
    def finishMaterial(self, name: str) -> None:
        if self._material.pages:
            self._material.name = name
            material, self._material = self._material, Material()
            self.materialFinished.emit(material)
            self._serial += 1
            self.pagesChanged.emit()

    @Slot()
    def scanAgain(self) -> None:
        self._code_text = self._code_kind = self._code_value = ""
        self.codeChanged.emit()

    # -- for the image provider and the kiosk ------------------------------------------------

    @property
    def photo(self) -> IdPhoto | None:
        return self._photo

    @property
    def face_result(self) -> FaceResult | None:
        return self._face

    @property
    def material(self) -> Material:
        return self._material

    @property
    def worker(self) -> CameraWorker | None:
        return self._worker

    def image(self, id: str) -> np.ndarray | None:
        """photo/<serial> or page/<index>/<serial>: the BGR pixels, or None."""
        parts = id.split("/")
        if parts[0] == "photo" and self._photo is not None:
            return self._photo.image
        if parts[0] == "page" and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            if index < len(self._material.pages):
                return self._material.pages[index].image
        return None

    def image_provider(self) -> CameraImageProvider:
        return CameraImageProvider(self.image)


def photo_measures(photo: IdPhoto | None) -> dict[str, Any]:
    """The photo's GA 461 measures with the rule's limits, for the technician's test photo
    (maintenance mode): {} without a photo; "placed": False for the Haar-box crop (made when
    the landmark detector found no face: it has no measures)."""
    if photo is None:
        return {}
    m = photo.measures
    h, w = photo.image.shape[:2]
    out: dict[str, Any] = {
        "width": w,
        "height": h,
        "sharpness": round(photo.sharpness, 1),
        "placed": "face_width" in m,
        "problems": list(photo.problems),
    }
    if "face_width" in m:
        low = ga461.FACE_WIDTH - ga461.FACE_WIDTH_TOLERANCE
        high = ga461.FACE_WIDTH + ga461.FACE_WIDTH_TOLERANCE
        out["face_width"] = [round(m["face_width"]), low, high]
        out["head_top"] = [round(m["head_top"]), *ga461.HEAD_TOP]
        out["eyes_above_bottom"] = [round(m["eyes_above_bottom"]), ga461.EYES_ABOVE_BOTTOM]
    return out


def page_info(page: Page) -> dict[str, Any]:
    h, w = page.image.shape[:2]
    return {
        "width": w,
        "height": h,
        "mm": [round(page.size_mm[0]), round(page.size_mm[1])],
        "dpi": round(page.dpi),
        "sharpness": round(page.sharpness, 1),
        "sharp": page.sharp,
    }


class CameraImageProvider(QQuickImageProvider):
    """`image://camera/photo/<n>` and `image://camera/page/<i>/<n>`, from memory."""

    def __init__(self, lookup: Callable[[str], np.ndarray | None]) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lookup = lookup

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        pixels = self._lookup(id)
        if pixels is None:
            blank = QImage(8, 8, QImage.Format.Format_RGB32)
            blank.fill(QColor("white"))
            return blank
        qimage, _ = to_qimage(pixels)
        image = qimage.copy()  # own the pixels: the array goes when this returns
        if requested is not None and requested.isValid() and not requested.isEmpty():
            image = image.scaled(
                requested,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


@QmlElement
class CameraFrame(QQuickPaintedItem):
    """The live picture: paints the view model's newest preview image, centred, kept in
    proportion. `import KioskCamera` in QML; set `camera` to the CameraViewModel."""

    cameraChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._camera: CameraViewModel | None = None
        self._image: QImage | None = None
        self.setOpaquePainting(True)
        self.setFillColor(QColor("black"))
        self.widthChanged.connect(self._size_changed)
        self.heightChanged.connect(self._size_changed)

    @Property(QObject, notify=cameraChanged)
    def camera(self) -> QObject | None:
        return self._camera

    @camera.setter
    def camera(self, camera: QObject | None) -> None:
        if camera is self._camera:
            return
        if self._camera is not None:
            with contextlib.suppress(RuntimeError):  # the view model may already be gone
                self._camera.frameReady.disconnect(self._frame_ready)
        self._camera = camera if isinstance(camera, CameraViewModel) else None
        if self._camera is not None:
            self._camera.frameReady.connect(self._frame_ready)
            self._size_changed()
            # A frame announced while no preview was there (between two screens) is still
            # waiting to be taken, and the camera announces no other until it is: take it now.
            self._frame_ready()
        self.cameraChanged.emit()

    def _size_changed(self) -> None:
        if self._camera is not None:
            ratio = self.window().devicePixelRatio() if self.window() else 1.0
            self._camera.setPreviewSize(round(self.width() * ratio), round(self.height() * ratio))

    @Slot()
    def _frame_ready(self) -> None:
        if self._camera is not None:
            self._image = self._camera.take_frame()
            self.update()

    def paint(self, painter: QPainter) -> None:
        image = self._image
        if image is None or image.isNull():
            return
        w, h = self.width(), self.height()
        scale = min(w / image.width(), h / image.height())
        dw, dh = image.width() * scale, image.height() * scale
        target = QRectF((w - dw) / 2, (h - dh) / 2, dw, dh)
        painter.drawImage(target, image)
