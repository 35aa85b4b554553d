"""Real faces of different people, and the live frames a kiosk camera would make of them, to
measure face verification: how often the same person is refused (false reject) and another
person accepted (false accept) at drivers.camera.verify's threshold.

The people: NASA's portrait of Eileen Collins (scikit-image's sample, drivers.camera.scenes)
and the White House photographs of Barack Obama (three different photographs) and Joe Biden
that scripts/setup.sh keeps in `.venv/face-samples` (the test images of the face_recognition
source distribution). Each photograph is the reference in turn; each "live" frame is one
photograph degraded as a kiosk camera degrades a face (dim, bright, soft focus, motion,
noise, JPEG, a small roll, far from the lens, mirrored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from drivers.camera import scenes, verify

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("KIOSK_FACE_SAMPLES", ROOT / ".venv" / "face-samples"))
# person → photographs (files in SAMPLES, or "astronaut" for scikit-image's portrait)
PEOPLE = {
    "collins": ("astronaut",),
    "obama": ("obama.jpg", "obama2.jpg", "obama3.jpg"),
    "biden": ("biden.jpg",),
}
LIVE_WIDTH = 960  # a photograph is brought to about a camera frame's size first


class SamplesMissing(RuntimeError):
    pass


def load(name: str) -> np.ndarray:
    if name == "astronaut":
        return scenes._photo()
    image = cv2.imread(str(SAMPLES / name), cv2.IMREAD_COLOR)
    if image is None:
        raise SamplesMissing(f"{SAMPLES / name} is missing: run scripts/setup.sh")
    scale = min(1.0, LIVE_WIDTH / image.shape[1])
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def _motion(image: np.ndarray, length: int) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    return cv2.filter2D(image, -1, kernel)


def _noise(image: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(7)
    return np.clip(image + rng.normal(0, 12, image.shape), 0, 255).astype(np.uint8)


def _jpeg(image: np.ndarray) -> np.ndarray:
    _, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 35])
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def _far(image: np.ndarray) -> np.ndarray:
    small = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)


DEGRADATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "as_is": lambda im: im,
    "dim": lambda im: cv2.convertScaleAbs(im, alpha=0.55, beta=0),
    "bright": lambda im: cv2.convertScaleAbs(im, alpha=1.25, beta=30),
    "soft": lambda im: cv2.GaussianBlur(im, (0, 0), 2.0),
    "motion": lambda im: _motion(im, 9),
    "noise": _noise,
    "jpeg": _jpeg,
    "roll": lambda im: _rotate(im, 8.0),
    "far": _far,
    "mirrored": lambda im: cv2.flip(im, 1),
}


def live_frames(image: np.ndarray, kinds: tuple[str, ...] | None = None) -> Iterator[np.ndarray]:
    for kind in kinds or tuple(DEGRADATIONS):
        yield DEGRADATIONS[kind](image)


@dataclass
class Measurement:
    genuine: list[float] = field(default_factory=list)  # same person, another picture of them
    impostor: list[float] = field(default_factory=list)  # another person
    no_face: int = 0  # live frames where no face was found (counted as refused)

    def false_reject(self, threshold: float = verify.MATCH_DISTANCE) -> float:
        total = len(self.genuine) + self.no_face
        refused = sum(d >= threshold for d in self.genuine) + self.no_face
        return refused / total if total else 0.0

    def false_accept(self, threshold: float = verify.MATCH_DISTANCE) -> float:
        return sum(d < threshold for d in self.impostor) / len(self.impostor)


def measure(kinds: tuple[str, ...] | None = None) -> Measurement:
    """Every photograph as the reference against every live frame of every photograph (but
    the reference itself untouched): a live frame of the same photograph counts as genuine
    (an ID card's photo and the camera differ by more, so this is the easy half), the other
    photographs of the same person as genuine too (the hard half: 60 of the 105), everyone
    else's as impostors."""
    refs: dict[tuple[str, str], np.ndarray] = {}
    probes: list[tuple[str, str, str, np.ndarray | None]] = []
    for person, names in PEOPLE.items():
        for name in names:
            image = load(name)
            ref = verify.descriptor(image)
            if ref is None:
                raise SamplesMissing(f"no face found in the reference {name}")
            refs[(person, name)] = ref
            for kind in kinds or tuple(DEGRADATIONS):
                probes.append((person, name, kind, verify.descriptor(DEGRADATIONS[kind](image))))
    out = Measurement()
    for (ref_person, ref_name), ref in refs.items():
        for person, name, kind, probe in probes:
            if name == ref_name and kind == "as_is":
                continue  # the reference itself
            if probe is None:
                if person == ref_person:
                    out.no_face += 1
                continue
            distance = float(np.linalg.norm(ref - probe))
            (out.genuine if person == ref_person else out.impostor).append(distance)
    return out
