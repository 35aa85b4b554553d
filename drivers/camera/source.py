"""What the configuration's `camera.source` names, opened: a device (an index or a /dev path),
a video file, an image sequence (img_%03d.jpg) or a still image. Files loop, so the simulator
behaves like a camera that never ends; each loop opens the file again, so a file that goes
away is noticed like an unplugged camera, and one that comes back is picked up.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import cv2
import numpy as np

from kiosk.devices import DeviceStatus

Kind = Literal["device", "video", "sequence", "still"]
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm"}
# How often a still image is read again from its file: the pace at which a vanished or
# replaced file is noticed.
STILL_RELOAD_SECONDS = 1.0

# OpenCV warns on stderr at every failed open (a camera unplugged is retried every few
# seconds); the worker reports the status in plain words instead.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


class SourceProblem(Exception):
    """The source cannot give frames now. `status` is what the kiosk should show (OFFLINE:
    not there, try again later; ERROR: there but wrong), the message plain words."""

    def __init__(self, status: DeviceStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SourceSpec:
    kind: Kind
    target: int | str

    @classmethod
    def parse(cls, source: str) -> SourceSpec:
        source = source.strip()
        if re.fullmatch(r"\d{1,3}", source):
            return cls("device", int(source))
        if source.startswith("/dev/"):
            return cls("device", source)
        if re.search(r"%0?\d*d", source):
            return cls("sequence", source)
        if Path(source).suffix.lower() in IMAGE_SUFFIXES:
            return cls("still", source)
        return cls("video", source)

    @property
    def is_file(self) -> bool:
        return self.kind != "device"

    def describe(self) -> str:
        if self.kind == "device":
            return f"camera {self.target}"
        return f"{self.kind} file {self.target}"


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None:
        """The next frame; None at the end of a file. SourceProblem when the source is gone."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Controls:
    """What the technician calibrates on the device itself (kiosk.config.CameraSection)."""

    exposure: float | None = None  # None: automatic
    focus: float | None = None  # None: autofocus
    white_balance: int | None = None  # kelvin; None: automatic
    mjpg: bool = True

    @classmethod
    def of(cls, config) -> Controls:
        return cls(config.exposure, config.focus, config.white_balance, config.mjpg)


class DeviceSource:
    """A V4L2 camera (or whatever backend OpenCV picks for an index)."""

    def __init__(self, spec: SourceSpec, width: int, height: int, controls: Controls | None = None):
        controls = controls or Controls()
        target = spec.target
        if isinstance(target, str) and not os.path.exists(target):
            raise SourceProblem(DeviceStatus.OFFLINE, f"no camera at {target}")
        self._cap = cv2.VideoCapture(target, cv2.CAP_V4L2)
        if not self._cap.isOpened():
            self._cap.release()
            raise SourceProblem(DeviceStatus.OFFLINE, f"no camera answers at {spec.describe()}")
        if controls.mjpg:
            # Before the size: the driver offers the large sizes at full rate only in MJPG.
            self._cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        # Fewest buffered frames: the preview shows now, not a quarter second ago.
        self._cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        if controls.exposure is not None:
            self._cap.set(cv2.CAP_PROP_AUTO_EXPOSURE, 1)  # V4L2: 1 manual, 3 automatic
            self._cap.set(cv2.CAP_PROP_EXPOSURE, controls.exposure)
        # Focus and white balance where the camera offers them (a set the driver refuses
        # returns False and changes nothing).
        if controls.focus is not None:
            self._cap.set(cv2.CAP_PROP_AUTOFOCUS, 0)
            self._cap.set(cv2.CAP_PROP_FOCUS, controls.focus)
        if controls.white_balance is not None:
            self._cap.set(cv2.CAP_PROP_AUTO_WB, 0)
            self._cap.set(cv2.CAP_PROP_WB_TEMPERATURE, controls.white_balance)
        self._name = spec.describe()

    def read(self) -> np.ndarray | None:
        ok, image = self._cap.read()
        if not ok or image is None:
            raise SourceProblem(DeviceStatus.OFFLINE, f"{self._name} stopped sending pictures")
        return image

    def close(self) -> None:
        self._cap.release()


class VideoSource:
    """A video file or an image sequence, through OpenCV's own readers."""

    def __init__(self, spec: SourceSpec):
        target = str(spec.target)
        first = target % 0 if spec.kind == "sequence" else target
        if spec.kind == "sequence":
            if not Path(target).parent.is_dir():
                raise SourceProblem(DeviceStatus.OFFLINE, f"no folder for {target}")
        elif not Path(target).exists():
            raise SourceProblem(DeviceStatus.OFFLINE, f"no file {target}")
        elif Path(target).stat().st_size == 0:
            raise SourceProblem(DeviceStatus.ERROR, f"{target} is empty (0 bytes)")
        api = cv2.CAP_IMAGES if spec.kind == "sequence" else cv2.CAP_ANY
        self._cap = cv2.VideoCapture(target, api)
        if not self._cap.isOpened():
            self._cap.release()
            what = "an image sequence" if spec.kind == "sequence" else "a video"
            status = DeviceStatus.ERROR if Path(first).exists() else DeviceStatus.OFFLINE
            raise SourceProblem(status, f"{target} cannot be read as {what}")
        self._name = target

    def read(self) -> np.ndarray | None:
        ok, image = self._cap.read()
        return image if ok and image is not None else None

    def close(self) -> None:
        self._cap.release()


class StillSource:
    """One picture, shown as a camera would show a scene that does not move."""

    def __init__(self, spec: SourceSpec, clock=time.monotonic):
        path = Path(str(spec.target))
        if not path.exists():
            raise SourceProblem(DeviceStatus.OFFLINE, f"no file {path}")
        if path.stat().st_size == 0:
            raise SourceProblem(DeviceStatus.ERROR, f"{path} is empty (0 bytes)")
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            raise SourceProblem(DeviceStatus.ERROR, f"{path} is not an image the camera can use")
        self._image = image
        self._clock = clock
        self._until = clock() + STILL_RELOAD_SECONDS

    def read(self) -> np.ndarray | None:
        # End of the "file" once a second: the worker opens it again, from disk.
        return self._image if self._clock() < self._until else None

    def close(self) -> None:
        pass


def open_source(
    spec: SourceSpec, width: int, height: int, controls: Controls | None = None
) -> FrameSource:
    """The source opened; SourceProblem saying why not."""
    try:
        if spec.kind == "device":
            return DeviceSource(spec, width, height, controls)
        if spec.kind == "still":
            return StillSource(spec)
        return VideoSource(spec)
    except SourceProblem:
        raise
    except (cv2.error, OSError) as e:  # a backend that throws instead of failing to open
        raise SourceProblem(DeviceStatus.ERROR, f"{spec.describe()} cannot be opened: {e}") from e
