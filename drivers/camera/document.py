"""Document mode: find the page (the largest four-cornered outline; failing that, the box
around the largest bright shape), straighten it to an upright page (A4 proportions when it
is close to A4), check it is sharp, and gather a material's pages into images and one PDF.
Pages stay in memory; the PDF is bytes for the application."""

from __future__ import annotations

import io
import math
import threading
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

FIND_WIDTH = 480  # outlines are found at this width: fast, and plenty for four corners
MIN_AREA = 0.12  # of the frame: anything smaller is not a page held in front of the camera
SMALL_AREA = 0.25  # a page found but far: bring it closer
A4 = math.sqrt(2)
A4_TOLERANCE = 0.2  # perspective leaves a page's proportions this far off
SHARPNESS_MIN = 80.0
STILL = 0.02  # of the frame's width the corners may move between frames
PDF_DPI = 150


@dataclass(frozen=True)
class PageOutline:
    corners: (
        np.ndarray
    )  # 4 × 2 float32, frame pixels: top-left, top-right, bottom-right, bottom-left
    area: float  # of the frame
    exact: bool  # four corners found (not the fallback box)


@dataclass(frozen=True)
class Page:
    image: np.ndarray  # BGR, upright
    sharpness: float
    outline: PageOutline | None  # None: no page was found, the whole picture was kept

    @property
    def sharp(self) -> bool:
        return self.sharpness >= SHARPNESS_MIN

    def jpeg(self, quality: int = 88) -> bytes:
        ok, data = cv2.imencode(".jpg", self.image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise ValueError("the page could not be encoded")
        return data.tobytes()


@dataclass(frozen=True)
class DocumentAnalysis:
    guidance: str  # "no_page", "page_far", "hold_still", "blurry", "page_ok"
    corners: tuple[tuple[float, float], ...]  # the outline, as fractions of the frame
    frame_size: tuple[int, int]
    page: Page | None = None  # set on the frame a capture was asked for


def order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left, for a page tilted less than 45°."""
    pts = points.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32
    )


def find_page(image: np.ndarray) -> PageOutline | None:
    _h, w = image.shape[:2]
    scale = min(1.0, FIND_WIDTH / w)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 40, 120), np.ones((3, 3), np.uint8))
    total = float(small.shape[0] * small.shape[1])
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour) / total
        if area < MIN_AREA:
            break
        quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(quad) == 4 and cv2.isContourConvex(quad):
            return PageOutline(order_corners(quad) / scale, area, True)
    # No clean outline (a page on a light desk, a folded corner): the brightest large shape.
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / total
    if area < MIN_AREA or area > 0.98:
        return None
    box = cv2.boxPoints(cv2.minAreaRect(largest))
    spread = box.max(axis=0) - box.min(axis=0)
    if spread[0] > 0.95 * small.shape[1] or spread[1] > 0.95 * small.shape[0]:
        return None  # a bright wall or a lit room, not a page with the desk around it
    return PageOutline(order_corners(box) / scale, area, False)


def page_size(corners: np.ndarray) -> tuple[int, int]:
    """Width and height of the straightened page: its measured sides, A4 when near A4."""
    tl, tr, br, bl = corners
    # Opposite sides averaged: the near edge of a tilted page looks longer than the far one.
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    long, short = max(width, height), min(width, height)
    if abs(long / max(short, 1.0) - A4) / A4 <= A4_TOLERANCE:
        short = long / A4
    w, h = (short, long) if height >= width else (long, short)
    return max(1, round(w)), max(1, round(h))


def straighten(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    w, h = page_size(corners)
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_CUBIC)


def sharpness(image: np.ndarray) -> float:
    """Laplacian variance at a fixed width, so distance does not change the figure."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = 600 / gray.shape[1]
    gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def capture_page(image: np.ndarray, outline: PageOutline | None) -> Page:
    upright = straighten(image, outline.corners) if outline else np.ascontiguousarray(image)
    return Page(upright, sharpness(upright), outline)


class DocumentAnalyser:
    """The outline and guidance on each frame; `capture()` takes the next frame's page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted = False
        self._last: np.ndarray | None = None

    def capture(self) -> None:
        with self._lock:
            self._wanted = True

    def reset(self) -> None:
        with self._lock:
            self._wanted = False
            self._last = None

    def analyse(self, frame) -> DocumentAnalysis:
        image = frame.image
        h, w = image.shape[:2]
        outline = find_page(image)
        with self._lock:
            wanted, self._wanted = self._wanted, False
            last, self._last = self._last, (outline.corners if outline else None)
        size = (w, h)
        if outline is None:
            page = capture_page(image, None) if wanted else None
            return DocumentAnalysis("no_page", (), size, page)
        corners = tuple((float(x) / w, float(y) / h) for x, y in outline.corners)
        moving = last is not None and float(np.abs(last - outline.corners).max()) > STILL * w
        page = capture_page(image, outline) if wanted else None
        if outline.area < SMALL_AREA:
            guidance = "page_far"
        elif moving:
            guidance = "hold_still"
        elif page is not None and not page.sharp:
            guidance = "blurry"
        else:
            guidance = "page_ok"
        return DocumentAnalysis(guidance, corners, size, page)


@dataclass
class Material:
    """The pages of one material, in order; each can be retaken (replaced) or removed."""

    name: str = ""
    pages: list[Page] = field(default_factory=list)

    def add(self, page: Page) -> int:
        self.pages.append(page)
        return len(self.pages) - 1

    def replace(self, index: int, page: Page) -> None:
        self.pages[index] = page

    def remove(self, index: int) -> None:
        del self.pages[index]

    def images(self) -> list[bytes]:
        return [page.jpeg() for page in self.pages]

    def pdf(self) -> bytes:
        """One PDF with every page, each sized for A4-ish print at PDF_DPI."""
        if not self.pages:
            raise ValueError("the material has no pages yet")
        pictures = [
            Image.fromarray(cv2.cvtColor(page.image, cv2.COLOR_BGR2RGB)) for page in self.pages
        ]
        out = io.BytesIO()
        pictures[0].save(
            out, "PDF", save_all=True, append_images=pictures[1:], resolution=float(PDF_DPI)
        )
        return out.getvalue()
