"""Raster printing: the document drawn with a CJK font into a 1-bit image the width of the
paper, sent as `GS v 0` in slices of at most 255 rows.

This is the portable default: the printer only has to print dots, so Chinese comes out right
whatever code page or font the printer has (and rare characters in names print too).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from drivers.printer.paper import Paper
from kiosk.printing.document import (
    Bullets,
    Document,
    Emphasis,
    Line,
    Paragraph,
    QrCode,
    Rule,
    SmallPrint,
    Spacer,
    Title,
)
from kiosk.printing.wrap import wrap

FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
)
# Index of Simplified Chinese in the Noto Sans CJK collections.
_SC_INDEX = 2
SLICE_ROWS = 255  # GS v 0 slices: many printers' buffers take no more rows at once
FIRST_SLICE_ROWS = 32
GS = b"\x1d"
ESC = b"\x1b"


class FontMissing(RuntimeError):
    """No CJK font: raster printing cannot draw Chinese."""


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    for d in FONT_DIRS:
        if (d / name).exists():
            return ImageFont.truetype(str(d / name), size, index=_SC_INDEX)
    raise FontMissing(f"the CJK font {name} is not installed (Debian: fonts-noto-cjk)")


def _style(p: Paper, emphasis: Emphasis) -> tuple[int, bool]:
    return {
        "normal": (p.body, False),
        "strong": (p.strong, True),
        "large": (p.large, True),
    }[emphasis]


class _Canvas:
    """A tall white page the blocks are drawn down; cropped to what was drawn."""

    def __init__(self, p: Paper) -> None:
        self.p = p
        self.img = Image.new("L", (p.dots, 4000), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.y = p.margin

    def _room(self, height: int) -> None:
        if self.y + height > self.img.height:
            bigger = Image.new("L", (self.p.dots, max(self.img.height * 2, self.y + height)), 255)
            bigger.paste(self.img, (0, 0))
            self.img = bigger
            self.draw = ImageDraw.Draw(self.img)

    def text_lines(
        self, lines: list[str], size: int, bold: bool, x: int, align: str = "left"
    ) -> None:
        f = font(size, bold)
        step = round(size * 1.32)
        for line in lines:
            self._room(step)
            lx = x
            if align == "center":
                lx = (self.p.dots - round(f.getlength(line))) // 2
            # Anchor at the ascender so glyphs of every size sit inside their line.
            self.draw.text((lx, self.y + round(size * 0.1)), line, font=f, fill=0, anchor="la")
            self.y += step

    def tall_line(self, line: str, size: int, bold: bool, x: int, stretch: float) -> None:
        """One line drawn at `size` and stretched `stretch` times (at most twice) in height."""
        f = font(size, bold)
        step = round(size * 1.32)
        strip = Image.new("L", (self.p.dots, step), 255)
        ImageDraw.Draw(strip).text((x, round(size * 0.1)), line, font=f, fill=0, anchor="la")
        tall = strip.resize((strip.width, round(step * min(stretch, 2.0))), Image.LANCZOS)
        self._room(tall.height)
        self.img.paste(tall, (0, self.y))
        self.y += tall.height

    def gap(self, dots: int) -> None:
        self._room(dots)
        self.y += dots

    def page(self) -> Image.Image:
        height = self.y + self.p.margin
        # Threshold rather than dither: strokes stay solid and edges sharp.
        return self.img.crop((0, 0, self.p.dots, height)).point(
            lambda v: 0 if v < 150 else 255, "1"
        )


def _measure(size: int, bold: bool):
    f = font(size, bold)
    return lambda s: f.getlength(s)


def render(doc: Document, p: Paper) -> Image.Image:
    """The document as a 1-bit image `p.dots` wide (black = 0)."""
    c = _Canvas(p)
    left, width = p.margin, p.text_width
    for block in doc.blocks:
        match block:
            case Title(text=text):
                lines = wrap(text, width, _measure(p.title, True))
                c.text_lines(lines, p.title, True, left, "center")
                c.gap(p.body // 4)
            case Paragraph(text=text, emphasis=emphasis, align=align):
                size, bold = _style(p, emphasis)
                c.text_lines(wrap(text, width, _measure(size, bold)), size, bold, left, align)
            case SmallPrint(text=text):
                c.text_lines(wrap(text, width, _measure(p.small, False)), p.small, False, left)
            case Line():
                _line(c, block, left, width)
            case Bullets():
                _bullets(c, block, left, width)
            case Rule():
                c.gap(p.body // 3)
                c._room(2)
                c.draw.rectangle((left, c.y, left + width - 1, c.y + 1), fill=0)
                c.gap(2 + p.body // 3)
            case Spacer(lines=n):
                c.gap(round(p.body * 1.32) * max(0, min(n, 10)))
            case QrCode(data=data, caption=caption):
                _qr(c, data, caption, left, width)
    return c.page()


def _line(c: _Canvas, block: Line, left: int, width: int) -> None:
    p = c.p
    size, bold = _style(p, block.emphasis)
    label = f"{block.label}："
    label_font = font(p.body, True)
    label_w = round(label_font.getlength(label))
    if block.emphasis == "large" or label_w > width * 0.45:
        # The label above, the value below at full width: the number is never broken up
        # by a label beside it.
        c.text_lines([label], p.body, True, left)
        if block.emphasis == "large":
            size = number_size(block.value, p)
            if size < p.large and font(size, bold).getlength(block.value) <= width:
                # Narrowed to fit: drawn as tall as the large size, as the printer's own font
                # prints it (double height, single width), so it still stands out.
                c.tall_line(block.value, size, bold, left, p.large / size)
            else:
                c.text_lines(wrap(block.value, width, _measure(size, bold)), size, bold, left)
            c.gap(p.body // 4)
            return
        c.text_lines(wrap(block.value, width, _measure(size, bold)), size, bold, left)
        return
    lines = wrap(block.value, width - label_w, _measure(size, bold))
    top = c.y
    c.text_lines([label], p.body, True, left)
    c.y = top
    c.text_lines(lines, size, bold, left + label_w)


def number_size(value: str, p: Paper) -> int:
    """The size a large value (the acceptance number, the due date) is drawn at: the largest
    from `large` down to `small` at which it fits one line, since a number read aloud to staff
    is easier whole than wrapped; a local number (L-<kiosk>-…) on 58 mm paper needs the
    smaller end. Only a value too long even then wraps, at `large`."""
    for size in range(p.large, p.small - 1, -1):
        if font(size, True).getlength(value) <= p.text_width:
            return size
    return p.large


def _bullets(c: _Canvas, block: Bullets, left: int, width: int) -> None:
    p = c.p
    if block.heading:
        c.text_lines([f"{block.heading}："], p.body, True, left)
    f = font(p.body)
    for i, item in enumerate(block.items, start=1):
        mark = f"{i}." if block.numbered else "•"
        indent = round(f.getlength("00.")) + p.body // 4
        top = c.y
        c.text_lines([mark], p.body, False, left)
        c.y = top
        c.text_lines(
            wrap(item, width - indent, _measure(p.body, False)), p.body, False, left + indent
        )


def _qr_code(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_module(data: str, max_width: int) -> int:
    """Dots a module for a code about two thirds of `max_width` wide, quiet zone included:
    the same size whether the image is drawn here or the printer draws it (GS ( k)."""
    modules = _qr_code(data).modules_count + 8
    return max(2, min(8, (max_width * 7 // 10) // modules))


def qr_image(data: str, max_width: int) -> Image.Image:
    """The QR code at a whole number of dots a module (no blurred modules), about two thirds
    of the paper's width, with its quiet zone."""
    code = _qr_code(data)
    code.box_size = qr_module(data, max_width)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _qr(c: _Canvas, data: str, caption: str, left: int, width: int) -> None:
    p = c.p
    img = qr_image(data, width)
    c._room(img.height)
    c.img.paste(img, ((p.dots - img.width) // 2, c.y))
    c.y += img.height
    if caption:
        c.text_lines(wrap(caption, width, _measure(p.body, True)), p.body, True, left, "center")


def raster_slices(img: Image.Image, first_rows: int = SLICE_ROWS) -> list[bytes]:
    """`GS v 0` commands of at most 255 rows each; bit 1 is a black dot. A short first slice
    (`first_rows`) reaches the printer soon, so that its answer tells the link's speed early."""
    img = img.convert("1")
    if img.width % 8:
        padded = Image.new("1", (img.width + 8 - img.width % 8, img.height), 1)
        padded.paste(img, (0, 0))
        img = padded
    row_bytes = img.width // 8
    # Mode "1" packs white as 1: invert every byte so that black is 1, as the printer wants.
    data = bytes(b ^ 0xFF for b in img.tobytes())
    out = []
    top = 0
    while top < img.height:
        rows = min(first_rows if top == 0 else SLICE_ROWS, img.height - top)
        head = GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        out.append(head + data[top * row_bytes : (top + rows) * row_bytes])
        top += rows
    return out


def raster_commands(img: Image.Image) -> bytes:
    return b"".join(raster_slices(img))


def job_parts(doc: Document, p: Paper, cut: bool = True) -> list[bytes]:
    """The print job in parts that each end on a command's end: reset and the first slice,
    the other slices, then the feed and cut. A status query may go between two parts."""
    slices = raster_slices(render(doc, p), FIRST_SLICE_ROWS) or [b""]
    return [ESC + b"@" + slices[0], *slices[1:], end_of_receipt(cut, p.cutter)]


def job_bytes(doc: Document, p: Paper, cut: bool = True) -> bytes:
    """The whole print job: reset, the image, feed past the cutter, cut."""
    return b"".join(job_parts(doc, p, cut))


def end_of_receipt(cut: bool, cutter: str | None = "partial") -> bytes:
    """Feed so the last line clears the cutter (or the tear bar), then cut as the printer's
    profile says it can: a partial cut where it has one (the slip stays hanging until the
    resident takes it, rather than falling on the floor); nothing for a printer without a
    cutter, whose firmware may print the command's bytes instead."""
    feed = ESC + b"d\x04"
    if not cut or cutter is None:
        return feed
    return feed + GS + (b"V\x42\x00" if cutter == "partial" else b"V\x41\x00")
