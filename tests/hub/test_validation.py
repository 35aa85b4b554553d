"""Invalid requests answer ErrorResponse JSON with a stable code and a message that names
the field; nothing is stored."""

from __future__ import annotations

import copy
import json

import pytest

from central.limits import OTHER_BYTES
from tests.hub.data import ENTERPRISE, birth_application, error_of, lookup_body, submit


def _with(path: str, value: object) -> dict:
    body = birth_application()
    target = body
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    return copy.deepcopy(body)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("applicant.number", "330106199403120624", "applicant.number: the ID number's last"),
        ("applicant.number", "33010619940312062", "applicant.number: an ID number has 18"),
        ("materials.0.data_base64", "not base64!", "materials.0.data_base64: is not valid base64"),
        ("materials.0.content_type", "text/html", "materials.0.content_type"),
        ("form.baby_name", "长" * 1001, "form.baby_name.[key]: String should have at most 1000"),
        ("terminal", "", "terminal: String should have at least 1 character"),
        ("accepted_by", "someone", "accepted_by"),
        ("surprise", 1, "surprise: is not a field of this request"),
    ],
)
def test_invalid_fields_are_named(kiosk, path, value, expected):
    status, code, message = error_of(submit(kiosk, _with(path, value)))
    assert (status, code) == (422, "invalid_request")
    assert message.startswith(expected.split(".[key]")[0]), message
    assert "Traceback" not in message


def test_a_missing_field_and_bad_json(kiosk):
    body = birth_application()
    del body["delivery"]
    assert error_of(submit(kiosk, body))[2] == "delivery: is required"
    answer = kiosk.post(
        "/applications",
        data=b'{"onething_id": ',
        headers={"Content-Type": "application/json", "Idempotency-Key": "k-bad-json"},
    )
    status, code, message = error_of(answer)
    assert (status, code) == (422, "invalid_request") and "JSON" in message


def test_an_unknown_one_thing_or_situation(kiosk):
    status, code, message = error_of(submit(kiosk, birth_application(onething_id="moon-landing")))
    assert (status, code) == (422, "unknown_onething")
    assert "moon-landing" in message
    status, code, message = error_of(submit(kiosk, birth_application(situation_id="twins")))
    assert (status, code) == (422, "unknown_situation")
    assert "newborn" in message  # the situations it does have


def test_the_idempotency_key_is_required(kiosk):
    answer = kiosk.post("/applications", json=birth_application())
    assert error_of(answer)[:2] == (400, "idempotency_key_required")
    answer = kiosk.post(
        "/applications", json=birth_application(), headers={"Idempotency-Key": "with space"}
    )
    assert error_of(answer)[:2] == (400, "invalid_idempotency_key")


def test_a_body_over_the_limit_is_refused_before_it_is_read(kiosk):
    huge = json.dumps(lookup_body("330106199403120623") | {"pad": "x" * OTHER_BYTES}).encode()
    status, code, message = error_of(
        kiosk.post("/sharing/lookup", data=huge, headers={"Content-Type": "application/json"})
    )
    assert (status, code) == (413, "too_large") and "larger than the hub accepts" in message
    # The same without a declared length (chunked) is stopped while it streams.
    chunks = (huge[i : i + 65536] for i in range(0, len(huge), 65536))
    answer = kiosk.post(
        "/sharing/lookup", data=chunks, headers={"Content-Type": "application/json"}
    )
    assert error_of(answer)[:2] == (413, "too_large")


def test_bad_lookups(kiosk):
    bad_code = lookup_body(ENTERPRISE, "enterprise", number="913301063157284698")
    status, code, message = error_of(kiosk.post("/sharing/lookup", json=bad_code))
    assert (status, code) == (422, "invalid_request")
    assert message.startswith("number: the credit code's last character does not match")
    no_consent = lookup_body("330106199403120623")
    no_consent["consent"]["given"] = False
    assert error_of(kiosk.post("/sharing/lookup", json=no_consent))[2].startswith("consent.given")
