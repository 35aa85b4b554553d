"""The printed documents: the model, the builders (every §6.2.3 field, §5.3.1's eight
elements), masking, and the wrapper (hypothesis: any text → lines that fit)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from drivers.printer import native
from drivers.printer.raster import font
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, booking_text, progress_link
from kiosk.contract import Delivery
from kiosk.ids import mask_address
from kiosk.printing.builders import (
    GUIDE_ELEMENTS,
    OFFLINE_NUMBER_NOTE,
    RECEIVED_WORDS,
    build_acceptance_notice,
    build_appointment_slip,
    build_guide,
)
from kiosk.printing.document import Bullets, Document, Line, QrCode
from kiosk.printing.wrap import clean, wrap
from tests.print_samples import PROGRESS_BASE, acceptance_data, booking


def _lines(doc: Document) -> dict[str, str]:
    return {b.label: b.value for b in doc.blocks if isinstance(b, Line)}


def test_acceptance_notice_has_every_field():
    data = acceptance_data()
    doc = build_acceptance_notice(data, PROGRESS_BASE)
    lines = _lines(doc)
    # §6.2.3: window number, materials received, accepting person, time limit, pickup.
    assert lines["窗口序号"] == "自助终端 01"
    assert lines["受理人员"].startswith("自助受理")
    assert lines["办结时限"] == "4个工作日"
    assert lines["预计办结"] == "2024年5月10日前"
    assert lines["取件方式"] == "邮寄送达：浙江省杭州市西湖区****"
    (materials,) = [b for b in doc.blocks if isinstance(b, Bullets) and b.heading == "所收材料"]
    assert len(materials.items) == len(data.materials)
    for m, item in zip(data.materials, materials.items, strict=True):
        assert m.name in item and RECEIVED_WORDS[m.how] in item
    # And the number, the one-thing and its situation, the time, the kiosk, the QR code.
    assert lines["受理编号"] == "YJS-20240506-000123"
    assert lines["办理事项"] == "出生一件事"
    assert lines["办理情形"] == data.situation
    assert lines["受理时间"] == "2024年5月6日 14:32"
    assert data.kiosk_name in doc.text()
    assert doc.qr_codes() == [progress_link(PROGRESS_BASE, SAMPLE_PROGRESS_TOKEN)]
    # Personal data is masked before it is ever stored: no street, no house number.
    assert "文三路" not in doc.text() and "201" not in doc.text()
    assert OFFLINE_NUMBER_NOTE not in doc.text()


def test_acceptance_notice_by_staff_pickup_and_offline_number():
    data = acceptance_data(
        acceptance_number="L-sandbox-0001-20240506-0007",
        offline=True,
        accepted_by="staff:0123",
        staff_name="王晓",
        delivery=Delivery(method="pickup", place="示例街道便民服务中心 2 号窗口"),
    )
    doc = build_acceptance_notice(data, PROGRESS_BASE)
    lines = _lines(doc)
    assert lines["受理人员"] == "王晓（工号 0123）帮办"
    assert lines["取件方式"] == "到示例街道便民服务中心 2 号窗口领取"
    assert OFFLINE_NUMBER_NOTE in doc.text()
    assert doc.qr_codes() == [progress_link(PROGRESS_BASE, data.progress_token)]


def test_guide_has_the_eight_elements_and_the_full_guide_qr(catalog):
    from kiosk.notice import build_notice

    onething = catalog.onething("birth")
    notice = build_notice(catalog, onething, onething.situations[0])
    doc = build_guide(notice, "示例终端", datetime(2024, 5, 6, 9, 0))
    labels = [b.label for b in doc.blocks if isinstance(b, Line)] + [
        b.heading for b in doc.blocks if isinstance(b, Bullets)
    ]
    for element in GUIDE_ELEMENTS:
        assert element in labels
    assert "联办事项" in labels  # §5.3.2: the joint items on the paper guide
    assert doc.qr_codes() == [notice.full_guide_url]
    assert "已通过数据共享获取，无需提供" in doc.text()


def test_appointment_slip():
    b = booking()
    doc = build_appointment_slip(b, "出生一件事", "示例终端", datetime(2024, 5, 6, 9, 0))
    lines = _lines(doc)
    assert lines["预约码"] == b.code
    assert lines["办理窗口"] == "综合受理 3 号窗口"
    assert lines["办理事项"] == "出生一件事"
    assert lines["预约日期"] == "2024年5月8日 星期三"
    assert lines["时间段"] == "09:30–10:00"
    assert doc.qr_codes() == [booking_text(b.code)]


def test_document_round_trips_through_json():
    doc = build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
    assert Document.from_json(doc.to_json()) == doc
    assert any(isinstance(b, QrCode) for b in Document.from_json(doc.to_json()).blocks)


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("浙江省杭州市西湖区文三路123号", "浙江省杭州市西湖区****"),
        ("上海市浦东新区张江镇科苑路88弄", "上海市浦东新区张江镇****"),
        ("Room 5, 88 Keyuan Road", "Room****"),
        ("", ""),
    ],
)
def test_mask_address(address, masked):
    assert mask_address(address) == masked


def test_wrap_breaks_latin_at_spaces_and_keeps_punctuation():
    cols = native.columns
    assert wrap("Birth certificate of the child", 12, cols) == [
        "Birth",
        "certificate",
        "of the child",
    ]
    lines = wrap("出生一件事办理登记表，父母双方身份证。", 10, cols)
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "出生一件事办理登记表，父母双方身份证。"


_text = hs.text(
    alphabet=hs.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120
) | hs.text(alphabet="出生一件事办理 abc-/，。（）Wmi0123456789", max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=_text, width=hs.integers(min_value=2, max_value=48))
def test_wrap_columns_fit(text, width):
    lines = wrap(text, width, native.columns)
    for line in lines:
        assert native.columns(line) <= width
    # Nothing is lost but the spaces where lines broke.
    assert "".join(lines).replace(" ", "") == clean(text).replace("\n", "").replace(" ", "")


@settings(max_examples=100, deadline=None)
@given(text=_text, width=hs.sampled_from([200, 368, 552]))
def test_wrap_font_pixels_fit(text, width):
    f = font(28, True)
    for line in wrap(text, width, f.getlength):
        assert f.getlength(line) <= width
