"""The resident ID photo (居民身份证 photo): 358 × 441 pixels (26 × 32 mm at 350 dpi), the head
about two thirds of the height, centred, eyes level, on a plain light background; and the
checks a clerk would make of it (sharp, well exposed, plain background).

The photo lives in memory only; `jpeg()` gives the bytes the application carries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

PHOTO_WIDTH = 358
PHOTO_HEIGHT = 441
HEAD_FRACTION = 2 / 3  # crown to chin, of the photo's height
TOP_MARGIN = 0.09  # above the crown, of the photo's height
# A Haar face box runs from the forehead to just below the mouth: the crown is about half a
# box above it (more with hair), the chin a fifth below.
CROWN_ABOVE = 0.5
CHIN_BELOW = 0.2

SHARPNESS_MIN = 30.0  # Laplacian variance of the face at a fixed size; below: blurred
FACE_LEVEL = (70.0, 210.0)  # mean grey level of the face that reads well in print
BACKGROUND_LEVEL_MIN = 140.0  # "light"
BACKGROUND_SPREAD_MAX = 30.0  # "plain": standard deviation of the grey level

Box = tuple[int, int, int, int]  # x, y, width, height in pixels


@dataclass(frozen=True)
class IdPhoto:
    image: np.ndarray  # PHOTO_HEIGHT × PHOTO_WIDTH × 3, BGR
    face: Box  # where the face box landed in the photo
    problems: tuple[str, ...]  # "blurry", "too_dark", "too_bright", "background"
    sharpness: float
    # GA 461's measures of the placed face (ga461.make_photo's: face_width, head_top,
    # eyes_above_bottom, ...), for the technician's test photo; empty for the Haar-box crop.
    measures: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def jpeg(self, quality: int = 95) -> bytes:
        """JPEG with 350 dpi in its header: 358 × 441 px print at 26 × 32 mm."""
        rgb = cv2.cvtColor(self.image, cv2.COLOR_BGR2RGB)
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, "JPEG", quality=quality, dpi=(350, 350))
        return out.getvalue()


def landmark_photo(image: np.ndarray, strict_white: bool = True) -> IdPhoto | None:
    """The photo placed to GA 461 from 68 face landmarks (drivers.camera.ga461); None when the
    landmark detector finds no face (the Haar-box crop, make_photo, is used then)."""
    from drivers.camera import ga461

    result = ga461.make_photo(image, strict_white)
    if result.image is None or result.landmarks is None:
        return None
    x, y, w, h = cv2.boundingRect(result.landmarks[:27].astype(np.int32))
    return IdPhoto(
        result.image,
        (x, y, w, h),
        result.problems,
        result.measures.get("sharpness", 0.0),
        dict(result.measures),
    )


def photo_transform(face: Box) -> np.ndarray:
    """The 2 × 3 affine map from frame pixels to photo pixels for this face box."""
    x, y, w, h = face
    crown = y - CROWN_ABOVE * h
    chin = y + h + CHIN_BELOW * h
    scale = HEAD_FRACTION * PHOTO_HEIGHT / (chin - crown)
    cx = x + w / 2
    tx = PHOTO_WIDTH / 2 - cx * scale
    ty = TOP_MARGIN * PHOTO_HEIGHT - crown * scale
    return np.array([[scale, 0.0, tx], [0.0, scale, ty]], dtype=np.float64)


def make_photo(image: np.ndarray, face: Box) -> IdPhoto:
    """Crop and scale `image` (the camera's view, not mirrored) around `face`, and check it.
    Where the head is too near the frame's edge the border is repeated, not left black."""
    m = photo_transform(face)
    scale = m[0, 0]
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    photo = cv2.warpAffine(
        image, m, (PHOTO_WIDTH, PHOTO_HEIGHT), flags=interp, borderMode=cv2.BORDER_REPLICATE
    )
    x, y, w, h = face
    fx, fy = m @ np.array([x, y, 1.0]), m @ np.array([x + w, y + h, 1.0])
    box = (round(fx[0]), round(fx[1]), round(fy[0] - fx[0]), round(fy[1] - fx[1]))
    problems, sharpness = check_photo(photo, box)
    return IdPhoto(photo, box, problems, sharpness)


def check_photo(photo: np.ndarray, face: Box) -> tuple[tuple[str, ...], float]:
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    x, y, w, h = face
    region = gray[max(0, y) : max(1, y + h), max(0, x) : max(1, x + w)]
    problems: list[str] = []
    # At a fixed size, so the figure does not depend on how far the resident stood.
    sharp = cv2.resize(region, (160, 160), interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(sharp, cv2.CV_64F).var())
    if sharpness < SHARPNESS_MIN:
        problems.append("blurry")
    level = float(region.mean())
    if level < FACE_LEVEL[0]:
        problems.append("too_dark")
    elif level > FACE_LEVEL[1]:
        problems.append("too_bright")
    if not background_plain(gray, face):
        problems.append("background")
    return tuple(problems), sharpness


def background_plain(gray: np.ndarray, face: Box) -> bool:
    """The strip above the head and the upper corners beside it: light and even."""
    x, y, w, h = face
    top = max(4, int(y - CROWN_ABOVE * h * 1.3))
    side = max(4, int(x - 0.35 * w))
    parts = [gray[:top, :].ravel()]
    if side > 4:
        rows = slice(0, max(top + 1, y + h // 2))
        parts += [gray[rows, :side].ravel(), gray[rows, PHOTO_WIDTH - side :].ravel()]
    sample = np.concatenate(parts).astype(np.float32)
    return (
        float(sample.mean()) >= BACKGROUND_LEVEL_MIN
        and float(sample.std()) <= BACKGROUND_SPREAD_MAX
    )
