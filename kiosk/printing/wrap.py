"""Line wrapping for receipts: long fields wrap, they never run off the paper.

Chinese breaks between any two characters; Latin text breaks at spaces, and a word longer
than the line is split. Closing punctuation never starts a line and opening punctuation never
ends one (the usual Chinese typesetting rule), so "，" stays with the word before it.

The width is measured by a function the caller gives: font pixels for raster printing,
character columns for a printer's own font. Measuring the whole candidate line, not adding
up characters, keeps it right whatever the font does between glyphs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

# Full-width punctuation only: ASCII punctuation belongs to the Latin word it touches
# ("13:30", "(A)"), which breaks at spaces anyway.
_CLOSING = set("，。、；：！？）》」』】〕〉”’…—")
_OPENING = set("（《「『【〔〈“‘")


def clean(text: str) -> str:
    """Printable text: tabs become spaces, other control and format characters go."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch in "\t\r\v\f":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(ch)
    return "".join(out)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tokens(paragraph: str) -> list[str]:
    """Unbreakable pieces: one wide character (with its punctuation), a Latin word, a space."""
    raw: list[str] = []
    word = ""
    for ch in paragraph:
        if ch == " " or is_wide(ch) or ch in _CLOSING or ch in _OPENING:
            if word:
                raw.append(word)
                word = ""
            raw.append(ch)
        else:
            word += ch
            if ch in "-/" and len(word) > 1:
                # A long number or address may break after a hyphen or slash.
                raw.append(word)
                word = ""
    if word:
        raw.append(word)
    # Glue punctuation to its neighbour so it cannot start (closing) or end (opening) a line.
    glued: list[str] = []
    carry = ""
    for tok in raw:
        if tok in _OPENING:
            carry += tok
            continue
        tok, carry = carry + tok, ""
        if tok in _CLOSING and glued and glued[-1] != " ":
            glued[-1] += tok
        else:
            glued.append(tok)
    if carry:
        glued.append(carry)
    return glued


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """The lines of `text` that each measure at most `width` (a single character wider than
    the line is the only exception, and stays alone on its line). Empty text gives [""]."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines or [""]


def _wrap_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    line = ""
    space = False
    for tok in tokens(paragraph):
        if tok == " ":
            space = bool(line)
            continue
        candidate = f"{line} {tok}" if space else line + tok
        space = False
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        if measure(tok) <= width:
            line = tok
            continue
        # A word longer than the line: split it by characters.
        for ch in tok:
            if line and measure(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    if line or not lines:
        lines.append(line)
    return lines
