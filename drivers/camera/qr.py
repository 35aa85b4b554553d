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
        self._detector = cv2.QRCodeDetector()

    def reset(self) -> None:
        pass

    def analyse(self, frame) -> QrAnalysis:
        image = frame.image
        h, w = image.shape[:2]
        text, corners = read_qr(image, self._detector)
        fractions = tuple((float(x) / w, float(y) / h) for x, y in corners)
        return QrAnalysis(text, read_code(text) if text else None, fractions, (w, h))


def read_qr(
    image: np.ndarray, detector: cv2.QRCodeDetector | None = None
) -> tuple[str, np.ndarray]:
    """The text of the code in `image` and its corners in image pixels ("" when none)."""
    detector = detector or cv2.QRCodeDetector()
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, READ_WIDTH / gray.shape[1])
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    try:
        text, points, _ = detector.detectAndDecode(gray)
    except cv2.error:  # a malformed candidate region; the next frame will do
        return "", np.empty((0, 2), np.float32)
    if not text or points is None:
        return "", np.empty((0, 2), np.float32)
    return text, points.reshape(-1, 2) / scale
