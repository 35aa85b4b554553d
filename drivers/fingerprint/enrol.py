"""Taking a resident's fingerprint on site (§6.1.4): two presses of the same finger merged
into one template, the image of the first kept, and a verdict on its quality in words a
resident can act on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH, unpack_image
from drivers.fingerprint.driver import FingerprintSensor


class Step(StrEnum):
    PLACE = "place"  # 请将手指平放在指纹仪上
    LIFT = "lift"  # 请抬起手指
    AGAIN = "again"  # 请再按一次
    WORKING = "working"


class Verdict(StrEnum):
    GOOD = "good"
    FAINT = "faint"  # too little of the finger: press flatter, a little harder
    SMUDGED = "smudged"  # no ridges to see: a wet or dirty finger


@dataclass(frozen=True)
class Fingerprint:
    image: bytes = field(repr=False)  # 8-bit greyscale, IMAGE_WIDTH × IMAGE_HEIGHT
    template: bytes = field(repr=False)
    verdict: Verdict


def verdict(image: bytes) -> Verdict:
    """How usable an 8-bit image is: how much of it the finger covers, and whether ridges
    show inside it (how much neighbouring pixels differ there)."""
    pixels = np.frombuffer(image, dtype=np.uint8).reshape(IMAGE_HEIGHT, IMAGE_WIDTH)
    signed = pixels.astype(np.int16)
    finger = pixels[:-1, :-1] < 240  # the background is blank (white)
    if finger.mean() < 0.25:
        return Verdict.FAINT
    change = np.abs(np.diff(signed, axis=0))[:, :-1] + np.abs(np.diff(signed, axis=1))[:-1, :]
    if change[finger].mean() < 6:
        return Verdict.SMUDGED
    return Verdict.GOOD


def enrol(
    sensor: FingerprintSensor,
    on_step: Callable[[Step], None],
    *,
    timeout: float = 20.0,
    cancel: threading.Event | None = None,
) -> Fingerprint:
    """Two presses, one template. Raises the driver's errors (CaptureTimeout when nobody
    presses, SensorError ENROL_MISMATCH when the two presses are not one finger, ...)."""
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
    sensor.image_to_template(2)
    sensor.register_model()
    template = sensor.upload_template(1)
    return Fingerprint(image, template, verdict(image))
