"""Bad input sent for real, over HTTP, to a hub on SQLite and on PostgreSQL: each is refused
with an ErrorResponse in plain words (422, or 413 for size) and nothing of it is stored.
A 5xx here would be worse than a wrong answer: a kiosk retries a 5xx forever."""

from __future__ import annotations

import base64
import socket
import time
import unicodedata
import uuid
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.limits import OTHER_BYTES
from central.tables import Application, Document
from tests.hub.data import (
    MOTHER,
    PDF,
    birth_application,
    error_of,
    lookup_body,
    photo_upload,
    submit,
    submitted,
)
from tests.hub.fixtures import Caller, Unsealed

HTML = b"<!doctype html><script>alert(1)</script>"


def _upload(data: bytes, content_type: str = "application/pdf", name: str = "form.pdf") -> dict:
    return {
        "material_id": "registration-form",
        "file_name": name,
        "content_type": content_type,
        "data_base64": base64.b64encode(data).decode(),
    }


def _with_first_material(**changes: object) -> dict:
    body = birth_application()
    body["materials"][0] = {**body["materials"][0], **changes}
    return body


def _refused(answer, code: str = "invalid_request") -> str:
    status, got, message = error_of(answer)
    assert (status, got) == (422, code), (status, got, message)
    return message


def _applications_of(hub_unsealed: Unsealed, name: str) -> int:
    # Names are sealed with a fresh nonce each: they are compared opened, not in SQL.
    with Session(hub_unsealed.engine) as s:
        return sum(n == name for n in s.scalars(select(Application.applicant_name)))


# -- NUL and control characters, wherever they are -------------------------------------------


@pytest.mark.parametrize(
    ("where", "change", "expected"),
    [
        ("a form answer", {"form": {"child-name": "陈\x00宝"}}, "form.child-name: contains a NUL"),
        ("a name", {"applicant": {"number": MOTHER, "name": "林\x00晓燕"}}, "applicant.name: "),
        ("a field name", {"form": {"child\x00name": "x"}}, "form: a field name contains a NUL"),
        ("the terminal", {"terminal": "终端\x00"}, "terminal: contains a NUL"),
        ("an address", {"delivery": {"method": "post", "address": "\x00"}}, "delivery.address"),
        ("a surrogate", {"terminal": "\ud800"}, "terminal: contains a broken character"),
        ("an escape", {"terminal": "a\x1bb"}, "terminal: contains a control character (U+001B)"),
    ],
)
def test_nul_and_control_characters_in_an_application_are_refused(
    kiosk, hub_unsealed, where, change, expected
):
    body = birth_application(**{k: v for k, v in change.items() if k != "form"})
    if "form" in change:
        body["form"] = {**body["form"], **change["form"]}
    marker = f"申请人{uuid.uuid4().hex[:6]}"
    if "applicant" not in change:
        body["applicant"] = {"number": MOTHER, "name": marker}
    message = _refused(submit(kiosk, body))
    assert message.startswith(expected), (where, message)
    assert _applications_of(hub_unsealed, marker) == 0


def test_nul_is_refused_in_every_route_and_in_the_address(kiosk, admin, department, hub):
    lookup = lookup_body(MOTHER) | {"purpose": "birth\x00"}
    assert _refused(kiosk.post("/sharing/lookup", json=lookup)).startswith("purpose: contains")
    search = {"number": MOTHER + "\x00"}
    _refused(kiosk.post("/applications/search", json=search))
    beat = {"app_version": "1.0\x00", "outbox_pending": 0}
    assert _refused(kiosk.post("/kiosks/heartbeat", json=beat)).startswith("app_version")
    _refused(admin.post("/admin/kiosks", json={"kiosk_id": "k-nul", "name": "大厅\x00"}))
    number = submitted(kiosk)["acceptance_number"]
    rating = {"level": 3, "comment": "好\x00"}
    _refused(kiosk.post(f"/applications/{number}/rating", json=rating))
    desk = department("midwifery")
    [task] = [
        t
        for t in desk.get("/department/tasks", params={"state": "ready"}).json()
        if t["acceptance_number"] == number
    ]
    reason = {"reason": "请补充\x00材料"}
    _refused(desk.post(f"/department/tasks/{task['id']}/return", json=reason))
    # In the address: a path parameter and a query, where PostgreSQL used to answer 500.
    for answer in (
        kiosk.get("/applications/YJS-%00"),
        kiosk.get("/documents/abc%00def"),
        kiosk.call("DELETE", "/appointments/AB%00CD"),
        kiosk.get("/appointments/slots", params={"onething_id": "birth\x00"}),
        desk.post("/department/tasks/1%00/claim", json={"handler": "clerk"}),
        admin.post("/admin/departments/police%00/credentials"),
    ):
        assert _refused(answer).startswith(("the address contains a NUL", "the query contains")), (
            answer.url
        )
    # The application itself is untouched and the hub still answers.
    assert kiosk.get(f"/applications/{number}").status_code == 200


# -- files -------------------------------------------------------------------------------------


