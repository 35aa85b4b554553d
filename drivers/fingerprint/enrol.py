"""Taking a resident's fingerprint on site (§6.1.4): two presses of the same finger merged
into one template, the image of the first kept, and a verdict on both presses' quality — a
measure of the fingerprint's structure (ridge orientation coherence and spacing, the finger's
area, contrast, and the ridges' turning) — in words a resident can act on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH, TEMPLATE_SIZE, unpack_image
from drivers.fingerprint.driver import FingerprintSensor
from drivers.fingerprint.link import SensorError


class Step(StrEnum):
    PLACE = "place"  # 请将手指平放在指纹仪上
    LIFT = "lift"  # 请抬起手指
    AGAIN = "again"  # 请再按一次
    WORKING = "working"


class Verdict(StrEnum):
    GOOD = "good"
    FAINT = "faint"  # too little of the finger, or too little contrast: press flatter, harder
    SMUDGED = "smudged"  # no fingerprint's ridges to see: a wet or dirty finger or sensor


@dataclass(frozen=True)
class Quality:
    """What the image shows of a fingerprint's structure, measured on blocks of BLOCK pixels:

    - area: the share of blocks that hold the finger (grey varies there, and it is not blank);
    - contrast: the grey levels' spread in those blocks (0–255 scale);
    - coherence: how well the blocks' gradients agree on one direction (ridges: near 1; noise:
      near 0), the median over the finger;
    - period: the ridges' spacing in pixels, from each block's spectral peak (a 500 dpi sensor
      shows 5–15 px), the median over the finger; ridge_share: the blocks whose spectrum has
      one clear peak at such a spacing;
    - spread: how much the ridges' direction turns across the finger (0 for straight stripes;
      a finger's loops, whorls and arches turn them).

    The verdict follows from these measurements, here and nowhere else."""

    area: float
    contrast: float
    coherence: float
    period: float
    ridge_share: float
    spread: float

    @property
    def verdict(self) -> Verdict:
        if self.area < MIN_AREA or self.contrast < MIN_CONTRAST:
            return Verdict.FAINT
        if (
            self.coherence < MIN_COHERENCE
            or self.ridge_share < MIN_RIDGE_SHARE
            or self.spread < MIN_SPREAD
        ):
            return Verdict.SMUDGED
        return Verdict.GOOD

    @property
    def good(self) -> bool:
        return self.verdict is Verdict.GOOD

    def __str__(self) -> str:
        return (
            f"{self.verdict.value} (area {self.area:.2f}, contrast {self.contrast:.0f}, "
            f"coherence {self.coherence:.2f}, period {self.period:.1f} px, ridges "
            f"{self.ridge_share:.2f}, spread {self.spread:.2f})"
        )


@dataclass(frozen=True)
class Fingerprint:
    image: bytes = field(repr=False)  # 8-bit greyscale, IMAGE_WIDTH × IMAGE_HEIGHT
    template: bytes = field(repr=False)
    qualities: tuple[Quality, ...]  # each press's, in order
    # The 1:1 check against the ID card's fingerprint data: "match", "no_match", or "" when
    # none was made (no data on the card, or a sensor that cannot match its format).
    check: str = ""
    score: int = 0

    @property
    def verdict(self) -> Verdict:
        """Both presses judged: the first that is not good says what to do."""
        return next((q.verdict for q in self.qualities if not q.good), Verdict.GOOD)

    def png(self) -> bytes:
        """The image as a greyscale PNG (what goes to the department that needs it)."""
        import cv2

        pixels = np.frombuffer(self.image, dtype=np.uint8).reshape(IMAGE_HEIGHT, IMAGE_WIDTH)
        ok, data = cv2.imencode(".png", pixels)
        if not ok:
            raise ValueError("the fingerprint image could not be encoded")
        return data.tobytes()


BLOCK = 16
MIN_AREA = 0.25
MIN_CONTRAST = 18.0
MIN_COHERENCE = 0.45
MIN_RIDGE_SHARE = 0.5
PERIOD = (4.5, 20.0)
MIN_SPREAD = 0.06


def assess(image: bytes, width: int = IMAGE_WIDTH, height: int = IMAGE_HEIGHT) -> Quality:
    """The structure an 8-bit image shows (Quality), and the verdict on it: uniform noise,
    stripes, flat grey and a blank sensor are not fingerprints."""
    import cv2

    pixels = np.frombuffer(image, dtype=np.uint8).reshape(height, width).astype(np.float32)
    rows, cols = height // BLOCK, width // BLOCK
    blocks = pixels[: rows * BLOCK, : cols * BLOCK].reshape(rows, BLOCK, cols, BLOCK)
    blocks = blocks.transpose(0, 2, 1, 3).reshape(rows * cols, BLOCK, BLOCK)
    std = blocks.std(axis=(1, 2))
    mean = blocks.mean(axis=(1, 2))
    finger = (std > 8.0) & (mean < 235.0)
    area = float(finger.mean())
    if not finger.any():
        return Quality(area, 0.0, 0.0, 0.0, 0.0, 0.0)
    contrast = float(np.median(std[finger]) * 2)

    # Orientation and its coherence from the gradients' structure tensor.
    gx = cv2.Sobel(pixels, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(pixels, cv2.CV_32F, 0, 1, ksize=3)

    def per_block(a: np.ndarray) -> np.ndarray:
        a = a[: rows * BLOCK, : cols * BLOCK].reshape(rows, BLOCK, cols, BLOCK)
        return a.sum(axis=(1, 3)).reshape(-1)

    gxx, gyy, gxy = per_block(gx * gx), per_block(gy * gy), per_block(gx * gy)
    energy = gxx + gyy
    coh = np.sqrt((gxx - gyy) ** 2 + 4 * gxy**2) / np.maximum(energy, 1e-6)
    coherence = float(np.median(coh[finger]))
    doubled = np.arctan2(2 * gxy, gxx - gyy)  # twice the gradient's angle

    # Ridge spacing: each block's spectrum (a 2-block window, tapered), its strongest peak.
    size = 2 * BLOCK
    padded = np.pad(pixels, BLOCK // 2, mode="edge")
    window = np.outer(np.hanning(size), np.hanning(size)).astype(np.float32)
    patches = np.lib.stride_tricks.sliding_window_view(padded, (size, size))[
        : rows * BLOCK : BLOCK, : cols * BLOCK : BLOCK
    ].reshape(rows * cols, size, size)
    patches = (patches - patches.mean(axis=(1, 2), keepdims=True)) * window
    power = np.abs(np.fft.fft2(patches)) ** 2
    power[:, 0, 0] = 0
    fy = np.fft.fftfreq(size)[:, None]
    fx = np.fft.fftfreq(size)[None, :]
    radius = np.hypot(fx, fy)
    band = (radius >= 1 / PERIOD[1]) & (radius <= 1 / PERIOD[0])
    flat = power.reshape(len(power), -1)
    peak = flat.argmax(axis=1)
    peak_radius = radius.reshape(-1)[peak]
    in_band = band.reshape(-1)[peak]
    # One clear peak: the peak and its mirror hold a good share of the energy.
    share = 2 * flat.max(axis=1) / np.maximum(flat.sum(axis=1), 1e-6)
    ridged = finger & in_band & (share > 0.15)
    ridge_share = float(ridged.sum() / finger.sum())
    period = float(np.median(1 / peak_radius[ridged])) if ridged.any() else 0.0
    # The turning, away from the finger's outline (whose edge has a direction of its own).
    inner = cv2.erode(finger.reshape(rows, cols).astype(np.uint8), np.ones((3, 3), np.uint8))
    weights = coh * (ridged & inner.reshape(-1).astype(bool))
    turn = np.abs(np.sum(weights * np.exp(1j * doubled))) / max(float(weights.sum()), 1e-6)
    spread = float(1 - turn) if weights.any() else 0.0

    return Quality(area, contrast, coherence, period, ridge_share, spread)


def enrol(
    sensor: FingerprintSensor,
    on_step: Callable[[Step], None],
    *,
    timeout: float = 20.0,
    cancel: threading.Event | None = None,
    references: Sequence[bytes] = (),
) -> Fingerprint:
    """Two presses, one template. Raises the driver's errors (CaptureTimeout when nobody
    presses, SensorError ENROL_MISMATCH when the two presses are not one finger, ...).
    `references`: templates to check the finger against 1:1 (the ID card's fingerprints,
    each downloaded into the sensor and matched there); the best outcome is kept."""
    on_step(Step.PLACE)
    sensor.capture(timeout, cancel=cancel)
    on_step(Step.WORKING)
    image = unpack_image(sensor.upload_image())
    sensor.image_to_template(1)
    on_step(Step.LIFT)
    sensor.wait_removed(timeout, cancel=cancel)
    on_step(Step.AGAIN)
    sensor.capture(timeout, cancel=cancel)
    on_step(Step.WORKING)
    second = unpack_image(sensor.upload_image())
    sensor.image_to_template(2)
    sensor.register_model()
    template = sensor.upload_template(1)
    qualities = (assess(image), assess(second))
    check, score = _check(sensor, references)
    return Fingerprint(image, template, qualities, check, score)


def _check(sensor: FingerprintSensor, references: Sequence[bytes]) -> tuple[str, int]:
    """The live template (buffer 1) against each reference: ("match", best score),
    ("no_match", 0), or ("", 0) when no reference could be tried."""
    tried = False
    best: int | None = None
    for reference in references:
        if len(reference) != TEMPLATE_SIZE or not any(reference):
            continue  # an empty slot on the card
        try:
            score = sensor.verify(reference)
        except SensorError:
            continue  # the sensor refused it: not a format it knows
        tried = True
        if score is not None and (best is None or score > best):
            best = score
    if best is not None:
        return "match", best
    return ("no_match", 0) if tried else ("", 0)


def card_templates(data: bytes) -> list[bytes]:
    """The ID card's fingerprint data as its (up to two) 512-byte records."""
    return [
        data[i : i + TEMPLATE_SIZE] for i in range(0, len(data) - TEMPLATE_SIZE + 1, TEMPLATE_SIZE)
    ]
