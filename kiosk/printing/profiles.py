"""Receipt printer profiles: what a printer model is, from python-escpos's own capability
database (the escpos-printer-db `capabilities.json` it ships): the width it prints in dots,
its resolution, the columns of its font A, whether it draws QR codes itself, whether it has a
cutter, and its code pages.

The file is read as data, not through `escpos.capabilities`: importing that module configures
the root logger and leaves a temporary directory behind in every process that loads it.
Like python-escpos, `$ESCPOS_CAPABILITIES_FILE` replaces the shipped file (a technician's own
profile for a printer the database does not have).

Profiles whose width the database does not know ("default", "simple" and a few others) take it
from the paper: 80 mm is 576 dots, 58 mm 384, at 203 dpi, as on the common printers of each
size. With no profile named, the kiosk uses python-escpos's "default" profile (standard ESC/POS,
vendor "Generic") at the paper's width: the generic 80 mm and 58 mm printers.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

GENERIC = "default"
DEFAULT_DPI = 203  # nearly every thermal receipt printer: 8 dots a millimetre
# Generic widths of the two paper sizes, in dots at 203 dpi (48 and 72 mm printed).
GENERIC_DOTS = {58: 384, 80: 576}
FONT_A_DOTS = 12  # font A is 12 × 24 dots on nearly every ESC/POS printer
# Below this printed width a profile is a customer display or a label printer, not a receipt
# printer: the acceptance notice cannot be laid out on it.
MIN_DOTS = 360
# A printed width narrower than this is 58 mm paper (48–54 mm printed); wider is 80 mm.
NARROW_BELOW_MM = 60.0

Cutter = Literal["partial", "full"] | None


class ProfileProblem(ValueError):
    """A profile that cannot be used; str() says why in words for whoever edits the file."""


@dataclass(frozen=True)
class Profile:
    name: str  # the database's key, as written in [printer] profile
    model: str  # vendor and model, for people
    dots: int  # the printed width
    dpi: int
    columns: int  # characters of font A on a line
    paper_mm: Literal[58, 80]  # the paper size it takes
    qr_code: bool  # draws QR codes itself (GS ( k)
    raster: bool  # prints raster images (GS v 0)
    cutter: Cutter
    code_pages: Mapping[int, str] = field(default_factory=dict)
    width_from_paper: bool = False  # the database does not know the width; the paper gave it

    @property
    def dots_per_mm(self) -> float:
        return self.dpi / 25.4

    @property
    def printed_mm(self) -> float:
        return self.dots / self.dots_per_mm

    def describe(self) -> str:
        """ "Epson TM-T88V: 80 mm paper, 512 dots at 180 dpi, 42 columns" — for logs and checks."""
        return (
            f"{self.model}: {self.paper_mm} mm paper, {self.dots} dots at {self.dpi} dpi, "
            f"{self.columns} columns"
        )


def capabilities_file() -> Path:
    if env := os.environ.get("ESCPOS_CAPABILITIES_FILE"):
        return Path(env)
    from importlib import resources  # 7 ms at import: only for a kiosk that prints

    return Path(str(resources.files("escpos").joinpath("capabilities.json")))


@lru_cache(maxsize=4)
def _database(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ProfileProblem(f"the printer database {path} is missing") from None
    except (OSError, ValueError) as e:
        raise ProfileProblem(f"the printer database {path} cannot be read: {e}") from None
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict) or not profiles:
        raise ProfileProblem(f"the printer database {path} lists no printers")
    return profiles


def names() -> list[str]:
    """Every profile the database has, in its order."""
    return sorted(_database(capabilities_file()))


def _number(value: Any) -> float | None:
    # The database writes "Unknown" where it does not know a size.
    return float(value) if isinstance(value, int | float) and value > 0 else None


def _paper_of(printed_mm: float) -> Literal[58, 80]:
    return 58 if printed_mm < NARROW_BELOW_MM else 80


def profile(name: str = "", paper_mm: int | None = None) -> Profile:
    """The profile `name` ("" for the generic one) on `paper_mm` paper (None: the profile's
    own, or 80 mm for a profile that has none). ProfileProblem when it cannot be used: an
    unknown name, a width that contradicts `paper_mm`, a display rather than a printer."""
    key = name.strip() or GENERIC
    profiles = _database(capabilities_file())
    # Technicians type what the printer's label says: "tm-t88v" is TM-T88V.
    key = next((k for k in profiles if k.lower() == key.lower()), key)
    if key not in profiles:
        near = difflib.get_close_matches(key, profiles, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise ProfileProblem(f"python-escpos knows no printer profile '{key}'{hint}")
    data = profiles[key]
    media = data.get("media") or {}
    width = media.get("width") or {}
    dots = _number(width.get("pixels"))
    dpi = int(_number(media.get("dpi")) or DEFAULT_DPI)
    model = " ".join(str(data.get(k, "")).strip() for k in ("vendor", "name")).strip() or key
    if str(data.get("vendor", "")).lower() == "generic":
        model = f"a generic printer (python-escpos '{key}')"
    if paper_mm is not None and paper_mm not in GENERIC_DOTS:
        raise ProfileProblem(f"paper_mm must be 58 or 80, not {paper_mm}")

    from_paper = dots is None
    if dots is None:
        mm = paper_mm or 80
        dots, dpi = GENERIC_DOTS[mm], DEFAULT_DPI
    else:
        # The database's millimetres are sometimes the paper's, sometimes the printed width;
        # the printed width from dots and dpi says which paper it is either way.
        mm = _paper_of(dots / (dpi / 25.4))
        if paper_mm is not None and paper_mm != mm:
            raise ProfileProblem(
                f"profile '{key}' ({model}) prints {mm} mm paper, {int(dots)} dots wide, but "
                f"paper_mm says {paper_mm}: leave paper_mm out (the profile decides), or "
                f"choose a profile for {paper_mm} mm paper"
            )
    dots = int(dots)
    if dots < MIN_DOTS:
        raise ProfileProblem(
            f"profile '{key}' ({model}) is {dots} dots wide: a customer display or label "
            "printer, too narrow for a receipt"
        )
    features = data.get("features") or {}
    return Profile(
        name=key,
        model=model,
        dots=dots,
        dpi=dpi,
        columns=_columns(data, dots, from_paper),
        paper_mm=mm,
        qr_code=bool(features.get("qrCode")),
        raster=bool(features.get("bitImageRaster")),
        cutter="partial"
        if features.get("paperPartCut")
        else "full"
        if features.get("paperFullCut")
        else None,
        code_pages={
            int(k): str(v)
            for k, v in (data.get("codePages") or {}).items()
            if str(k).isdigit() and v != "Unknown"
        },
        width_from_paper=from_paper,
    )


def _columns(data: dict[str, Any], dots: int, from_paper: bool) -> int:
    """Font A's columns: the database's, unless it describes another width than the one
    printed (a generic profile) or is not believable (a font 9–16 dots wide is)."""
    listed = ((data.get("fonts") or {}).get("0") or {}).get("columns")
    if not from_paper and isinstance(listed, int) and 9 <= dots / max(listed, 1) <= 16:
        return listed
    return dots // FONT_A_DOTS


def by_model(model: str) -> Profile | None:
    """The database's profile for a model name as a printer gives it ("TM-T88V"), or None."""
    wanted = _squash(model)
    if not wanted:
        return None
    for key, data in _database(capabilities_file()).items():
        if wanted in (_squash(key), _squash(str(data.get("name", "")))):
            try:
                return profile(key)
            except ProfileProblem:
                return None
    return None


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
