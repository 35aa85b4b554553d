"""Community staff at the kiosk (services.staff) against the real hub on loopback: sign-in
by card + PIN and by one-time code, the bounded offline sign-in, the idle end, an assisted
(帮办) application whose hub record and receipt name the staff member, and a resident's call
for help answered on the staff page."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from sqlalchemy import select, text
from sqlalchemy.orm import Session as DbSession

from central.process import HubProcess, free_port
from central.tables import Application as Row
from drivers.printer.sim import SimulatedPrinter
from kiosk.application import ActingFor, Application
from kiosk.catalog.load import load_catalog
from kiosk.config import load_config
from kiosk.contract import AgentBasis, Delivery, Relation
from kiosk.hubclient import HubSettings
from kiosk.identity import CardType, Identity, Sex
from kiosk.ids import id_check_character
from kiosk.session import Session
from services.desk import Desk
from services.journey import Journey
from services.print_service import PrintService
from services.receipts import Receipts
from services.staff import StaffService
from tests.conftest import ROOT
from tests.print_helpers import driver_for
from tests.test_services_journey import Screens, _application, _sync

KIOSK_ID = "kiosk-staff"
FIRST17 = "33010619850315002"
STAFF_CARD = FIRST17 + id_check_character(FIRST17)


def kioskctl(hub: HubProcess, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "central.ctl", "--hub", hub.url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"KIOSK_HUB_ADMIN_TOKEN": hub.admin_token, "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    centre = "示例街道便民服务中心"
    kioskctl(
        running, "staff", "add", "1024", "王丽华", centre, "--card", STAFF_CARD, "--pin", "2468"
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def token(hub):
    return hub.enrol(KIOSK_ID)


def _desk(tmp_path, url: str, token: str, kiosk_id: str = KIOSK_ID) -> Desk:
    return Desk(tmp_path / "kiosk", HubSettings(url=url, read_timeout=5), token, kiosk_id, "01")


def test_card_and_pin_then_offline_from_the_cache_for_a_bounded_time(tmp_path, hub, token):
    clock = [datetime.now(UTC)]
    online = StaffService(_desk(tmp_path, hub.url, token), now=lambda: clock[0])
    wrong = online.sign_in_card(STAFF_CARD, "1111")
    assert (wrong.member, wrong.problem, wrong.tries_left) == (None, "wrong_pin", 4)
    signed = online.sign_in_card(STAFF_CARD, "2468")
    assert signed.member is not None and not signed.offline
    assert signed.member.banner() == "帮办：王*华（工号 1024）"
    assert online.member == signed.member
    online.sign_out()
    assert online.member is None
    # The hub goes away: the same card and PIN still sign in, a wrong PIN does not.
    online._desk = _desk(tmp_path, f"http://127.0.0.1:{free_port()}", token)
    assert online.sign_in_card(STAFF_CARD, "9999").problem == "wrong_pin"
    again = online.sign_in_card(STAFF_CARD, "2468")
    assert again.member is not None and again.offline
    online.sign_out()
    # ... until the time the hub gave runs out.
    clock[0] += timedelta(hours=13)
    late = online.sign_in_card(STAFF_CARD, "2468")
    assert (late.member, late.problem) == (None, "offline")


def test_idle_ends_the_staff_session(tmp_path, hub, token):
    clock = [datetime.now(UTC)]
    staff = StaffService(
        _desk(tmp_path, hub.url, token), idle=timedelta(minutes=10), now=lambda: clock[0]
    )
    assert staff.sign_in_card(STAFF_CARD, "2468").member is not None
    clock[0] += timedelta(minutes=9)
    staff.touch()
    clock[0] += timedelta(minutes=9)
    assert not staff.end_if_idle() and staff.member is not None
    clock[0] += timedelta(minutes=2)
    assert staff.end_if_idle() and staff.member is None


def test_a_one_time_code_and_an_unknown_card(tmp_path, hub, token):
    staff = StaffService(_desk(tmp_path, hub.url, token))
    code = kioskctl(hub, "staff", "code", "1024")
    assert staff.sign_in_code(code).member.staff_id == "1024"
    assert staff.sign_in_code(code).problem == "wrong_code"
    other = "11010519491231002"
    assert staff.sign_in_card(other + id_check_character(other), "2468").problem == "not_staff"
    assert staff.sign_in_card("123", "2468").problem == "bad_input"


def test_an_assisted_application_names_the_staff_member_at_the_hub_and_on_paper(
    tmp_path, hub, token
):
    config = load_config()
    screens = Screens()
    desk = _desk(tmp_path, hub.url, token)
    staff = StaffService(desk)
    assert staff.sign_in_card(STAFF_CARD, "2468").member is not None
    with SimulatedPrinter(tmp_path / "paper") as sim:
        service = PrintService(tmp_path / "kiosk", driver_for(sim, "native"))
        journey = Journey(screens.post, desk, Receipts(config, service, screens.post), staff=staff)
        journey.listen(screens)
        sync = _sync(tmp_path, hub, token, journey)
        service.start()
        try:
            app = _application()
            stored, accepted = [], []
            journey.submit(app, "s-1", stored.append, accepted.append)
            screens.until(lambda: stored)
            sync.deliver_all(timeout=30)
            screens.until(lambda: accepted)
            assert app.accepted_by == "staff:1024"
            session = Session(
                load_catalog(),
                application=app,
                local_number=stored[0].local_number,
                progress_token=stored[0].progress_token,
            )
            journey.print_receipt(session)
            screens.until(lambda: (session.id, "done") in screens.print_states)
            printed = sim.receipts[0].text.replace("\n", "")
            assert "王丽华（工号 1024）帮办" in printed
            assert "自助受理" not in printed
        finally:
            journey.close()
            service.stop()
    engine, _ = hub.stored()
    with engine.connect() as db:
        by = db.execute(
            text("SELECT accepted_by FROM applications WHERE local_number = :n"),
            {"n": stored[0].local_number},
        ).scalar_one()
        method = db.execute(
            text("SELECT method FROM consent_records WHERE kiosk_id = :k"), {"k": KIOSK_ID}
        ).scalars()
        assert by == "staff:1024"
        assert set(method) <= {"staff_assisted"}
    engine.dispose()


def test_a_call_for_help_reaches_the_staff_page_and_the_answer_comes_back(tmp_path, hub, token):
    staff = StaffService(_desk(tmp_path, hub.url, token))
    assert staff.ask_for_help("form", 120).state == "sent"
    link = kioskctl(hub, "staff", "page", "示例街道便民服务中心")
    page = requests.get(link, timeout=10).text
    assert KIOSK_ID in page and "form" in page
    help_id = staff._help_id
    requests.post(f"{link}/{help_id}/ack", data={"who": "李明"}, timeout=10)
    assert staff.help_state().state == "coming" and staff.help_state().who == "李明"


def test_a_call_for_help_while_offline_waits_and_goes_when_the_hub_is_back(tmp_path, hub, token):
    staff = StaffService(_desk(tmp_path, f"http://127.0.0.1:{free_port()}", token))
    assert staff.ask_for_help("notice", 10).state == "queued"
    assert staff.help_state().state == "queued"
    staff._desk = _desk(tmp_path, hub.url, token)
    assert staff.help_state().state == "sent"
    assert staff.help_state().state == "sent"


def _mother_and_daughter():
    def card(first17: str, name: str, sex: Sex) -> Identity:
        return Identity(
            name=name,
            id_number=first17 + id_check_character(first17),
            card_type=CardType.RESIDENT_ID,
            reader="",
            sex=sex,
            birth_date=date(int(first17[6:10]), int(first17[10:12]), int(first17[12:14])),
            address="浙江省杭州市西湖区文三路478号3幢2单元501室",
            valid_from=date(2016, 5, 9),
        )

    return card("33010619420817002", "沈秀英", Sex.FEMALE), card(
        "33010619700405062", "周丽娟", Sex.FEMALE
    )


def test_a_daughter_applies_for_her_mother_with_both_identities_at_the_hub_and_on_paper(
    tmp_path, hub
):
    # A kiosk of its own: its offline numbers start again at 1.
    token = hub.enrol("kiosk-proxy")
    config = load_config()
    screens = Screens()
    desk = _desk(tmp_path, hub.url, token, "kiosk-proxy")
    mother, daughter = _mother_and_daughter()
    o = load_catalog().onething("elderly-allowances")
    alone = Application(o, o.situation("over-60"), mother)
    assert "agent-id" not in {m.id for m in alone.materials()}  # nobody acts for her
    assert alone.allows_agent()
    app = Application(o, o.situation("over-60"), mother)
    app.agent = ActingFor(daughter, Relation.CHILD, AgentBasis.AUTHORISATION)
    assert "agent-id" in {m.id for m in app.materials()}
    app.learn([], "")
    app.photo = b"\xff\xd8\xff\xe0 sample photo"
    app.delivery = Delivery(method="pickup", place="便民服务中心")
    with SimulatedPrinter(tmp_path / "paper") as sim:
        service = PrintService(tmp_path / "kiosk", driver_for(sim, "native"))
        journey = Journey(screens.post, desk, Receipts(config, service, screens.post))
        journey.listen(screens)
        sync = _sync(tmp_path, hub, token, journey)
        service.start()
        try:
            stored, accepted = [], []
            journey.submit(app, "s-proxy", stored.append, accepted.append)
            screens.until(lambda: stored)
            sync.deliver_all(timeout=30)
            screens.until(lambda: accepted)
            session = Session(
                load_catalog(),
                application=app,
                local_number=stored[0].local_number,
                progress_token=stored[0].progress_token,
            )
            journey.print_receipt(session)
            screens.until(lambda: (session.id, "done") in screens.print_states)
            printed = sim.receipts[0].text.replace("\n", "")
            assert "代办人" in printed and "周*娟（子女，3301" in printed
            assert "代办人居民身份证" in printed
            assert daughter.id_number not in printed and mother.id_number not in printed
        finally:
            journey.close()
            service.stop()
    engine, _ = hub.stored()
    with DbSession(engine) as db:
        row = db.execute(select(Row).where(Row.local_number == stored[0].local_number)).scalar_one()
        assert row.applicant_name == "沈秀英"
        assert row.agent == {
            "subject_type": "person",
            "number": daughter.id_number,
            "name": "周丽娟",
            "relation": "child",
            "basis": "authorisation",
        }
    engine.dispose()
