"""A generated set of pages on desks, to measure page finding: A4 pages turned up to 30° and
seen at a slant, on dark, wooden, grey and white desks, with clutter beside them (a pen, a mug
seen from above, a phone, a sticky note) and some desks with nothing on them. Each sample
knows where the page's corners are (none on the empty desks). Same set on every run for a seed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.scenes import PAGE_SIZE, SIZE, on_desk, page_image

DESKS = {
    "dark": (40, 45, 50),
    "wood": (40, 62, 92),
    "grey": (150, 150, 150),
    "white": (214, 218, 220),
}


@dataclass(frozen=True)
class PageSample:
    desk: str
    cluttered: bool
    image: np.ndarray
    corners: np.ndarray | None  # TL, TR, BR, BL in frame pixels; None: no page


def _corners(rng: np.random.Generator) -> np.ndarray:
    w, h = SIZE
    height = rng.uniform(0.6, 0.72) * h
    width = height / np.sqrt(2)
    cx, cy = rng.uniform(0.38, 0.62) * w, h / 2
    angle = np.radians(rng.uniform(-30, 30))
    half = np.array([[-width, -height], [width, -height], [width, height], [-width, height]]) / 2
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    pts = half @ rot.T + [cx, cy]
    pts += rng.uniform(-0.03, 0.03, (4, 2)) * height  # seen at a slant
    return pts.astype(np.float32)


def _clutter(rng: np.random.Generator, image: np.ndarray, page: np.ndarray | None) -> None:
    w, h = SIZE
    keep_out = np.zeros((h, w), np.uint8)
    if page is not None:
        cv2.fillConvexPoly(keep_out, page.astype(np.int32), 255)
        keep_out = cv2.dilate(keep_out, np.ones((25, 25), np.uint8))
    for kind in ("pen", "mug", "phone", "note"):
        for _ in range(20):
            x, y = int(rng.integers(40, w - 40)), int(rng.integers(40, h - 40))
            size = int(rng.integers(30, 70))
            shape = np.zeros((h, w), np.uint8)
            if kind == "pen":
                angle = rng.uniform(0, np.pi)
                dx, dy = int(2.5 * size * np.cos(angle)), int(2.5 * size * np.sin(angle))
                cv2.line(shape, (x - dx, y - dy), (x + dx, y + dy), 255, 9)
                colour = (160, 60, 20)
            elif kind == "mug":
                cv2.circle(shape, (x, y), size, 255, -1)
                colour = (230, 230, 235)
            elif kind == "phone":
                cv2.rectangle(shape, (x - size // 2, y - size), (x + size // 2, y + size), 255, -1)
                colour = (20, 20, 20)
            else:
                cv2.rectangle(shape, (x - size, y - size), (x + size, y + size), 255, -1)
                colour = (120, 235, 250)
            if (shape & keep_out).any():
                continue
            image[shape > 0] = colour
            break


def page_set(per_desk: int = 8, seed: int = 22) -> Iterator[PageSample]:
    """For each desk: `per_desk` pages (half with clutter) and two empty desks (one
    cluttered)."""
    rng = np.random.default_rng(seed)
    for desk, colour in DESKS.items():
        for i in range(per_desk):
            corners = _corners(rng)
            page = page_image(f"PAGE {i + 1}", seed=int(rng.integers(0, 1000)))
            assert page.shape[:2] == (PAGE_SIZE[1], PAGE_SIZE[0])
            image = on_desk(page, tuple(map(tuple, corners)), colour=colour)
            cluttered = i % 2 == 1
            if cluttered:
                _clutter(rng, image, corners)
            yield PageSample(desk, cluttered, image, corners)
        for cluttered in (False, True):
            image = on_desk(
                np.zeros((2, 2, 3), np.uint8), ((0, 0), (0, 0), (0, 0), (0, 0)), colour=colour
            )
            if cluttered:
                _clutter(rng, image, None)
            yield PageSample(desk, cluttered, image, None)
