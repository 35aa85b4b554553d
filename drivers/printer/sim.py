"""A simulated ESC/POS receipt printer on TCP (port 9100, or 0 for any free port in tests).

It parses the byte stream as a printer would (reset, alignment, bold, sizes, text — GB18030
in Chinese mode —, line feeds, `GS v 0` raster images, `GS ( k` QR codes, cuts) and draws
what would come out on paper; each piece of paper, up to a cut, is saved as a PNG the paper's
width. `DLE EOT n` status queries are answered from its state, and `GS ( H` process ID
requests once the data before them is printed (never while it is stopped: that data did not
print), as printers that have the command do; `process_ids=False` makes a printer without it.
Every connection is parsed on its own, in order, so answers come after the bytes before them.

A person is scripted: paper out / low / back in, cover open / closed, offline (refusing
connections, or silent: taking bytes but never answering a status query) and back online;
and faults can be timed to strike in the middle of the next job. A piece printed while
something went wrong (paper ran out, the cover opened, the connection dropped mid-command)
is "spoiled": it is saved apart from the clean receipts, as a technician would tear it off.
So is a piece that one connection began and another cut (a job cut short, cut off by the
next), and a "glued" piece that two connections inked: half a receipt joined to the next.

The link can be slowed to `rate` bytes a second (the printer reads no faster), as a slow
network or serial line would.

Unknown commands and commands cut short are reported in `problems`, never a crash.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Self

import qrcode
from PIL import Image, ImageDraw

from drivers.printer import status as st
from drivers.printer.paper import Paper, paper_for
from drivers.printer.raster import font
from kiosk.background import Background
from kiosk.printing import profiles
from kiosk.printing.profiles import Profile

log = logging.getLogger(__name__)

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
CELL_H = 24  # font A's height; its width is the profile's: the paper's dots over its columns
LINE_GAP = 6
# ESC commands and how many parameter bytes follow them.
_ESC_PARAMS = {
    b"@": 0, b"a": 1, b"E": 1, b"!": 1, b"d": 1, b"J": 1, b"2": 0, b"3": 1, b"-": 1,
    b"t": 1, b"M": 1, b"G": 1, b"R": 1, b"V": 1, b"{": 1, b" ": 1, b"$": 2, b"\\": 2,
    b"B": 2, b"p": 3, b"=": 1, b"r": 1, b"U": 1, b"e": 1, b"c": 2,
}  # fmt: skip
_GS_PARAMS = {
    b"!": 1, b"B": 1, b"H": 1, b"h": 1, b"w": 1, b"f": 1, b"a": 1, b"r": 1, b"L": 2,
    b"W": 2, b"P": 2, b"b": 1, b"/": 1, b"I": 1,
}  # fmt: skip
_FS_PARAMS = {b"&": 0, b".": 0, b"C": 1, b"!": 1, b"W": 1, b"-": 1, b"S": 2}
_QR_LEVELS = {
    48: qrcode.constants.ERROR_CORRECT_L,
    49: qrcode.constants.ERROR_CORRECT_M,
    50: qrcode.constants.ERROR_CORRECT_Q,
    51: qrcode.constants.ERROR_CORRECT_H,
}


class Offline(StrEnum):
    NO = "no"
    REFUSE = "refuse"  # connections are dropped at once
    SILENT = "silent"  # connections taken, bytes swallowed, status queries never answered


def _codec(page: str) -> str:
    """Python's codec for a code page of the database ("CP437"); cp437 for one it lacks."""
    try:
        return codecs.lookup(page.replace("_", "-")).name
    except LookupError:
        return "cp437"


# -- the paper -------------------------------------------------------------------------------


@dataclass
class Piece:
    strips: list[Image.Image] = field(default_factory=list)
    spoiled: bool = False
    inked: bool = False  # a piece of blank paper (a feed, then a cut) is no receipt
    text: list[str] = field(default_factory=list)  # the lines printed as text (native mode)
    sources: set[int] = field(default_factory=set)  # the connections that inked it

    @property
    def empty(self) -> bool:
        return not self.inked


