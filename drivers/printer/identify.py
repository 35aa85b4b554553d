"""Does the printer on the line match the configured profile? Asked with `GS I 67` (the model
name, which Epson printers and many others answer as "_" + name + NUL); a printer that names
a model python-escpos's database knows, of another width or font, is a mistake in
`[printer] profile` that a technician should hear of in plain words: receipts would be cut
off at the right edge, or come out narrower than the paper.

Many printers answer nothing (most 58 mm boards): then nothing is known and nothing is said.
A printer that took the question for text prints nothing of it: every job starts with ESC @,
which clears the print buffer.
"""

from __future__ import annotations

from drivers.printer.link import Link
from kiosk.printing import profiles
from kiosk.printing.profiles import Profile

ASK_MODEL = b"\x1dI\x43"
_HEADER, _END = 0x5F, 0x00
_LONGEST = 40  # a model name is short; a line of noise is not a model name


def ask_model(link: Link, timeout: float) -> str | None:
    """The model name the printer gives, or None if it gives none."""
    link.drain()
    link.write(ASK_MODEL)
    if link.read_byte(timeout) != _HEADER:
        return None
    name = bytearray()
    while len(name) <= _LONGEST:
        b = link.read_byte(timeout)
        if b is None:
            return None
        if b == _END:
            text = name.decode("ascii", "replace").strip()
            return text if text.isprintable() and text else None
        name.append(b)
    return None


def mismatch(configured: Profile, model: str) -> str | None:
    """Plain words when the printer's own model lays out otherwise than `configured`."""
    actual = profiles.by_model(model)
    if actual is None or (actual.dots, actual.columns) == (configured.dots, configured.columns):
        return None
    if actual.dots < configured.dots:
        effect = "receipts are cut off at the right edge"
    elif actual.dots > configured.dots:
        effect = "receipts come out narrower than the paper"
    else:
        effect = "text lines break in the wrong places"
    return (
        f"the printer says it is a {model} ({actual.dots} dots wide, {actual.columns} "
        f"columns), but the kiosk is set up for {configured.describe()}: {effect}. "
        f'Set [printer] profile = "{actual.name}"'
    )
