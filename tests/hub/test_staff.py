"""Community staff at the hub: the registry, sign-in by card + PIN or a one-time code with
bounded wrong tries and an audit trail, help requests and the staff's live list."""

from __future__ import annotations

import re

import pytest
import requests

from kiosk.ids import id_check_character
from tests.hub.fixtures import enrol
from tests.hub.test_ctl import kioskctl

_serial = iter(range(100, 999))


def staff_number() -> str:
    first17 = f"11010819800101{next(_serial):03d}"
    return first17 + id_check_character(first17)


@pytest.fixture
def member(hub, admin):
    staff_id = f"s{next(_serial)}"
    card = staff_number()
    r = admin.post(
        "/admin/staff",
        json={
            "staff_id": staff_id,
            "name": "王丽华",
            "service_centre": "示例街道便民服务中心",
            "card_number": card,
            "pin": "2468",
        },
    )
    assert r.status_code == 201, r.text
    return staff_id, card


def test_card_and_pin_sign_in_and_the_audit_trail(hub, admin, kiosk, member):
    staff_id, card = member
    r = kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "2468"})
    assert r.status_code == 200, r.text
    view = r.json()
    assert (view["staff_id"], view["name"], view["role"]) == (staff_id, "王丽华", "helper")
    assert view["offline_until"] > view["offline_until"][:10]  # a time is given
    assert kiosk.post("/staff/sign-out", json={"staff_id": staff_id}).status_code == 204
    events = admin.get("/admin/staff-events").json()
    mine = [(e["action"], e["outcome"]) for e in events if e["staff_id"] == staff_id]
    assert ("sign_in", "ok") in mine and ("sign_out", "ok") in mine
    assert card not in str(events)


def test_wrong_pins_are_bounded_then_locked_and_an_admin_unlocks(hub, admin, kiosk, member):
    staff_id, card = member
    for left in (4, 3, 2, 1):
        r = kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "1111"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "wrong_pin"
        assert f"{left} tries left" in r.json()["error"]["message"]
        assert r.headers["X-Tries-Left"] == str(left)
    r = kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "1111"})
    assert r.status_code == 429 and "Retry-After" in r.headers
    # Locked: even the right PIN waits.
    assert (
        kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "2468"}).status_code == 429
    )
    assert admin.post(f"/admin/staff/{staff_id}/enable").status_code == 204
    assert (
        kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "2468"}).status_code == 200
    )


def test_a_disabled_member_and_an_unknown_card_are_refused_in_words(hub, admin, kiosk, member):
    staff_id, card = member
    assert admin.post(f"/admin/staff/{staff_id}/disable").status_code == 204
    r = kiosk.post("/staff/sign-in", json={"card_number": card, "pin": "2468"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "staff_disabled"
    r = kiosk.post("/staff/sign-in", json={"card_number": staff_number(), "pin": "2468"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_staff"
    # Neither a card nor a code: refused before the hub looks anything up.
    assert kiosk.post("/staff/sign-in", json={"pin": "2468"}).status_code == 422
    # Only kiosks sign staff in.
    assert admin.post("/staff/sign-in", json={"card_number": card, "pin": "2468"}).status_code in (
        401,
        403,
    )


def test_a_one_time_code_works_once(hub, admin, kiosk, member):
    staff_id, _ = member
    issued = kioskctl(hub, "staff", "code", staff_id)
    assert issued.returncode == 0, issued.stderr
    code = issued.stdout.strip()
    assert re.fullmatch(r"\d{8}", code)
    assert kiosk.post("/staff/sign-in", json={"code": code}).json()["staff_id"] == staff_id
    again = kiosk.post("/staff/sign-in", json={"code": code})
    assert again.status_code == 401 and again.json()["error"]["code"] == "wrong_code"


def test_guessing_codes_is_bounded_per_kiosk(hub):
    guesser = enrol(hub, "guesser")
    codes = [
        guesser.post("/staff/sign-in", json={"code": f"{n:08d}"}).status_code for n in range(6)
    ]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_help_request_on_the_staff_page_and_answered_back(hub, admin, kiosk):
    made = kioskctl(hub, "staff", "page", "示例街道便民服务中心")
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip()
    assert link.startswith(hub.url + "/staff/help/")
    asked = kiosk.post("/help", json={"screen": "form", "waited_s": 95})
    assert asked.status_code == 201
    help_id = asked.json()["id"]
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and kiosk.name in page.text and "马上就到" in page.text
    answered = requests.post(
        f"{link}/{help_id}/ack", data={"who": "李明"}, timeout=10, allow_redirects=False
    )
    assert answered.status_code == 303
    state = kiosk.get(f"/help/{help_id}").json()
    assert state == {"id": help_id, "acknowledged": True, "acknowledged_by": "李明"}
    assert "已应答：李明" in requests.get(link, timeout=10).text
    # Another kiosk cannot follow this kiosk's request; a made-up link shows nothing.
    assert enrol(hub, "nosy").get(f"/help/{help_id}").status_code == 404
    assert requests.get(f"{hub.url}/staff/help/{'x' * 32}", timeout=10).status_code == 404


def test_kioskctl_staff_add_and_list(hub):
    added = kioskctl(
        hub, "staff", "add", "1024", "王丽华", "示例中心", "--card", staff_number(), "--pin", "1357"
    )
    assert added.returncode == 0, added.stderr
    listed = kioskctl(hub, "staff", "list")
    assert "1024" in listed.stdout and "王丽华" in listed.stdout and "enabled" in listed.stdout
    again = kioskctl(
        hub, "staff", "add", "1024", "王丽华", "示例中心", "--card", staff_number(), "--pin", "1357"
    )
    assert again.returncode == 1 and "registered already" in again.stderr
