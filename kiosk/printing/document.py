"""One small document model for everything the receipt printer prints.

A Document is a title and a list of blocks; the printer driver lays them out for the paper
width (raster or native text). It is plain data so that a print job can be serialised,
sealed, stored and printed again after a restart exactly as it was built.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Emphasis = Literal["normal", "strong", "large"]


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Line:
    """A label and its value ("受理编号：YJS-…"). `emphasis` large for the facts a resident
    must find at a glance (the number, the due date)."""

    label: str
    value: str
    emphasis: Emphasis = "normal"


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: Emphasis = "normal"
    align: Literal["left", "center"] = "left"


@dataclass(frozen=True)
class Bullets:
    """A list; `heading` is printed above it in bold."""

    items: tuple[str, ...]
    heading: str = ""
    numbered: bool = False


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class QrCode:
    data: str
    caption: str = ""


@dataclass(frozen=True)
class Spacer:
    lines: int = 1


@dataclass(frozen=True)
class SmallPrint:
    text: str


Block = Title | Line | Paragraph | Bullets | Rule | QrCode | Spacer | SmallPrint

_KINDS: dict[str, type] = {
    "title": Title,
    "line": Line,
    "paragraph": Paragraph,
    "bullets": Bullets,
    "rule": Rule,
    "qr": QrCode,
    "spacer": Spacer,
    "small": SmallPrint,
}
_NAMES = {cls: name for name, cls in _KINDS.items()}

DocumentKind = Literal["acceptance_notice", "guide", "appointment_slip", "test_page"]


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Every word on the document, one block a line (for tests and technicians)."""
        out: list[str] = []
        for b in self.blocks:
            match b:
                case Title(text=t) | Paragraph(text=t) | SmallPrint(text=t):
                    out.append(t)
                case Line(label=label, value=value):
                    out.append(f"{label}：{value}")
                case Bullets(items=items, heading=heading):
                    out.extend([heading, *items] if heading else items)
                case QrCode(data=data, caption=caption):
                    out.append(f"[QR {data}] {caption}")
        return "\n".join(out)

    def qr_codes(self) -> list[str]:
        return [b.data for b in self.blocks if isinstance(b, QrCode)]

    def to_json(self) -> bytes:
        blocks = [{"type": _NAMES[type(b)], **asdict(b)} for b in self.blocks]
        return json.dumps({"kind": self.kind, "blocks": blocks}, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Document:
        data = json.loads(raw)
        blocks: list[Block] = []
        for b in data["blocks"]:
            kind = _KINDS[b.pop("type")]
            if kind is Bullets:
                b["items"] = tuple(b["items"])
            blocks.append(kind(**b))
        return cls(kind=data["kind"], blocks=tuple(blocks))
