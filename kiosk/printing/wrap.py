"""Line wrapping for receipts: long fields wrap, they never run off the paper.

Chinese breaks between any two characters; Latin text breaks at spaces (and after a hyphen
or slash), and a word longer than the line is split. Lines follow the usual Chinese rules
(禁则): closing punctuation never starts a line and opening punctuation never ends one, so
"，" stays with the word before it and "（" with the word after. Beyond the rules, a line
never begins with the last character of a word alone ("理）" cut off from "办理）"), and a
short bracketed note ("（现场采集）") moves to the next line whole rather than being cut.

Each boundary between two characters gets a grade: the wrapper takes the furthest break of
the best grade that fits. A worse grade is used only when nothing better fits: a word split
inside, and, when the line cannot hold even a bracket with its punctuation, a break
anywhere, because running off the paper is worse than any rule.

The width is measured by a function the caller gives: font pixels for raster printing,
character columns for a printer's own font. Measuring the whole candidate line, not adding
up characters, keeps it right whatever the font does between glyphs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

# 行首禁则: never at the start of a line. Full-width closing brackets and quotes, the
# pause and stop marks, middle dots, the ellipsis and dash (never split from each other), and
# their ASCII forms (which matter beside Chinese: "中文," must not leave the comma behind).
_CLOSING_BRACKETS = "）】」』》〉〕］｝〗〙”’"
_CJK_START = _CLOSING_BRACKETS + "、。，．：；！？・·…—％‰"
_CJK_END = "（【「『《〈〔［｛〖〘“‘"
LINE_START_PROHIBITED = frozenset(_CJK_START + ")]},.:;!?%")
# 行尾禁则: never at the end of a line.
LINE_END_PROHIBITED = frozenset(_CJK_END + "([{")
# Chinese punctuation breaks like a Chinese character; ASCII punctuation belongs to the Latin
# word it touches ("13:30", "(A)").
_CJK_PUNCT = frozenset(_CJK_START + _CJK_END)

_PAIRS = {
    "（": "）", "【": "】", "「": "」", "『": "』", "《": "》", "〈": "〉", "〔": "〕",
    "［": "］", "｛": "｝", "〖": "〗", "〘": "〙", "“": "”", "‘": "’",
}  # fmt: skip

# The grades of a break, best first.
_GOOD = 0  # between Chinese characters, at a space, after a hyphen or slash
_WEAK = 1  # leaves a lone character, or cuts a short bracketed note
_SPLIT = 2  # inside a Latin word or number
_FORCED = 3  # against the rules: only when nothing else fits
_END = -1  # the end of the paragraph


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


def _is_han(ch: str) -> bool:
    """A wide character that is a word's part, not punctuation."""
    return is_wide(ch) and ch not in _CJK_PUNCT


def _chinese(ch: str) -> bool:
    """A character a line may break beside, as between any two Chinese characters."""
    return is_wide(ch) or ch in _CJK_PUNCT


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """The lines of `text` that each measure at most `width` (a single character wider than
    the line is the only exception, and stays alone on its line). Spaces at a break are
    dropped; everything else is kept, in order. Empty text gives [""]."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines or [""]


def _grades(text: str, width: float, measure: Measure) -> list[int]:
    """grades[i]: the grade of a break between text[i - 1] and text[i] (text has no space at
    either end; a space inside is a break of its own, graded here at its first character)."""
    n = len(text)
    grades = [_FORCED] * (n + 1)
    for i in range(1, n):
        a, b = text[i - 1], text[i]
        if b == " " and a != " ":
            # A break at a run of spaces: the rules look at what is either side of the run.
            j = i
            while text[j] == " ":
                j += 1
            grades[i] = _FORCED if _prohibited(a, text[j]) else _GOOD
        elif a == " " or b == " ":
            continue  # inside a run of spaces, or at its end: the run's start stands for it
        elif _prohibited(a, b) or unicodedata.category(b) in ("Mn", "Mc", "Me"):
            grades[i] = _FORCED  # against the rules, or a mark cut from its letter
        elif _chinese(a) or _chinese(b):
            grades[i] = _WEAK if _lone(text, i) else _GOOD
        elif a in "-/" and i >= 2 and text[i - 2] not in " -/":
            grades[i] = _GOOD  # a long number or address may break after a hyphen or slash
        else:
            grades[i] = _SPLIT
    for start, end in _short_notes(text, width, measure):
        for i in range(start + 1, end):
            grades[i] = max(grades[i], _WEAK)
    return grades


def _prohibited(a: str, b: str) -> bool:
    return b in LINE_START_PROHIBITED or a in LINE_END_PROHIBITED


def _lone(text: str, i: int) -> bool:
    """Would a break before text[i] leave that character alone at the start of a line, cut
    from the word before it: the last one of the paragraph ("请出|示。"), or the last one
    inside a bracket ("办|理）")? (Before a comma it is the usual way out of the rules:
    "登记|表，父母" is fine.)"""
    if not (_is_han(text[i]) and _is_han(text[i - 1])):
        return False
    j = i + 1
    if j < len(text) and text[j] in _CLOSING_BRACKETS + ")]}":
        return True
    while j < len(text) and text[j] in LINE_START_PROHIBITED:
        j += 1
    return j == len(text)


def _short_notes(text: str, width: float, measure: Measure) -> list[tuple[int, int]]:
    """Bracketed notes that fit on a line by themselves, as (opening, closing + 1)."""
    notes = []
    open_at: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            open_at.append((i, _PAIRS[ch]))
        elif open_at and ch == open_at[-1][1]:
            start, _ = open_at.pop()
            if measure(text[start : i + 1]) <= width:
                notes.append((start, i + 1))
    return notes


def _wrap_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    text = paragraph.strip(" ")
    if not text:
        return [""]
    grades = _grades(text, width, measure)
    grades[len(text)] = _END
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = _break(text, start, grades, width, measure)
        lines.append(text[start:end])
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return lines


def _break(text: str, start: int, grades: list[int], width: float, measure: Measure) -> int:
    """Where the line that begins at `start` ends: the furthest break of the best grade
    that fits; the first break after `start` if none fits."""
    best: dict[int, int] = {}  # grade -> furthest end that fits
    first = None
    for end in range(start + 1, len(text) + 1):
        if text[end - 1] == " ":
            continue  # a line ends before its spaces
        if first is None:
            first = end
        if measure(text[start:end]) > width:
            break
        best[grades[end]] = end
        if grades[end] == _END:
            break
    if not best:
        return first if first is not None else len(text)
    return best[min(best)]
