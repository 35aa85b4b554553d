"""Catalog downloads with ETags and publishing, data-sharing look-ups with consent records,
appointments, and heartbeats."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import text

from central.calendar import load_calendar
from kiosk.catalog.load import load_catalog
from tests.hub.data import ENTERPRISE, FATHER, MOTHER, error_of, lookup_body

CALENDAR = load_calendar()


def test_the_catalog_comes_with_an_etag_and_is_not_sent_again(kiosk):
    first = kiosk.get("/catalog")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert {o["id"] for o in first.json()["onethings"]} >= {"birth", "retirement"}
    same = kiosk.get("/catalog", headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["ETag"] == etag
    assert kiosk.get("/catalog", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_publishing_checks_the_catalog_and_keeps_versions(admin, kiosk):
    catalog = load_catalog().model_dump(mode="json")
    before = kiosk.get("/catalog").headers["ETag"]
    again = admin.call("PUT", "/admin/catalog", json=catalog)
    assert again.status_code == 200 and again.json()["etag"] == before  # no new version

    broken = json.loads(json.dumps(catalog))
    broken["onethings"][0]["materials"][0]["name"] = "其他相关材料"
    broken["onethings"][0]["lead_unit"] = "nowhere"
    status, code, message = error_of(admin.call("PUT", "/admin/catalog", json=broken))
    assert (status, code) == (422, "catalog_problems")
    assert "其他相关材料" in message and "nowhere" in message
    structural = error_of(admin.call("PUT", "/admin/catalog", json={"version": 1}))
    assert structural[:2] == (422, "catalog_problems")
    assert kiosk.get("/catalog").headers["ETag"] == before  # nothing was published

    changed = dict(catalog, version="2026.12-test")
    published = admin.call("PUT", "/admin/catalog", json=changed)
    assert published.json()["version"] == "2026.12-test"
    assert kiosk.get("/catalog", headers={"If-None-Match": before}).status_code == 200
    restored = admin.call("PUT", "/admin/catalog", json=catalog).json()
    assert restored["etag"] == before
    assert kiosk.get("/admin/catalog").status_code in (403, 405)


def test_the_newborns_parents_shared_materials_and_the_consent_records(kiosk, hub_db):
    for parent in (MOTHER, FATHER):
        answer = kiosk.post("/sharing/lookup", json=lookup_body(parent))
        assert answer.status_code == 200
        found = answer.json()
        assert found["sample_data"] is True
        assert found["number_masked"] == parent[:4] + "**********" + parent[-4:]
        kinds = {r["kind"] for r in found["records"]}
        assert kinds == {"resident_id", "household_register", "marriage_certificate"}
    # Nothing the birth one-thing needs: a found-nothing look-up, recorded all the same.
    status, code, _ = error_of(
        kiosk.post("/sharing/lookup", json=lookup_body(ENTERPRISE, "enterprise"))
    )
    assert (status, code) == (404, "no_records")
    licence = kiosk.post(
        "/sharing/lookup",
        json=lookup_body(ENTERPRISE, "enterprise", purpose="company-deregistration"),
    ).json()
    assert [r["kind"] for r in licence["records"]] == ["business_licence"]
    assert licence["records"][0]["fields"] == {"name": "杭州晨光数字科技有限公司"}

    with hub_db.connect() as c:
        rows = (
            c.execute(
                text("SELECT * FROM consent_records WHERE kiosk_id = :k ORDER BY created_at, id"),
                {"k": kiosk.name},
            )
            .mappings()
            .all()
        )
    assert len(rows) == 4  # every look-up, the one that found nothing too
    assert [r["records_found"] > 0 for r in rows].count(False) == 1
    assert [r["purpose"] for r in rows] == ["birth"] * 3 + ["company-deregistration"]
    for row in rows:
        assert row["action"] == "lookup" and row["card_type"] == "resident_id"
        assert row["method"] == "card_present" and row["text_version"] == "2026.1"
        for value in row.values():  # no column holds a whole number
            assert str(value) not in (MOTHER, FATHER, ENTERPRISE)


def test_an_answer_carries_only_what_the_form_needs(kiosk):
    """The marriage certificate on file carries the spouse's full ID number; the birth
    form needs the spouse's name, and nothing leaves the hub but that."""
    answer = kiosk.post("/sharing/lookup", json=lookup_body(MOTHER)).json()
    by_kind = {r["kind"]: r for r in answer["records"]}
    assert by_kind["marriage_certificate"]["fields"] == {"spouse_name": "陈志远"}
    assert by_kind["household_register"]["fields"] == {
        "address": "浙江省杭州市西湖区文三路478号3幢2单元501室"
    }
    assert by_kind["resident_id"]["fields"] == {}
    assert FATHER not in json.dumps(answer)


