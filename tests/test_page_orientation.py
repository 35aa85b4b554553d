"""Pages laid down sideways or upside down come out upright: the text says which way is up
(Tesseract's orientation detection, drivers.camera.orientation), on a page of real Chinese
print seen by a document camera at 2592 × 1944."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.camera import orientation, scenes
from drivers.camera.document import A4_MM, capture_page, find_page

pytestmark = pytest.mark.skipif(
    not orientation.available(), reason="tesseract-ocr is not installed (scripts/setup.sh)"
)
FRAME = (2592, 1944)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return scenes.text_page()


def _turns(image: np.ndarray, original: np.ndarray) -> int:
    """Which quarter turn clockwise of `image` looks most like `original` (0: upright)."""
    h, w = original.shape[:2]
    small = cv2.cvtColor(cv2.resize(original, (w // 8, h // 8)), cv2.COLOR_BGR2GRAY)
    best, best_diff = -1, float("inf")
    for turn, code in ((0, None), (90, 0), (180, 1), (270, 2)):
        turned = image if code is None else cv2.rotate(image, code)
        candidate = cv2.cvtColor(cv2.resize(turned, (w // 8, h // 8)), cv2.COLOR_BGR2GRAY)
        diff = float(np.abs(candidate.astype(int) - small.astype(int)).mean())
        if diff < best_diff:
            best, best_diff = turn, diff
    return best


def test_a_page_turned_by_quarter_turns_is_set_upright(page):
    for code in (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE):
        fixed, turned = orientation.upright(cv2.rotate(page, code))
        assert turned != 0 and _turns(fixed, page) == 0, (code, turned)
    same, turned = orientation.upright(page)
    assert turned == 0 and same is page


def _on_desk(page: np.ndarray, degrees: float) -> np.ndarray:
    w, h = FRAME
    height = 0.8 * h
    width = height / np.sqrt(2)
    half = np.array([[-width, -height], [width, -height], [width, height], [-width, height]]) / 2
    a = np.radians(degrees)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    corners = half @ rot.T + [w / 2, h / 2]
    return scenes.on_desk(page, tuple(map(tuple, corners)), size=FRAME, colour=(40, 45, 50))


@pytest.mark.parametrize("degrees", [60, 100, 180, -120])
def test_a_page_laid_down_past_45_degrees_comes_out_upright_and_a4(page, degrees):
    frame = _on_desk(page, degrees)
    outline = find_page(frame)
    assert outline is not None
    captured = capture_page(frame, outline)
    assert _turns(captured.image, page) == 0, degrees
    assert captured.size_mm == A4_MM  # portrait again: 210 × 297 mm
    h, w = captured.image.shape[:2]
    assert h > w
    # Without the text's help, the outline alone leaves it sideways or upside down.
    plain = capture_page(frame, outline, orient=False)
    assert _turns(plain.image, page) != 0


def test_a_page_with_no_text_stays_as_captured():
    blank = np.full((2339, 1654, 3), 250, np.uint8)
    same, turned = orientation.upright(blank)
    assert turned == 0 and same is blank
