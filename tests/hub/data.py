"""Requests the hub's tests send: the sandbox's newborn's parents and a birth application."""

from __future__ import annotations

import base64
import random
import struct
import uuid
import zlib
from datetime import date
from typing import Any

import requests

from central.sandbox.dataset import load_dataset
from kiosk.ids import id_check_character
from tests.hub.fixtures import Caller

MOTHER = "330106199403120623"  # SAMPLE DATA (central/sandbox/dataset.toml)
FATHER = "330106199207080310"
ENTERPRISE = "913301063157284697"
REPRESENTATIVE = "330109198502270197"  # ENTERPRISE's legal representative
GRADUATE = "330108200109090759"
PDF = b"%PDF-1.4\n% a registration form\n"


# The birth one-thing's one form, every field answered as the kiosk would.
BIRTH_FORM = {
    "applicant-name": "林晓燕",
    "applicant-id-number": MOTHER,
    "relation": "母亲",
    "spouse-name": "陈建国",
    "household-address": "浙江省杭州市西湖区文三路 100 号",
    "child-name": "陈小宝",
    "child-sex": "男",
    "child-birth-date": "2025-11-20",
    "birth-place": "杭州市妇产科医院",
    "phone": "13800138000",
}


def birth_application(**changes: Any) -> dict[str, Any]:
    """A complete birth application: the form answered, the registration form, and the
    photo and signature its single items take at the terminal."""
    body: dict[str, Any] = {
        "onething_id": "birth",
        "situation_id": "newborn",
        "applicant": {"number": MOTHER, "name": "林晓燕"},
        "form": dict(BIRTH_FORM),
        "materials": [
            {
                "material_id": "registration-form",
                "file_name": "出生一件事办理登记表.pdf",
                "content_type": "application/pdf",
                "data_base64": base64.b64encode(PDF).decode(),
            },
            photo_upload(),
            signature_upload(),
        ],
        "delivery": {"method": "pickup", "place": "便民服务中心"},
        "accepted_by": "self-service",
        "terminal": "自助终端 01",
    }
    body.update(changes)
    return body


def submit(kiosk: Caller, body: dict[str, Any] | None = None, key: str = "") -> requests.Response:
    return kiosk.post(
        "/applications",
        json=body or birth_application(),
        headers={"Idempotency-Key": key or uuid.uuid4().hex},
    )


def submitted(kiosk: Caller) -> dict[str, Any]:
    """A new birth application's view (asserting it was accepted)."""
    response = submit(kiosk)
    assert response.status_code == 201, response.text
    return response.json()


def card_of(number: str, kind: str = "resident_id") -> dict[str, Any]:
    """The evidence of a sample person's current card (the sandbox's card registry); for an
    enterprise, its legal representative's."""
    dataset = load_dataset()
    holder = next(iter(dataset.representatives.get(number, ())), number)
    card = next(c for c in dataset.cards[holder] if c.card_type == kind)
    return card.model_dump(mode="json")


def lookup_body(number: str, subject_type: str = "person", /, **changes: Any) -> dict[str, Any]:
    body = {
        "subject_type": subject_type,
        "number": number,
        "purpose": "birth",
        "consent": {"given": True, "method": "card_present", "text_version": "2026.1"},
        "card": card_of(number),
    }
    return {**body, **changes}


def search_body(number: str, subject_type: str = "person", /, **changes: Any) -> dict[str, Any]:
    return {"subject_type": subject_type, "number": number, "card": card_of(number), **changes}


def error_of(response: requests.Response) -> tuple[int, str, str]:
    """(status, code, message) of an ErrorResponse, checking that it is one."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    return response.status_code, body["error"]["code"], body["error"]["message"]


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 × 1, 8-bit grey
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


SIGNATURE_PNG = _png_1x1()
# The smallest JPEG a camera could give: the markers a JPEG starts and ends with.
PHOTO_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
# The birth one-thing's materials that data sharing provides, and the record kind of each.
BIRTH_SHARED = {
    "parents-id-cards": "resident_id",
    "household-register": "household_register",
    "marriage-certificate": "marriage_certificate",
}
JOB_SEEKING_COMMITMENT = (
    "本人承诺：目前处于无业状态，有劳动能力和求职意愿；领取失业保险金期间重新就业、应征服兵役、"
    "移居境外或享受基本养老保险待遇的，将在5个工作日内告知，并退还多领的待遇。"
    "如有不实，愿承担相应法律责任。"
)


def fresh_id_number() -> str:
    """A well-formed ID number nobody else in the tests uses (not in the sandbox dataset)."""
    born = date(1960, 1, 1).toordinal() + random.randrange(20000)
    first17 = f"330106{date.fromordinal(born):%Y%m%d}{random.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def photo_upload(data: bytes = b"") -> dict:
    return {
        "material_id": "photo",
        "file_name": "photo.jpg",
        "content_type": "image/jpeg",
        "data_base64": base64.b64encode(data or PHOTO_JPEG).decode(),
    }


def signature_upload(data: bytes = SIGNATURE_PNG, content_type: str = "image/png") -> dict:
    return {
        "material_id": "signature",
        "file_name": "signature.png",
        "content_type": content_type,
        "data_base64": base64.b64encode(data).decode(),
    }


def consent_id(kiosk: Caller, number: str = MOTHER, purpose: str = "birth") -> str:
    """The consent record of a look-up of `number` by `kiosk` (found or not)."""
    answer = kiosk.post("/sharing/lookup", json={**lookup_body(number), "purpose": purpose})
    if answer.status_code == 200:
        return answer.json()["consent_id"]
    raise AssertionError(f"the look-up found nothing: {answer.text}")


def shared_refs(consent: str) -> list[dict[str, str]]:
    return [
        {"material_id": m, "consent_id": consent, "record_kind": kind}
        for m, kind in BIRTH_SHARED.items()
    ]


def unemployment_application(**changes: Any) -> dict[str, Any]:
    """An application with a written commitment (告知承诺) signed on screen."""
    body = birth_application(
        onething_id="unemployment",
        situation_id="with-benefit",
        applicant={"number": fresh_id_number(), "name": "测试申请人"},
        form={},
        materials=[signature_upload()],
        commitments=[
            {
                "material_id": "job-seeking-commitment",
                "text": JOB_SEEKING_COMMITMENT,
                "signature_material_id": "signature",
            }
        ],
    )
    body.update(changes)
    return body
