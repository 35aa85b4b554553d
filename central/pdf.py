"""The sandbox's result documents: one A4 page laid out as a Chinese government notice — the
issuing body's red header, the document number (文号), a red rule, the title, the addressee,
the body, the issuing body and date under a red seal — and marked as a sample three times
over: a "样例" watermark, "样例" in the seal, and a line at the foot.

A real text PDF, not a picture of one: fpdf2 embeds only the glyphs used of Noto Serif CJK
(宋体-like, as government documents are set), so the file stays small (about 50 KB), a reader
can search and copy its text, and a printer gets type, not pixels. fpdf2 rather than
reportlab: reportlab embeds TrueType outlines only, and Noto CJK's are CFF; fpdf2 subsets
CFF through fontTools and is pure Python. The fonts come cut down already
(central.pdffonts), which makes a page take a tenth of a second rather than one.

Lines are broken by the receipts' own rules (kiosk.printing.wrap): no closing mark starts a
line on A4 either.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF

from central.pdffonts import WorkingFonts, font_files
from kiosk.printing.wrap import wrap

SAMPLE_NOTE = "此件为沙箱样例，由自动办理程序生成，不是真实证照，不具法律效力。SAMPLE DATA"

RED = (200, 24, 30)
_PAGE_W, _PAGE_H = 210.0, 297.0
# GB/T 9704's page: 37 mm at the top, 28 mm at the left, a 156 mm line.
_LEFT, _WIDTH = 28.0, 156.0
_PT = 25.4 / 72  # millimetres in a point


@dataclass(frozen=True)
class ResultNotice:
    """What a result notice says. `addressee` is already as paper shows it (a person's name
    masked, an enterprise's whole)."""

    issuer: str  # 杭州市西湖区卫生健康局
    number: str  # 杭西卫办〔2026〕123号
    addressee: str
    acceptance_number: str
    onething: str  # 出生一件事
    step: str  # the flow step the issuer completed
    items: tuple[str, ...]  # the single items it completed
    applied_at: datetime  # aware
    issued_at: datetime  # aware


def date_words(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_FONTS = WorkingFonts()


def result_pdf(notice: ResultNotice, tz: ZoneInfo) -> bytes:
    """The notice as a one-page A4 PDF, dated in `tz` (the hub's time zone)."""
    words = _Words.of(notice, tz)
    chars = set("".join(astuple(words)))
    fonts = {"regular": _FONTS.font(False, chars), "bold": _FONTS.font(True, chars)}
    with font_files(fonts) as files:
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.add_font("song", "", files["regular"])
        pdf.add_font("song", "B", files["bold"])
        pdf.set_lang("zh-CN")
        pdf.set_title(f"{words.title} {notice.number}")
        pdf.set_author(notice.issuer)
        pdf.set_subject("SAMPLE DATA - sandbox result document, not a real certificate")
        pdf.set_keywords("样例 SAMPLE")
        pdf.set_creator("yijianshi sandbox hub")
        pdf.set_creation_date(notice.issued_at)
        pdf.add_page()
        _watermark(pdf, words)
        _header(pdf, words)
        y = _body(pdf, words)
        _signature(pdf, words, y)
        _foot(pdf, words)
        return bytes(pdf.output())


@dataclass(frozen=True)
class _Words:
    """Every word on the page, before any is set: the fonts are cut down to their
    characters."""

    issuer: str
    number: str
    title: str
    salutation: str
    body: str  # paragraphs, one a line
    date: str
    seal_mark: str
    watermark: str
    watermark_latin: str
    foot: str  # lines

    @classmethod
    def of(cls, notice: ResultNotice, tz: ZoneInfo) -> _Words:
        applied = date_words(notice.applied_at.astimezone(tz).date())
        paragraphs = [
            f"　　你于{applied}通过自助终端申请办理“{notice.onething}”"
            f"（受理编号：{notice.acceptance_number}）。"
            f"经审查，本机关已在“{notice.step}”环节办结下列事项：",
            *(f"　　{n}. {item}（已办结）" for n, item in enumerate(notice.items, start=1)),
            "　　办理结果可凭受理编号在自助终端查询打印，或扫描受理回执上的二维码查看。",
            "　　特此通知。",
        ]
        return cls(
            issuer=notice.issuer,
            number=notice.number,
            title="办理结果通知书",
            salutation=f"{notice.addressee}：",
            body="\n".join(paragraphs),
            date=date_words(notice.issued_at.astimezone(tz).date()),
            seal_mark="样例",
            watermark="样例",
            watermark_latin="SAMPLE",
            foot=f"受理编号：{notice.acceptance_number}    办理事项：{notice.onething}\n"
            + SAMPLE_NOTE,
        )


def _centred(pdf: FPDF, text: str, y: float, x: float = _PAGE_W / 2) -> None:
    """`text` centred on x, its baseline at y."""
    pdf.text(x - pdf.get_string_width(text) / 2, y, text)


def _watermark(pdf: FPDF, words: _Words) -> None:
    # First, so that everything else lies over it; faint, so that it hides nothing.
    with (
        pdf.local_context(fill_opacity=0.10, text_color=RED),
        pdf.rotation(30, _PAGE_W / 2, _PAGE_H / 2),
    ):
        pdf.set_font("song", "B", 150)
        _centred(pdf, words.watermark, _PAGE_H / 2 + 10)
        pdf.set_font("song", "B", 44)
        _centred(pdf, words.watermark_latin, _PAGE_H / 2 + 40)


def _header(pdf: FPDF, words: _Words) -> None:
    """The issuer in red, the number, the red rule, the title."""
    pdf.set_text_color(*RED)
    size = 26.0
    pdf.set_font("song", "B", size)
    while pdf.get_string_width(words.issuer) > _WIDTH and size > 16:
        size -= 1
        pdf.set_font("song", "B", size)
    _centred(pdf, words.issuer, 50)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("song", "", 15)
    _centred(pdf, words.number, 66)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.7)
    pdf.line(_LEFT, 71, _LEFT + _WIDTH, 71)
    pdf.set_font("song", "B", 22)
    _centred(pdf, words.title, 89)


def _lines(pdf: FPDF, text: str, y: float, step: float, indent: float = 0.0) -> float:
    for line in wrap(text, _WIDTH - indent, pdf.get_string_width):
        pdf.text(_LEFT + indent, y, line)
        y += step
    return y


def _body(pdf: FPDF, words: _Words) -> float:
    """The addressee and the paragraphs; where they end."""
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("song", "", 15)
    step = 9.0
    y = 105.0
    pdf.text(_LEFT, y, words.salutation)
    y += step
    for paragraph in words.body.split("\n"):
        y = _lines(pdf, paragraph, y, step)
    return y


def _signature(pdf: FPDF, words: _Words, y: float) -> None:
    """The issuer and the date at the right, a little below the seal's centre, as a notice is
    sealed (GB/T 9704: the seal presses on both)."""
    issuer = words.issuer
    pdf.set_font("song", "", 15)
    # Two characters in from the right margin at most, whatever the name's length.
    centre = min(_LEFT + _WIDTH - 40, _LEFT + _WIDTH - 10 - pdf.get_string_width(issuer) / 2)
    top = max(y + 26, 190.0)
    _seal(pdf, issuer, words.seal_mark, centre, top - 3)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("song", "", 15)
    _centred(pdf, issuer, top, centre)
    _centred(pdf, words.date, top + 9, centre)


def _seal(pdf: FPDF, name: str, mark: str, cx: float, cy: float) -> None:
    """A round red seal: the issuer's name round the top, a star, and "样例" along the foot
    where a real seal carries its code."""
    r = 21.0
    with pdf.local_context(
        draw_color=RED, fill_color=RED, text_color=RED, stroke_opacity=0.85, fill_opacity=0.85
    ):
        pdf.set_line_width(1.1)
        pdf.circle(cx, cy, r, style="D")
        pdf.star(cx, cy, 2.6, 6.6, corners=5, rotate_degrees=-90, style="F")
        # The name on an arc from lower left over the top to lower right, each character
        # upright to the rim.
        span = min(250.0, 22.0 * len(name))
        each = span / len(name)
        ring = r - 4.6
        size_mm = min(5.4, ring * math.radians(each) * 0.9)
        pdf.set_font("song", "B", size_mm / _PT)
        for i, ch in enumerate(name):
            angle = -span / 2 + each * (i + 0.5)  # degrees clockwise from the top
            _on_ring(pdf, ch, cx, cy, ring, angle, -angle, size_mm)
        # Along the foot, left to right, each character's top towards the centre.
        pdf.set_font("song", "B", 4.2 / _PT)
        for i, ch in enumerate(mark):
            angle = 190 - 20 * i
            _on_ring(pdf, ch, cx, cy, r - 4.0, angle, 180 - angle, 4.2)


def _on_ring(
    pdf: FPDF, ch: str, cx: float, cy: float, ring: float, angle: float, turn: float, size: float
) -> None:
    """`ch` centred on the ring at `angle` (degrees clockwise from the top), turned by `turn`
    degrees anticlockwise."""
    x = cx + ring * math.sin(math.radians(angle))
    y = cy - ring * math.cos(math.radians(angle))
    with pdf.rotation(turn, x, y):
        pdf.text(x - pdf.get_string_width(ch) / 2, y + size * 0.38, ch)


def _foot(pdf: FPDF, words: _Words) -> None:
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.3)
    pdf.line(_LEFT, 262, _LEFT + _WIDTH, 262)
    pdf.set_font("song", "", 10)
    pdf.set_text_color(90, 90, 90)
    for n, line in enumerate(words.foot.split("\n")):
        pdf.text(_LEFT, 268 + 6 * n, line)
