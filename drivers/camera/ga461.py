"""The resident ID photo to GA 461's geometry, placed from 68 face landmarks (dlib's HOG face
detector and its 68-point shape predictor, as shipped by the `dlib-bin` and
`face-recognition-models` packages: nothing is downloaded at run time).

358 × 441 px (26 × 32 mm at 350 dpi): the face (jaw points 0 and 16, cheek to cheek) 207 ± 14 px
wide, the top of the head 7–21 px below the upper edge, the eyes at least 207 px above the
bottom, centred. The crown is where the head meets the background above the eyebrows, found in
the picture; where the background is not plain the crown is estimated from the landmarks.

Refused, with the reason: closed eyes (eye aspect ratio), a head rolled or turned (eye line
angle, nose off the jaw's middle: glasses do not hide these), blur (focus and motion: Laplacian
variance of the face), an over- or under-exposed or backlit face, a second face in the crop, a
background that is not near-white (light blue, pink and grey are refused on the strict
setting), and a face too far to fill the photo without upscaling ("move_closer").
"""

from __future__ import annotations

import importlib.util
import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

PHOTO_WIDTH = 358
PHOTO_HEIGHT = 441
FACE_WIDTH = 207
FACE_WIDTH_TOLERANCE = 14
HEAD_TOP = (7, 21)
EYES_ABOVE_BOTTOM = 207
DPI = 350
JPEG_QUALITY = 95

MAX_UPSCALE = 1.6  # a face smaller than FACE_WIDTH / this in the frame: come closer
EYES_OPEN_MIN = 0.17  # eye aspect ratio (height over width of the eye's landmarks)
IRIS_MIN = 0.12  # share of dark pixels (iris, pupil) inside each eye's outline
ROLL_MAX = 6.0  # degrees of the eye line
YAW_MAX = 0.12  # the nose tip off the jaw's middle, of the face width
SHARPNESS_MIN = 40.0  # Laplacian variance of the face at a fixed size
FACE_LEVEL = (80.0, 200.0)  # mean grey of the face
BACKLIT_MARGIN = 90.0  # background brighter than the face by more than this: backlit…
BACKLIT_HIGHLIGHTS = 155.0  # …when even the face's highlights (95th percentile) stay below this
WHITE_LEVEL_MIN = 215.0  # the background's mean grey on the strict setting
WHITE_CHROMA_MAX = 8.0  # mean distance from neutral in Lab's a, b (blue, pink walls)


@dataclass(frozen=True)
class Ga461Photo:
    image: np.ndarray | None  # PHOTO_HEIGHT × PHOTO_WIDTH × 3, BGR; None when no crop was made
    problems: tuple[str, ...]
    landmarks: np.ndarray | None  # 68 × 2, photo pixels
    measures: dict

    @property
    def ok(self) -> bool:
        return self.image is not None and not self.problems

    def jpeg(self) -> bytes:
        """JPEG with 350 dpi in its JFIF header, as the rule's 26 × 32 mm print needs."""
        if self.image is None:
            raise ValueError("no photo was made")
        rgb = cv2.cvtColor(self.image, cv2.COLOR_BGR2RGB)
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
        return out.getvalue()


def model_file(name: str) -> Path:
    """A model file of the face-recognition-models package, found without importing it (its
    __init__ needs pkg_resources, which newer setuptools no longer has)."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("face-recognition-models is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / name
    if not path.is_file():
        raise FileNotFoundError(f"the face model is missing: {path}")
    return path


@cache
def _models():
    import dlib

    predictor = model_file("shape_predictor_68_face_landmarks.dat")
    return dlib.get_frontal_face_detector(), dlib.shape_predictor(str(predictor))


PHANTOM_SHARE = 0.3  # of the surest detection's score: below it, not a face


def landmarks(image: np.ndarray, upsample: int = 0) -> list[np.ndarray]:
    """68 landmarks (frame pixels) of every face found, largest first."""
    import dlib

    detector, predictor = _models()
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    rects, scores, _ = detector.run(rgb, upsample, 0.0)
    # HOG also "finds" faces in clothing (the badge on the astronaut's suit, as large as her
    # face at a fifteenth of its score): a detection far less sure than the surest is none.
    least = PHANTOM_SHARE * max(scores, default=0.0)
    found = [r for r, score in zip(rects, scores, strict=True) if score >= least]
    faces = sorted(found, key=lambda r: r.area(), reverse=True)
    out = []
    for rect in faces:
        shape = predictor(rgb, dlib.rectangle(rect.left(), rect.top(), rect.right(), rect.bottom()))
        out.append(np.array([[p.x, p.y] for p in shape.parts()], np.float64))
    return out


def _iris(image: np.ndarray, pts: np.ndarray) -> float:
    """The darker-eyed of the two eyes' share of dark pixels (iris and pupil) inside the eye's
    outline: an eye shut shows lid, the colour of the cheek, where the landmarks still draw an
    eye."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    cheek = float(
        np.median(
            gray[
                int(pts[29, 1]) - 3 : int(pts[29, 1]) + 4, int(pts[29, 0]) - 3 : int(pts[29, 0]) + 4
            ]
        )
    )
    shares = []
    for eye in (pts[36:42], pts[42:48]):
        mask = np.zeros(gray.shape, np.uint8)
        cv2.fillConvexPoly(mask, cv2.convexHull(eye.astype(np.int32)), 255)
        inside = gray[mask > 0]
        shares.append(float((inside < 0.55 * cheek).mean()) if inside.size else 0.0)
    return min(shares)


