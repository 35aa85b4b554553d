"""Sample documents for the printing tests, the bench and the look-at-it renders. SAMPLE DATA:
no real person."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.codes import SAMPLE_PROGRESS_TOKEN
from kiosk.contract import Booking, Delivery, Slot
from kiosk.printing.builders import AcceptanceNoticeData, Received, ReceivedMaterial
from kiosk.printing.document import Document, Line, QrCode, SmallPrint, Title

PROGRESS_BASE = "https://hub.example.gov.cn"


def acceptance_data(**changes) -> AcceptanceNoticeData:
    data = dict(
        acceptance_number="YJS-20240506-000123",
        onething_name="出生一件事",
        situation="在省内助产机构出生、符合落户政策的新生儿",
        kiosk_name="示例街道便民服务中心自助终端",
        terminal_number="自助终端 01",
        materials=(
            ReceivedMaterial("出生一件事办理登记表", Received.CAPTURED),
            ReceivedMaterial("父母双方居民身份证", Received.SHARED),
            ReceivedMaterial("拟落户方户口簿", Received.SHARED),
            ReceivedMaterial("父母结婚证", Received.COMMITMENT),
            ReceivedMaterial("出生医学证明（助产机构出具）", Received.PAPER),
        ),
        time_limit_days=4,
        due_date=date(2024, 5, 10),
        delivery=Delivery(method="post", address="浙江省杭州市西湖区文三路123号5幢201室"),
        accepted_at=datetime(2024, 5, 6, 14, 32),
        consultation="12345 政务服务热线",
        progress_token=SAMPLE_PROGRESS_TOKEN,
    )
    data.update(changes)
    return AcceptanceNoticeData(**data)


def booking() -> Booking:
    return Booking(
        code="YY7K3M9Q2P",
        state="booked",
        slot=Slot(
            id="slot-1",
            window="综合受理 3 号窗口",
            onething_id="birth",
            day=date(2024, 5, 8),
            start="09:30",
            end="10:00",
            capacity=4,
            booked=1,
        ),
    )


def short_receipt(number: str = "YJS-20240506-000123") -> Document:
    """A short acceptance notice (number, QR code): for tests where the link's speed, not the
    receipt, is the point. Its QR code names its number."""
    return Document(
        "acceptance_notice",
        (
            Title("受理回执"),
            Line("受理编号", number),
            QrCode(f"{PROGRESS_BASE}/p/token-of-{number}"),
            SmallPrint("示例数据 SAMPLE"),
        ),
    )
