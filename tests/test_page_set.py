"""Page finding on the generated page set (drivers.camera.pageset): pages turned up to 30° on
dark, wooden, grey and white desks, half with clutter beside them, and empty desks."""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np

from drivers.camera import document
from drivers.camera.document import find_page
from drivers.camera.frames import Frame
from drivers.camera.pageset import page_set


def test_pages_are_found_and_no_wrong_outline_is_reported():
    found, total, wrong, phantom = Counter(), Counter(), 0, 0
    for sample in page_set(per_desk=6):
        outline = find_page(sample.image)
        if sample.corners is None:
            phantom += outline is not None
            continue
        total[sample.desk] += 1
        if outline is None:
            continue
        if float(np.abs(outline.corners - sample.corners).max()) < 15:  # px of 1280 × 720
            found[sample.desk] += 1
        else:
            wrong += 1
    assert wrong == 0 and phantom == 0  # better no page than a wrong one
    assert sum(found.values()) >= 0.85 * sum(total.values()), dict(found)
    for desk in ("dark", "wood", "grey"):
        assert found[desk] == total[desk], (desk, dict(found))
    assert found["white"] >= total["white"] // 2, dict(found)


def test_a_blurred_page_is_refused_before_its_orientation_is_read(monkeypatch):
    """Sharpness first: the orientation (Tesseract, the slow part) is read of sharp pages
    only, so a blurred page costs no OCR before it is refused."""
    read: list[tuple[int, int]] = []

    def upright(image, dpi=200):
        read.append(image.shape[:2])
        return image, 0

    monkeypatch.setattr(document.orientation, "upright", upright)
    sample = next(s for s in page_set(per_desk=2) if s.desk == "dark" and s.corners is not None)
    outline = find_page(sample.image)
    assert outline is not None
    sharp = document.capture_page(sample.image, outline)
    assert sharp.sharp and len(read) == 1, sharp.sharpness  # a sharp page is set upright
    blurred = cv2.GaussianBlur(sample.image, (0, 0), 4)
    outline = find_page(blurred)
    assert outline is not None
    page = document.capture_page(blurred, outline)
    assert not page.sharp and len(read) == 1, page.sharpness
    # Through the camera's analysis, as the kiosk takes a page: no OCR either.
    analyser = document.DocumentAnalyser()
    analyser.capture()
    result = analyser.analyse(Frame(blurred, 0, 0.0))
    assert result.page is not None and not result.page.sharp and len(read) == 1
