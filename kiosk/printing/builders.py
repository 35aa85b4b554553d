"""The documents the kiosk prints: the acceptance notice (§6.2.3), the simplified guide
(§5.3.1 with the QR code of §5.3.2) and the appointment slip (§6.1.2).

Builders take plain data and return a Document; they decide wording and order, the printer
driver decides layout. Personal data is masked here, before it is written into a print job,
as kiosk.masking says paper shows it (a postal address keeps only its region).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.catalog.model import MaterialSource
from kiosk.codes import booking_text, progress_link
from kiosk.contract import Booking, Delivery
from kiosk.masking import Personal, on_paper
from kiosk.notice import Notice
from kiosk.printing.document import (
    Block,
    Bullets,
    Document,
    Line,
    Paragraph,
    QrCode,
    Rule,
    SmallPrint,
    Spacer,
    Title,
)

_WEEKDAYS = "一二三四五六日"


class Received(StrEnum):
    """How the kiosk received a material (§6.2.3 所收材料)."""

    SHARED = "shared"  # fetched by government data sharing
    CAPTURED = "captured"  # captured on site (photo, fingerprint, camera scan of a paper)
    COMMITMENT = "commitment"  # replaced by a signed written commitment (告知承诺)
    PAPER = "paper"  # the paper original was handed in


RECEIVED_WORDS = {
    Received.SHARED: "数据共享获取",
    Received.CAPTURED: "现场采集",
    Received.COMMITMENT: "告知承诺替代",
    Received.PAPER: "收到纸质材料",
}


@dataclass(frozen=True)
class ReceivedMaterial:
    name: str
    how: Received


@dataclass(frozen=True)
class AcceptanceNoticeData:
    """Everything an acceptance notice says. `acceptance_number` is the hub's 受理编号, or the
    kiosk's local number (L-…) with `offline` True while the hub has not answered yet."""

    acceptance_number: str
    onething_name: str
    kiosk_name: str
    terminal_number: str  # 窗口序号: config.kiosk.terminal_number
    materials: tuple[ReceivedMaterial, ...]
    time_limit_days: int  # working days
    due_date: date | None  # None while offline: the hub sets it when it accepts
    delivery: Delivery  # post (address masked when printed) or pickup at a named place
    accepted_at: datetime
    situation: str = ""
    accepted_by: str = "self-service"  # "self-service" or "staff:<id>", as in ApplicationSubmit
    staff_name: str = ""  # the staff member's name when accepted_by is staff:<id>
    agent: str = ""  # who applied for the applicant (代办), masked: ActingFor.words()
    offline: bool = False
    consultation: str = ""  # where to ask (the guide's 咨询途径), optional
    progress_token: str = ""  # the progress page's secret; without it, no QR code


