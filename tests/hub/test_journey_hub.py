"""The hub's side of the resident journey (issue #9): materials from data sharing referenced
by their consent record, written commitments with their signature, the offline receipt's
local number, a person's applications from any kiosk, the public progress page, and
`rated`. Over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from datetime import UTC, date, datetime

import pytest
import requests
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central import at_rest
from central.db import Database
from central.process import HubProcess
from central.settings import Settings
from central.tables import Application, Commitment, Document
from kiosk.codes import new_progress_token
from kiosk.contract import (
    Applicant,
    ApplicationState,
    ApplicationSubmit,
    BookingRequest,
    CardEvidence,
    RatingRequest,
    SubjectType,
)
from kiosk.hubclient import HubClient, HubError, HubSettings
from kiosk.local_number import make_local_number
from tests.hub.data import (
    BIRTH_SHARED,
    FATHER,
    GRADUATE,
    MOTHER,
    REPRESENTATIVE,
    SIGNATURE_PNG,
    birth_application,
    card_of,
    consent_id,
    error_of,
    fresh_id_number,
    search_body,
    shared_refs,
    signature_upload,
    submit,
    unemployment_application,
)
from tests.hub.fixtures import enrol

NEW_VIEW_FIELDS = {"shared", "commitments", "local_number", "rated", "fingerprint_check"}


def _local(kiosk, n: int | None = None) -> str:
    return make_local_number(kiosk.name, date.today(), n or uuid.uuid4().int % 1_000_000)


def _created(kiosk, body) -> dict:
    answer = submit(kiosk, body)
    assert answer.status_code == 201, answer.text
    return answer.json()


# -- shared materials ------------------------------------------------------------------------


def test_shared_materials_are_referenced_by_this_kiosks_lookup(kiosk, hub_db):
    refs = shared_refs(consent_id(kiosk))
    view = _created(kiosk, birth_application(shared=refs))
    assert view["shared"] == refs
    again = kiosk.get(f"/applications/{view['acceptance_number']}").json()
    assert again["shared"] == refs and "rated" not in again  # not rated: left out
    with hub_db.connect() as c:
        stored = c.execute(
            text(
                "SELECT s.material_id, s.record_kind FROM application_shared s JOIN "
                "applications a ON a.id = s.application_id WHERE a.acceptance_number = :n "
                "ORDER BY s.id"
            ),
            {"n": view["acceptance_number"]},
        ).all()
    assert [tuple(r) for r in stored] == [(r["material_id"], r["record_kind"]) for r in refs]


def test_shared_materials_need_a_lookup_of_the_applicant_by_this_kiosk(kiosk, other_kiosk):
    theirs = consent_id(other_kiosk)
    status, code, message = error_of(submit(kiosk, birth_application(shared=shared_refs(theirs))))
    assert (status, code) == (422, "unknown_consent")
    assert message.startswith("shared[0].consent_id:") and "look the applicant up again" in message

    fathers = consent_id(kiosk, FATHER)
    status, code, message = error_of(submit(kiosk, birth_application(shared=shared_refs(fathers))))
    assert (status, code) == (422, "consent_mismatch") and "other than the applicant" in message
    assert FATHER not in message and MOTHER not in message

    for_another_purpose = consent_id(kiosk, purpose="company-deregistration")
    answer = submit(kiosk, birth_application(shared=shared_refs(for_another_purpose)))
    assert error_of(answer)[:2] == (422, "consent_mismatch")

    mine = consent_id(kiosk)
    not_shared = [{"material_id": "registration-form", "consent_id": mine, "record_kind": "x"}]
    answer = submit(kiosk, birth_application(shared=not_shared, materials=[]))
    status, code, message = error_of(answer)
    assert (status, code) == (422, "unknown_material") and "registration-form" in message

    # Provided by sharing and uploaded as well is one way too many (the contract says so).
    both = [{"material_id": "registration-form", "consent_id": mine, "record_kind": "x"}]
    status, code, message = error_of(submit(kiosk, birth_application(shared=both)))
    assert (status, code) == (422, "invalid_request") and "one way only" in message


# -- written commitments -----------------------------------------------------------------------


def test_a_commitment_is_stored_with_its_text_and_signature(kiosk, hub_unsealed):
    view = _created(kiosk, unemployment_application())
    assert view["commitments"] == ["job-seeking-commitment"]
    with Session(hub_unsealed.engine) as s:
        commitment, document = s.execute(
            select(Commitment, Document)
            .join(Application, Application.id == Commitment.application_id)
            .join(Document, Document.id == Commitment.signature_document_id)
            .where(Application.acceptance_number == view["acceptance_number"])
        ).one()
    assert commitment.text.startswith("本人承诺：目前处于无业状态")
    assert hub_unsealed.documents.get(document.id) == SIGNATURE_PNG
    assert document.content_type == "image/png"


def test_a_commitment_needs_its_signature_uploaded_as_png(kiosk):
    no_signature = unemployment_application(materials=[])
    status, code, message = error_of(submit(kiosk, no_signature))
    assert (status, code) == (422, "invalid_request")
    assert "commitments[0].signature_material_id" in message and "'signature'" in message

    jpeg = unemployment_application(materials=[signature_upload(b"\xff\xd8\xff", "image/jpeg")])
    status, code, message = error_of(submit(kiosk, jpeg))
    assert (status, code) == (422, "invalid_request") and "PNG" in message

    # A GIF declared as PNG: the contract reads the file's first bytes (kiosk.text.MAGIC).
    not_png = unemployment_application(materials=[signature_upload(b"GIF89a")])
    status, code, message = error_of(submit(kiosk, not_png))
    assert (status, code) == (422, "invalid_request")
    assert message.startswith("materials.0.data_base64: is declared as image/png but its")

    # Only a material the catalog lets a commitment replace.
    wrong = unemployment_application()
    wrong["commitments"][0]["material_id"] = "application-form"
    assert error_of(submit(kiosk, wrong))[:2] == (422, "unknown_material")


# -- the offline receipt's local number ----------------------------------------------------------


def test_a_local_number_finds_its_application_from_any_kiosk(kiosk, other_kiosk):
    local = _local(kiosk)
    key = uuid.uuid4().hex
    body = birth_application(local_number=local)
    view = submit(kiosk, body, key=key).json()
    assert view["local_number"] == local
    for caller in (kiosk, other_kiosk):
        found = caller.get(f"/applications/{local}")
        assert found.status_code == 200
        assert found.json()["acceptance_number"] == view["acceptance_number"]
    assert submit(kiosk, body, key=key).status_code == 200  # a retry is a replay
    status, code, message = error_of(submit(kiosk, body))  # another key, the same number
    assert (status, code) == (409, "local_number_taken") and view["acceptance_number"] in message
    unknown = other_kiosk.get(f"/applications/{_local(kiosk)}")
    assert error_of(unknown)[:2] == (404, "not_found")


def test_a_local_number_names_the_kiosk_that_printed_it(kiosk, other_kiosk):
    status, code, message = error_of(
        submit(kiosk, birth_application(local_number=_local(other_kiosk)))
    )
    assert (status, code) == (422, "local_number_mismatch") and kiosk.name in message
    malformed = submit(kiosk, birth_application(local_number="L-x-2026"))
    assert error_of(malformed)[:2] == (422, "invalid_request")


# -- a person's applications ---------------------------------------------------------------------


def test_search_finds_a_persons_applications_from_every_kiosk_newest_first(
    kiosk, other_kiosk, department, hub_db
):
    # Sample residents with a card on file, whom no other test applies for.
    person, someone_else = GRADUATE, "330110197806200535"
    applicant = {"number": person, "name": "测试居民"}
    first = _created(kiosk, birth_application(applicant=applicant))["acceptance_number"]
    second = _created(other_kiosk, birth_application(applicant=applicant))["acceptance_number"]
    _created(kiosk, birth_application(applicant={"number": someone_else, "name": "别人"}))

    found = kiosk.post("/applications/search", json=search_body(person))
    assert found.status_code == 200
    assert [v["acceptance_number"] for v in found.json()] == [second, first]
    assert found.json()[0]["state"] == "accepted" and found.json()[0]["items"]
    nobody = kiosk.post("/applications/search", json=search_body(REPRESENTATIVE))
    assert nobody.status_code == 200 and nobody.json() == []
    with hub_db.connect() as c:
        searches = c.execute(
            text(
                "SELECT purpose, records_found FROM consent_records "
                "WHERE kiosk_id = :k AND action = 'search' ORDER BY created_at"
            ),
            {"k": kiosk.name},
        ).all()
    assert [tuple(r) for r in searches] == [("progress_query", 2), ("progress_query", 0)]

    typo = "1" if person[-1] != "1" else "2"  # the wrong check character
    status, code, message = error_of(
        kiosk.post("/applications/search", json=search_body(person, number=person[:-1] + typo))
    )
    assert (status, code) == (422, "invalid_request") and message.startswith("number:")
    police = department("police")
    assert error_of(police.post("/applications/search", json=search_body(person)))[0] == 403


# -- rating ------------------------------------------------------------------------------------


def test_rated_says_whether_a_rating_exists(kiosk):
    number = submit(kiosk).json()["acceptance_number"]
    assert "rated" not in kiosk.get(f"/applications/{number}").json()  # left out: false
    kiosk.post(f"/applications/{number}/rating", json={"level": 5})
    assert kiosk.get(f"/applications/{number}").json()["rated"] is True


# -- kiosks that predate the journey ---------------------------------------------------------------


def test_an_old_style_submission_is_accepted_and_answered_as_before(kiosk, hub_db):
    body = birth_application()
    answer = submit(kiosk, body)
    assert answer.status_code == 201
    old_fields = {
        "acceptance_number",
        "onething_id",
        "situation_id",
        "state",
        "submitted_at",
        "due_date",
        "items",
        "documents",
        "reason",
    }
    assert set(answer.json()) == old_fields  # an old kiosk refuses fields it does not know
    # The request hash is the one the hub made before these fields existed, so that a retry
    # sent across a hub upgrade is still recognised.
    canonical = json.dumps(
        ApplicationSubmit.model_validate(body).model_dump(
            mode="json",
            exclude={
                "shared",
                "commitments",
                "local_number",
                "progress_token",
                "fingerprint_check",
            },
        ),
        sort_keys=True,
        ensure_ascii=False,
    )
    with hub_db.connect() as c:
        stored = c.execute(
            text("SELECT request_hash FROM applications WHERE acceptance_number = :n"),
            {"n": answer.json()["acceptance_number"]},
        ).scalar_one()
    assert stored == hashlib.sha256(canonical.encode()).hexdigest()


# -- the public progress page --------------------------------------------------------------------


def _page(hub, address: str) -> requests.Response:
    return requests.get(f"{hub.url}/p/{address}", timeout=10)


def test_the_progress_page_shows_the_items_and_nothing_personal(hub, kiosk, department):
    token = new_progress_token()
    body = birth_application(shared=shared_refs(consent_id(kiosk)), progress_token=token)
    view = _created(kiosk, body)
    number = view["acceptance_number"]
    midwifery = department("midwifery")
    [task] = [
        t for t in midwifery.get("/department/tasks").json() if t["acceptance_number"] == number
    ]
    midwifery.post(f"/department/tasks/{task['id']}/complete", json={})
    page = _page(hub, token)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.text
    assert '<meta name="viewport"' in html and "<script" not in html and "http" not in html
    assert "出生" in html and number in html and view["due_date"] in html
    assert "出生医学证明办理" in html and "户口登记" in html
    assert "已办结" in html and "正在办理" in html and "等待办理" in html
    assert "Done" in html and "In progress" in html and "Waiting" in html
    for personal in (
        "林晓燕",
        MOTHER,
        MOTHER[-4:],
        "陈小宝",  # the baby's name on the form
        "文三路",  # the address from data sharing
        "陈志远",
    ):
        assert personal not in html


def test_the_acceptance_number_alone_shows_nothing(hub, kiosk, hub_db):
    """Acceptance numbers follow each other: counting through them must reveal nothing, not
    even whether a number exists. Neither does the local number of an offline receipt."""
    local = _local(kiosk)
    token = new_progress_token()
    number = _created(kiosk, birth_application(local_number=local, progress_token=token))[
        "acceptance_number"
    ]
    never = "YJS-20000101-999999"
    pages = [_page(hub, n) for n in (number, local, never)]
    assert [p.status_code for p in pages] == [404, 404, 404]
    assert pages[0].text == pages[2].text  # an existing number looks like a missing one
    for page in pages:
        assert "请扫描回执上的二维码" in page.text and "出生" not in page.text
        assert number not in page.text
    assert _page(hub, token).status_code == 200
    # The hub keeps a hash of the token, not the token.
    with hub_db.connect() as c:
        stored = c.execute(
            text("SELECT progress_token_hash FROM applications WHERE acceptance_number = :n"),
            {"n": number},
        ).scalar_one()
    assert stored == hashlib.sha256(token.encode()).hexdigest()


def test_the_progress_page_of_a_returned_application_keeps_the_reason_private(
    hub, kiosk, department
):
    token = new_progress_token()
    number = submit(kiosk, birth_application(progress_token=token)).json()["acceptance_number"]
    midwifery = department("midwifery")
    [task] = [
        t for t in midwifery.get("/department/tasks").json() if t["acceptance_number"] == number
    ]
    reason = "林晓燕的出生医学证明信息与登记表不一致"
    midwifery.post(f"/department/tasks/{task['id']}/return", json={"reason": reason})
    html = _page(hub, token).text
    assert "已退回补正" in html and reason not in html and "林晓燕" not in html


def test_a_token_not_yet_delivered_or_made_up_gets_a_friendly_page(hub, kiosk):
    """An offline receipt's QR code works before its application arrives: the page says
    it comes once the kiosk is back online, and then shows it."""
    token = new_progress_token()
    for address in (token, "nonsense", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        page = _page(hub, address)
        assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")
        assert "没有找到这份申请" in page.text and "联网后自动送达" in page.text
        assert "<script>" not in page.text
    _created(kiosk, birth_application(local_number=_local(kiosk), progress_token=token))
    assert _page(hub, token).status_code == 200


def test_a_progress_token_is_checked_by_the_contract(kiosk):
    for bad in ("short", "x" * 65, "has space in it 12345678", "YJS-20261125-000001"):
        status, code, message = error_of(submit(kiosk, birth_application(progress_token=bad)))
        assert (status, code) == (422, "invalid_request") and message.startswith("progress_token")


def test_the_progress_pages_have_a_rate_per_address(tmp_path):
    limited = HubProcess(tmp_path / "hub", settings={"progress_pages_per_minute": 5}).start()
    try:
        statuses = [_page(limited, new_progress_token()).status_code for _ in range(7)]
        assert statuses == [404] * 5 + [429] * 2
        held = _page(limited, new_progress_token())
        assert "请稍后再试" in held.text and held.headers["Retry-After"] == "60"
    finally:
        limited.stop()


# -- the kiosk's client, end to end with the sandbox's departments ---------------------------------


def test_the_journey_through_the_kiosks_client_with_the_auto_handler(auto_hub):
    caller = enrol(auto_hub, "journey")
    client = HubClient(HubSettings(auto_hub.url), caller.token)
    elsewhere = HubClient(HubSettings(auto_hub.url), enrol(auto_hub, "elsewhere").token)
    person = {"number": MOTHER, "name": "林晓燕"}
    local = _local(caller)
    body = birth_application(
        applicant=person,
        materials=[*birth_application()["materials"], signature_upload()],
        shared=shared_refs(consent_id(caller)),
        local_number=local,
    )
    view = client.submit_application(json.dumps(body).encode(), uuid.uuid4().hex)
    assert [s.material_id for s in view.shared] == list(BIRTH_SHARED)
    deadline = time.monotonic() + 10
    while (view := elsewhere.application(local)).state != ApplicationState.COMPLETED:
        assert time.monotonic() < deadline, f"not completed in 10 s: {view}"
        time.sleep(0.2)
    assert len(view.documents) == 4 and {i.state for i in view.items} == {"done"}
    card = CardEvidence.model_validate(card_of(MOTHER))
    mine = elsewhere.applications_of(SubjectType.PERSON, MOTHER, card)
    assert mine[0].acceptance_number == view.acceptance_number and not mine[0].rated
    client.rate(view.acceptance_number, RatingRequest(level=5))
    assert client.application(view.acceptance_number).rated
    assert elsewhere.applications_of(SubjectType.PERSON, MOTHER, card)[0].rated
    with pytest.raises(HubError) as again:
        client.rate(view.acceptance_number, RatingRequest(level=4))
    assert again.value.code == "already_rated" and not again.value.retryable
    with pytest.raises(ValueError):
        client.applications_of(SubjectType.PERSON, "123", card)
    # 查询打印 at another kiosk: the results print for the card holder, and nobody else;
    # another kiosk's application shows progress only, not the departments' reasons.
    result = view.documents[0].id
    kind, pdf = elsewhere.result_for_card_holder(result, SubjectType.PERSON, MOTHER, card)
    assert kind == "application/pdf" and pdf.startswith(b"%PDF")
    retiree = "11010519491231002X"
    with pytest.raises(HubError) as nobody:
        elsewhere.result_for_card_holder(
            result, SubjectType.PERSON, retiree, CardEvidence.model_validate(card_of(retiree))
        )
    assert nobody.value.status == 404
    with pytest.raises(HubError):
        elsewhere.document(result)  # without the card: only the kiosk that applied


# -- the migration, on a database that already holds applications --------------------------------


def test_the_migration_hashes_the_applicants_of_existing_applications(empty_database, tmp_path):
    db = Database(empty_database)
    db.migrate(to="0001")
    now = datetime.now(UTC)
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO hub_secrets VALUES ('subject_key', 'k3y')"))
        c.execute(
            text(
                "INSERT INTO kiosks (id, name, created_at, app_version, catalog_version, "
                "outbox_pending, devices) VALUES ('k1', 'k1', :t, '', '', 0, '[]')"
            ),
            {"t": now},
        )
        c.execute(
            text(
                "INSERT INTO applications (acceptance_number, kiosk_id, idempotency_key, "
                "request_hash, catalog_etag, onething_id, situation_id, applicant_type, "
                "applicant_number, applicant_name, form, delivery, accepted_by, terminal, "
                "state, reason, submitted_at, due_date) VALUES ('YJS-20260101-000001', 'k1', "
                "'key', 'h', 'e', 'birth', 'newborn', 'person', :n, 'x', '{}', '{}', "
                "'self-service', 't', 'accepted', '', :t, :d)"
            ),
            {"n": MOTHER, "t": now, "d": date(2026, 1, 5)},
        )
        c.execute(
            text(
                "INSERT INTO tasks (application_id, seq, step_id, step_name, unit, items, "
                "on_fail, state, due_date, claimed_by, reason, note) VALUES (1, 0, 's', 's', "
                "'u', '[]', 'return', 'ready', :d, '', '', '')"
            ),
            {"d": date(2026, 1, 5)},
        )
    # To the newest, with the keys that seal what is there: with rows referring to
    # applications, on both backends.
    settings = Settings(data_dir=tmp_path / "data", key_file=tmp_path / "keys" / "hub.keys")
    db.migrate(at_rest=at_rest.prepare(settings, db))
    with db.engine.connect() as c:
        row = c.execute(text("SELECT applicant_hash, local_number FROM applications")).one()
    assert row.applicant_hash == hmac.new(b"k3y", MOTHER.encode(), hashlib.sha256).hexdigest()
    assert row.local_number is None
    db.dispose()


def test_appointments_through_the_kiosks_client(hub, kiosk):
    client = HubClient(HubSettings(hub.url), kiosk.token)
    slot = next(s for s in client.slots("housing-fund-loan") if s.booked < s.capacity)
    booking = client.book(
        BookingRequest(
            slot_id=slot.id,
            onething_id="housing-fund-loan",
            applicant=Applicant(number=fresh_id_number(), name="测试居民"),
        )
    )
    assert booking.state == "booked" and booking.slot.id == slot.id
    [same] = [s for s in client.slots("housing-fund-loan", slot.day) if s.id == slot.id]
    assert same.booked == slot.booked + 1 and isinstance(same.day, date)