def test_file_contents_must_be_what_their_type_says(kiosk, hub_unsealed):
    marker = f"申请人{uuid.uuid4().hex[:6]}"
    applicant = {"number": MOTHER, "name": marker}
    html_as_pdf = _with_first_material(data_base64=base64.b64encode(HTML).decode())
    message = _refused(submit(kiosk, {**html_as_pdf, "applicant": applicant}))
    assert message.startswith(
        "materials.0.data_base64: is declared as application/pdf but its contents are not a PDF"
    )
    empty = _with_first_material(data_base64="")
    message = _refused(submit(kiosk, {**empty, "applicant": applicant}))
    assert message == "materials.0.data_base64: is an empty file; send the file's contents"
    png_as_jpeg = birth_application(applicant=applicant)
    png_as_jpeg["materials"][1] = photo_upload(b"\x89PNG\r\n\x1a\n....")
    assert "not a JPEG image" in _refused(submit(kiosk, png_as_jpeg))
    assert _applications_of(hub_unsealed, marker) == 0


def test_a_department_result_must_be_what_its_type_says(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    desk = department("midwifery")
    [task] = [
        t
        for t in desk.get("/department/tasks", params={"state": "ready"}).json()
        if t["acceptance_number"] == number
    ]
    document = {
        "file_name": "出生医学证明.pdf",
        "content_type": "application/pdf",
        "data_base64": base64.b64encode(HTML).decode(),
    }
    answer = desk.post(f"/department/tasks/{task['id']}/complete", json={"document": document})
    assert "not a PDF" in _refused(answer)
    empty = {**document, "data_base64": ""}
    answer = desk.post(f"/department/tasks/{task['id']}/complete", json={"document": empty})
    assert "empty file" in _refused(answer)
    # Refused before anything changed: the task is still there to complete properly.
    assert desk.get("/department/tasks", params={"state": "ready"}).status_code == 200


def test_file_names_lose_their_path_and_may_not_carry_line_breaks(kiosk, hub_unsealed):
    body = _with_first_material(file_name="../../etc/passwd")
    number = submitted_with(kiosk, body)
    with Session(hub_unsealed.engine) as s:
        stored = s.scalars(
            select(Document.file_name)
            .join(Application)
            .where(
                Application.acceptance_number == number,
                Document.material_id == "registration-form",
            )
        ).one()
    assert stored == "passwd"
    for name in ("form\r\nSet-Cookie: x=1.pdf", "form\u202egpj.pdf", "../", "\u200b"):
        message = _refused(submit(kiosk, _with_first_material(file_name=name)))
        assert message.startswith("materials.0.file_name: "), (name, message)


def submitted_with(kiosk: Caller, body: dict) -> str:
    answer = submit(kiosk, body)
    assert answer.status_code == 201, answer.text
    return answer.json()["acceptance_number"]


# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "   ",  # empty once trimmed
        "\u200b\u200b",  # zero-width spaces: nothing visible
        "\u3164\u3164",  # Hangul fillers: letters that draw nothing
        "\u202e燕晓林",  # a right-to-left override: reads as something else
        "林\u2066晓燕",  # a bidi isolate
        "林晓燕\n",  # trimmed, fine; but inside:
        "林\n晓燕",
    ],
)
def test_names_that_are_empty_invisible_or_carry_bidi_controls_are_refused(kiosk, name):
    answer = submit(kiosk, birth_application(applicant={"number": MOTHER, "name": name}))
    if name == "林晓燕\n":
        assert answer.status_code == 201, answer.text
        return
    assert _refused(answer).startswith("applicant.name: "), name


@pytest.mark.parametrize("name", ["李\ue000", "王\U00031350明", "\ue000\ue001"])
def test_a_card_holders_rare_character_is_part_of_a_name(kiosk, name):
    # What a card read (kiosk.text.card_text): an issuer's own character for a rare name, or one
    # newer than the hub's Unicode tables. Refusing it left the application in the outbox.
    submitted_with(kiosk, birth_application(applicant={"number": MOTHER, "name": name}))


def test_a_noncharacter_is_not_part_of_a_name(kiosk):
    answer = submit(kiosk, birth_application(applicant={"number": MOTHER, "name": "李\uffff"}))
    assert _refused(answer).startswith("applicant.name: ")


def test_names_are_stored_in_nfc(kiosk, hub_unsealed):
    decomposed = "Ame\u0301lie " + uuid.uuid4().hex[:6]  # e + combining acute
    assert not unicodedata.is_normalized("NFC", decomposed)
    body = birth_application(applicant={"number": MOTHER, "name": decomposed})
    body["form"]["spouse-name"] = "Jose\u0301"
    number = submitted_with(kiosk, body)
    with Session(hub_unsealed.engine) as s:
        row = s.scalars(select(Application).where(Application.acceptance_number == number)).one()
    assert row.applicant_name == unicodedata.normalize("NFC", decomposed)
    assert row.form["spouse-name"] == "José"


def test_a_name_field_of_the_form_is_checked_as_a_name(kiosk):
    body = birth_application()
    body["form"]["spouse-name"] = "\u202e国建陈"
    message = _refused(submit(kiosk, body), "invalid_field")
    assert message.startswith("form.spouse-name: 配偶姓名 contains a text-direction control")


