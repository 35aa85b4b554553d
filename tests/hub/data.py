"""Requests the hub's tests send: the sandbox's newborn's parents and a birth application."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import requests

from tests.hub.fixtures import Caller

MOTHER = "330106199403120623"  # SAMPLE DATA (central/sandbox/dataset.toml)
FATHER = "330106199207080310"
ENTERPRISE = "913301063157284697"
PDF = b"%PDF-1.4\n% a registration form\n"


def birth_application(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "onething_id": "birth",
        "situation_id": "newborn",
        "applicant": {"number": MOTHER, "name": "林晓燕"},
        "form": {"baby_name": "陈小宝", "baby_birth_date": "2026-11-20"},
        "materials": [
            {
                "material_id": "registration-form",
                "file_name": "出生一件事办理登记表.pdf",
                "content_type": "application/pdf",
                "data_base64": base64.b64encode(PDF).decode(),
            }
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


def lookup_body(number: str, subject_type: str = "person") -> dict[str, Any]:
    return {
        "subject_type": subject_type,
        "number": number,
        "purpose": "birth",
        "consent": {"given": True, "method": "card_present", "text_version": "2026.1"},
    }


def error_of(response: requests.Response) -> tuple[int, str, str]:
    """(status, code, message) of an ErrorResponse, checking that it is one."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    return response.status_code, body["error"]["code"], body["error"]["message"]