class Roll:
    """The paper coming out of the printer; `printable()` tells whether dots land on it."""

    def __init__(
        self,
        p: Paper,
        out_dir: Path | None,
        printable: Callable[[], bool] = lambda: True,
        on_cut: Callable[[Path | None, Image.Image, bool, str, bool], None] | None = None,
    ) -> None:
        self.p = p
        self.out_dir = out_dir
        self.printable = printable
        self.on_cut = on_cut
        self.piece = Piece()
        self.count = 0
        self.lock = threading.RLock()

    def add(self, strip: Image.Image, text: str = "", source: int = 0) -> None:
        with self.lock:
            if self.printable():
                self.piece.strips.append(strip)
                if text:
                    self.piece.text.append(text)
                if strip.getextrema()[0] == 0:
                    self.piece.inked = True
                    self.piece.sources.add(source)
            else:
                # The head moved over no paper (or an open cover): this piece is not whole.
                self.piece.spoiled = True

    def feed(self, dots: int, source: int = 0) -> None:
        if dots > 0:
            self.add(Image.new("1", (self.p.dots, dots), 1), source=source)

    def spoil(self) -> None:
        with self.lock:
            self.piece.spoiled = True

    def cut(self, force: bool = False, source: int | None = None) -> None:
        """Cut (the printer's cutter, on connection `source`'s command), or `force` (someone
        tears off what is there)."""
        with self.lock:
            if not force and not self.printable():
                self.piece.spoiled = True
                return
            piece, self.piece = self.piece, Piece()
            if piece.empty and not piece.spoiled:
                return
            glued = len(piece.sources) > 1
            # Begun by one job and cut by another: the first stopped short of its own cut.
            cut_off = source is not None and bool(piece.sources) and source not in piece.sources
            piece.spoiled = piece.spoiled or glued or cut_off
            height = sum(s.height for s in piece.strips) or 1
            img = Image.new("1", (self.p.dots, height), 1)
            y = 0
            for s in piece.strips:
                img.paste(s, (0, y))
                y += s.height
            self.count += 1
            path = None
            if self.out_dir is not None:
                kind = "spoiled" if piece.spoiled else "receipt"
                path = self.out_dir / f"{kind}-{self.count:04d}.png"
                img.convert("L").save(path)
            if self.on_cut:
                self.on_cut(path, img, piece.spoiled, "\n".join(piece.text), glued)


# -- the parser ------------------------------------------------------------------------------


@dataclass
class _Style:
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1
    chinese: bool = False


