"""Small working copies of Noto CJK for the result documents (central/pdf.py).

The Noto CJK collections hold 65,000 glyphs in 20 MB: setting a page straight from them
takes fpdf2 about a second, most of it reading glyph tables that one page never uses; the
sandbox's auto-handler sets one page for every step it completes. So each process keeps a
copy of each weight cut down (fontTools) to the characters its documents have used: a
page whose characters are all in it is set in a tenth of the time, and one with a new
character (a name) makes the copy again with it added, once. The copies live in memory;
fpdf2 reads a font from a file, so a page's fonts are written to a private temporary
directory for as long as that page takes.
"""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from fontTools import subset, ttLib

FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
)
_SC_INDEX = 2  # Simplified Chinese in the Noto CJK collections
_ALWAYS = frozenset(chr(c) for c in range(0x20, 0x7F))
# Past this many characters a copy starts again from what the page needs: it stays small
# however many names a long-running hub has seen.
_MOST = 3000


class FontMissing(RuntimeError):
    """No CJK font: the result document cannot be set."""


@lru_cache(maxsize=2)
def font_file(bold: bool) -> Path:
    # Serif (宋体) as documents are set; the sans that the kiosk has anyway otherwise.
    weight = "Bold" if bold else "Regular"
    for family in ("NotoSerifCJK", "NotoSansCJK"):
        for d in FONT_DIRS:
            path = d / f"{family}-{weight}.ttc"
            if path.exists():
                return path
    raise FontMissing("no Noto CJK font is installed (Debian: fonts-noto-cjk)")


def cut_down(path: Path, chars: frozenset[str]) -> bytes:
    """The Simplified Chinese face of `path` with the glyphs of `chars` only, as OpenType."""
    font = ttLib.TTFont(path, fontNumber=_SC_INDEX, lazy=True)
    options = subset.Options()
    options.layout_features = []  # horizontal Chinese needs no substitutions
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[ord(ch) for ch in chars])
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class WorkingFonts:
    """Each weight cut down to the characters seen so far, for any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._copies: dict[bool, tuple[frozenset[str], bytes]] = {}

    def font(self, bold: bool, chars: set[str]) -> bytes:
        with self._lock:
            have = self._copies.get(bold)
            if have is not None and chars <= have[0]:
                return have[1]
            seen = have[0] if have is not None and len(have[0]) < _MOST else frozenset()
            want = frozenset(seen | chars | _ALWAYS)
            copy = cut_down(font_file(bold), want)
            self._copies[bold] = (want, copy)
            return copy


@contextmanager
def font_files(fonts: dict[str, bytes]) -> Iterator[dict[str, Path]]:
    """The fonts as files, by name, in a directory only this user can read, removed after."""
    with tempfile.TemporaryDirectory(prefix="hub-result-fonts-") as folder:
        paths = {}
        for name, data in fonts.items():
            paths[name] = Path(folder) / f"{name}.otf"
            paths[name].write_bytes(data)
        yield paths
