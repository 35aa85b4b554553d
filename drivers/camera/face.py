"""ID photo mode: find the face on a downscaled frame, tell the resident what to change as a
guidance code (the UI words it), and take the photo by itself once the pose has been right
for `hold_seconds` on the injected clock.

Directions are the resident's own: the camera faces them, so a face on the right of the
camera's picture belongs to someone standing too far to their left, who should move right.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

from drivers.camera.frames import Frame
from drivers.camera.idphoto import Box, IdPhoto, landmark_photo, make_photo
from drivers.camera.verify import BlinkChallenge, verify

DETECT_WIDTH = 320  # detection runs at this width: a few milliseconds a frame
FACE_HEIGHT = (0.22, 0.45)  # of the frame's height: nearer than this is too close
CENTRE_TOLERANCE = 0.08  # of the frame's width, either side of the middle
FRAME_LEVEL = (45.0, 215.0)  # mean grey level of the whole picture
CLIPPED_MAX = 0.35  # of the picture at full white
FACE_LEVEL = (65.0, 215.0)
STILL = 0.03  # of the frame's width the face may move between frames and count as still
SECOND_FACE = 0.6  # a face this size of the largest is a second person, not a poster far off
TILT_DEGREES = 12.0


class Guidance(StrEnum):
    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"
    FACE_CAMERA = "face_camera"
    MOVE_CLOSER = "move_closer"
    MOVE_BACK = "move_back"
    MOVE_LEFT = "move_left"
    MOVE_RIGHT = "move_right"
    HOLD_STILL = "hold_still"
    BLINK = "blink"  # liveness: the pose is right, the camera waits for a blink
    CAPTURED = "captured"


@dataclass(frozen=True)
class FaceResult:
    """What the face check found when the photo was taken: the band of the live face against
    the reference photo (drivers.camera.verify; "no_reference" when there was none) and
    whether the blink was seen. The application records exactly this."""

    band: str
    liveness: bool


@dataclass(frozen=True)
class PhotoAnalysis:
    guidance: Guidance
    faces: tuple[Box, ...]  # in frame pixels
    frame_size: tuple[int, int]
    progress: float = 0.0  # of the hold before the automatic capture, 0–1
    photo: IdPhoto | None = None  # set once, on the frame that was taken
    face: FaceResult | None = None  # with the photo, when the analyser checks liveness


def _cascade(name: str) -> cv2.CascadeClassifier:
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + name)
    if cascade.empty():
        raise RuntimeError(f"OpenCV's {name} is missing from this installation")
    return cascade


class FaceDetector:
    """Haar cascades from the OpenCV wheel. Not thread-safe: one per analysis thread."""

    def __init__(self) -> None:
        self._frontal = _cascade("haarcascade_frontalface_default.xml")
        self._profile = _cascade("haarcascade_profileface.xml")
        self._eyes = _cascade("haarcascade_eye.xml")

    @staticmethod
    def _small(image: np.ndarray) -> tuple[np.ndarray, float]:
        h, w = image.shape[:2]
        scale = min(1.0, DETECT_WIDTH / w)
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        if scale < 1.0:
            gray = cv2.resize(gray, (round(w * scale), round(h * scale)), cv2.INTER_AREA)
        # No histogram equalisation: it costs small faces more than it gains dim ones.
        return gray, scale

    def faces(self, image: np.ndarray) -> list[Box]:
        """Frontal faces, largest first, in the image's pixels."""
        small, scale = self._small(image)
        least = 20
        found = self._frontal.detectMultiScale(
            small, scaleFactor=1.15, minNeighbors=6, minSize=(least, least)
        )
        boxes = [tuple(round(v / scale) for v in box) for box in found]
        return sorted(boxes, key=lambda b: -b[2] * b[3])  # type: ignore[return-value]

    def refine(self, image: np.ndarray, face: Box) -> Box:
        """The face again at twice the detection resolution, for the crop's precision."""
        x, y, w, h = face
        H, W = image.shape[:2]
        x0, y0 = max(0, x - w // 2), max(0, y - h // 2)
        x1, y1 = min(W, x + w + w // 2), min(H, y + h + h // 2)
        roi = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)
        scale = min(1.0, 240 / max(1, roi.shape[1]))
        roi = cv2.resize(roi, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        found = self._frontal.detectMultiScale(roi, 1.05, 5, minSize=(int(roi.shape[1] * 0.3),) * 2)
        if len(found) == 0:
            return face
        fx, fy, fw, fh = max(found, key=lambda b: b[2] * b[3])
        return (
            x0 + round(fx / scale),
            y0 + round(fy / scale),
            round(fw / scale),
            round(fh / scale),
        )

    def turned_away(self, image: np.ndarray) -> bool:
        """A face in profile (either way): someone there, not facing the camera."""
        small, _ = self._small(image)
        least = 20
        for gray in (small, cv2.flip(small, 1)):
            if len(self._profile.detectMultiScale(gray, 1.15, 4, minSize=(least, least))):
                return True
        return False

    def tilt(self, image: np.ndarray, face: Box) -> float | None:
        """The angle of the line through the eyes, in degrees, when both are found."""
        x, y, w, h = face
        roi = cv2.cvtColor(image[y : y + h // 2 + h // 8, x : x + w], cv2.COLOR_BGR2GRAY)
        scale = min(1.0, 120 / max(1, w))
        roi = cv2.resize(roi, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        eyes = self._eyes.detectMultiScale(roi, 1.1, 5, minSize=(10, 10))
        if len(eyes) != 2:
            return None
        (ax, ay, aw, ah), (bx, by, bw, bh) = sorted(eyes.tolist(), key=lambda e: e[0])
        dx = (bx + bw / 2) - (ax + aw / 2)
        dy = (by + bh / 2) - (ay + ah / 2)
        return math.degrees(math.atan2(dy, dx)) if dx > 0 else None


def guidance_for(image: np.ndarray, faces: list[Box], detector: FaceDetector) -> Guidance:
    """What the resident should change, the most important first; HOLD_STILL when nothing."""
    sample = cv2.cvtColor(image[::4, ::4], cv2.COLOR_BGR2GRAY)
    if not faces:
        if float(sample.mean()) < FRAME_LEVEL[0]:
            return Guidance.TOO_DARK
        # Washed out: much of the picture at the sensor's limit, where no face can show.
        if float((sample >= 250).mean()) > CLIPPED_MAX:
            return Guidance.TOO_BRIGHT
        return Guidance.FACE_CAMERA if detector.turned_away(image) else Guidance.NO_FACE
    x, y, w, h = faces[0]
    if any(f[2] * f[3] >= SECOND_FACE * w * h for f in faces[1:]):
        return Guidance.SEVERAL_FACES
    H, W = image.shape[:2]
    if h < FACE_HEIGHT[0] * H:
        return Guidance.MOVE_CLOSER
    if h > FACE_HEIGHT[1] * H:
        return Guidance.MOVE_BACK
    off = (x + w / 2) / W - 0.5
    if off > CENTRE_TOLERANCE:
        return Guidance.MOVE_RIGHT  # on the picture's right: the resident's left
    if off < -CENTRE_TOLERANCE:
        return Guidance.MOVE_LEFT
    face_level = float(cv2.cvtColor(image[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY).mean())
    if face_level < FACE_LEVEL[0]:
        return Guidance.TOO_DARK
    if face_level > FACE_LEVEL[1]:
        return Guidance.TOO_BRIGHT
    tilt = detector.tilt(image, faces[0])
    if tilt is not None and abs(tilt) > TILT_DEGREES:
        return Guidance.FACE_CAMERA
    return Guidance.HOLD_STILL


class PhotoAnalyser:
    """Guidance on each frame; after `hold_seconds` of a good, still pose, the photo (once,
    until `reset()`: the resident confirms it or asks to retake).

    With `liveness`, the pose being right is not enough: the resident is asked to blink
    (drivers.camera.verify.BlinkChallenge) first, and the face that blinked must stay in
    front of the camera until the photo is taken; a face that leaves, or a second one,
    starts the challenge again. With a `reference` photo as well, the photo's face is
    compared with it once, when taken."""

    def __init__(
        self,
        hold_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        liveness: bool = False,
    ):
        self.hold_seconds = hold_seconds
        self.liveness = liveness
        self._clock = clock
        self._detector = FaceDetector()
        self._lock = threading.Lock()
        self._good_since: float | None = None
        self._last_centre: tuple[float, float] | None = None
        self._taken = False
        self._reference: np.ndarray | None = None
        self._challenge: BlinkChallenge | None = None
        self._blinked = False

    def set_reference(self, image: np.ndarray | None) -> None:
        """The photo to compare the live face with (None: liveness only)."""
        with self._lock:
            self._reference = image

    def reset(self) -> None:
        """Start again: the next good pose is taken again (retake), after a blink again."""
        with self._lock:
            self._good_since = None
            self._last_centre = None
            self._taken = False
            self._challenge = None
            self._blinked = False

    def _blink_seen(self, image: np.ndarray, face: Box) -> bool:
        if self._blinked:
            return True
        if self._challenge is None:
            self._challenge = BlinkChallenge()
        self._blinked = self._challenge.feed(image, face)
        return self._blinked

    def _face_result(self, image: np.ndarray) -> FaceResult | None:
        if not self.liveness:
            return None
        band = "no_reference"
        if self._reference is not None:
            band = verify(image, self._reference).band
        return FaceResult(band, self._blinked)

    def analyse(self, frame: Frame) -> PhotoAnalysis | None:
        with self._lock:
            if self._taken:
                return None  # the photo is on screen for the resident to judge
            image = frame.image
            faces = self._detector.faces(image)
            guidance = guidance_for(image, faces, self._detector)
            size = (frame.width, frame.height)
            now = self._clock()
            if guidance in (Guidance.NO_FACE, Guidance.SEVERAL_FACES):
                # Someone else may be the next face: the blink must be seen again.
                self._challenge = None
                self._blinked = False
            if guidance is not Guidance.HOLD_STILL:
                self._good_since = None
                self._last_centre = None
                return PhotoAnalysis(guidance, tuple(faces), size)
            if self.liveness and not self._blink_seen(image, faces[0]):
                self._good_since = None
                self._last_centre = None
                return PhotoAnalysis(Guidance.BLINK, tuple(faces), size)
            x, y, w, h = faces[0]
            centre = ((x + w / 2) / frame.width, (y + h / 2) / frame.width)
            last, self._last_centre = self._last_centre, centre
            if last is None or math.dist(last, centre) > STILL or self._good_since is None:
                self._good_since = now
            held = now - self._good_since
            if held < self.hold_seconds:
                progress = held / self.hold_seconds if self.hold_seconds else 1.0
                return PhotoAnalysis(guidance, tuple(faces), size, progress)
            photo = landmark_photo(image) or make_photo(
                image, self._detector.refine(image, faces[0])
            )
            self._taken = True
            face = self._face_result(image)
            return PhotoAnalysis(Guidance.CAPTURED, tuple(faces), size, 1.0, photo, face)
