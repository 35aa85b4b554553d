"""The PC/SC driver through the real stack: our pcscd (tests/pcscd.py), vsmartcard's vpcd
reader driver, and our virtual social security card on its TCP port. Cards go in and out,
misbehave, are pulled mid-read; pcscd restarts; the reader vanishes and returns."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest

from drivers.events import CardInserted, CardRemoved, CardUnreadable, DriverEvent, StatusChanged
from drivers.pcsc import SERVICE, PcscDriver, device_name, scard
from drivers.pcsc.cardfile import DEFAULT_CARD, Fault, load_card, samples
from drivers.pcsc.driver import NO_READER, PULLED
from drivers.pcsc.scard import NO_SERVICE
from drivers.pcsc.vcard import VirtualCard
from kiosk.devices import DeviceState, DeviceStatus
from kiosk.identity import CardType, OtherCard, ProblemKind, ReadFailure, Sex
from tests.conftest import ROOT
from tests.pcscd import VPCD_PORTS, VPCD_READER, VPCD_READER_2, Pcscd, pcscd_fixture  # noqa: F401

GOOD = load_card(DEFAULT_CARD)
READER_DEVICE = device_name(VPCD_READER)


class Events:
    """What the driver reported, in order, with a cursor: `expect` finds the next matching
    event after the last one expected, waiting for it."""

    def __init__(self) -> None:
        self.all: list[DriverEvent] = []
        self.threads: set[str] = set()
        self.cursor = 0
        self._cond = threading.Condition()

    def __call__(self, event: DriverEvent) -> None:
        with self._cond:
            self.all.append(event)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def expect(self, match: Callable[[DriverEvent], bool], timeout: float = 5.0) -> DriverEvent:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(self.cursor, len(self.all)):
                    if match(self.all[i]):
                        self.cursor = i + 1
                        return self.all[i]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such event within {timeout} s; got {self.all}")
                self._cond.wait(left)

    def card(self, kind: type, reader: str = VPCD_READER, timeout: float = 5.0):
        return self.expect(lambda e: isinstance(e, kind) and e.reader == reader, timeout)

    def status(self, name: str, status: DeviceStatus, timeout: float = 5.0) -> StatusChanged:
        return self.expect(
            lambda e: (
                isinstance(e, StatusChanged) and e.state.name == name and e.state.status is status
            ),
            timeout,
        )

    def since_cursor(self) -> list[DriverEvent]:
        with self._cond:
            return self.all[self.cursor :]


def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.02)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def driver(pcscd: Pcscd, events: Events) -> Iterator[PcscDriver]:
    d = PcscDriver(events, retry_interval=0.2, poll_interval=0.5).start()
    events.status(READER_DEVICE, DeviceStatus.READY)
    yield d
    d.stop()
    assert d._thread is None, "the watcher thread did not stop"


def offline(name: str) -> DeviceState:
    return DeviceState(name, DeviceStatus.OFFLINE, NO_SERVICE)


def insert(data=GOOD, reader: str = VPCD_READER, **kwargs) -> VirtualCard:
    card = VirtualCard(data, VPCD_PORTS[reader], **kwargs)
    card.insert()
    return card


def test_insert_reads_the_identity_and_remove_says_so(driver: PcscDriver, events: Events) -> None:
    card = insert()
    event = events.card(CardInserted)
    identity = event.identity
    assert identity.card_type is CardType.SOCIAL_SECURITY
    assert identity.reader == VPCD_READER
    assert (identity.name, identity.id_number, identity.card_number) == (
        GOOD.name,
        GOOD.id_number,
        GOOD.card_number,
    )
    assert (identity.sex, identity.nation, identity.birth_date) == (
        Sex.FEMALE,
        "汉",
        GOOD.birth_date,
    )
    assert (identity.valid_from, identity.valid_until) == (GOOD.issue_date, GOOD.expiry_date)
    identity.check(date.today())  # a good card passes the core's checks
    card.remove()
    events.card(CardRemoved)
    # Events come on the watcher thread (never a Qt thread); nothing more than these.
    assert events.threads == {"pcsc-watcher"}
    assert driver.states()[READER_DEVICE].status is DeviceStatus.READY


def test_an_expired_card_is_read_and_the_core_refuses_it(
    driver: PcscDriver, events: Events
) -> None:
    expired = load_card(next(p for p in samples() if "expired" in p.name))
    with insert(expired):
        identity = events.card(CardInserted).identity
        with pytest.raises(Exception) as e:
            identity.check(date.today())
        assert e.value.kind is ProblemKind.EXPIRED
    events.card(CardRemoved)


@pytest.mark.parametrize(
    "name",
    [
        "欧阳𬌗",  # 𬌗 is outside GBK: GB18030's four-byte range
        "王\U00031350明",  # newer than this machine's Unicode tables (CJK Ext. H)
        "李\ue000",  # GB18030's user-defined area: an issuer's own character for a rare name
    ],
    ids=["ext-e", "ext-h", "user-defined"],
)
def test_a_rare_character_name_reads_through_pcscd(
    driver: PcscDriver, events: Events, name: str
) -> None:
    with insert(replace(GOOD, name=name)):
        assert events.card(CardInserted).identity.name == name
    events.card(CardRemoved)


BAD = {
    Fault.GARBAGE: ("record has tag", ReadFailure.BAD_DATA, None),
    Fault.WRONG_STATUS: (
        "the card refused reading the name: status 6F 00",
        ReadFailure.BAD_DATA,
        None,
    ),
    Fault.SHORT_RECORD: (
        "the ID number record says 18 bytes but holds 10",
        ReadFailure.BAD_DATA,
        None,
    ),
    Fault.NON_GBK_NAME: ("the name is not GB18030 text", ReadFailure.BAD_DATA, None),
    Fault.NO_APPLICATION: (
        "the kiosk does not know this kind of card",
        ReadFailure.OTHER_CARD,
        OtherCard.UNKNOWN,
    ),
    Fault.BANK_CARD: (
        "the kiosk does not know this kind of card",
        ReadFailure.OTHER_CARD,
        OtherCard.BANK,
    ),
    Fault.MUTE: ("the card stopped answering", ReadFailure.NO_ANSWER, None),
}


def test_each_bad_card_is_unreadable_in_plain_words_and_logs_nothing_personal(
    driver: PcscDriver, events: Events, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for fault, (words, failure, other) in BAD.items():
        with insert(replace(GOOD, fault=fault)):
            unreadable = events.card(CardUnreadable)
            assert words in unreadable.problem, fault
            # What the driver saw, for the core to word: never "clean it" for a card that
            # answered, and the kind of card named where the card says it.
            assert (unreadable.failure, unreadable.other) == (failure, other), fault
        events.card(CardRemoved)
    # No crash: the next good card reads.
    with insert():
        events.card(CardInserted)
    events.card(CardRemoved)
    logged = caplog.text
    assert "CardUnreadable" in logged and "林*燕" in logged  # the masked form is logged
    for secret in (GOOD.name, GOOD.id_number, GOOD.id_number[6:14], GOOD.card_number):
        assert secret not in logged
        assert not any(secret in getattr(e, "problem", "") for e in events.all)


def test_a_wrong_check_character_is_reported_as_read(driver: PcscDriver, events: Events) -> None:
    # A wrong check character, and a number that is not one at all: the driver reports what
    # the card holds, the core refuses it ("go to the window", not "clean the card").
    for data in (
        replace(GOOD, fault=Fault.BAD_ID_CHECK),
        replace(GOOD, id_number=GOOD.id_number[:17] + "Y"),
    ):
        with insert(data):
            identity = events.card(CardInserted).identity
            with pytest.raises(Exception) as e:
                identity.check(date.today())
            assert e.value.kind is ProblemKind.INVALID_NUMBER
        events.card(CardRemoved)


def test_a_card_pulled_mid_read(driver: PcscDriver, events: Events) -> None:
    card = insert(remove_after=4)  # out after the 4th command, halfway through EF05
    pulled = events.card(CardUnreadable)
    assert (pulled.problem, pulled.failure) == (PULLED, ReadFailure.LEFT)
    events.card(CardRemoved)
    assert card.removed.wait(2)
    with insert():  # the reader is fine afterwards
        events.card(CardInserted)
    events.card(CardRemoved)


def establish_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each time the driver asks pcscd for a context: whether it got one."""
    calls: list[bool] = []
    real = scard.establish

    def counted() -> int:
        try:
            ctx = real()
        except Exception:
            calls.append(False)
            raise
        calls.append(True)
        return ctx

    monkeypatch.setattr(scard, "establish", counted)
    return calls


