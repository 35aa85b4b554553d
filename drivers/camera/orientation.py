"""Which way up a straightened page is, from its text: Tesseract's orientation and script
detection (`tesseract --psm 0`, the osd model from Debian's tesseract-ocr-osd), run on the
page at the resolution it was captured at (200 dpi; at half that the detection guesses).

Why the text and not the outline: the outline gives the page's sides, not which is its top.
Corners ordered from the highest edge keep a page turned up to about 45° upright; a page laid
down sideways or upside down needs the text to say so. When Tesseract is not installed, or is
not sure (confidence below MIN_CONFIDENCE, as on a page with no text), the page stays as it
was captured.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess

import cv2
import numpy as np

log = logging.getLogger(__name__)

MIN_CONFIDENCE = 2.0  # Tesseract's orientation confidence; text pages give 6–10
TIMEOUT_SECONDS = 20.0
_ROTATIONS = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}


def available() -> bool:
    return shutil.which("tesseract") is not None


def detect(image: np.ndarray, dpi: int = 200) -> tuple[int, float] | None:
    """(degrees to turn the page clockwise to set it upright: 0, 90, 180 or 270, Tesseract's
    confidence), or None when Tesseract is missing or found no text to go by."""
    if not available():
        return None
    ok, png = cv2.imencode(".png", image)
    if not ok:
        return None
    # One thread: the kiosk has two cores, and the preview needs one of them.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)],
            input=png.tobytes(),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        log.warning("page orientation not detected: %s", type(e).__name__)
        return None
    text = done.stdout.decode("utf-8", "replace")
    rotate = re.search(r"^Rotate:\s*(\d+)", text, re.M)
    confidence = re.search(r"^Orientation confidence:\s*([\d.]+)", text, re.M)
    if done.returncode != 0 or rotate is None or confidence is None:
        return None  # "Too few characters": no text to go by
    return int(rotate.group(1)) % 360, float(confidence.group(1))


def upright(image: np.ndarray, dpi: int = 200) -> tuple[np.ndarray, int]:
    """The page turned upright by its text, and by how many degrees clockwise it was turned
    (0 when it was upright, or when the text could not tell)."""
    found = detect(image, dpi)
    if found is None:
        return image, 0
    degrees, confidence = found
    if degrees not in _ROTATIONS or confidence < MIN_CONFIDENCE:
        return image, 0
    return cv2.rotate(image, _ROTATIONS[degrees]), degrees
