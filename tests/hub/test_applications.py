"""Submitting applications: idempotent per kiosk and key, readable acceptance numbers,
working-day due dates, materials kept."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central.calendar import load_calendar
from central.tables import Application, Document
from tests.hub.data import PDF, birth_application, error_of, submit

CALENDAR = load_calendar()


def _rows(hub_db, key: str) -> int:
    with hub_db.connect() as c:
        return c.execute(
            text("SELECT count(*) FROM applications WHERE idempotency_key = :k"), {"k": key}
        ).scalar_one()


def test_a_new_application_is_accepted_with_its_plan(kiosk, hub_unsealed):
    answer = submit(kiosk)
    assert answer.status_code == 201
    view = answer.json()
    number = view["acceptance_number"]
    assert re.fullmatch(r"YJS-\d{8}-\d{6}", number)
    submitted_on = date.fromisoformat(number[4:8] + "-" + number[8:10] + "-" + number[10:12])
    assert view["state"] == "accepted" and view["reason"] == "" and view["documents"] == []
    assert date.fromisoformat(view["due_date"]) == CALENDAR.add_working_days(submitted_on, 4)
    steps = [(i["item_id"], i["unit"], i["state"], i["due_date"]) for i in view["items"]]
    due = [CALENDAR.add_working_days(submitted_on, n).isoformat() for n in (1, 2, 3, 4)]
    assert steps == [
        ("birth-certificate", "midwifery", "in_progress", due[0]),
        ("vaccination-certificate", "midwifery", "in_progress", due[0]),
        ("household-registration", "police", "waiting", due[1]),
        ("medical-insurance-enrolment", "medical-insurance", "waiting", due[2]),
        ("maternity-benefits", "medical-insurance", "waiting", due[2]),
        ("social-security-card", "hrss", "waiting", due[3]),
    ]
    with Session(hub_unsealed.engine) as s:
        stored = s.scalars(
            select(Document)
            .join(Application)
            .where(
                Application.acceptance_number == number,
                Document.material_id == "registration-form",
            )
        ).one()
    assert hub_unsealed.documents.get(stored.id) == PDF
    assert stored.file_name == "出生一件事办理登记表.pdf"


def test_acceptance_numbers_are_unique_and_count_up(kiosk):
    numbers = [submit(kiosk).json()["acceptance_number"] for _ in range(3)]
    assert len(set(numbers)) == 3
    assert numbers == sorted(numbers)


def test_a_replay_answers_the_same_application_once(kiosk, hub_db):
    key = uuid.uuid4().hex
    first = submit(kiosk, key=key)
    again = submit(kiosk, key=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["acceptance_number"] == first.json()["acceptance_number"]
    # The same content with its JSON written differently is the same request.
    spaced = kiosk.post(
        "/applications",
        data=first.request.body.decode().replace(",", " ,  ").encode(),
        headers={"Idempotency-Key": key, "Content-Type": "application/json"},
    )
    assert spaced.status_code == 200
    assert _rows(hub_db, key) == 1


def test_simultaneous_retries_make_one_application(kiosk, hub_db):
    key = uuid.uuid4().hex
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: submit(kiosk, key=key), range(6)))
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    assert len({a.json()["acceptance_number"] for a in answers}) == 1
    assert _rows(hub_db, key) == 1


def test_the_same_key_with_other_content_is_a_conflict(kiosk, hub_db):
    key = uuid.uuid4().hex
    number = submit(kiosk, key=key).json()["acceptance_number"]
    other = birth_application(terminal="自助终端 02")
    status, code, message = error_of(submit(kiosk, other, key=key))
    assert (status, code) == (409, "idempotency_conflict")
    assert number in message
    assert _rows(hub_db, key) == 1


def test_keys_belong_to_their_kiosk(kiosk, other_kiosk):
    key = uuid.uuid4().hex
    mine = submit(kiosk, key=key).json()["acceptance_number"]
    theirs = submit(other_kiosk, key=key)
    assert theirs.status_code == 201
    assert theirs.json()["acceptance_number"] != mine


def test_ratings_once_with_reasons_for_bad_ones_and_no_rater(kiosk, hub_db):
    number = submit(kiosk).json()["acceptance_number"]
    bad = kiosk.post(f"/applications/{number}/rating", json={"level": 2})
    status, code, message = error_of(bad)
    assert (status, code) == (422, "invalid_request") and "needs at least one reason" in message
    rated = kiosk.post(
        f"/applications/{number}/rating", json={"level": 2, "reasons": ["等待时间长"]}
    )
    assert rated.status_code == 201
    assert rated.json()["acceptance_number"] == number and rated.json()["level"] == 2
    again = kiosk.post(f"/applications/{number}/rating", json={"level": 5})
    assert error_of(again)[:2] == (409, "already_rated")
    with hub_db.connect() as c:
        columns = set(c.execute(text("SELECT * FROM ratings LIMIT 0")).keys())
    assert columns == {"id", "application_id", "level", "reasons", "comment", "rated_at", "bad"}
    out_of_range = kiosk.post(f"/applications/{number}/rating", json={"level": 6})
    assert error_of(out_of_range)[:2] == (422, "invalid_request")


def test_the_face_check_is_recorded_as_a_band_and_liveness_only(kiosk, hub_unsealed):
    body = birth_application(face_check={"band": "strong", "liveness": True})
    answer = submit(kiosk, body)
    assert answer.status_code == 201, answer.text
    number = answer.json()["acceptance_number"]
    plain = submit(kiosk)  # a kiosk without the check: nothing recorded
    with Session(hub_unsealed.engine) as s:
        checked = s.scalars(select(Application).where(Application.acceptance_number == number))
        # An older kiosk's check, without the sample flag: recorded as made with a real photo.
        assert checked.one().face_check == {
            "band": "strong",
            "liveness": True,
            "sample_reference": False,
        }
        other = plain.json()["acceptance_number"]
        row = s.scalars(select(Application).where(Application.acceptance_number == other)).one()
        assert row.face_check is None
    # A distance or a descriptor has no place in the message.
    refused = submit(kiosk, birth_application(face_check={"band": "strong", "distance": 0.3}))
    assert refused.status_code == 422


def test_a_face_check_against_the_sandbox_s_sample_photo_is_recorded_as_such(kiosk, hub_unsealed):
    check = {"band": "match", "liveness": True, "sample_reference": True}
    answer = submit(kiosk, birth_application(face_check=check))
    assert answer.status_code == 201, answer.text
    number = answer.json()["acceptance_number"]
    with Session(hub_unsealed.engine) as s:
        row = s.scalars(select(Application).where(Application.acceptance_number == number)).one()
        assert row.face_check == check
