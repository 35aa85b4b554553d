"""Native text printing: the document as ESC/POS text in the printer's own font, Chinese as
GB18030 in Chinese mode (FS &), sizes, bold and alignment, and the QR code drawn by the
printer (`GS ( k`).

Faster and crisper than raster on printers that have a GB18030 font; only for those (a
printer without one prints mojibake, see python-escpos issue #678). Layout is counted in the
columns of font A (12 × 24 dots): a character that GB18030 encodes in more than one byte is
printed full width, two columns.
"""

from __future__ import annotations

from PIL import Image

from drivers.printer.paper import Paper
from drivers.printer.raster import end_of_receipt, qr_image, qr_module, raster_commands
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

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
LF = b"\n"


def columns(text: str) -> int:
    return sum(2 if len(ch.encode("gb18030", errors="replace")) > 1 else 1 for ch in text)


def _enc(text: str) -> bytes:
    return text.encode("gb18030", errors="replace")


def _align(n: int) -> bytes:
    return ESC + b"a" + bytes([n])


def _bold(on: bool) -> bytes:
    return ESC + b"E" + (b"\x01" if on else b"\x00")


def _size(mult: int, tall: int | None = None) -> bytes:
    """Characters `mult` times as wide and `tall` (default: as `mult`) times as tall."""
    w, h = mult - 1, (tall or mult) - 1
    return GS + b"!" + bytes([w << 4 | h])


def _style(emphasis: Emphasis) -> tuple[int, bool]:
    return {"normal": (1, False), "strong": (1, True), "large": (2, True)}[emphasis]


def qr_commands(data: str, module: int) -> bytes:
    payload = data.encode("utf-8")
    store = bytes([0x31, 0x50, 0x30]) + payload
    return b"".join(
        (
            GS + b"(k\x04\x00\x31\x41\x32\x00",  # model 2
            GS + b"(k\x03\x00\x31\x43" + bytes([module]),  # module size in dots
            GS + b"(k\x03\x00\x31\x45\x31",  # error correction M
            GS + b"(k" + len(store).to_bytes(2, "little") + store,
            GS + b"(k\x03\x00\x31\x51\x30",  # print
        )
    )


def number_size(value: str, cols: int) -> tuple[int, int]:
    """Width and height multipliers for a large value: double both where it fits a line, else
    double height only, so that the acceptance number stays whole on one line as raster
    prints it (a 19-character hub number is 38 columns doubled: more than 58 mm paper has)."""
    return (2, 2) if columns(value) <= cols // 2 else (1, 2)


def _qr(data: str, p: Paper) -> bytes:
    """The printer's own QR code where its profile says it draws one, else the code as a
    raster image: the receipt carries its QR code on every printer."""
    if p.profile.qr_code:
        return _align(1) + qr_commands(data, qr_module(data, p.text_width)) + LF + _align(0)
    img = qr_image(data, p.text_width)
    # Centred by white dots on its left rather than by ESC a, which not every printer applies
    # to images; nothing on its right (at 9600 baud every byte counts).
    left = (p.dots - img.width) // 2
    line = Image.new("L", (left + img.width, img.height), 255)
    line.paste(img, (left, 0))
    return _align(0) + raster_commands(line)


def job_bytes(doc: Document, p: Paper, cut: bool = True) -> bytes:
    return b"".join(job_parts(doc, p, cut))


def job_parts(doc: Document, p: Paper, cut: bool = True) -> list[bytes]:
    """The print job in parts, one a block, each ending on a command's end (a status query
    may go between two), then the feed and cut."""
    cols = p.columns
    parts: list[bytes] = []
    out = bytearray(ESC + b"@" + FS + b"&")
    start = len(out)  # the first part is the set-up and the first block together

    def lines(
        texts: list[str], mult: int = 1, bold: bool = False, align: int = 0, tall: int = 0
    ) -> None:
        out.extend(_align(align) + _size(mult, tall or mult) + _bold(bold))
        for t in texts:
            out.extend(_enc(t) + LF)
        out.extend(_size(1) + _bold(False) + _align(0))

    for block in doc.blocks:
        if len(out) > start:
            parts.append(bytes(out))
            out.clear()
            start = 0
        match block:
            case Title(text=text):
                lines(wrap(text, cols // 2, columns), 2, True, 1)
            case Paragraph(text=text, emphasis=emphasis, align=align):
                mult, bold = _style(emphasis)
                lines(wrap(text, cols // mult, columns), mult, bold, 1 if align == "center" else 0)
            case SmallPrint(text=text):
                lines(wrap(text, cols, columns))
            case Line(label=label, value=value, emphasis=emphasis):
                mult, bold = _style(emphasis)
                head = f"{label}："
                if emphasis == "large":
                    lines([head], bold=True)
                    wide, tall = number_size(value, cols)
                    lines(wrap(value, cols // wide, columns), wide, bold, tall=tall)
                    continue
                if columns(head) > cols * 0.45:
                    lines([head], bold=True)
                    lines(wrap(value, cols // mult, columns), mult, bold)
                    continue
                body = wrap(value, cols - columns(head), columns)
                out.extend(_bold(True) + _enc(head) + _bold(bold) + _enc(body[0]) + LF)
                for rest in body[1:]:
                    out.extend(_enc(" " * columns(head) + rest) + LF)
                out.extend(_bold(False))
            case Bullets(items=items, heading=heading, numbered=numbered):
                if heading:
                    lines([f"{heading}："], bold=True)
                for i, item in enumerate(items, start=1):
                    mark = f"{i}." if numbered else "-"
                    mark = mark.ljust(4)
                    body = wrap(item, cols - 4, columns)
                    out.extend(_enc(mark + body[0]) + LF)
                    for rest in body[1:]:
                        out.extend(_enc("    " + rest) + LF)
            case Rule():
                out.extend(_enc("-" * cols) + LF)
            case Spacer(lines=n):
                out.extend(LF * max(0, min(n, 10)))
            case QrCode(data=data, caption=caption):
                out.extend(_qr(data, p))
                if caption:
                    lines(wrap(caption, cols, columns), bold=True, align=1)
    parts.append(bytes(out))
    return [*parts, end_of_receipt(cut, p.cutter)]
