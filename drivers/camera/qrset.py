"""A degraded set of QR frames, drawn in memory, to measure how well the kiosk reads codes held
up to its camera: small modules, low contrast, blur (focus and motion), keystone (the phone or
paper tilted), sensor noise, glare on a phone screen, inverted (light on dark) codes, and
several at once. Every frame is 1280 × 720 like the camera's, and the set is the same on every
run for a given seed (tests and bench/qr.py assert and print its read rate)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode

from kiosk.codes import SAMPLE_PROGRESS_TOKEN, booking_text, progress_link

SIZE = (1280, 720)
KINDS = (
    "clean",
    "small",
    "low_contrast",
    "blur",
    "motion",
    "keystone",
    "noise",
    "glare",
    "inverted",
    "mixed",
)


@dataclass(frozen=True)
class QrSample:
    kind: str
    text: str
    image: np.ndarray  # BGR, SIZE


def _texts(rng: np.random.Generator) -> str:
    pick = int(rng.integers(0, 3))
    if pick == 0:
        return progress_link("https://hub.example.org", SAMPLE_PROGRESS_TOKEN)
    if pick == 1:
        code = "".join(rng.choice(list("ABCDEFGHJKMNPQRSTUVWXYZ23456789"), 8))
        return booking_text("YY" + code)
    return "https://zzfw.example.org/license?uscc=92330102MA2CL5XT7M"


def modules(text: str) -> np.ndarray:
    """The code's modules with a 4-module quiet zone: 1 for dark, 0 for light."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return np.array(code.get_matrix(), np.uint8)


def _background(rng: np.random.Generator) -> np.ndarray:
    """A desk or a sleeve: a smooth gradient with a few shapes, not a flat colour."""
    w, h = SIZE
    base = rng.uniform(60, 200, 3).astype(np.float32)
    ramp = np.linspace(-30, 30, w, dtype=np.float32)[None, :, None]
    image = np.clip(base[None, None, :] + ramp, 0, 255).repeat(h, axis=0)
    image = np.ascontiguousarray(image.astype(np.uint8))
    for _ in range(6):
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(image, (x, y), int(rng.integers(20, 120)), colour, -1, cv2.LINE_AA)
    return image


def _place(
    rng: np.random.Generator,
    grid: np.ndarray,
    module_px: float,
    dark: int,
    light: int,
    tilt: float,
) -> np.ndarray:
    """The code drawn at `module_px` per module, warped onto the frame with up to `tilt` of
    its side as perspective, at a random place and rotation."""
    side = grid.shape[0]
    cell = 8
    flat = np.where(grid.repeat(cell, 0).repeat(cell, 1) == 1, dark, light).astype(np.uint8)
    flat = cv2.cvtColor(flat, cv2.COLOR_GRAY2BGR)
    size = side * module_px
    w, h = SIZE
    cx = rng.uniform(size * 0.75, w - size * 0.75) if w > 1.5 * size else w / 2
    cy = rng.uniform(size * 0.75, h - size * 0.75) if h > 1.5 * size else h / 2
    angle = rng.uniform(0, 2 * np.pi)
    half = size / 2
    square = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], np.float32)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
    corners = square @ rot.T
    corners += rng.uniform(-tilt, tilt, (4, 2)).astype(np.float32) * size
    corners += np.array([cx, cy], np.float32)
    src = np.array([[0, 0], [side * cell, 0], [side * cell, side * cell], [0, side * cell]])
    m = cv2.getPerspectiveTransform(src.astype(np.float32), corners.astype(np.float32))
    image = _background(rng)
    mask = np.full(flat.shape[:2], 255, np.uint8)
    warped = cv2.warpPerspective(flat, m, SIZE, flags=cv2.INTER_AREA)
    inside = cv2.warpPerspective(mask, m, SIZE, flags=cv2.INTER_AREA)[..., None] / 255.0
    return (image * (1 - inside) + warped * inside).astype(np.uint8)


def _noise(rng: np.random.Generator, image: np.ndarray, sigma: float) -> np.ndarray:
    noisy = image.astype(np.float32) + rng.normal(0, sigma, image.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _glare(rng: np.random.Generator, image: np.ndarray, strength: float) -> np.ndarray:
    w, h = SIZE
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    radius = rng.uniform(0.12, 0.25) * w
    spot = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2))[..., None]
    lit = image.astype(np.float32) + strength * spot * (255 - image.astype(np.float32))
    return np.clip(lit, 0, 255).astype(np.uint8)


def _motion(image: np.ndarray, length: int, angle: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    kernel /= max(float(kernel.sum()), 1e-6)
    return cv2.filter2D(image, -1, kernel)


def sample(kind: str, rng: np.random.Generator) -> QrSample:
    text = _texts(rng)
    grid = modules(text)
    module_px, dark, light, tilt = rng.uniform(4.0, 7.0), 20, 235, 0.03
    if kind == "small":
        module_px = rng.uniform(1.3, 2.2)
    elif kind == "low_contrast":
        dark = int(rng.integers(95, 130))
        light = dark + int(rng.integers(18, 32))
    elif kind == "keystone":
        tilt = rng.uniform(0.15, 0.25)
    elif kind == "inverted":
        dark, light = light, dark
    elif kind == "mixed":
        module_px = rng.uniform(2.6, 3.6)
        dark, light, tilt = 60, 190, 0.08
    image = _place(rng, grid, module_px, dark, light, tilt)
    if kind == "blur":
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(2.2, 3.2))
    elif kind == "motion":
        image = _motion(image, int(rng.integers(9, 16)), rng.uniform(0, 180))
    elif kind == "noise":
        image = _noise(rng, image, rng.uniform(35, 50))
    elif kind == "glare":
        image = _glare(rng, image, rng.uniform(0.6, 0.8))
    elif kind == "mixed":
        image = cv2.GaussianBlur(image, (0, 0), 1.0)
        image = _noise(rng, image, 12)
    return QrSample(kind, text, image)


def degraded_set(per_kind: int = 10, seed: int = 22) -> Iterator[QrSample]:
    """`per_kind` frames of each kind in KINDS, the same on every run for one seed."""
    rng = np.random.default_rng(seed)
    for kind in KINDS:
        for _ in range(per_kind):
            yield sample(kind, rng)