def date_words(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def datetime_words(t: datetime) -> str:
    return f"{date_words(t.date())} {t:%H:%M}"


def weekday_words(d: date) -> str:
    return f"星期{_WEEKDAYS[d.weekday()]}"


def accepting_person(data: AcceptanceNoticeData) -> str:
    if data.accepted_by.startswith("staff:"):
        staff_id = data.accepted_by.removeprefix("staff:")
        who = data.staff_name or "工作人员"
        return f"{who}（工号 {staff_id}）帮办"
    if data.agent:
        return "自助受理（代办人在自助终端办理）"
    return "自助受理（本人在自助终端办理）"


def pickup_words(delivery: Delivery) -> str:
    if delivery.method == "post":
        where = on_paper(Personal.ADDRESS, delivery.address)
        return f"邮寄送达：{where}" if where else "邮寄送达"
    return f"到{delivery.place}领取" if delivery.place else "窗口领取"


OFFLINE_NUMBER_NOTE = (
    "此为本终端临时编号：网络恢复后自动提交，中心的正式受理编号将在进度页上替代它，扫码即可查看。"
)


def build_acceptance_notice(data: AcceptanceNoticeData, progress_base: str) -> Document:
    """§6.2.3: window number, materials received, accepting person, time limit, pickup method;
    with the number, the one-thing, the time, the kiosk and a QR code to follow progress."""
    blocks: list[Block] = [
        Title("受理通知书"),
        Paragraph(data.kiosk_name, align="center"),
        Rule(),
        Line("受理编号", data.acceptance_number, "large"),
    ]
    if data.offline:
        blocks.append(SmallPrint(OFFLINE_NUMBER_NOTE))
    blocks.append(Line("办理事项", data.onething_name, "strong"))
    if data.situation:
        blocks.append(Line("办理情形", data.situation))
    blocks += [
        Line("受理时间", datetime_words(data.accepted_at)),
        Line("窗口序号", data.terminal_number),
        Line("受理人员", accepting_person(data)),
        *([Line("代办人", data.agent)] if data.agent else []),
        Rule(),
        Bullets(
            tuple(f"{m.name}（{RECEIVED_WORDS[m.how]}）" for m in data.materials)
            or ("无需提交材料",),
            heading="所收材料",
            numbered=True,
        ),
        Rule(),
        Line("办结时限", f"{data.time_limit_days}个工作日", "strong"),
        Line(
            "预计办结",
            f"{date_words(data.due_date)}前" if data.due_date else "自网上受理之日起计算",
            "large" if data.due_date else "strong",
        ),
        Line("取件方式", pickup_words(data.delivery), "strong"),
    ]
    if data.progress_token:
        blocks += [
            Rule(),
            QrCode(progress_link(progress_base, data.progress_token), "手机扫码查看办理进度"),
        ]
    if data.consultation:
        blocks.append(SmallPrint(f"咨询：{data.consultation}"))
    blocks.append(SmallPrint("请妥善保管本通知书，领取结果时请出示。"))
    return Document("acceptance_notice", tuple(blocks))


# The eight elements of the simplified guide, in the order of §5.3.1.
GUIDE_ELEMENTS = (
    "事项名称",
    "适用范围",
    "申请材料目录",
    "办结时限",
    "收费依据及标准",
    "结果送达",
    "咨询途径",
    "办公地址和时间",
)


def _material_words(m) -> str:
    notes = []
    if m.source is MaterialSource.SHARED:
        notes.append("已通过数据共享获取，无需提供")
    elif m.source is MaterialSource.COMMITMENT:
        notes.append("可用告知承诺替代")
    if m.original_required and m.source is not MaterialSource.SHARED:
        notes.append("需原件")
    return f"{m.name}（{'；'.join(notes)}）" if notes else m.name


def build_guide(notice: Notice, kiosk_name: str, printed_at: datetime) -> Document:
    """§5.3.1's eight elements for the resident's situation, the joint items (§5.3.2), and a
    QR code to the full guide."""
    name = f"{notice.name}（{notice.situation}）" if notice.situation else notice.name
    blocks: list[Block] = [
        Title("办事指南（简版）"),
        Paragraph(name, "strong", align="center"),
        Rule(),
        Line("事项名称", name),
        Line("适用范围", notice.scope),
        Bullets(
            tuple(_material_words(m) for m in notice.materials) or ("无",),
            heading="申请材料目录",
            numbered=True,
        ),
        Line("办结时限", f"{notice.time_limit_days}个工作日", "strong"),
        Line("收费依据及标准", notice.fee),
        Line("结果送达", notice.delivery),
        Line("咨询途径", notice.consultation),
        Line("办公地址和时间", notice.office),
    ]
    if notice.items:
        blocks += [
            Rule(),
            Bullets(
                tuple(f"{i.name}（{i.unit}）" for i in notice.items),
                heading="联办事项",
            ),
        ]
    if notice.full_guide_url:
        blocks += [Rule(), QrCode(notice.full_guide_url, "扫码查看完整办事指南")]
    blocks += [SmallPrint(kiosk_name), SmallPrint(f"{datetime_words(printed_at)} 打印")]
    return Document("guide", tuple(blocks))


def build_appointment_slip(
    booking: Booking, onething_name: str, kiosk_name: str, printed_at: datetime
) -> Document:
    slot = booking.slot
    return Document(
        "appointment_slip",
        (
            Title("预约凭证"),
            Paragraph(kiosk_name, align="center"),
            Rule(),
            Line("预约码", booking.code, "large"),
            Line("办理事项", onething_name, "strong"),
            Line("办理窗口", slot.window, "strong"),
            Line("预约日期", f"{date_words(slot.day)} {weekday_words(slot.day)}", "large"),
            Line("时间段", f"{slot.start}–{slot.end}", "large"),
            Rule(),
            QrCode(booking_text(booking.code), "到场后在自助终端扫码签到，或出示给窗口"),
            Spacer(),
            SmallPrint("请提前10分钟到达，并携带本人身份证件。"),
            SmallPrint(f"{datetime_words(printed_at)} 打印"),
        ),
    )


def build_test_page(kiosk_name: str, printed_at: datetime, setup: str = "") -> Document:
    """What a technician prints to check the printer (`kiosk print-test`); `setup` says how
    the kiosk is set up for it (paper, mode, connection)."""
    return Document(
        "test_page",
        (
            Title("打印测试"),
            Paragraph(kiosk_name, align="center"),
            Rule(),
            Line("时间", datetime_words(printed_at)),
            *((Line("设置", setup),) if setup else ()),
            Paragraph("中文：一件事一次办 ABC abc 0123456789"),
            # A line that must break by the rules: no "）" or "，" at a line's start.
            Paragraph(
                "折行：出生一件事办理登记表（现场采集），父母双方居民身份证（数据共享获取）。"
            ),
            QrCode("https://example.invalid/print-test", "二维码测试"),
        ),
    )
