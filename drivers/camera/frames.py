"""One frame as the analysers and the preview see it, and the technician's calibration
(size, rotation, crop) applied to what the camera gives."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.config import CameraSection

_ROTATIONS = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}
# Mean grey level (0–255) under which a frame counts as black: a covered lens or a dead sensor,
# not a dim room (which the photo guidance calls too dark).
BLACK_LEVEL = 8.0


@dataclass(frozen=True)
class Frame:
    """BGR pixels, read-only (one frame goes to the preview and the analyser at once), as the
    camera sees the scene: never mirrored. The preview mirrors for the resident, not the data."""

    image: np.ndarray
    seq: int
    t: float

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


def fit_size(image: np.ndarray, width: int, height: int) -> np.ndarray:
    """Scale to cover width × height and cut the overflow evenly: a camera that ignores the
    requested resolution keeps faces their true shape."""
    h, w = image.shape[:2]
    if (w, h) == (width, height):
        return image
    scale = max(width / w, height / h)
    sw, sh = max(width, round(w * scale)), max(height, round(h * scale))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    scaled = cv2.resize(image, (sw, sh), interpolation=interp)
    x, y = (sw - width) // 2, (sh - height) // 2
    return scaled[y : y + height, x : x + width]


def calibrate(image: np.ndarray, config: CameraSection) -> np.ndarray:
    """The configured size, then rotation, then the crop region; read-only result."""
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    image = fit_size(image, config.width, config.height)
    if config.rotation:
        image = cv2.rotate(image, _ROTATIONS[config.rotation])
    x, y, w, h = config.crop
    if (x, y, w, h) != (0.0, 0.0, 1.0, 1.0):
        ih, iw = image.shape[:2]
        x0, y0 = round(x * iw), round(y * ih)
        image = image[y0 : y0 + max(1, round(h * ih)), x0 : x0 + max(1, round(w * iw))]
    image = np.ascontiguousarray(image)
    image.flags.writeable = False
    return image


def mean_level(image: np.ndarray) -> float:
    """Mean grey level, from a coarse sample: cheap enough for every frame."""
    return float(image[::8, ::8].mean())


def is_black(image: np.ndarray) -> bool:
    return mean_level(image) < BLACK_LEVEL