def test_pcscd_stopped_under_a_read_is_a_reader_problem(
    driver: PcscDriver, events: Events, pcscd: Pcscd
) -> None:
    # The card answers two commands, then holds the third while pcscd goes away: the driver
    # tells of a reader problem (nothing the resident did, nothing about the card).
    card = insert(hold_after=2)
    assert card.held.wait(5)
    stopping = threading.Thread(target=pcscd.stop)
    stopping.start()
    try:
        lost = events.card(CardUnreadable, timeout=10)
        assert lost.failure is ReadFailure.READER_LOST, lost
    finally:
        card.release()
        stopping.join()
        card.remove()
    assert not any(isinstance(e, CardInserted) for e in events.since_cursor())
    pcscd.start()
    events.status(READER_DEVICE, DeviceStatus.READY)
    # The card is gone by then: said once the reader is seen again; the next card reads.
    events.card(CardRemoved)
    with insert():
        events.card(CardInserted)
    events.card(CardRemoved)


def test_pcscd_restarted_mid_session(
    driver: PcscDriver, events: Events, pcscd: Pcscd, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = insert()
    events.card(CardInserted)
    pcscd.stop()
    # pcscd stopping is a reader problem, not the resident taking the card out: the reader
    # is offline, the card is not reported removed.
    events.expect(lambda e: isinstance(e, StatusChanged) and e.state == offline(READER_DEVICE))
    # The service's own state follows its readers' a moment later, on the driver's thread.
    until(lambda: driver.states()[SERVICE] == offline(SERVICE))
    assert not any(isinstance(e, CardRemoved) for e in events.since_cursor())
    calls = establish_calls(monkeypatch)
    card.remove()
    until(lambda: calls.count(False) >= 2)  # a few retries against no pcscd
    pcscd.start()
    events.status(READER_DEVICE, DeviceStatus.READY)
    # Taken out while pcscd was away: said once the reader is seen again.
    events.card(CardRemoved)
    with insert():
        assert events.card(CardInserted).identity.id_number == GOOD.id_number
    events.card(CardRemoved)


def test_pcscd_restarted_with_the_card_left_in(pcscd: Pcscd, events: Events) -> None:
    # A virtual card is a connection to vpcd inside pcscd: it has to connect again after the
    # restart, which it does well within the driver's 3 s pause before it looks again.
    d = PcscDriver(events, retry_interval=3.0, poll_interval=0.5).start()
    try:
        events.status(READER_DEVICE, DeviceStatus.READY)
        insert()
        events.card(CardInserted)
        pcscd.stop()
        events.expect(lambda e: isinstance(e, StatusChanged) and e.state == offline(SERVICE))
        pcscd.start()
        with insert():
            events.status(READER_DEVICE, DeviceStatus.READY, timeout=10)
            # Read again, never reported removed: the session it belongs to goes on.
            assert events.card(CardInserted).identity.id_number == GOOD.id_number
            assert not any(isinstance(e, CardRemoved) for e in events.all)
        events.card(CardRemoved)
    finally:
        d.stop()


def test_the_reader_vanishes_and_returns(driver: PcscDriver, events: Events, pcscd: Pcscd) -> None:
    # pcscd without the vpcd reader is what the kiosk sees when its reader is unplugged: the
    # service answers, the reader is not listed. (vpcd readers cannot be unplugged alone.)
    pcscd.stop()
    pcscd.start(readers=False)
    gone = events.expect(
        lambda e: (
            isinstance(e, StatusChanged)
            and e.state.name == READER_DEVICE
            and e.state.detail == NO_READER
        )
    )
    assert gone.state.status is DeviceStatus.OFFLINE
    assert driver.states()[SERVICE].status is DeviceStatus.READY
    pcscd.stop()
    pcscd.start()
    events.status(READER_DEVICE, DeviceStatus.READY)
    with insert():
        events.card(CardInserted)
    events.card(CardRemoved)


def test_pcscd_down_when_the_driver_starts(pcscd: Pcscd, events: Events) -> None:
    pcscd.stop()
    with PcscDriver(events, readers=[VPCD_READER], retry_interval=0.2) as driver:
        events.expect(lambda e: isinstance(e, StatusChanged) and e.state == offline(READER_DEVICE))
        pcscd.start()
        events.status(READER_DEVICE, DeviceStatus.READY)
        with insert():
            events.card(CardInserted)
        events.card(CardRemoved)
        # Only the reader it was given is watched.
        assert set(driver.states()) == {SERVICE, READER_DEVICE}


def test_two_readers_and_a_handler_that_raises(pcscd: Pcscd, events: Events) -> None:
    second = load_card(next(p for p in samples() if "chen" in p.name))

    def handler(event: DriverEvent) -> None:
        events(event)
        if isinstance(event, CardInserted):
            raise RuntimeError("a broken handler")

    with PcscDriver(handler, poll_interval=0.5):
        events.status(device_name(VPCD_READER_2), DeviceStatus.READY)
        with insert(reader=VPCD_READER), insert(second, reader=VPCD_READER_2):
            a = events.card(CardInserted, VPCD_READER)
            events.cursor = 0
            b = events.card(CardInserted, VPCD_READER_2)
        assert (a.identity.name, b.identity.name) == (GOOD.name, second.name)
        events.card(CardRemoved, VPCD_READER)
        events.cursor = 0
        events.card(CardRemoved, VPCD_READER_2)


def test_kiosk_sim_card_insert_and_remove(driver: PcscDriver, events: Events) -> None:
    sim = [sys.executable, "-m", "drivers.sim_cli", "card"]
    proc = subprocess.Popen(
        [*sim, "insert", "--file", str(DEFAULT_CARD)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert events.card(CardInserted, timeout=10).identity.id_number == GOOD.id_number
        done = subprocess.run(
            [*sim, "remove"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        assert done.returncode == 0, done.stdout
        events.card(CardRemoved)
        assert proc.wait(5) == 0
    finally:
        proc.kill()
    out = proc.stdout.read()
    assert "林*燕 3301**********0623" in out and GOOD.id_number not in out


def test_where_pcscd_cannot_run_the_tests_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import pcscd as fixture

    monkeypatch.setattr(fixture.os, "geteuid", lambda: 1000)
    with pytest.raises(fixture.PcscdUnavailable, match="needs root"):
        fixture.Pcscd.check_can_run()
    monkeypatch.setattr(fixture.shutil, "which", lambda *a, **k: None)
    with pytest.raises(fixture.PcscdUnavailable, match="pcscd is not installed: apt-get install"):
        fixture.Pcscd.check_can_run()