class EscPosParser:
    """Bytes in, commands applied to a Roll, status answers out through `answer`. Feed it any
    bytes in any chunks; `close()` reports a command left unfinished."""

    def __init__(
        self,
        roll: Roll,
        answer: Callable[[int], int | None] = lambda n: None,
        report: Callable[[str], None] = lambda problem: None,
        *,
        process_id: Callable[[bytes], bytes | None] = lambda pid: None,
        source: int = 0,
    ) -> None:
        self.roll = roll
        self.answer = answer
        self.report = report
        self.process_id = process_id  # the reply to GS ( H, or None for none
        self.source = source  # which connection: what it inks and cuts is told apart
        self.buf = bytearray()
        self.skip = 0  # data bytes of a command we do not render, still to swallow
        self.style = _Style()
        self.line: list[tuple[str, _Style]] = []
        self.line_width = 0
        self.qr_data = b""
        self.qr_size = 3
        self.qr_level = qrcode.constants.ERROR_CORRECT_M
        self.answers = bytearray()
        # The printer of the roll's profile: its font's width, its code page 0 for bytes
        # outside Chinese mode, and the model name it gives when asked (GS I 67); a generic
        # profile is a printer that names no model.
        p = roll.p
        self.cell_w = p.dots // p.columns
        self.codepage = _codec(p.profile.code_pages.get(0, "CP437"))
        self.model = "" if p.profile.width_from_paper else p.profile.name

    # -- input ------------------------------------------------------------------------------

    def feed(self, data: bytes) -> bytes:
        """Apply what `data` completes; the status answers due, as bytes."""
        self.buf += data
        i = 0
        while i < len(self.buf):
            if self.skip:
                n = min(self.skip, len(self.buf) - i)
                self.skip -= n
                i += n
                continue
            used = self._one(i)
            if used == 0:
                break
            i += used
        del self.buf[:i]
        out, self.answers = bytes(self.answers), bytearray()
        return out

    def close(self) -> None:
        if self.buf or self.skip:
            head = bytes(self.buf[:4]).hex(" ") or "data"
            self.report(f"command cut short at the end of the connection ({head}…)")
            self.roll.spoil()
        self.buf.clear()
        self.skip = 0
        if self.line:
            self._newline()

    # -- one command at buf[i]; returns bytes used, 0 if more are needed ----------------------

    def _one(self, i: int) -> int:
        b = self.buf[i]
        if b == 0x0A:
            self._newline()
            return 1
        if b == 0x0D or b == 0x00:
            return 1
        if b == 0x09:
            self._text(" " * 4)
            return 1
        if b == ESC:
            return self._esc(i)
        if b == GS:
            return self._gs(i)
        if b == FS:
            return self._fs(i)
        if b == DLE:
            return self._dle(i)
        if b < 0x20 or b == 0x7F:
            self.report(f"unknown control byte 0x{b:02x}")
            return 1
        return self._char(i)

    def _have(self, i: int, n: int) -> bool:
        return len(self.buf) - i >= n

    def _char(self, i: int) -> int:
        b = self.buf[i]
        if b < 0x80:
            self._text(chr(b))
            return 1
        if not self.style.chinese:
            self._text(bytes([b]).decode(self.codepage, errors="replace"))
            return 1
        # GB18030: a lead byte 0x81–0xFE, then one byte, or three for the four-byte form.
        if not 0x81 <= b <= 0xFE:
            self._text("?")
            return 1
        if not self._have(i, 2):
            return 0
        size = 4 if 0x30 <= self.buf[i + 1] <= 0x39 else 2
        if not self._have(i, size):
            return 0
        self._text(bytes(self.buf[i : i + size]).decode("gb18030", errors="replace"))
        return size

    def _esc(self, i: int) -> int:
        if not self._have(i, 2):
            return 0
        cmd = bytes(self.buf[i + 1 : i + 2])
        if cmd == b"D":  # tab positions, up to a NUL
            end = self.buf.find(0, i + 2)
            if end < 0:
                return 0 if len(self.buf) - i < 40 else self._bad("ESC D without its end", 2)
            return end - i + 1
        if cmd not in _ESC_PARAMS:
            return self._bad(f"unknown command ESC 0x{cmd[0]:02x}", 2)
        n = _ESC_PARAMS[cmd]
        if not self._have(i, 2 + n):
            return 0
        args = self.buf[i + 2 : i + 2 + n]
        s = self.style
        if cmd == b"@":
            self._flush_line()
            self.style = _Style()
        elif cmd == b"a":
            s.align = args[0] % 48 if args[0] in (0, 1, 2, 48, 49, 50) else 0
        elif cmd == b"E":
            s.bold = bool(args[0] & 1)
        elif cmd == b"!":
            s.bold = bool(args[0] & 0x08)
            s.height = 2 if args[0] & 0x10 else 1
            s.width = 2 if args[0] & 0x20 else 1
        elif cmd == b"d":
            self._flush_line()
            self.roll.feed(args[0] * (CELL_H + LINE_GAP), self.source)
        elif cmd == b"J":
            self._flush_line()
            self.roll.feed(args[0], self.source)
        return 2 + n

    def _gs(self, i: int) -> int:
        if not self._have(i, 2):
            return 0
        cmd = bytes(self.buf[i + 1 : i + 2])
        if cmd == b"v":
            return self._raster(i)
        if cmd == b"(":
            return self._gs_paren(i)
        if cmd == b"V":
            return self._cut(i)
        if cmd == b"k":
            return self._barcode(i)
        if cmd == b"*":  # downloaded bit image: x, y, then x*y*8 bytes
            if not self._have(i, 4):
                return 0
            self.report("GS * downloaded images are not drawn")
            self.skip = self.buf[i + 2] * self.buf[i + 3] * 8
            return 4
        if cmd not in _GS_PARAMS:
            return self._bad(f"unknown command GS 0x{cmd[0]:02x}", 2)
        n = _GS_PARAMS[cmd]
        if not self._have(i, 2 + n):
            return 0
        if cmd == b"!":
            v = self.buf[i + 2]
            self.style.width = min(8, (v >> 4) + 1)
            self.style.height = min(8, (v & 0x0F) + 1)
        elif cmd == b"I" and self.buf[i + 2] == 67 and self.model:  # model name, Epson's form
            self.answers += b"_" + self.model.encode("ascii", "replace") + b"\x00"
        return 2 + n

    def _fs(self, i: int) -> int:
        if not self._have(i, 2):
            return 0
        cmd = bytes(self.buf[i + 1 : i + 2])
        if cmd not in _FS_PARAMS:
            return self._bad(f"unknown command FS 0x{cmd[0]:02x}", 2)
        n = _FS_PARAMS[cmd]
        if not self._have(i, 2 + n):
            return 0
        if cmd == b"&":
            self.style.chinese = True
        elif cmd == b".":
            self.style.chinese = False
        return 2 + n

    def _dle(self, i: int) -> int:
        if not self._have(i, 3):
            return 0
        cmd, n = self.buf[i + 1], self.buf[i + 2]
        if cmd == 0x04:
            if n in (1, 2, 3, 4):
                reply = self.answer(n)
                if reply is not None:
                    self.answers.append(reply)
            else:
                self.report(f"DLE EOT with an unknown query {n}")
            return 3
        if cmd in (0x05, 0x14):  # DLE ENQ n, DLE DC4 fn m t (real-time requests)
            if cmd == 0x14:
                return 5 if self._have(i, 5) else 0
            return 3
        return self._bad(f"unknown command DLE 0x{cmd:02x}", 2)

    def _bad(self, problem: str, used: int) -> int:
        self.report(problem)
        return used

    # -- images, QR codes, cuts ---------------------------------------------------------------

    def _raster(self, i: int) -> int:
        if not self._have(i, 8):
            return 0
        if self.buf[i + 2] not in (0x00, 0x30):
            return self._bad("GS v followed by something other than 0", 3)
        xbytes, rows = struct.unpack_from("<HH", self.buf, i + 4)
        size = xbytes * rows
        if xbytes * 8 > self.roll.p.dots or xbytes == 0 or rows == 0:
            self.report(f"raster image {xbytes * 8}×{rows} dots does not fit the paper")
            self.skip = size
            return 8
        if not self._have(i, 8 + size):
            return 0
        self._flush_line()
        data = bytes(b ^ 0xFF for b in self.buf[i + 8 : i + 8 + size])
        img = Image.frombytes("1", (xbytes * 8, rows), data)
        if self.buf[i + 3] & 1:  # double width
            img = img.resize((min(img.width * 2, self.roll.p.dots), rows))
        if self.buf[i + 3] & 2:  # double height
            img = img.resize((img.width, rows * 2))
        self.roll.add(self._aligned(img), source=self.source)
        return 8 + size

    def _gs_paren(self, i: int) -> int:
        if not self._have(i, 5):
            return 0
        fn = self.buf[i + 2]
        length = self.buf[i + 3] | self.buf[i + 4] << 8
        if not self._have(i, 5 + length):
            return 0
        body = bytes(self.buf[i + 5 : i + 5 + length])
        total = 5 + length
        if fn == ord("H") and len(body) == 6 and body[:2] == b"\x30\x30":
            self._flush_line()  # the data before it is printed first
            reply = self.process_id(body[2:6])
            if reply is not None:
                self.answers += reply
            return total
        if fn != ord("k"):
            self.report(f"GS ( {chr(fn) if 32 < fn < 127 else hex(fn)} is not drawn")
            return total
        if len(body) < 2 or body[0] != 0x31:
            self.report("GS ( k for a symbol other than QR code is not drawn")
            return total
        code, args = body[1], body[2:]
        if code == 65:  # model
            pass
        elif code == 67 and args:  # module size
            self.qr_size = max(1, min(16, args[0]))
        elif code == 69 and args:  # error correction
            self.qr_level = _QR_LEVELS.get(args[0], self.qr_level)
        elif code == 80:  # store
            self.qr_data = args[1:] if args else b""
        elif code == 81:  # print
            self._print_qr()
        elif code != 82:
            self.report(f"GS ( k QR function {code} is unknown")
        return total

    def _print_qr(self) -> None:
        self._flush_line()
        if not self.qr_data:
            self.report("GS ( k print with no QR data stored")
            return
        try:
            text = self.qr_data.decode("utf-8")
        except UnicodeDecodeError:
            text = self.qr_data.decode("latin-1")
        code = qrcode.QRCode(error_correction=self.qr_level, box_size=self.qr_size, border=4)
        code.add_data(text)
        try:
            code.make(fit=True)
        except (ValueError, qrcode.exceptions.DataOverflowError):
            self.report("QR data too long to print")
            return
        img = code.make_image().get_image().convert("1")
        if img.width > self.roll.p.dots:
            self.report("QR code wider than the paper")
            return
        self.roll.add(self._aligned(img), source=self.source)

    def _barcode(self, i: int) -> int:
        if not self._have(i, 3):
            return 0
        m = self.buf[i + 2]
        if m <= 6:
            end = self.buf.find(0, i + 3)
            if end < 0:
                return 0 if len(self.buf) - i < 300 else self._bad("GS k without its end", 3)
            self.report("barcodes are not drawn")
            return end - i + 1
        if not self._have(i, 4):
            return 0
        self.report("barcodes are not drawn")
        self.skip = self.buf[i + 3]
        return 4

    def _cut(self, i: int) -> int:
        if not self._have(i, 3):
            return 0
        m = self.buf[i + 2]
        if m in (0, 1, 48, 49):
            used, feed = 3, 0
        elif m in (65, 66, 97, 98, 103, 104):
            if not self._have(i, 4):
                return 0
            used, feed = 4, self.buf[i + 3]
        else:
            return self._bad(f"GS V with an unknown mode {m}", 3)
        self._flush_line()
        self.roll.feed(feed, self.source)
        self.roll.cut(source=self.source)
        return used

    # -- text ---------------------------------------------------------------------------------

    def _aligned(self, img: Image.Image) -> Image.Image:
        dots = self.roll.p.dots
        if img.width >= dots:
            return img.crop((0, 0, dots, img.height))
        strip = Image.new("1", (dots, img.height), 1)
        x = {0: 0, 1: (dots - img.width) // 2, 2: dots - img.width}[self.style.align]
        strip.paste(img, (x, 0))
        return strip

    def _text(self, text: str) -> None:
        for ch in text:
            if ch < " " or "\x7f" <= ch <= "\x9f":
                # A control code no command took (CR with auto line feed off, a stray NUL):
                # a printer prints nothing for it, and it has no glyph to draw.
                continue
            wide = len(ch.encode("gb18030", errors="replace")) > 1 and self.style.chinese
            w = (2 if wide else 1) * self.cell_w * self.style.width
            if self.line_width + w > self.roll.p.dots:
                self._newline()  # the printer wraps at the edge of the paper
            self.line.append((ch, _Style(**vars(self.style))))
            self.line_width += w

    def _flush_line(self) -> None:
        if self.line:
            self._newline()

    def _newline(self) -> None:
        s0 = self.style
        height = max((s.height for _, s in self.line), default=1) * CELL_H + LINE_GAP
        strip = Image.new("L", (self.roll.p.dots, height), 255)
        draw = ImageDraw.Draw(strip)
        x = {0: 0, 1: (self.roll.p.dots - self.line_width) // 2}.get(
            s0.align, self.roll.p.dots - self.line_width
        )
        for ch, s in self.line:
            wide = s.chinese and len(ch.encode("gb18030", errors="replace")) > 1
            cw, chh = (2 if wide else 1) * self.cell_w * s.width, CELL_H * s.height
            # Draw at the cell's size: a glyph as wide and as tall as the printer's font.
            glyph = Image.new("L", ((2 if wide else 1) * self.cell_w + 4, CELL_H + 4), 255)
            ImageDraw.Draw(glyph).text(
                (2, 1), ch, font=font(CELL_H - 2 if wide else CELL_H - 1, s.bold), fill=0
            )
            glyph = glyph.resize((cw, chh))
            strip.paste(glyph, (max(0, x), height - LINE_GAP - chh))
            x += cw
        del draw
        text = "".join(ch for ch, _ in self.line).strip()
        self.line = []
        self.line_width = 0
        self.roll.add(strip.point(lambda v: 0 if v < 150 else 255, "1"), text, self.source)


# -- the printer on TCP ----------------------------------------------------------------------


@dataclass
class Printed:
    path: Path | None
    image: Image.Image
    spoiled: bool
    text: str = ""  # what was printed as text (native mode), line by line
    glued: bool = False  # two jobs on one strip (spoiled too)
    at: float = 0.0  # time.monotonic() of the cut


class SimulatedPrinter(Background):
    """`with SimulatedPrinter(out_dir=..., port=0) as sim:` serves on 127.0.0.1:sim.port.
    Connections are taken by a kiosk.background thread; each is served on a thread of its
    own that ends with it, one connection at a time as a port-9100 printer does: the next
    waits, its bytes unread, until the one before has ended."""

    def __init__(
        self,
        out_dir: Path | None = None,
        *,
        paper_mm: int | None = None,
        profile: str | Profile = "",
        host: str = "127.0.0.1",
        port: int = 0,
        rate: float | None = None,
        process_ids: bool = True,
    ) -> None:
        """The printer of `profile` (a python-escpos profile, or its name; "" the generic
        one on `paper_mm` paper, 80 mm unless given)."""
        super().__init__("sim-printer")
        if not isinstance(profile, Profile):
            profile = profiles.profile(profile, paper_mm)
        self.p = paper_for(profile)
        self.out_dir = Path(out_dir) if out_dir is not None else None
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        self.host = host
        self._want_port = port
        self.paper = "ok"  # ok / low / out
        self.cover_open = False
        self.offline_mode = Offline.NO
        self.receipts: list[Printed] = []
        self.spoiled: list[Printed] = []
        self.problems: list[str] = []
        self.bytes_received = 0
        self.last_byte_at = 0.0
        self.rate = rate  # bytes a second the printer reads at most; None: as fast as sent
        self.process_ids = process_ids  # whether it answers GS ( H
        self.connections = 0
        self._fault: tuple[int, str] | None = None
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._clients: set[socket.socket] = set()
        self._serving = threading.Lock()  # one connection's bytes at a time
        self.roll = Roll(self.p, self.out_dir, self._printable, self._cut)
        self._server: socket.socket | None = None

    # -- life -------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "the simulated printer is not started"
        return self._server.getsockname()[1]

    def start(self) -> Self:
        """Listen and serve; OSError if the port cannot be had. A second call does nothing."""
        if self.alive:
            return self
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self._want_port))
        s.listen(4)
        s.settimeout(0.2)
        self._server = s
        return super().start()

    def stop(self, timeout: float = 2.0) -> bool:
        self.stopping.set()
        self._drop_clients()
        ended = super().stop(timeout)
        if self._server is not None:
            self._server.close()
        return ended

    # -- the person at the printer ----------------------------------------------------------

    def paper_out(self) -> None:
        with self._lock:
            self.paper = "out"

    def paper_low(self) -> None:
        with self._lock:
            self.paper = "low"

    def paper_in(self) -> None:
        """A new roll: whatever was half printed is torn off first."""
        with self._lock:
            self.roll.cut(force=True)
            self.paper = "ok"

    def open_cover(self) -> None:
        with self._lock:
            self.cover_open = True

    def close_cover(self) -> None:
        with self._lock:
            self.roll.cut(force=True)
            self.cover_open = False

    def offline(self, mode: Offline | str = Offline.REFUSE) -> None:
        with self._lock:
            self.offline_mode = Offline(mode)
        if self.offline_mode is Offline.REFUSE:
            self._drop_clients()

    def online(self) -> None:
        with self._lock:
            self.offline_mode = Offline.NO

    def fault_after(self, nbytes: int, fault: str) -> None:
        """Strike `fault` (paper_out, cover_open, offline, silent) once `nbytes` more bytes
        have arrived: the middle of the next job."""
        if fault not in ("paper_out", "cover_open", "offline", "silent"):
            raise ValueError("fault is one of: paper_out, cover_open, offline, silent")
        with self._lock:
            self._fault = (self.bytes_received + nbytes, fault)

    def state(self) -> str:
        with self._lock:
            link = "online" if self.offline_mode is Offline.NO else f"offline ({self.offline_mode})"
            speed = f", {self.rate:.0f} B/s" if self.rate else ""
            glued = sum(1 for p in self.spoiled if p.glued)
            return (
                f"paper {self.paper}, cover {'open' if self.cover_open else 'closed'}, "
                f"{link}{speed}, {len(self.receipts)} receipt(s), {len(self.spoiled)} spoiled "
                f"({glued} glued), {len(self.problems)} problem(s)"
            )

    def wait_for(self, receipts: int, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.receipts) < receipts:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True

    # -- what the printer answers -----------------------------------------------------------

    def _printable(self) -> bool:
        return self.paper != "out" and not self.cover_open

    def answer(self, n: int) -> int | None:
        with self._lock:
            if self.offline_mode is not Offline.NO:
                return None
            out = st.FIXED_BITS
            stopped = self.paper == "out" or self.cover_open
            if n == st.Q_PRINTER and stopped:
                out |= st.PRINTER_OFFLINE
            elif n == st.Q_OFFLINE:
                out |= (st.COVER_OPEN if self.cover_open else 0) | (
                    st.PAPER_STOP if self.paper == "out" else 0
                )
                out |= st.ERROR_OCCURRED if stopped else 0
            elif n == st.Q_PAPER:
                out |= {"ok": 0, "low": st.PAPER_NEAR_END, "out": st.PAPER_END | 0x0C}[self.paper]
            return out

    def process_id(self, pid: bytes) -> bytes | None:
        """The reply to `GS ( H`: sent once the data before it is printed; a printer that is
        stopped has not printed it, and one that is silent answers nothing."""
        with self._lock:
            if not self.process_ids or self.offline_mode is not Offline.NO:
                return None
            if not self._printable():
                return None
            return st.PROCESS_ID_HEAD + pid + b"\x00"

    def _cut(
        self, path: Path | None, image: Image.Image, spoiled: bool, text: str, glued: bool
    ) -> None:
        with self._changed:
            printed = Printed(path, image, spoiled, text, glued, time.monotonic())
            (self.spoiled if spoiled else self.receipts).append(printed)
            self._changed.notify_all()

    def _report(self, problem: str) -> None:
        log.info("simulated printer: %s", problem)
        with self._lock:
            if len(self.problems) < 1000:
                self.problems.append(problem)

    # -- serving ----------------------------------------------------------------------------

    def run(self) -> None:
        assert self._server is not None
        while self.running:
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.offline_mode is Offline.REFUSE:
                # Reset rather than close: the kiosk's driver sees a refused printer at once.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
                continue
            with self._lock:
                self._clients.add(conn)
            threading.Thread(
                target=self._client, args=(conn,), name="sim-printer-client", daemon=True
            ).start()

    def _client(self, conn: socket.socket) -> None:
        while not self._serving.acquire(timeout=0.2):
            if self.stopping.is_set():
                conn.close()
                return
        try:
            self._serve(conn)
        finally:
            self._serving.release()

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self.connections += 1
            source = self.connections
        parser = EscPosParser(
            self.roll, self.answer, self._report, process_id=self.process_id, source=source
        )
        conn.settimeout(0.2)
        taken, since, pace = 0, time.monotonic(), self.rate
        try:
            while not self.stopping.is_set():
                rate = self.rate
                if rate != pace:
                    taken, since, pace = 0, time.monotonic(), rate
                try:
                    # A slow link: small reads, each no sooner than the rate allows.
                    data = conn.recv(max(16, int(rate / 50)) if rate else 65536)
                except TimeoutError:
                    taken, since = 0, time.monotonic()
                    continue
                except OSError:
                    break
                if not data:
                    break
                if rate:
                    taken += len(data)
                    due = since + taken / rate - time.monotonic()
                    if due > 0 and self.stopping.wait(due):
                        break
                if not self._take(conn, parser, data):
                    break
        finally:
            parser.close()
            if self.p.cutter is None:
                # No cutter: whoever takes the slip tears it off once the printer stops.
                self.roll.cut(force=True)
            with self._lock:
                self._clients.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()

    def _take(self, conn: socket.socket, parser: EscPosParser, data: bytes) -> bool:
        """Feed `data` to the parser, striking a timed fault where it falls; False when the
        connection must end."""
        while data:
            with self._lock:
                fault = self._fault
                if fault is not None and self.bytes_received + len(data) >= fault[0]:
                    cut = max(0, fault[0] - self.bytes_received)
                    now, data = data[:cut], data[cut:]
                else:
                    now, data, fault = data, b"", None
                self.bytes_received += len(now)
                self.last_byte_at = time.perf_counter()
            answers = parser.feed(now)
            if answers:
                with contextlib.suppress(OSError):
                    conn.sendall(answers)
            if fault is not None:
                self._fault = None
                kind = fault[1]
                if kind == "paper_out":
                    self.paper_out()
                elif kind == "cover_open":
                    self.open_cover()
                elif kind == "silent":
                    self.offline(Offline.SILENT)
                else:
                    self.offline(Offline.REFUSE)
                    self.roll.spoil()
                    return False
        return True

    def _drop_clients(self) -> None:
        with self._lock:
            clients = list(self._clients)
        for c in clients:
            with contextlib.suppress(OSError):
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                c.shutdown(socket.SHUT_RDWR)
