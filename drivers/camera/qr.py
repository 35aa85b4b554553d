"""QR mode: read a QR code in the frame and say what it is (kiosk.codes).

The reader is zxing-cpp at the camera's full resolution (a code that fills a fifth of a 1280
frame has 2–3 px modules, which downscaling loses). A frame it cannot read is tried again
sharpened (an unsharp mask brings back blurred module edges and lifts low contrast), then at
twice the size (modules under 2 px). OpenCV's detectors stay as an optional last try: on the
degraded set (drivers.camera.qrset, bench/qr.py) they add one frame in 200 at three times the
worst-case time, so the kiosk does not run them by default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from kiosk.codes import ScannedCode, read_code

_QR = zxingcpp.BarcodeFormat.QRCode


@dataclass(frozen=True)
class QrAnalysis:
    text: str  # "" when no code was read
    code: ScannedCode | None  # what the kiosk makes of it; None: not a code the kiosk knows
    corners: tuple[tuple[float, float], ...]  # fractions of the frame
    frame_size: tuple[int, int]

    @property
    def found(self) -> bool:
        return bool(self.text)


class QrAnalyser:
    def __init__(self, opencv_fallback: bool = False) -> None:
        self._opencv = opencv_detectors() if opencv_fallback else ()

    def reset(self) -> None:
        pass

    def analyse(self, frame) -> QrAnalysis:
        image = frame.image
        h, w = image.shape[:2]
        text, corners = read_qr(image, self._opencv)
        fractions = tuple((float(x) / w, float(y) / h) for x, y in corners)
        return QrAnalysis(text, read_code(text) if text else None, fractions, (w, h))


def opencv_detectors() -> tuple:
    return (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector())


def _sharpened(gray: np.ndarray) -> np.ndarray:
    return cv2.addWeighted(gray, 2.0, cv2.GaussianBlur(gray, (0, 0), 2.0), -1.0, 0)


def _doubled(gray: np.ndarray) -> np.ndarray:
    return cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


# Each try: how the picture is prepared, and the scale of its pixels to the frame's.
_TRIES: tuple[tuple[Callable[[np.ndarray], np.ndarray], float], ...] = (
    (lambda gray: gray, 1.0),
    (_sharpened, 1.0),
    (_doubled, 2.0),
)


def _zxing(gray: np.ndarray, scale: float) -> tuple[str, np.ndarray] | None:
    for code in zxingcpp.read_barcodes(gray, formats=_QR, try_downscale=scale == 1.0):
        if code.valid and code.text:
            p = code.position
            corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
            points = np.array([[c.x, c.y] for c in corners], np.float32) / scale
            return code.text, points
    return None


def read_qr(image: np.ndarray, opencv: tuple = ()) -> tuple[str, np.ndarray]:
    """The text of the code in `image` and its corners in image pixels ("" when none).
    `opencv`: OpenCV detectors to try last (opencv_detectors()), none by default."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    gray = np.ascontiguousarray(gray)
    for prepare, scale in _TRIES:
        found = _zxing(prepare(gray), scale)
        if found:
            return found
    for detector in opencv:
        try:
            text, points, _ = detector.detectAndDecode(gray)
        except cv2.error:  # a malformed candidate region; the next frame will do
            continue
        if text and points is not None:
            return text, points.reshape(-1, 2)[:4]
    return "", np.empty((0, 2), np.float32)
