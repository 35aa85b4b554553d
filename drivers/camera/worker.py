"""The capture worker: one thread reads the source and keeps only the newest frame, a second
analyses the newest frame in the current mode. The preview gets every frame the camera gives,
whatever the analysis costs; the analysis gets the newest frame, never a backlog.

A source that fails is closed and opened again with growing pauses (a camera unplugged and
plugged back, a file replaced: drivers.device); what is wrong is told through drivers.events in
plain words.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Protocol, Self

from drivers.camera.faceproc import FaceAnalysisDown, FaceProcess
from drivers.camera.frames import Frame, calibrate, is_black
from drivers.camera.source import (
    Controls,
    FrameSource,
    SourceProblem,
    SourceSpec,
    open_source,
)
from drivers.device import Device, EventSink
from kiosk.background import Background
from kiosk.config import CameraSection
from kiosk.devices import DeviceStatus

log = logging.getLogger(__name__)

Clock = Callable[[], float]
# Frames smaller than this are no use for an ID photo or a page, whatever they are scaled to.
MIN_USABLE = (320, 240)


class Mode(StrEnum):
    PREVIEW = "preview"  # frames only, no analysis
    PHOTO = "photo"
    DOCUMENT = "document"
    QR = "qr"


class Analyser(Protocol):
    def analyse(self, frame: Frame) -> Any: ...

    def reset(self) -> None: ...


def analyser_for(
    mode: Mode, config: CameraSection, clock: Clock, faces: FaceProcess | None = None
) -> Analyser | None:
    """The mode's analyser with the configuration's settings. With `faces`, the photo mode's
    analysis (dlib, which holds Python's lock) runs in that process (drivers.camera.faceproc)."""
    if mode is Mode.PHOTO and faces is not None:
        from drivers.camera.faceproc import RemotePhotoAnalyser

        return RemotePhotoAnalyser(
            faces, hold_seconds=config.hold_seconds, clock=clock, liveness=config.liveness
        )
    if mode is Mode.PHOTO:
        from drivers.camera.face import PhotoAnalyser

        return PhotoAnalyser(
            hold_seconds=config.hold_seconds, clock=clock, liveness=config.liveness
        )
    if mode is Mode.DOCUMENT:
        from drivers.camera.document import DocumentAnalyser

        return DocumentAnalyser()
    if mode is Mode.QR:
        from drivers.camera.qr import QrAnalyser

        return QrAnalyser()
    return None


class CameraWorker(Device):
    """Reads `config.source` until stopped. `on_frame(frame)` runs on the capture thread for
    every frame and must be quick (hand it on, do not process); `on_analysis(result)` runs on
    the analysis thread; `on_event(StatusChanged)` on either. With `faces`, the photo mode's
    analysis runs in that process; while it is down the camera's status says so."""

    lost_errors = (SourceProblem,)

    def __init__(
        self,
        config: CameraSection,
        *,
        on_frame: Callable[[Frame], None] | None = None,
        on_analysis: Callable[[Any], None] | None = None,
        on_event: EventSink | None = None,
        mode: Mode = Mode.PREVIEW,
        clock: Clock = time.monotonic,
        backoff: tuple[float, float] = (0.2, 5.0),
        no_frame_seconds: float = 3.0,
        black_seconds: float = 1.0,
        name: str = "camera",
        faces: FaceProcess | None = None,
    ) -> None:
        super().__init__(name, on_event, backoff=backoff, thread_name=f"{name}-capture")
        self.config = config
        self.spec = SourceSpec.parse(config.source)
        self._on_frame = on_frame
        self._on_analysis = on_analysis
        self._clock = clock
        self._no_frame_seconds = no_frame_seconds
        self._black_seconds = black_seconds
        self._source: FrameSource | None = None
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._last_frame_t = 0.0
        self._mode = mode
        self._faces = faces
        # Why the analysis cannot run (its process is down), reported instead of "ready".
        self._analysis_problem: str | None = None
        self._analyser: Analyser | None = analyser_for(mode, config, clock, faces)
        self._analysis = _Analysis(self)
        self.frames = 0  # delivered since start, for benchmarks and tests
        self.analyses = 0

    # -- control (any thread) -----------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def analyser(self) -> Analyser | None:
        return self._analyser

    def set_mode(self, mode: Mode, analyser: Analyser | None = None) -> Analyser | None:
        """Switch what is analysed; the new analyser starts fresh. Returns it."""
        self._analyser = (
            analyser
            if analyser is not None
            else analyser_for(mode, self.config, self._clock, self._faces)
        )
        self._mode = mode
        self._analysis_problem = None
        return self._analyser

    def latest(self) -> Frame | None:
        return self._latest

    def start(self) -> Self:
        super().start()
        self._analysis.start()
        return self

    def stop(self, timeout: float = 2.0) -> bool:
        # A device blocked in a read returns within a frame or two; never hang the kiosk.
        ended = super().stop(timeout)
        ended = self._analysis.stop(timeout) and ended
        self._set_status(DeviceStatus.OFFLINE, "stopped", final=True)
        return ended

    def interrupt(self) -> None:
        self._analysis.stopping.set()
        with self._cond:
            self._cond.notify_all()

    # -- capture thread (drivers.device) --------------------------------------------------------

    def connect(self) -> bool:
        self._source = self._open()
        return True

    def cycle(self) -> None:
        assert self._source is not None
        delivered = self._read_frames(self._source)
        if not self.running:
            return
        if not delivered:
            raise SourceProblem(DeviceStatus.ERROR, f"{self.spec.describe()} holds no pictures")
        # The end of a file: loop it, at once.
        self.close()
        self._source = self._open()

    def close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            source.close()

    def lost(self, problem: Exception) -> None:
        assert isinstance(problem, SourceProblem)
        self.close()
        self._set_status(problem.status, str(problem))

    def _open(self) -> FrameSource:
        return open_source(
            self.spec, self.config.width, self.config.height, Controls.of(self.config)
        )

    def _read_frames(self, source: FrameSource) -> int:
        """Frames until the end of a file or the stop; SourceProblem when the source fails."""
        interval = 1.0 / self.config.fps if self.spec.is_file else 0.0
        next_due = time.monotonic()
        count = 0
        black_since: float | None = None
        while self.running:
            raw = source.read()
            if raw is None:
                return count
            count += 1
            now = self._clock()
            image = calibrate(raw, self.config)
            if is_black(image):
                black_since = now if black_since is None else black_since
                if now - black_since >= self._black_seconds:
                    self._set_status(
                        DeviceStatus.ERROR,
                        "the picture is black: lens covered, no light, or a faulty camera",
                    )
            else:
                black_since = None
                self._set_status(*self._size_state(raw))
            self._publish(Frame(image, self.frames, now))
            if interval:
                next_due += interval
                pause = next_due - time.monotonic()
                if pause > 0:
                    self.stopping.wait(pause)
                else:
                    next_due = time.monotonic()  # late: do not try to catch up
        return count

    def _size_state(self, raw) -> tuple[DeviceStatus, str]:
        problem = self._analysis_problem
        if problem is not None:
            return DeviceStatus.ERROR, problem
        h, w = raw.shape[:2]
        want = (self.config.width, self.config.height)
        if (w, h) == want:
            return DeviceStatus.READY, f"{w}×{h} from {self.spec.describe()}"
        note = f"the camera gives {w}×{h}, not the configured {want[0]}×{want[1]}"
        if w < MIN_USABLE[0] or h < MIN_USABLE[1]:
            # Still shown (never a frozen preview), but not good enough to rely on.
            return DeviceStatus.ERROR, f"{note}: too small for photos or pages"
        return DeviceStatus.READY, f"{note}: pictures are scaled to fit"

    def _publish(self, frame: Frame) -> None:
        with self._cond:
            self._latest = frame
            self._last_frame_t = time.monotonic()
            self._cond.notify()
        self.frames += 1
        if self._on_frame is not None:
            try:
                self._on_frame(frame)
            except Exception:
                log.exception("camera frame listener failed")

    # -- analysis thread ----------------------------------------------------------------------

    def _analyse_until_stopped(self, thread: Background) -> None:
        done = -1
        while thread.running:
            with self._cond:
                self._cond.wait_for(
                    lambda: (
                        not thread.running
                        or (self._latest is not None and self._latest.seq != done)  # noqa: B023 (called at once)
                    ),
                    timeout=0.5,
                )
                frame = self._latest
            self._watch()
            if not thread.running or frame is None or frame.seq == done:
                continue
            done = frame.seq
            analyser = self._analyser
            if analyser is None:
                continue
            try:
                result = analyser.analyse(frame)
            except FaceAnalysisDown as down:
                if not down.starting:
                    self._analysis_problem = str(down)
                    self._set_status(DeviceStatus.ERROR, str(down))
                continue
            except Exception:  # one frame the analyser chokes on is skipped, not fatal
                log.exception("camera analysis failed")
                continue
            if self._analysis_problem is not None:
                self._analysis_problem = None  # the next frame says ready again
            self.analyses += 1
            if result is not None and self._on_analysis is not None:
                try:
                    self._on_analysis(result)
                except Exception:
                    log.exception("camera analysis listener failed")

    def _watch(self) -> None:
        """A camera that is open but has gone quiet (a read that blocks) is offline too."""
        if self.state.status is not DeviceStatus.READY or not self._last_frame_t:
            return
        quiet = time.monotonic() - self._last_frame_t
        if quiet > self._no_frame_seconds:
            self._set_status(DeviceStatus.OFFLINE, f"no picture from the camera for {quiet:.0f} s")


class _Analysis(Background):
    """The second thread: the newest frame to the mode's analyser, never a backlog."""

    def __init__(self, worker: CameraWorker) -> None:
        super().__init__(f"{worker.name}-analysis")
        self._worker = worker

    def run(self) -> None:
        self._worker._analyse_until_stopped(self)
