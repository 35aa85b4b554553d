"""The resident journey end to end, as `kiosk journey` walks it: the real hub on loopback,
the ID-card module on a pty, the camera reading a photograph, the receipt printer on TCP,
the kiosk offscreen. It also checks what the hub holds afterwards."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from demo.scenario import run_birth_journey
from kiosk.codes import read_code
from tests.print_helpers import decode_qr

SCREENS = [
    "attract",
    "browse",
    "question",
    "notice",
    "identify",
    "confirm",
    "form",
    "form-filled",
    "photo",
    "sign",
    "review",
    "receipt",
    "rating",
    "take-card",
    "end",
    "progress",
    "result-printed",
]


def _qr_text(path) -> str:
    return decode_qr(Image.open(path))


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_birth_journey_from_card_to_rating(tmp_path, elderly):
    result = run_birth_journey(tmp_path / "journey", elderly=elderly)
    assert [p.stem.split("-", 1)[1] for p in result.shots] == SCREENS
    # 读一读 and 静音 on every screen, in both modes: the pictures show what a resident gets.
    assert result.voice_buttons == SCREENS
    for shot in result.shots:  # every screen was drawn, none blank
        pixels = cv2.imread(str(shot), cv2.IMREAD_GRAYSCALE)
        assert pixels.shape == (1080, 1920) and np.std(pixels) > 10, shot.name
    # One receipt, whose QR code leads to this application's progress page.
    qr = _qr_text(result.receipt)
    code = read_code(qr)
    assert code is not None and code.kind == "progress" and qr == result.progress_url
    assert result.acceptance_number not in qr  # the address is a secret, not the number
    # The hub's public page shows every item done, and nothing personal.
    page = result.progress_page.read_text("utf-8")
    assert result.acceptance_number in page and "已办结" in page
    assert "林晓燕" not in page and "330106199403120623" not in page
    # The hub holds the form, the shared materials by reference (not uploaded), the photo
    # and the signature, and the rating.
    # 查询打印: a result document printed on the A4 printer (here: saved as a PDF).
    assert len(result.results) == 1 and result.results[0].read_bytes().startswith(b"%PDF")
    held = result.hub_record
    assert {"child-name", "spouse-name", "household-address", "phone"} <= set(held["form"])
    assert held["shared"] == ["household-register", "marriage-certificate", "parents-id-cards"]
    assert held["uploaded"] == ["photo", "signature"]
    assert held["rating"] == 5 and held["state"] == "completed"


def test_hub_down_at_submit_the_receipt_gives_the_local_number(tmp_path):
    result = run_birth_journey(tmp_path / "journey", hub_down_at_submit=True)
    names = [p.stem.split("-", 1)[1] for p in result.shots]
    assert "receipt-offline" in names
    # The receipt was printed offline: its QR code leads to the page the hub made of the
    # application once the kiosk delivered it.
    code = read_code(_qr_text(result.receipt))
    assert code is not None and _qr_text(result.receipt) == result.progress_url
    assert result.acceptance_number.startswith("YJS-")
    assert result.acceptance_number in result.progress_page.read_text("utf-8")


def test_paper_out_at_the_receipt_is_said_and_printed_once_paper_is_in(tmp_path):
    result = run_birth_journey(tmp_path / "journey", paper_out_at_receipt=True)
    names = [p.stem.split("-", 1)[1] for p in result.shots]
    assert "receipt-paper-out" in names
    assert _qr_text(result.receipt) == result.progress_url


def test_an_assisted_birth_application_names_the_staff_member(tmp_path):
    """帮办: a community staff member signs in with her card and PIN through the real ID
    module, operates the screens for the mother, and signs out; the hub records her as the
    one who accepted it and the receipt, read off the printer's text, names her."""
    result = run_birth_journey(tmp_path / "journey", assisted=True)
    assert result.hub_record["accepted_by"] == "staff:1024"
    printed = result.receipt_text.replace("\n", "").replace(" ", "")
    assert "王丽华（工号1024）帮办" in printed and "自助受理" not in printed
    names = [p.name for p in result.shots]
    assert names[:3] == ["01-staff-card.png", "02-staff-pin.png", "03-staff-signed-in.png"]
    assert names[-1].endswith("staff-signed-out.png")


def test_a_daughter_applies_for_her_mother_on_the_screens(tmp_path):
    """代办, as `kiosk journey --proxy` walks it: both cards read, the relation chosen, both
    identities at the hub, the agent named masked on paper."""
    from demo.scenario import run_proxy_journey

    result = run_proxy_journey(tmp_path / "journey")
    names = [p.stem.split("-", 1)[1] for p in result.shots]
    assert names == [
        "notice",
        "confirm-elderly",
        "agent-card",
        "agent",
        "sign",
        "review",
        "receipt",
    ]
    agent = result.hub_record["agent"]
    assert agent["name"] == "周丽娟" and agent["relation"] == "child"
    text = result.receipt_text.replace("\n", "")
    assert "代办人" in text and "周*娟（子女，3301" in text and "代办人居民身份证" in text
    assert "授权委托书" in text  # signed by the mother on screen
    assert "330106197004050622" not in text and "330106194208170024" not in text
