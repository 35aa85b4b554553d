"""Enrolment and the boundaries between credentials: every endpoint needs one, a kiosk
sees only its own applications, a department only its own unit's tasks, and only the admin
administers."""

from __future__ import annotations

import requests

from tests.hub.data import error_of, lookup_body, submitted
from tests.hub.fixtures import Caller


def test_an_enrolment_code_works_once(hub, admin):
    code = admin.post("/admin/kiosks", json={"kiosk_id": "enrol-once", "name": "一号机"})
    assert code.status_code == 201
    body = {"kiosk_id": "enrol-once", "enrolment_code": code.json()["enrolment_code"]}
    first = requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10)
    assert first.status_code == 200 and first.json()["token"].startswith("yk_")
    again = requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10)
    assert error_of(again)[:2] == (401, "invalid_enrolment_code")
    # The token from the first enrolment works.
    kiosk = Caller(hub.url, first.json()["token"])
    beat = {"app_version": "0.1.0", "outbox_pending": 0}
    assert kiosk.post("/kiosks/heartbeat", json=beat).status_code == 204


def test_a_wrong_code_or_kiosk_is_refused_the_same_way(hub, admin):
    code = admin.post("/admin/kiosks", json={"kiosk_id": "enrol-wrong", "name": "二号机"})
    wrong = {"kiosk_id": "enrol-wrong", "enrolment_code": "AAAA-BBBB-CCCC-DDDD"}
    unknown = {"kiosk_id": "nobody", "enrolment_code": code.json()["enrolment_code"]}
    for body in (wrong, unknown):
        answer = requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10)
        assert error_of(answer)[:2] == (401, "invalid_enrolment_code")
    duplicate = admin.post("/admin/kiosks", json={"kiosk_id": "enrol-wrong", "name": "again"})
    assert error_of(duplicate)[:2] == (409, "kiosk_exists")


def test_no_credential_or_an_unknown_one_is_401(hub):
    for headers in ({}, {"Authorization": "Bearer yk_forged"}, {"Authorization": "Basic eDp5"}):
        for method, path in (
            ("GET", "/catalog"),
            ("GET", "/admin/kiosks"),
            ("GET", "/department/tasks"),
            ("POST", "/kiosks/heartbeat"),
        ):
            answer = requests.request(method, f"{hub.url}/v1{path}", headers=headers, timeout=10)
            assert error_of(answer)[:2] == (401, "unauthorized"), (method, path, headers)
            assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_kiosk_cannot_administer_and_a_department_cannot_act_as_a_kiosk(kiosk, department):
    status, code, message = error_of(kiosk.get("/admin/kiosks"))
    assert (status, code) == (403, "forbidden") and "admin" in message
    assert error_of(kiosk.post("/admin/kiosks", json={"kiosk_id": "x", "name": "x"}))[0] == 403
    assert error_of(kiosk.get("/department/tasks"))[0] == 403
    police = department("police")
    assert (
        error_of(police.post("/sharing/lookup", json=lookup_body("330106199403120623")))[0] == 403
    )
    assert error_of(police.get("/admin/kiosks"))[0] == 403


def test_a_kiosk_sees_only_its_own_applications_and_documents(kiosk, other_kiosk, department):
    view = submitted(kiosk)
    number = view["acceptance_number"]
    assert kiosk.get(f"/applications/{number}").status_code == 200
    status, code, _ = error_of(other_kiosk.get(f"/applications/{number}"))
    assert (status, code) == (404, "not_found")
    rating = other_kiosk.post(f"/applications/{number}/rating", json={"level": 5})
    assert error_of(rating)[:2] == (404, "not_found")

    midwifery = department("midwifery")
    [task] = [
        t for t in midwifery.get("/department/tasks").json() if t["acceptance_number"] == number
    ]
    pdf = {"file_name": "r.pdf", "content_type": "application/pdf", "data_base64": "JVBERi0xLjQ="}
    midwifery.post(f"/department/tasks/{task['id']}/complete", json={"document": pdf})
    [document] = kiosk.get(f"/applications/{number}").json()["documents"]
    assert kiosk.get(f"/documents/{document['id']}").content == b"%PDF-1.4"
    assert error_of(other_kiosk.get(f"/documents/{document['id']}"))[:2] == (404, "not_found")
    # A department of the application's flow may read it, one outside the flow may not.
    assert department("police").get(f"/documents/{document['id']}").status_code == 200
    assert error_of(department("education").get(f"/documents/{document['id']}"))[0] == 404


def test_a_department_sees_and_acts_on_its_own_units_tasks_only(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    midwifery, police = department("midwifery"), department("police")
    mine = [
        t for t in midwifery.get("/department/tasks").json() if t["acceptance_number"] == number
    ]
    assert [t["unit"] for t in mine] == ["midwifery"]
    theirs = police.get("/department/tasks").json()
    assert all(t["unit"] == "police" for t in theirs)
    task_id = mine[0]["id"]
    answer = police.post(f"/department/tasks/{task_id}/claim", json={"handler": "officer-1"})
    assert error_of(answer)[:2] == (404, "not_found")


def test_department_credentials_only_for_units_of_the_catalog(admin):
    answer = admin.post("/admin/departments/no-such-unit/credentials")
    status, code, message = error_of(answer)
    assert (status, code) == (404, "unknown_unit") and "midwifery" in message
    made = admin.post("/admin/departments/police/credentials")
    assert made.status_code == 201 and made.json()["unit"] == "police"
    assert made.json()["token"].startswith("yd_")