def _eye_ratio(eye: np.ndarray) -> float:
    a = np.linalg.norm(eye[1] - eye[5]) + np.linalg.norm(eye[2] - eye[4])
    return float(a / (2.0 * max(np.linalg.norm(eye[0] - eye[3]), 1e-6)))


def _background_mask(shape: tuple[int, int], pts: np.ndarray) -> np.ndarray:
    """Above the eyes, outside an ellipse around the head (hair included)."""
    h, w = shape
    mask = np.zeros((h, w), np.uint8)
    eyes = int((pts[36:48, 1]).mean())
    mask[:eyes, :] = 255
    face_w = float(pts[16, 0] - pts[0, 0])
    chin = float(pts[8, 1])
    head_h = chin - HEAD_TOP[0]
    centre = (int((pts[0, 0] + pts[16, 0]) / 2), int(HEAD_TOP[0] + head_h / 2))
    axes = (int(0.8 * face_w), int(0.6 * head_h))
    cv2.ellipse(mask, centre, axes, 0, 0, 360, 0, -1)
    return mask


OFF_TOP = -1.0  # _crown: the head runs off the frame's top


def _crown(image: np.ndarray, pts: np.ndarray) -> float:
    """The top of the head in frame pixels: the highest row above the eyebrows where the
    column band over the face differs from the background beside the head; estimated from
    the landmarks when that cannot be seen; OFF_TOP when the head reaches the frame's top."""
    brow = float(min(pts[17:27, 1]))
    chin = float(pts[8, 1])
    eyes = float((pts[36:42, 1].mean() + pts[42:48, 1].mean()) / 2)
    estimate = eyes - 1.05 * (chin - eyes)
    left, right = int(pts[0, 0]), int(pts[16, 0])
    band_l, band_r = int(left + 0.25 * (right - left)), int(right - 0.25 * (right - left))
    top = max(0, int(estimate - 0.8 * (chin - eyes)))
    if band_r <= band_l or brow <= top + 2:
        return estimate
    lab = cv2.cvtColor(image[top : int(brow)], cv2.COLOR_BGR2LAB).astype(np.float32)
    face_w = right - left
    ref_cols = np.r_[max(0, int(left - 0.9 * face_w)) : max(0, int(left - 0.6 * face_w))]
    if ref_cols.size == 0:
        return estimate
    reference = lab[:, ref_cols].reshape(-1, 3)
    ref_mean, ref_std = reference.mean(axis=0), reference.std(axis=0).max() + 4.0
    diff = np.linalg.norm(lab[:, band_l:band_r] - ref_mean, axis=2)
    head_rows = (diff > 4 * ref_std).mean(axis=1) > 0.3
    first = _head_top_row(head_rows, gap=max(4, int(0.1 * (chin - eyes))))
    if first == 0 and top == 0:
        return OFF_TOP  # the head reaches the frame's upper edge: its top is not in the picture
    if first is None or first == 0:
        return estimate  # no background above the head to tell it by
    return float(top + first)


def _head_top_row(head_rows: np.ndarray, gap: int) -> int | None:
    """The first row of the head among rows unlike the wall. Rows unlike it at the top of the
    search with `gap` rows of wall below them are something behind the head (a mottled
    backdrop, a poster's edge), not a head running off the frame."""
    rows = np.nonzero(head_rows)[0]
    if rows.size == 0:
        return None
    if rows[0] == 0:
        jumps = np.nonzero(np.diff(rows) > gap)[0]
        if jumps.size:
            return int(rows[jumps[0] + 1])
    return int(rows[0])


