"""Document mode through the real worker: the tilted page found, straightened upright, and a
material's pages gathered into one PDF; and QR codes read and classified."""

from __future__ import annotations

import io
import re

import cv2
import numpy as np
import pytest
from pypdf import PdfReader

from drivers.camera import scenes
from drivers.camera.document import Material, find_page, order_corners
from drivers.camera.qr import read_qr
from drivers.camera.worker import Mode
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, ScannedCode
from tests.camera_helpers import Recorder, config, scene_file, wait_for


@pytest.mark.parametrize("scene", ["page", "page-2", "page-white-desk"])
def test_the_page_is_found_and_straightened(tmp_path, scene):
    rec = Recorder()
    with rec.worker(config(scene_file(tmp_path, scene)), Mode.DOCUMENT) as worker:
        wait_for(lambda: rec.analyses)
        worker.analyser.capture()
        wait_for(lambda: any(a.page is not None for a in rec.analyses))
    result = next(a for a in rec.analyses if a.page is not None)
    known = np.array(scenes.SCENES[scene].corners)
    found = np.array(result.corners) * [1280, 720]
    assert np.abs(found - known).max() < 12  # pixels, of 1280 × 720
    page = result.page
    h, w = page.image.shape[:2]
    assert h / w == pytest.approx(2**0.5, rel=0.01)  # A4
    assert (w, h) == (1654, 2339)  # 210 × 297 mm at 200 dpi
    assert page.size_mm == (210.0, 297.0) and page.dpi == pytest.approx(200, abs=0.5)
    assert page.sharp
    # Upright: the page's black mark is in the top-left corner.
    mark = page.image[int(0.055 * h) : int(0.105 * h), int(0.07 * w) : int(0.15 * w)]
    opposite = page.image[int(0.895 * h) : int(0.945 * h), int(0.85 * w) : int(0.93 * w)]
    assert mark.mean() < 80 and opposite.mean() > 200


def test_no_page_in_view():
    assert find_page(scenes.draw("empty")) is None
    assert find_page(scenes.draw("black")) is None
    assert find_page(scenes.draw("portrait")) is None


def test_no_page_no_capture(tmp_path):
    """Asked to capture with no page in view, nothing is captured: the screen goes on asking
    for the page to be laid in the frame."""
    rec = Recorder()
    with rec.worker(config(scene_file(tmp_path, "empty")), Mode.DOCUMENT) as worker:
        wait_for(lambda: rec.analyses)
        seen = len(rec.analyses)
        worker.analyser.capture()
        wait_for(lambda: len(rec.analyses) > seen + 5)
    assert all(a.page is None and a.guidance == "no_page" for a in rec.analyses)


def _shape_on_desk(points) -> np.ndarray:
    desk = np.full((720, 1280, 3), (40, 62, 92), np.uint8)
    cv2.fillPoly(desk, [np.array(points, np.int32)], (250, 250, 250))
    return desk


@pytest.mark.parametrize(
    "points",
    [
        # A strip far longer than any paper (a ruler, a keyboard's edge).
        [(200, 300), (1100, 300), (1100, 420), (200, 420)],
        # A kite: corners far from square.
        [(640, 40), (900, 150), (640, 700), (380, 150)],
        # Not convex: a page with a bite out of it, or two papers overlapping.
        [(300, 100), (900, 100), (900, 650), (600, 300), (300, 650)],
        # A small card, not a page.
        [(600, 300), (700, 300), (700, 360), (600, 360)],
    ],
)
def test_implausible_outlines_are_refused(points):
    assert find_page(_shape_on_desk(points)) is None


def test_a_plausible_outline_is_found():
    outline = find_page(_shape_on_desk([(450, 60), (860, 90), (890, 665), (415, 650)]))
    assert outline is not None and outline.exact


def test_pages_of_one_material_make_one_pdf(tmp_path):
    rec = Recorder()
    path = scene_file(tmp_path, "page")
    material = Material("出生医学证明")
    with rec.worker(config(path), Mode.DOCUMENT) as worker:
        for scene in ("page", "page-2", "page"):
            scenes.write_image(scenes.draw(scene), path)
            seen = len(rec.analyses)
            wait_for(lambda seen=seen: len(rec.analyses) > seen + 40)  # the new file is showing
            worker.analyser.capture()
            wait_for(lambda seen=seen: any(a.page for a in rec.analyses[seen:]))
            material.add(next(a.page for a in reversed(rec.analyses) if a.page))
    # The third page was a mistake: retaken as page 2 again, then removed.
    material.replace(2, material.pages[1])
    material.remove(2)
    assert len(material.images()) == 2
    pdf = material.pdf()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2
    # Each page at A4's real size, 210 × 297 mm (595.3 × 841.9 points).
    reader = PdfReader(io.BytesIO(pdf))
    for pdf_page in reader.pages:
        box = pdf_page.mediabox
        assert float(box.width) * 25.4 / 72 == pytest.approx(210, abs=0.5)
        assert float(box.height) * 25.4 / 72 == pytest.approx(297, abs=0.5)


def test_corners_order_whatever_order_they_come_in():
    pts = np.array([[10, 90], [100, 5], [5, 0], [95, 100]], np.float32)
    assert order_corners(pts).tolist() == [[5, 0], [100, 5], [95, 100], [10, 90]]


@pytest.mark.parametrize(
    "scene, kind, value",
    [
        ("qr-progress", "progress", SAMPLE_PROGRESS_TOKEN),
        ("qr-booking", "booking", "YY7K2M9Q4D"),
        ("qr-licence", "licence", "92330102MA2CL5XT7M"),
    ],
)
def test_qr_codes_through_the_worker(tmp_path, scene, kind, value):
    rec = Recorder()
    with rec.worker(config(scene_file(tmp_path, scene)), Mode.QR):
        wait_for(lambda: any(a.found for a in rec.analyses))
    result = next(a for a in rec.analyses if a.found)
    assert result.code == ScannedCode(kind, value)
    assert len(result.corners) == 4


def test_a_code_the_kiosk_does_not_know_is_read_but_not_classified():
    text, _ = read_qr(scenes.qr_slip("hello, world"))
    assert text == "hello, world"
    assert read_qr(scenes.draw("portrait"))[0] == ""


def _video(tmp_path, scene: str):
    return scenes.write_video(scenes.draw(scene), tmp_path / f"{scene}.avi", fps=25, seconds=1.0)


def test_each_mode_works_on_a_video_file_too(tmp_path):
    """A camera is a stream, not a still: the same three modes on looping MJPG videos."""
    rec = Recorder()
    with rec.worker(config(_video(tmp_path, "portrait"), hold_seconds=0.3), Mode.PHOTO):
        wait_for(lambda: any(a.photo is not None for a in rec.analyses), timeout=10)
    rec = Recorder()
    with rec.worker(config(_video(tmp_path, "page")), Mode.DOCUMENT) as worker:
        wait_for(lambda: rec.analyses)
        worker.analyser.capture()
        wait_for(lambda: any(a.page is not None for a in rec.analyses), timeout=10)
    rec = Recorder()
    with rec.worker(config(_video(tmp_path, "qr-booking")), Mode.QR):
        wait_for(lambda: any(a.found for a in rec.analyses), timeout=10)
    assert next(a for a in rec.analyses if a.found).code.kind == "booking"
