"""Chinese line breaking on paper (kiosk/printing/wrap.py): the 禁则 rules, no lone character
at a line's start, short bracketed notes kept whole; hypothesis over any text and width, in
display cells (a Chinese character is two), the native printer's columns and font pixels."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as hs

from drivers.printer import native
from drivers.printer.raster import font
from drivers.printer.sim import SimulatedPrinter
from kiosk.printing.builders import Received, ReceivedMaterial, build_acceptance_notice
from kiosk.printing.wrap import LINE_END_PROHIBITED, LINE_START_PROHIBITED, clean, wrap
from tests.print_helpers import driver_for
from tests.print_samples import PROGRESS_BASE, acceptance_data


def cells(text: str) -> int:
    """Display cells: a wide (Chinese) character is two, any other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _gives_back(paragraph: str, lines: list[str]) -> list[int]:
    """Where each line starts in the paragraph, checking that the lines are its text in
    order, less only the spaces where they broke."""
    starts = []
    at = 0
    for line in lines:
        while at < len(paragraph) and paragraph[at] == " " and not paragraph.startswith(line, at):
            at += 1
        assert paragraph.startswith(line, at), (paragraph, lines)
        starts.append(at)
        at += len(line)
    assert paragraph[at:].strip(" ") == ""
    return starts


def _han(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) == "W" and ch not in LINE_START_PROHIBITED


# -- examples ---------------------------------------------------------------------------------


def test_a_short_bracketed_note_moves_down_whole():
    assert wrap("出生一件事办理登记表（现场采集）", 26, cells) == [
        "出生一件事办理登记表",
        "（现场采集）",
    ]
    assert wrap("拟落户方户口簿（数据共享获取）", 26, cells) == [
        "拟落户方户口簿",
        "（数据共享获取）",
    ]


def test_no_character_is_left_alone_at_a_lines_start():
    # Was "自助受理（本人在自助终端办" / "理）": the note is too long to keep whole, so at
    # least two characters go down with the bracket.
    assert wrap("自助受理（本人在自助终端办理）", 20, cells) == [
        "自助受理（本人在自助",
        "终端办理）",
    ]
    # The paragraph's last character never stands alone either.
    assert wrap("请妥善保管本通知书领取结果时请出示。", 32, cells)[-1] == "出示。"


def test_closing_punctuation_stays_with_the_word_before_it():
    lines = wrap("出生一件事办理登记表，父母双方身份证。", 20, cells)
    assert lines == ["出生一件事办理登记", "表，父母双方身份证。"]  # not "，父母…"
    for text in (
        "办理（现场采集）、取件】」，请携带：身份证！户口簿？结婚证；《指南》〈附件〉”。",
        "“一件事”《办事指南》「通知」【提示】『说明』・约翰·史密斯……——",
    ):
        for width in range(12, 40):
            lines = wrap(text, width, cells)
            assert all(line[0] not in LINE_START_PROHIBITED for line in lines[1:]), lines
            assert all(line[-1] not in LINE_END_PROHIBITED for line in lines[:-1]), lines


def test_latin_breaks_at_spaces_and_numbers_stay_whole():
    assert wrap("Birth certificate of the child", 12, cells) == [
        "Birth",
        "certificate",
        "of the child",
    ]
    assert wrap("受理时间 13:30", 12, cells) == ["受理时间", "13:30"]
    assert wrap("受理编号YJS-20240506-000123", 20, cells) == [
        "受理编号YJS-",
        "20240506-000123",
    ]


def test_text_that_cannot_fit_by_the_rules_still_fits_the_paper():
    # A run of closing marks wider than the line: the paper's edge wins over the rules.
    assert all(cells(line) <= 6 for line in wrap("理））））））））", 6, cells))
    # A character wider than the line is alone on its line, never dropped.
    assert wrap("中文", 1, cells) == ["中", "文"]
    assert wrap("", 10, cells) == [""]
    assert wrap("   ", 10, cells) == [""]
    assert wrap("一\n\n二", 10, cells) == ["一", "", "二"]


# -- properties -------------------------------------------------------------------------------

_HAN = "出生一件事办理登记表现场采集父母双方居民身份证医学明户口簿结婚取件领告知承诺替代"
_OPENING = sorted(LINE_END_PROHIBITED)
_CLOSING = sorted(LINE_START_PROHIBITED)
_ASCII = set("([{)]},.:;!?%")