# -- what the one-thing requires -----------------------------------------------------------------


def test_an_application_missing_what_the_one_thing_requires_is_refused(kiosk):
    body = birth_application()
    del body["form"]["child-birth-date"], body["form"]["phone"]
    message = _refused(submit(kiosk, body), "missing_field")
    assert "孩子出生日期 (child-birth-date)" in message and "联系电话 (phone)" in message

    body = birth_application()
    body["form"]["child-name"] = "   "
    assert "child-name" in _refused(submit(kiosk, body), "missing_field")

    no_photo = birth_application()
    del no_photo["materials"][1]
    message = _refused(submit(kiosk, no_photo), "missing_material")
    assert "photo" in message and "出生一件事" in message

    no_signature = birth_application()
    del no_signature["materials"][2]
    assert "signature" in _refused(submit(kiosk, no_signature), "missing_material")


def test_form_answers_and_uploads_are_of_the_one_thing(kiosk):
    body = birth_application()
    body["form"]["favourite-colour"] = "blue"
    message = _refused(submit(kiosk, body), "unknown_field")
    assert message.startswith("form.favourite-colour: the form of '出生一件事' has no such field")

    for field, value, words in (
        ("phone", "12345", "联系电话 is not a phone number"),
        ("child-birth-date", "2099-01-01", "is a date in the future"),
        ("child-birth-date", "yesterday", "is not a date"),
        ("relation", "邻居", "is not one of the options: 母亲, 父亲"),
        ("applicant-id-number", "330106199403120624", "is not a valid resident ID number"),
    ):
        body = birth_application()
        body["form"][field] = value
        message = _refused(submit(kiosk, body), "invalid_field")
        assert message.startswith(f"form.{field}: ") and words in message, message

    stranger = birth_application()
    stranger["materials"].append({**stranger["materials"][0], "material_id": "passport"})
    message = _refused(submit(kiosk, stranger), "unknown_material")
    assert message.startswith("materials.3.material_id: 'passport' is not a material of")


def test_delivery_by_post_needs_an_address(kiosk):
    for address in ("", "   "):
        body = birth_application(delivery={"method": "post", "address": address})
        message = _refused(submit(kiosk, body), "missing_address")
        assert message.startswith("delivery.address: the result is to go by post")
    body = birth_application(delivery={"method": "post", "address": "杭州市西湖区文三路 100 号"})
    assert submit(kiosk, body).status_code == 201


# -- strict types --------------------------------------------------------------------------------


def test_numbers_and_booleans_are_json_numbers_and_booleans(kiosk, admin):
    beat = {"app_version": "1.0", "outbox_pending": "7"}
    assert _refused(kiosk.post("/kiosks/heartbeat", json=beat)).startswith("outbox_pending")
    beat = {"app_version": "1.0", "outbox_pending": 7.5}
    _refused(kiosk.post("/kiosks/heartbeat", json=beat))
    number = submitted(kiosk)["acceptance_number"]
    _refused(kiosk.post(f"/applications/{number}/rating", json={"level": "5"}))
    consent = lookup_body(MOTHER)
    consent["consent"]["given"] = "true"
    _refused(kiosk.post("/sharing/lookup", json=consent))
    catalog = kiosk.get("/catalog").json()
    catalog["onethings"][0]["time_limit_days"] = str(catalog["onethings"][0]["time_limit_days"])
    status, code, message = error_of(admin.call("PUT", "/admin/catalog", json=catalog))
    assert (status, code) == (422, "catalog_problems") and "time_limit_days" in message


# -- size, before the body is read ----------------------------------------------------------------


def _raw_post(url: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, float]:
    """Send the headers and a little of the body, never the rest: (status, seconds to answer).
    A hub that waited for the whole declared body would never answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as s:
        head = f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        started = time.monotonic()
        s.sendall(head.encode() + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1]), time.monotonic() - started


def test_large_bodies_are_only_for_the_credential_they_are_for(hub, kiosk, department):
    huge = {"Content-Type": "application/json", "Content-Length": str(104 * 1024 * 1024)}
    # Nobody, a stranger and the wrong kind of credential: 413 at once, by the declared length.
    for authorization in ("", "Bearer yk_forged", f"Bearer {department('police').token}"):
        headers = huge | ({"Authorization": authorization} if authorization else {})
        status, seconds = _raw_post(hub.url, "/v1/applications", headers, b'{"onething_id"')
        assert status == 413 and seconds < 5, authorization
    # Without a declared length, the stream is cut at OTHER_BYTES.
    chunks = (b" " * 65536 for _ in range(4 * OTHER_BYTES // 65536))
    answer = Caller(hub.url, "yk_forged").post(
        "/applications", data=chunks, headers={"Content-Type": "application/json"}
    )
    assert error_of(answer)[:2] == (413, "too_large")
    # The kiosk itself may send an application larger than that.
    pdf = PDF + b"%" + b"x" * (2 * OTHER_BYTES) + b"\n"
    answer = submit(kiosk, _with_first_material(data_base64=base64.b64encode(pdf).decode()))
    assert answer.status_code == 201, answer.text[:300]
