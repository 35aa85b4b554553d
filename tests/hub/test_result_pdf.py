"""The sandbox's result documents (central/pdf.py): a real text PDF — its words can be read
back, its CJK font embedded as a subset — small, dated in the hub's time zone, and marked as
a sample."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pypdf
from fontTools import ttLib

from central.pdf import SAMPLE_NOTE, ResultNotice, result_pdf
from central.pdffonts import WorkingFonts
from central.sandbox.issuers import issuer


def notice(**changes) -> ResultNotice:
    fields = dict(
        issuer="杭州市西湖区妇幼保健院",
        number="杭西妇保〔2026〕123号",
        addressee="林*燕",
        acceptance_number="YJS-20260506-000123",
        onething="出生一件事",
        step="助产机构审核，出具出生医学证明和预防接种证",
        items=("出生医学证明办理", "预防接种证办理"),
        applied_at=datetime(2026, 5, 6, 6, 32, tzinfo=UTC),
        # 01:05 on 7 May in Shanghai, still 6 May in UTC.
        issued_at=datetime(2026, 5, 6, 17, 5, tzinfo=UTC),
    )
    fields.update(changes)
    return ResultNotice(**fields)


def text_of(pdf: bytes) -> str:
    """The words on every page, as a reader copying them gets them. pypdf reads each
    two-byte glyph code of the subset font as a NUL and the character (pdftotext and the
    kiosk's QtPdf read the character alone), and puts spaces where glyphs stand apart:
    neither counts."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\x00]+", "", text)


def test_the_words_can_be_read_back():
    pdf = result_pdf(notice(), ZoneInfo("Asia/Shanghai"))
    text = text_of(pdf)
    for words in (
        "杭州市西湖区妇幼保健院",
        "杭西妇保〔2026〕123号",
        "办理结果通知书",
        "林*燕：",
        "YJS-20260506-000123",
        "“出生一件事”",
        "1.出生医学证明办理（已办结）",
        "特此通知。",
        "样例",
        re.sub(r"\s+", "", SAMPLE_NOTE),
    ):
        assert words in text, words
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.subject.startswith("SAMPLE DATA")


def test_it_is_one_small_a4_page_with_the_font_subset_embedded():
    pdf = result_pdf(notice(), ZoneInfo("Asia/Shanghai"))
    assert pdf.startswith(b"%PDF-") and len(pdf) < 100_000
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    (page,) = reader.pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert fonts and all(f["/BaseFont"][1:7].isupper() and f["/BaseFont"][7] == "+" for f in fonts)
    assert all("/ToUnicode" in f for f in fonts)  # searchable: glyphs map back to characters
    # Type, not a picture of it.
    assert not page["/Resources"].get("/XObject")


def test_the_date_is_the_hubs_local_date():
    assert "2026年5月7日" in text_of(result_pdf(notice(), ZoneInfo("Asia/Shanghai")))
    in_utc = text_of(result_pdf(notice(), ZoneInfo("UTC")))
    assert "2026年5月6日通过自助终端" in in_utc and "2026年5月7日" not in in_utc


def test_a_long_name_and_many_items_stay_on_the_page():
    pdf = result_pdf(
        notice(
            issuer="杭州市西湖区大病保险承办商业保险机构",
            items=tuple(f"第{n}项事项办理" for n in range(1, 9)),
        ),
        ZoneInfo("Asia/Shanghai"),
    )
    text = text_of(pdf)
    assert "8.第8项事项办理（已办结）" in text and "杭州市西湖区大病保险承办商业保险机构" in text


def test_every_unit_has_an_issuer_and_a_number_prefix():
    assert issuer("health", "卫生健康部门").code == "杭西卫办"
    made_up = issuer("gas", "燃气企业")
    assert made_up.name == "杭州市西湖区燃气企业" and made_up.code == "杭西燃"


def test_the_working_font_is_cut_again_only_for_a_new_character():
    fonts = WorkingFonts()
    first = fonts.font(False, {"林", "燕"})
    assert fonts.font(False, {"燕"}) is first  # nothing new: the same copy, not cut again
    second = fonts.font(False, {"陈"})
    cmap = ttLib.TTFont(io.BytesIO(second)).getBestCmap()
    assert {ord("林"), ord("燕"), ord("陈"), ord("A")} <= set(cmap) and len(cmap) < 200
