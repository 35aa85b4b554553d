"""Face verification (人证比对) with a blink as the liveness challenge.

The embedding is dlib's ResNet face descriptor (128 numbers) from `face-recognition-models`,
placed by the same 68 landmarks as the ID photo (drivers.camera.ga461); two faces are the same
person when their descriptors are nearer than MATCH_DISTANCE, dlib's published threshold
(99.38 % on the LFW benchmark). Only the score band and whether liveness passed leave this
module; the descriptors are never stored or sent.

Liveness: the resident is asked to blink. A blink is the eyes seen open, then closed, then open
again within BLINK_WINDOW frames, with the face found in each. A printed photo or a phone's
still never closes its eyes; a looping video of a still does not either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import cv2
import numpy as np

from drivers.camera import ga461

MATCH_DISTANCE = 0.6
STRONG_DISTANCE = 0.45
BLINK_WINDOW = 30  # frames, about a second at 25 fps
LIVENESS_WIDTH = 640


@cache
def _encoder():
    import dlib

    path = ga461.model_file("dlib_face_recognition_resnet_model_v1.dat")
    return dlib.face_recognition_model_v1(str(path))


def preload() -> None:
    """Load dlib's models now (the 68 landmarks, the descriptor): about a second and a half,
    during which dlib holds Python's lock and every other thread waits. Done as the face
    analysis process starts (drivers.camera.faceproc), never in the screens' process."""
    ga461._models()
    _encoder()


def _surest_face(rgb: np.ndarray) -> np.ndarray | None:
    """The 68 landmarks of the face the detector is surest of: not the largest, since HOG
    also finds "faces" in clothing (the badge on the astronaut's suit, as large as her face,
    at a tenth of the score)."""
    import dlib

    detector, predictor = ga461._models()
    for upsample in (0, 1):
        rects, scores, _ = detector.run(rgb, upsample, 0.0)
        if len(rects):
            best = rects[int(np.argmax(scores))]
            rect = dlib.rectangle(best.left(), best.top(), best.right(), best.bottom())
            shape = predictor(rgb, rect)
            return np.array([[p.x, p.y] for p in shape.parts()], np.float64)
    return None


def descriptor(image: np.ndarray, points: np.ndarray | None = None) -> np.ndarray | None:
    """The 128-number descriptor of the largest face in `image`, None when there is none."""
    import dlib

    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    if points is None:
        points = _surest_face(rgb)
        if points is None:
            return None
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    rect = dlib.rectangle(int(x0), int(y0), int(x1), int(y1))
    shape = dlib.full_object_detection(rect, [dlib.point(int(x), int(y)) for x, y in points])
    return np.array(_encoder().compute_face_descriptor(rgb, shape, 1), np.float64)


def decode_reference(jpeg: bytes) -> np.ndarray | None:
    """A reference photo's bytes as a BGR image; None when they are no picture."""
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    return image if image is not None and image.size else None


@dataclass(frozen=True)
class Verification:
    distance: float | None  # None: no face in one of the pictures

    @property
    def band(self) -> str:
        """What the application records: "strong", "match", "no_match" or "no_face"."""
        if self.distance is None:
            return "no_face"
        if self.distance < STRONG_DISTANCE:
            return "strong"
        return "match" if self.distance < MATCH_DISTANCE else "no_match"

    @property
    def matched(self) -> bool:
        return self.band in ("strong", "match")


def verify(live: np.ndarray, reference: np.ndarray) -> Verification:
    """The live face against the reference photo (the ID card's, or the hub's)."""
    a, b = descriptor(live), descriptor(reference)
    if a is None or b is None:
        return Verification(None)
    return Verification(float(np.linalg.norm(a - b)))


def eyes_open(image: np.ndarray, points: np.ndarray) -> bool:
    eye_ratio = min(ga461._eye_ratio(points[36:42]), ga461._eye_ratio(points[42:48]))
    return eye_ratio >= ga461.EYES_OPEN_MIN and ga461._iris(image, points) >= ga461.IRIS_MIN


CROP_WIDTH = 240  # the face's crop for the blink: the face about 120 px wide in it


def face_crop(image: np.ndarray, face: tuple[int, int, int, int]) -> np.ndarray:
    """The face with half its width around it, brought down to CROP_WIDTH at most (dlib's
    detector finds faces from about 80 px wide)."""
    x, y, w, h = face
    margin = w // 2
    H, W = image.shape[:2]
    top, bottom = max(0, y - margin), min(H, y + h + margin)
    left, right = max(0, x - margin), min(W, x + w + margin)
    crop = image[top:bottom, left:right]
    scale = min(1.0, CROP_WIDTH / max(1, crop.shape[1]))
    if scale < 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return crop


@dataclass
class BlinkChallenge:
    """Fed frame by frame; `passed` once the eyes were seen open, closed and open again."""

    states: list[bool | None] = field(default_factory=list)  # open, closed, no face

    def feed(self, image: np.ndarray, face: tuple[int, int, int, int] | None = None) -> bool:
        """One frame; `face` (x, y, w, h), where a face detector already found it, narrows
        the landmarks to the face and half its size around: a fifth of the time."""
        if face is not None:
            image = face_crop(image, face)
        else:
            # At 640 px wide the landmarks take ~22 ms a frame on one core (~90 at 1280).
            scale = min(1.0, LIVENESS_WIDTH / image.shape[1])
            if scale < 1.0:
                image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        faces = ga461.landmarks(image)
        self.states.append(eyes_open(image, faces[0]) if faces else None)
        del self.states[:-BLINK_WINDOW]
        return self.passed

    @property
    def passed(self) -> bool:
        phase = 0  # 0: waiting for open, 1: open seen, 2: closed seen
        for state in self.states:
            if state is None:
                phase = 0  # the face left the frame: start again
            elif phase == 0 and state:
                phase = 1
            elif phase == 1 and not state:
                phase = 2
            elif phase == 2 and state:
                return True
        return False
