"""The birth flow through its four departments, and returning and rejecting with reasons."""

from __future__ import annotations

import base64
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

from central.calendar import load_calendar
from tests.hub.data import error_of, submitted
from tests.hub.fixtures import Caller

CALENDAR = load_calendar()
FLOW = ["midwifery", "police", "medical-insurance", "hrss"]
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the sandbox hub's time zone (its default)


def _task(department: Caller, number: str, state: str = "ready") -> dict:
    [task] = [
        t
        for t in department.get("/department/tasks", params={"state": state}).json()
        if t["acceptance_number"] == number
    ]
    return task


def _day(acceptance_number: str) -> date:
    """The hub reckons days in China (UTC+8), not the test machine's zone: its day of
    acceptance is the one in the acceptance number."""
    digits = acceptance_number.split("-")[1]
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def _result(name: str) -> dict:
    pdf = b"%PDF-1.4\n% result of " + name.encode() + b"\n%%EOF\n"
    return {
        "file_name": f"{name}.pdf",
        "content_type": "application/pdf",
        "data_base64": base64.b64encode(pdf).decode(),
    }


def test_the_birth_flow_through_the_four_departments(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    accepted_on = _day(number)
    desks = {unit: department(unit) for unit in FLOW}
    # Only the first step is in a queue; the others wait.
    for unit in FLOW[1:]:
        assert _task(desks[unit], number, "waiting")["state"] == "waiting"
    for step, unit in enumerate(FLOW, start=1):
        desk = desks[unit]
        task = _task(desk, number)
        assert task["unit"] == unit and task["onething_id"] == "birth"
        # One working day per step, counted on from acceptance.
        assert task["due_date"] == CALENDAR.add_working_days(accepted_on, step).isoformat()
        claimed = desk.post(f"/department/tasks/{task['id']}/claim", json={"handler": "clerk-7"})
        assert claimed.json()["state"] == "claimed" and claimed.json()["claimed_by"] == "clerk-7"
        assert kiosk.get(f"/applications/{number}").json()["state"] == "in_progress"
        done = desk.post(
            f"/department/tasks/{task['id']}/complete", json={"document": _result(unit)}
        )
        assert done.status_code == 200 and done.json()["state"] == "done"
    final = kiosk.get(f"/applications/{number}").json()
    assert final["state"] == "completed"
    assert {i["state"] for i in final["items"]} == {"done"}
    assert [d["name"] for d in final["documents"]] == [f"{u}.pdf" for u in FLOW]
    for document in final["documents"]:
        got = kiosk.get(f"/documents/{document['id']}")
        assert got.headers["Content-Type"] == "application/pdf"
        assert got.content.startswith(b"%PDF-1.4") and len(got.content) == document["size"]


def test_the_due_dates_follow_the_working_day_calendar(kiosk, department):
    view = submitted(kiosk)
    day = _day(view["acceptance_number"])
    due = [CALENDAR.add_working_days(day, n).isoformat() for n in (1, 2, 3, 4)]
    assert [i["due_date"] for i in view["items"]] == [
        due[0],
        due[0],
        due[1],
        due[2],
        due[2],
        due[3],
    ]
    assert view["due_date"] == due[3]
    police = _task(department("police"), view["acceptance_number"], "waiting")
    assert police["due_date"] == due[1]


def test_a_task_out_of_turn_or_done_cannot_be_acted_on(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    police = department("police")
    waiting = _task(police, number, "waiting")
    answer = police.post(f"/department/tasks/{waiting['id']}/complete", json={})
    status, code, message = error_of(answer)
    assert (status, code) == (409, "task_not_open") and "earlier step" in message
    midwifery = department("midwifery")
    task = _task(midwifery, number)
    midwifery.post(f"/department/tasks/{task['id']}/claim", json={"handler": "a"})
    taken = midwifery.post(f"/department/tasks/{task['id']}/claim", json={"handler": "b"})
    assert error_of(taken)[:2] == (409, "already_claimed")
    midwifery.post(f"/department/tasks/{task['id']}/complete", json={})
    again = midwifery.post(f"/department/tasks/{task['id']}/complete", json={})
    assert error_of(again)[:2] == (409, "task_not_open")
    assert _task(police, number)["state"] == "ready"


def test_returned_for_correction_with_the_reason(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    midwifery = department("midwifery")
    task = _task(midwifery, number)
    reason = "出生医学证明信息与登记表不一致，请核对新生儿出生日期"
    returned = midwifery.post(f"/department/tasks/{task['id']}/return", json={"reason": reason})
    assert returned.json()["state"] == "returned" and returned.json()["reason"] == reason
    view = kiosk.get(f"/applications/{number}").json()
    assert (view["state"], view["reason"]) == ("returned", reason)
    assert view["items"][0]["state"] == "returned"
    assert error_of(
        midwifery.post(f"/department/tasks/{task['id']}/reject", json={"reason": reason})
    )[:2] == (409, "task_not_open")


def test_rejected_at_a_later_step_with_the_reason(kiosk, department):
    number = submitted(kiosk)["acceptance_number"]
    midwifery, police = department("midwifery"), department("police")
    midwifery.post(f"/department/tasks/{_task(midwifery, number)['id']}/complete", json={})
    task = _task(police, number)
    short = police.post(f"/department/tasks/{task['id']}/reject", json={"reason": "x"})
    assert error_of(short)[:2] == (422, "invalid_request")
    reason = "不符合本地落户政策"
    police.post(f"/department/tasks/{task['id']}/reject", json={"reason": reason})
    view = kiosk.get(f"/applications/{number}").json()
    assert (view["state"], view["reason"]) == ("rejected", reason)
    states = [(i["unit"], i["state"]) for i in view["items"]]
    assert states[:3] == [("midwifery", "done"), ("midwifery", "done"), ("police", "rejected")]


def test_the_auto_handler_completes_a_birth_application_by_itself(auto_hub):
    from tests.hub.fixtures import enrol
    from tests.hub.test_result_pdf import text_of

    kiosk = enrol(auto_hub, "auto")
    days = {datetime.now(SHANGHAI).date()}
    number = submitted(kiosk)["acceptance_number"]
    # Each result document takes about a second to set: four steps, on two busy cores.
    deadline = time.monotonic() + 30
    while (view := kiosk.get(f"/applications/{number}").json())["state"] != "completed":
        assert time.monotonic() < deadline, f"not completed in 30 s: {view}"
        time.sleep(0.2)
    days.add(datetime.now(SHANGHAI).date())
    assert len(view["documents"]) == 4
    document = kiosk.get(f"/documents/{view['documents'][0]['id']}").content
    assert document.startswith(b"%PDF-")
    text = text_of(document)
    # A sample notice from the district's midwifery institution, dated in the hub's zone.
    assert "杭州市西湖区妇幼保健院" in text and "杭西妇保〔" in text and number in text
    assert "样例" in text and "出生医学证明办理（已办结）" in text
    assert any(f"{d.year}年{d.month}月{d.day}日" in text for d in days)
