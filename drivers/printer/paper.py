"""The receipt's measures on one printer: its width in dots, margins, type sizes and columns,
from the printer's profile (kiosk.printing.profiles).

Type sizes are set in millimetres and turned into the printer's dots, so a receipt reads the
same on a 180 dpi TM-T88 (512 dots) as on a 203 dpi printer of the same paper (576 dots). They
are chosen for an elderly reader holding the slip at arm's length: body text no smaller than
3 mm on 58 mm paper, the acceptance number and the due date about twice that.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.printing.profiles import Profile, profile


@dataclass(frozen=True)
class Sizes:
    """Millimetres."""

    margin: float
    body: float
    small: float
    strong: float
    large: float
    title: float


# At 203 dpi these are the dot sizes the receipts were designed in: 8/24/20/26/36/40 on 58 mm
# paper, 12/28/22/30/44/48 on 80 mm.
SIZES = {
    58: Sizes(margin=1.0, body=3.0, small=2.5, strong=3.25, large=4.5, title=5.0),
    80: Sizes(margin=1.5, body=3.5, small=2.75, strong=3.75, large=5.5, title=6.0),
}


@dataclass(frozen=True)
class Paper:
    profile: Profile
    dots: int  # printable width
    margin: int  # dots left blank on each side
    body: int  # font sizes in dots
    small: int
    strong: int
    large: int
    title: int
    columns: int  # characters of the printer's own font A on a line

    @property
    def mm(self) -> int:
        return self.profile.paper_mm

    @property
    def text_width(self) -> int:
        return self.dots - 2 * self.margin

    @property
    def cutter(self) -> str | None:
        return self.profile.cutter


def paper_for(p: Profile) -> Paper:
    mm = SIZES[p.paper_mm]

    def dots(size: float) -> int:
        return round(size * p.dots_per_mm)

    return Paper(
        profile=p,
        dots=p.dots,
        margin=dots(mm.margin),
        body=dots(mm.body),
        small=dots(mm.small),
        strong=dots(mm.strong),
        large=dots(mm.large),
        title=dots(mm.title),
        columns=p.columns,
    )


def paper(mm: int) -> Paper:
    """The generic printer of a paper size (python-escpos's "default" profile): what
    `[printer] paper_mm` alone has always meant."""
    return paper_for(profile("", mm))