def make_photo(image: np.ndarray, strict_white: bool = True) -> Ga461Photo:
    """The GA 461 photo of the one resident in `image` (the camera's view, not mirrored)."""
    faces = landmarks(image)
    if not faces:
        faces = landmarks(image, upsample=1)  # a far face is small for the HOG detector
        if not faces:
            return Ga461Photo(None, ("no_face",), None, {})
    pts = faces[0]
    problems: list[str] = []
    face_w = float(np.linalg.norm(pts[16] - pts[0]))
    scale = FACE_WIDTH / face_w
    if scale > MAX_UPSCALE:
        problems.append("move_closer")
    crown = _crown(image, pts)
    if crown == OFF_TOP:
        # The crop would fill the head's top with copies of the frame's first row: refuse it
        # (step back), rather than blame the background those copies make.
        problems.append("head_cut")
        eyes = float((pts[36:42, 1].mean() + pts[42:48, 1].mean()) / 2)
        crown = eyes - 1.05 * (float(pts[8, 1]) - eyes)
    target_top = (HEAD_TOP[0] + HEAD_TOP[1]) / 2
    centre_x = float((pts[0, 0] + pts[16, 0]) / 2)
    left_eye, right_eye = pts[36:42].mean(axis=0), pts[42:48].mean(axis=0)
    roll = math.degrees(math.atan2(right_eye[1] - left_eye[1], right_eye[0] - left_eye[0]))
    # Level the eyes as the crop is made, about the face's centre: small rolls are corrected;
    # larger ones are refused below.
    m = cv2.getRotationMatrix2D((centre_x, crown), roll, scale)
    m[0, 2] += PHOTO_WIDTH / 2 - centre_x
    m[1, 2] += target_top - crown
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    photo = cv2.warpAffine(
        image, m, (PHOTO_WIDTH, PHOTO_HEIGHT), flags=interp, borderMode=cv2.BORDER_REPLICATE
    )
    placed = np.c_[pts, np.ones(len(pts))] @ m.T
    eyes_y = float((placed[36:42, 1].mean() + placed[42:48, 1].mean()) / 2)
    measures = {
        "face_width": float(np.linalg.norm(placed[16] - placed[0])),
        "head_top": target_top,
        "eyes_above_bottom": PHOTO_HEIGHT - eyes_y,
        "roll": roll,
        "frame_face_width": face_w,
    }
    if abs(roll) > ROLL_MAX:
        problems.append("head_tilted")
    nose_off = (pts[30, 0] - centre_x) / face_w
    measures["yaw"] = float(nose_off)
    if abs(nose_off) > YAW_MAX:
        problems.append("face_camera")
    ear = min(_eye_ratio(pts[36:42]), _eye_ratio(pts[42:48]))
    measures["eye_ratio"] = ear
    measures["iris"] = iris = _iris(image, pts)
    if ear < EYES_OPEN_MIN or iris < IRIS_MIN:
        problems.append("eyes_closed")
    if measures["eyes_above_bottom"] < EYES_ABOVE_BOTTOM:
        problems.append("eyes_low")
    if not placed[:, 1].min() > 0 or placed[8, 1] >= PHOTO_HEIGHT:
        problems.append("head_cut")
    checked = _image_checks(photo, placed, strict_white, measures)
    if "head_cut" in problems:
        # The rows above the frame are copies of its edge: the wall there is not the wall.
        checked = [p for p in checked if p != "background"]
    problems += checked
    # A second face inside the crop.
    for other in faces[1:]:
        other_placed = np.c_[other, np.ones(len(other))] @ m.T
        centre = other_placed.mean(axis=0)
        if -50 < centre[0] < PHOTO_WIDTH + 50 and -50 < centre[1] < PHOTO_HEIGHT + 50:
            problems.append("several_faces")
            break
    return Ga461Photo(photo, tuple(dict.fromkeys(problems)), placed, measures)


def _image_checks(
    photo: np.ndarray, pts: np.ndarray, strict_white: bool, measures: dict
) -> list[str]:
    problems = []
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    hull = cv2.convexHull(pts[:27].astype(np.int32))
    face_mask = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(face_mask, hull, 255)
    x, y, w, h = cv2.boundingRect(hull)
    region = gray[max(0, y) : y + h, max(0, x) : x + w]
    if region.size:
        sharp = cv2.resize(region, (160, 160), interpolation=cv2.INTER_AREA)
        measures["sharpness"] = float(cv2.Laplacian(sharp, cv2.CV_64F).var())
        if measures["sharpness"] < SHARPNESS_MIN:
            problems.append("blurry")
    face = gray[face_mask > 0]
    face_level = float(face.mean())
    measures["face_level"] = face_level
    # A face lit from the front has highlights (forehead, nose) even when its skin is dark; a
    # face against the light has none: its whole range is pressed into the shadows.
    measures["face_highlights"] = highlights = float(np.percentile(face, 95))
    if face_level < FACE_LEVEL[0]:
        problems.append("too_dark")
    elif face_level > FACE_LEVEL[1]:
        problems.append("too_bright")
    background = _background_mask(gray.shape, pts) > 0
    if background.any():
        lab = cv2.cvtColor(photo, cv2.COLOR_BGR2LAB).astype(np.float32)[background]
        level = float(gray[background].mean())
        chroma = float(np.hypot(lab[:, 1] - 128, lab[:, 2] - 128).mean())
        measures["background_level"], measures["background_chroma"] = level, chroma
        against_light = level - face_level > BACKLIT_MARGIN and highlights < BACKLIT_HIGHLIGHTS
        if against_light and "too_dark" not in problems:
            problems.append("backlit")
        white = level >= WHITE_LEVEL_MIN and chroma <= WHITE_CHROMA_MAX
        values = gray[background].astype(np.float32)
        # Plain: few pixels far from the usual level (a stray hair at the edge is allowed).
        plain = float((np.abs(values - np.median(values)) > 30).mean()) <= 0.08
        if not plain or (strict_white and not white):
            problems.append("background")
    return problems
