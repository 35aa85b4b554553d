"""Text the joint-handling API accepts, whoever sends it: the rules the contract's messages
apply to every string, to people's names and to file names, and the magic bytes a declared
file type must start with.

Why here and not in the hub: the kiosk builds its messages with the same models, so a kiosk
never sends what the hub would refuse, and the rules are written once.

- Every string: no NUL, no other control character but tab, line feed and carriage return,
  no lone surrogate (PostgreSQL refuses the first, UTF-8 cannot carry the last; either made
  the hub answer 500, which a kiosk retries forever).
- A name (a person's or an enterprise's): NFC, something visible, no format characters
  (bidi overrides, zero-width characters) and no line breaks, so that what a department
  reads is what the resident typed.
- A file name: NFC, the last path part only (no directories, no `..`), nothing invisible and
  no control characters (a CR/LF name could never be sent back in a header).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

# C0 controls but tab, LF and CR; DEL; C1 controls; lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (fillers): a name made of them is as empty as a blank one.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problem(value: str) -> str | None:
    """What is wrong with a string of any field, in words, or None."""
    if value.isprintable():  # the usual case, and quick even for megabytes of base64
        return None
    bad = _CONTROL.search(value)
    if bad is None:
        return None
    char = bad.group()
    if char == "\x00":
        return "contains a NUL character (U+0000); remove it"
    if "\ud800" <= char <= "\udfff":
        return f"contains a broken character ({code_point(char)}, half a surrogate pair)"
    return f"contains a control character ({code_point(char)}); remove it"


def find_text_problem(data: Any, path: str = "") -> str | None:
    """The first string (or key) in a parsed JSON value that `text_problem` refuses, as
    "form.baby_name: contains a NUL character ...", or None."""
    if isinstance(data, str):
        problem = text_problem(data)
        return f"{path or 'value'}: {problem}" if problem else None
    if isinstance(data, Mapping):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (problem := text_problem(key)):
                return f"{path or 'the request'}: a field name {problem}"
            if (found := find_text_problem(value, where)) is not None:
                return found
        return None
    if isinstance(data, Sequence) and not isinstance(data, bytes | bytearray):
        for n, value in enumerate(data):
            if (found := find_text_problem(value, f"{path}.{n}" if path else str(n))) is not None:
                return found
    return None


def _noncharacter(char: str) -> bool:
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


# Where Unicode puts Han characters, and adds them release after release: the BMP's blocks
# (Extension A and the unified block) and planes 2 and 3 (Extensions B to J and later).
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF))


def _han_area(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in _HAN_RANGES)


def rare_character(char: str) -> bool:
    """A character a card may hold in a name that this machine's Unicode tables do not name:
    private use (the card issuers' own characters for rare names; GB18030's user-defined
    areas map there) or a Han character assigned after these tables (a CJK extension newer
    than Python's Unicode). An unassigned code point elsewhere is noise, not a name; so is a
    noncharacter (U+FFFF and the like: padding)."""
    category = unicodedata.category(char)
    if category == "Co":
        return not _noncharacter(char)
    return category == "Cn" and _han_area(char) and not _noncharacter(char)


def card_text(value: str) -> bool:
    """Whether a card's text field is text: no control or format character, no lone
    surrogate, no line break; a rare character (rare_character) is text."""
    return all(
        rare_character(c)
        or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
        for c in value
    )


def _visible(char: str) -> bool:
    if rare_character(char):
        return True  # drawn by a font that has it, and the holder's own name
    category = unicodedata.category(char)
    return not (category[0] in "ZC" or category == "Mn" or char in _BLANK_LETTERS)


def clean_name(value: str) -> str:
    """A person's or an enterprise's name in NFC, trimmed; ValueError (in words) when it is
    empty, invisible, or carries control or format characters."""
    value = unicodedata.normalize("NFC", value).strip()
    for char in value:
        if char in _BIDI:
            raise ValueError(
                f"contains a text-direction control ({code_point(char)}), which can make a "
                "name read differently from what it is; type the name without it"
            )
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp") and not rare_character(char):
            raise ValueError(
                f"contains an invisible or control character ({code_point(char)}); type the "
                "name without it"
            )
    if not any(_visible(c) for c in value):
        raise ValueError("is empty or has nothing visible in it; type the name")
    return value


def clean_file_name(value: str) -> str:
    """The last path part of a file name, in NFC and trimmed: `../../etc/passwd` is
    `passwd`. ValueError when nothing usable is left or it carries control or format
    characters (a CR/LF could never be sent back in a download's header)."""
    value = unicodedata.normalize("NFC", value)
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"):
            raise ValueError(
                f"contains an invisible or control character ({code_point(char)}); "
                "use a plain file name such as form.pdf"
            )
    value = re.split(r"[/\\]", value)[-1].strip()
    if value in ("", ".", "..") or not any(_visible(c) for c in value):
        raise ValueError("has no file name in it; use a plain file name such as form.pdf")
    return value


# What each accepted file type starts with.
MAGIC: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}

_KIND = {"application/pdf": "a PDF", "image/jpeg": "a JPEG image", "image/png": "a PNG image"}


def content_problem(content_type: str, head: bytes) -> str | None:
    """Whether a file whose first bytes are `head` (at least 8 when it has them) is what
    its declared type says, in words, or None."""
    if not head:
        return "is an empty file; send the file's contents"
    starts = MAGIC.get(content_type)
    if starts is not None and not head.startswith(starts):
        return (
            f"is declared as {content_type} but its contents are not {_KIND[content_type]}; "
            "send the file as it is, with its own type"
        )
    return None
