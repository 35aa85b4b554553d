"""QR mode: read a QR code in the frame and say what it is (kiosk.codes)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.codes import ScannedCode, read_code

READ_WIDTH = 960  # a code that fills a fifth of a 1280 frame still has ~3 px modules here


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
    def __init__(self) -> None:
        self._detectors = _detectors()

    def reset(self) -> None:
        pass

    def analyse(self, frame) -> QrAnalysis:
        image = frame.image
        h, w = image.shape[:2]
        text, corners = read_qr(image, self._detectors)
        fractions = tuple((float(x) / w, float(y) / h) for x, y in corners)
        return QrAnalysis(text, read_code(text) if text else None, fractions, (w, h))


def _detectors() -> tuple:
    # Two readers: OpenCV's classic detector misses some codes that the ArUco-based one reads
    # (and the other way round), and the ArUco one is the quicker on a frame with no code.
    return (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector())


def read_qr(image: np.ndarray, detectors: tuple | None = None) -> tuple[str, np.ndarray]:
    """The text of the code in `image` and its corners in image pixels ("" when none)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, READ_WIDTH / gray.shape[1])
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    for detector in detectors or _detectors():
        try:
            text, points, _ = detector.detectAndDecode(gray)
        except cv2.error:  # a malformed candidate region; the next frame will do
            continue
        if text and points is not None:
            return text, points.reshape(-1, 2)[:4] / scale
    return "", np.empty((0, 2), np.float32)
