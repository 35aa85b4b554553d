"""A signature drawn on the screen, kept as strokes and turned into a PNG for the hub.

Strokes arrive as points in [0, 1] × [0, 1] of the signing pad, so the picture does not
depend on the screen's size; a few dots are not a signature.
"""

from __future__ import annotations

import io
import itertools
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 800, 300
MIN_INK = 0.35  # total stroke length, in pad widths, that counts as a signature

Stroke = list[tuple[float, float]]


def ink(strokes: list[Stroke]) -> float:
    """The total length drawn, in pad widths."""
    total = 0.0
    for stroke in strokes:
        for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
            total += math.hypot(x1 - x0, (y1 - y0) * HEIGHT / WIDTH)
    return total


def is_signature(strokes: list[Stroke]) -> bool:
    return ink(strokes) >= MIN_INK


def to_png(strokes: list[Stroke]) -> bytes:
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [
            (min(max(x, 0.0), 1.0) * (WIDTH - 1), min(max(y, 0.0), 1.0) * (HEIGHT - 1))
            for x, y in stroke
        ]
        if len(points) == 1:
            x, y = points[0]
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=0)
        else:
            draw.line(points, fill=0, width=6, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