@hs.composite
def chinese_text(draw: hs.DrawFn) -> str:
    """Receipt-like text: Chinese words, Latin words and numbers, spaces, with up to two
    opening marks before and two closing marks after each piece, in any order (so that
    every piece with its marks fits on a line of 12 cells). ASCII marks go with Latin
    words only: "出〉!0000" is one word to the wrapper, which would rather leave a
    character alone than split a number."""
    pieces = []
    for _ in range(draw(hs.integers(0, 40))):
        if draw(hs.integers(0, 9)) == 0:
            pieces.append(" ")
            continue
        han = draw(hs.booleans())
        if han:
            body = draw(hs.sampled_from(_HAN))
        else:
            body = draw(
                hs.text("abcxyzABC0123456789-/", min_size=1, max_size=8).filter(
                    lambda w: w[0] not in "-/"
                )
            )
        opening = [c for c in _OPENING if not han or c not in _ASCII]
        closing = [c for c in _CLOSING if not han or c not in _ASCII]
        before = "".join(draw(hs.lists(hs.sampled_from(opening), max_size=2)))
        after = "".join(draw(hs.lists(hs.sampled_from(closing), max_size=2)))
        pieces.append(before + body + after)
    return "".join(pieces)


_MEASURES = {"cells": cells, "columns": native.columns}


@settings(max_examples=400, deadline=None)
@given(
    text=chinese_text(),
    width=hs.integers(min_value=12, max_value=60),
    measure=hs.sampled_from(sorted(_MEASURES)),
)
@example(text="出生一件事办理登记表（现场采集）", width=26, measure="cells")
@example(text="自助受理（本人在自助终端办理）", width=20, measure="columns")
def test_chinese_lines_follow_the_rules(text, width, measure):
    m = _MEASURES[measure]
    lines = wrap(text, width, m)
    assert all(m(line) <= width for line in lines)
    starts = _gives_back(text, lines)
    for k in range(1, len(lines)):
        line = lines[k]
        assert line[0] not in LINE_START_PROHIBITED, lines
        assert lines[k - 1][-1] not in LINE_END_PROHIBITED, lines
        # The last character of a word never starts a line alone: at the paragraph's end
        # ("出|示。") or before a closing bracket ("办|理）").
        if _han(line[0]) and _han(text[starts[k] - 1]):
            last = k == len(lines) - 1 and line.rstrip("".join(LINE_START_PROHIBITED)) == line[0]
            assert not last, lines
            assert not (len(line) > 1 and line[1] in "）】」』》〉〕］｝〗〙”’)]}"), lines


_any_text = hs.text(
    alphabet=hs.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120
) | hs.text(alphabet="出生一件事办理 abc-/，。（）Wmi0123456789\n", max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=_any_text, width=hs.integers(min_value=2, max_value=60))
def test_any_text_fits_and_is_given_back(text, width):
    lines = wrap(text, width, cells)
    assert all(cells(line) <= width for line in lines)
    paragraphs = clean(text).split("\n")
    assert lines == [line for p in paragraphs for line in wrap(p, width, cells)]
    for p in paragraphs:
        _gives_back(p, wrap(p, width, cells))


@settings(max_examples=60, deadline=None)
@given(text=chinese_text(), width=hs.sampled_from([200, 368, 552]))
def test_font_pixels_fit_and_follow_the_rules(text, width):
    f = font(24)
    lines = wrap(text, width, f.getlength)
    assert all(f.getlength(line) <= width for line in lines)
    assert all(line[0] not in LINE_START_PROHIBITED for line in lines[1:]), lines


def test_a_notice_printed_natively_keeps_its_notes_whole(tmp_path):
    """Through the simulated printer: the 58 mm printer's own font, the notice whose material
    names used to end in "采集）" alone on a line."""
    data = acceptance_data(
        materials=(
            ReceivedMaterial("出生一件事办理登记表", Received.CAPTURED),
            ReceivedMaterial("拟落户方户口簿", Received.SHARED),
        )
    )
    with SimulatedPrinter(tmp_path, paper_mm=58) as sim:
        driver_for(sim, "native").print_document(build_acceptance_notice(data, PROGRESS_BASE))
        assert sim.wait_for(1)
        lines = [line.strip() for line in sim.receipts[0].text.splitlines()]
    assert "（现场采集）" in lines and "（数据共享获取）" in lines
    assert not [line for line in lines if line and line[0] in LINE_START_PROHIBITED]