def _free_slot(kiosk, onething: str) -> dict:
    slots = kiosk.get("/appointments/slots", params={"onething_id": onething}).json()
    assert slots
    assert all(CALENDAR.is_working_day(date.fromisoformat(s["day"])) for s in slots)
    return next(s for s in slots if s["booked"] == 0)


def test_appointments_fill_up_and_cancelling_frees_a_place(kiosk, other_kiosk):
    slot = _free_slot(kiosk, "retirement")
    people = ["330102196601150170", "11010519491231002X", "330105198911020441"]

    def book(who, number):
        return who.post(
            "/appointments",
            json={
                "slot_id": slot["id"],
                "onething_id": "retirement",
                "applicant": {"number": number, "name": "样例"},
            },
        )

    bookings = [book(kiosk, n) for n in people[: slot["capacity"]]]
    assert [b.status_code for b in bookings] == [201] * slot["capacity"]
    assert bookings[-1].json()["slot"]["booked"] == slot["capacity"]
    full = book(kiosk, "330110197806200535")
    assert error_of(full)[:2] == (409, "slot_full")
    again = book(kiosk, people[0])
    assert error_of(again)[0] == 409  # already booked or full: either way not twice

    code = bookings[0].json()["code"]
    assert error_of(other_kiosk.call("DELETE", f"/appointments/{code}"))[:2] == (404, "not_found")
    cancelled = kiosk.call("DELETE", f"/appointments/{code}")
    assert cancelled.json()["state"] == "cancelled"
    assert cancelled.json()["slot"]["booked"] == slot["capacity"] - 1
    assert book(other_kiosk, "330110197806200535").status_code == 201
    listed = kiosk.get(
        "/appointments/slots", params={"onething_id": "retirement", "day": slot["day"]}
    ).json()
    assert next(s for s in listed if s["id"] == slot["id"])["booked"] == slot["capacity"]


def test_appointment_mistakes(kiosk):
    slot = _free_slot(kiosk, "birth")
    wrong = kiosk.post(
        "/appointments",
        json={
            "slot_id": slot["id"],
            "onething_id": "retirement",
            "applicant": {"number": MOTHER, "name": "林晓燕"},
        },
    )
    assert error_of(wrong)[:2] == (422, "wrong_slot")
    missing = kiosk.post(
        "/appointments",
        json={
            "slot_id": "999999",
            "onething_id": "birth",
            "applicant": {"number": MOTHER, "name": "林晓燕"},
        },
    )
    assert error_of(missing)[:2] == (404, "not_found")
    unknown = kiosk.get("/appointments/slots", params={"onething_id": "moon-landing"})
    assert error_of(unknown)[:2] == (422, "unknown_onething")
    bad_day = kiosk.get("/appointments/slots", params={"onething_id": "birth", "day": "soon"})
    status, code, message = error_of(bad_day)
    assert (status, code) == (422, "invalid_request") and message.startswith("day (query")


def test_heartbeats_are_recorded_and_listed(kiosk, admin):
    beat = {
        "app_version": "0.1.0",
        "catalog_version": "2026.11-sample",
        "outbox_pending": 3,
        "devices": [
            {"name": "printer", "status": "error", "detail": "缺纸"},
            {"name": "idreader", "status": "ready"},
        ],
    }
    assert kiosk.post("/kiosks/heartbeat", json=beat).status_code == 204
    [listed] = [k for k in admin.get("/admin/kiosks").json() if k["kiosk_id"] == kiosk.name]
    assert listed["enrolled"] and listed["last_heartbeat_at"]
    assert listed["outbox_pending"] == 3 and listed["catalog_version"] == "2026.11-sample"
    assert listed["devices"][0] == {"name": "printer", "status": "error", "detail": "缺纸"}
    bad = kiosk.post("/kiosks/heartbeat", json=beat | {"outbox_pending": -1})
    assert error_of(bad)[:2] == (422, "invalid_request")
