"""Document mode: find the page (the largest four-cornered outline of Canny edges; on a light
desk, where the paper's edge is faint, the edges of a contrast-stretched picture; failing that,
the box around the largest bright shape), refuse an outline that is not a plausible page (not
convex, too small or the whole frame, proportions no paper has, corners far from square),
straighten it to an upright page at PAGE_DPI (A4's 210 × 297 mm when it is close to A4), check
it is sharp, and gather a material's pages into images and one PDF whose pages have the paper's
real size. No page found: nothing is captured. Pages stay in memory; the PDF is bytes for the
application."""

from __future__ import annotations

import io
import math
import threading
from dataclasses import dataclass, field

import cv2
import numpy as np
from fpdf import FPDF
from PIL import Image

from drivers.camera import orientation

FIND_WIDTH = 480  # outlines are found at this width: fast, and plenty for four corners
MIN_AREA = 0.12  # of the frame: anything smaller is not a page held in front of the camera
SMALL_AREA = 0.25  # a page found but far: bring it closer
A4 = math.sqrt(2)
A4_TOLERANCE = 0.2  # perspective leaves a page's proportions this far off
SHARPNESS_MIN = 80.0
STILL = 0.02  # of the frame's width the corners may move between frames
PAGE_DPI = 200  # what a clerk reads print at
A4_MM = (210.0, 297.0)
ASPECT_RANGE = (1.0, 1.9)  # long side over short, after straightening: square notes to receipts
CORNER_ANGLES = (55.0, 125.0)  # degrees; a page seen at a slant, not a kite or a sliver
MAX_AREA = 0.97  # of the frame: larger is the frame's own edge, not a page
MM_PER_INCH = 25.4


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
    outline: PageOutline | None  # None: taken as it is (not through the camera's finding)
    size_mm: tuple[float, float] = A4_MM  # the paper's width and height

    @property
    def dpi(self) -> float:
        return self.image.shape[1] / (self.size_mm[0] / MM_PER_INCH)

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
    """Top-left, top-right, bottom-right, bottom-left: clockwise around the middle, starting
    with the edge whose middle is highest (the page's top edge for a page turned up to ~40°,
    where the sums and differences of coordinates would start on a side edge)."""
    pts = points.reshape(4, 2).astype(np.float32)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise on screen (y grows downwards)
    tops = [(pts[i, 1] + pts[(i + 1) % 4, 1]) / 2 for i in range(4)]
    start = int(np.argmin(tops))
    return np.roll(pts, -start, axis=0)


def plausible(quad: np.ndarray, area: float) -> bool:
    """Whether four corners (frame pixels, in order) can be a sheet of paper."""
    if not MIN_AREA <= area <= MAX_AREA:
        return False
    if not cv2.isContourConvex(quad.reshape(4, 1, 2).astype(np.float32)):
        return False
    pts = quad.reshape(4, 2).astype(np.float64)
    for i in range(4):
        a, b = pts[i - 1] - pts[i], pts[(i + 1) % 4] - pts[i]
        cos = float(a @ b) / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-9)
        if (
            not CORNER_ANGLES[0]
            <= math.degrees(math.acos(max(-1.0, min(1.0, cos))))
            <= (CORNER_ANGLES[1])
        ):
            return False
    w, h = _sides(pts)
    ratio = max(w, h) / max(min(w, h), 1.0)
    return ASPECT_RANGE[0] <= ratio <= ASPECT_RANGE[1]


def _quads(edges: np.ndarray, total: float, scale: float) -> PageOutline | None:
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour) / total
        if area < MIN_AREA:
            break
        quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(quad) == 4:
            corners = order_corners(quad)
            if plausible(corners, area):
                return PageOutline(corners / scale, area, True)
    return None


