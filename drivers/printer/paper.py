"""Paper widths and the type sizes chosen for each, in printer dots (8 dots a millimetre).

Sizes are chosen for an elderly reader holding the slip at arm's length: body text no smaller
than 3 mm (24 dots) on 58 mm paper, the acceptance number and the due date about twice that.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    mm: int
    dots: int  # printable width
    margin: int  # dots left blank on each side
    body: int  # font sizes in dots
    small: int
    strong: int
    large: int
    title: int
    columns: int  # characters of the printer's own font A (12 × 24) on a line

    @property
    def text_width(self) -> int:
        return self.dots - 2 * self.margin


PAPER_58 = Paper(58, 384, 8, body=24, small=20, strong=26, large=36, title=40, columns=32)
PAPER_80 = Paper(80, 576, 12, body=28, small=22, strong=30, large=44, title=48, columns=48)


def paper(mm: int) -> Paper:
    if mm == 58:
        return PAPER_58
    if mm == 80:
        return PAPER_80
    raise ValueError(f"paper width must be 58 or 80 mm, not {mm}")