def find_page(image: np.ndarray) -> PageOutline | None:
    _h, w = image.shape[:2]
    scale = min(1.0, FIND_WIDTH / w)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    total = float(small.shape[0] * small.shape[1])
    kernel = np.ones((3, 3), np.uint8)
    outline = _quads(cv2.dilate(cv2.Canny(gray, 40, 120), kernel), total, scale)
    if outline:
        return outline
    # A light desk, or an edge broken by a shadow or a finger: the paper is the brightest
    # large shape once its print is closed over (a grey-level closing fills dark text with the
    # paper's white); its convex hull's four corners, if they are a page's.
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((11, 11), np.uint8))
    _, bright = cv2.threshold(closed, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / total
    hull = cv2.convexHull(largest)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return None
    corners = order_corners(quad)
    spread = corners.max(axis=0) - corners.min(axis=0)
    if spread[0] > 0.95 * small.shape[1] or spread[1] > 0.95 * small.shape[0]:
        return None  # a bright wall or a lit room, not a page with the desk around it
    # The shape must fill its outline: a lamp beside a mug is bright too.
    quad_area = cv2.contourArea(corners) / total
    if quad_area <= 0 or area / quad_area < 0.9 or not plausible(corners, area):
        return None
    return PageOutline(corners / scale, area, False)


def _sides(corners: np.ndarray) -> tuple[float, float]:
    tl, tr, br, bl = corners
    # Opposite sides averaged: the near edge of a tilted page looks longer than the far one.
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def paper_size(corners: np.ndarray) -> tuple[float, float]:
    """The paper's width and height in millimetres: A4 when its proportions are near A4's;
    otherwise its own proportions, its long side taken as A4's (the document camera's field is
    an A4 sheet, and the camera cannot tell millimetres)."""
    width, height = _sides(corners)
    long, short = max(width, height), min(width, height)
    if abs(long / max(short, 1.0) - A4) / A4 <= A4_TOLERANCE:
        long_mm, short_mm = A4_MM[1], A4_MM[0]
    else:
        long_mm = A4_MM[1]
        short_mm = long_mm * short / max(long, 1.0)
    return (short_mm, long_mm) if height >= width else (long_mm, short_mm)


def page_size(corners: np.ndarray) -> tuple[int, int]:
    """Width and height in pixels of the straightened page at PAGE_DPI."""
    w_mm, h_mm = paper_size(corners)
    return round(w_mm / MM_PER_INCH * PAGE_DPI), round(h_mm / MM_PER_INCH * PAGE_DPI)


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


def capture_page(image: np.ndarray, outline: PageOutline, orient: bool = True) -> Page:
    """The page straightened, and (with `orient`) turned upright by its text
    (drivers.camera.orientation), which a page laid down sideways or upside down needs.

    Sharpness first: a blurred page is to be taken again, and reading its text's orientation
    (Tesseract, the slow part) would be paid for nothing, and could not be trusted on blurred
    print anyway. It comes back as straightened, not sharp."""
    page = straighten(image, outline.corners)
    w_mm, h_mm = paper_size(outline.corners)
    sharp = sharpness(page)
    if orient and sharp >= SHARPNESS_MIN:
        page, turned = orientation.upright(page, PAGE_DPI)
        if turned in (90, 270):
            w_mm, h_mm = h_mm, w_mm
            sharp = sharpness(page)  # at the upright page's width, as every page's is
    return Page(page, sharp, outline, (w_mm, h_mm))


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
            # Nothing is captured: the whole frame is not a page. The screen keeps asking for
            # the page to be laid in the frame ("no_page").
            return DocumentAnalysis("no_page", (), size, None)
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
        """One PDF with every page at the paper's real size (A4: 210 × 297 mm), its picture at
        the page's own resolution (PAGE_DPI for captured pages)."""
        if not self.pages:
            raise ValueError("the material has no pages yet")
        pdf = FPDF(unit="mm")
        pdf.set_auto_page_break(False)
        pdf.set_compression(False)  # the JPEGs are compressed already
        for page in self.pages:
            w_mm, h_mm = page.size_mm
            pdf.add_page(format=(w_mm, h_mm))
            picture = Image.open(io.BytesIO(page.jpeg()))
            pdf.image(picture, x=0, y=0, w=w_mm, h=h_mm)
        return bytes(pdf.output())
