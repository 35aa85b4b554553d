"""The polling ID reader against the simulated module on a real pty: the events a card causes,
each fault told and recovered from, noise, the port vanishing and returning, probing."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from drivers.events import CardInserted, CardRemoved, CardUnreadable, DriverEvent, StatusChanged
from drivers.idreader.codec import TYPE_OFFSET, Command, encode_base_info
from drivers.idreader.driver import IdReader
from drivers.idreader.samples import (
    SAMPLE_FOREIGNER_2017,
    SAMPLE_FOREIGNER_2023,
    SAMPLE_PERMIT,
    sample,
)
from drivers.idreader.sim import Fault, SimulatedModule
from kiosk.devices import DeviceStatus
from kiosk.identity import (
    CardType,
    Identity,
    IdentityProblem,
    OtherCard,
    ProblemKind,
    ReadFailure,
    Sex,
)
from tests.collect import Collected

E = TypeVar("E", bound=DriverEvent)
# Short timeouts and polls keep the suite fast; the wire keeps its real speed.
QUICK: dict[str, Any] = {
    "poll_interval": 0.05,
    "reply_timeout": 0.2,
    "read_timeout": 0.4,
    "backoff": (0.05, 0.2),
}


class Events(Collected[DriverEvent]):
    """What the reader said, in order; wait for the next event of a kind, with a deadline."""

    def next(
        self,
        kind: type[E] | tuple[type[DriverEvent], ...],
        where: Callable[[E], bool] = lambda e: True,
        timeout: float = 3.0,
    ) -> E:
        """The next matching event after the last one returned; events passed over are kept
        in `all`."""
        return self.next_matching(  # type: ignore[return-value]
            lambda e: isinstance(e, kind) and where(e),  # type: ignore[arg-type]
            timeout,
            f"no {kind} within {timeout} s",
        )

    def status(self, status: DeviceStatus, timeout: float = 3.0) -> StatusChanged:
        return self.next(StatusChanged, lambda e: e.state.status is status, timeout)

    def cards(self) -> list[DriverEvent]:
        return [e for e in self.all if not isinstance(e, StatusChanged)]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedModule]:
    # The reader opens a symlink the test controls, so a new pty can appear at the same path.
    with SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.25, seed=3) as module:
        yield module


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def reader(sim: SimulatedModule, events: Events) -> Iterator[IdReader]:
    with IdReader(events, port=sim.path, **QUICK) as r:
        events.status(DeviceStatus.READY)
        yield r


def test_cards_in_and_out(sim: SimulatedModule, events: Events, reader: IdReader) -> None:
    sim.place(sample(2))
    events.status(DeviceStatus.BUSY)
    inserted = events.next(CardInserted)
    events.status(DeviceStatus.READY)
    person = inserted.identity
    assert inserted.reader == "idreader" and person.reader == "idreader"
    assert person.card_type is CardType.RESIDENT_ID
    assert (person.name, person.id_number, person.sex, person.nation) == (
        "陈志远",
        "330106199207080310",
        Sex.MALE,
        "汉",
    )
    assert person.birth_date == date(1992, 7, 8)
    assert person.address == "浙江省杭州市西湖区文三路478号3幢2单元501室"
    assert person.issuer == "杭州市公安局西湖区分局"
    assert (person.valid_from, person.valid_until) == (date(2012, 8, 15), date(2032, 8, 15))
    assert person.photo_wlt == sample(2).photo_wlt
    person.check(date(2026, 1, 1))

    time.sleep(0.3)  # the card lies there: no second insertion, no removal
    sim.remove()
    events.next(CardRemoved)

    sim.place(sample(4))
    expired = events.next(CardInserted).identity
    with pytest.raises(IdentityProblem) as problem:
        expired.check(date(2026, 1, 1))
    assert problem.value.kind is ProblemKind.EXPIRED and problem.value.date == date(2019, 11, 30)
    sim.remove()
    events.next(CardRemoved)
    sim.place(sample(3))
    assert events.next(CardInserted).identity.valid_until is None  # 长期
    assert [type(e) for e in events.cards()] == [CardInserted, CardRemoved] * 2 + [CardInserted]


def test_each_damaged_read_is_told_and_the_next_card_reads(
    sim: SimulatedModule, events: Events, reader: IdReader
) -> None:
    cases = [
        (Fault.CHECKSUM, "damaged: a frame arrived with a bad checksum", ReadFailure.NO_ANSWER),
        (Fault.CUT, "damaged: the reply was cut short", ReadFailure.NO_ANSWER),
        (
            Fault.SILENCE,
            "damaged: the module on .* did not answer in time",
            ReadFailure.NO_ANSWER,
        ),
        (Fault.GARBAGE, "the card's data is not valid: the card's", ReadFailure.BAD_DATA),
        # A card whose text is garbage every time.
        (None, "the card's data is not valid", ReadFailure.BAD_DATA),
    ]
    for fault, words, failure in cases:
        if fault is None:
            sim.place_garbage()
        else:
            sim.inject(fault, command=Command.READ_BASE_INFO)
            sim.place(sample(1))
        unreadable = events.next(CardUnreadable)
        assert unreadable.reader == "idreader"
        assert re.search(words, unreadable.problem), unreadable.problem
        assert unreadable.failure is failure, unreadable
        assert "林晓燕" not in unreadable.problem and "0623" not in unreadable.problem
        if fault is Fault.CHECKSUM:
            time.sleep(0.2)  # unreadable, the card is still waited on until it is taken
            assert not isinstance(events.all[-1], CardRemoved)
        sim.remove()
        events.next(CardRemoved)
    sim.place(sample(1))
    assert events.next(CardInserted).identity.name == "林晓燕"
    assert reader.state.status is DeviceStatus.READY


def test_a_silent_or_garbling_module_is_offline_or_error_then_ready(
    sim: SimulatedModule, events: Events, reader: IdReader
) -> None:
    sim.inject(Fault.SILENCE, count=10_000)
    offline = events.status(DeviceStatus.OFFLINE)
    assert "did not answer in time" in offline.state.detail
    sim.clear_faults()
    events.status(DeviceStatus.READY)

    sim.inject(Fault.CHECKSUM, count=10_000, command=Command.FIND_CARD)
    assert "bad checksum" in events.status(DeviceStatus.ERROR).state.detail
    sim.clear_faults()
    events.status(DeviceStatus.READY)
    sim.place(sample(1))
    events.next(CardInserted)
    assert [type(e) for e in events.cards()] == [CardInserted]


def test_random_bytes_on_the_line(
    sim: SimulatedModule, events: Events, reader: IdReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    stop = threading.Event()

    def spray() -> None:
        while not stop.is_set():
            sim.send_noise(sim._rng.randint(1, 200))
            stop.wait(0.01)

    sprayer = threading.Thread(target=spray)
    sprayer.start()
    try:
        time.sleep(0.4)  # polls through the noise: retried, maybe an error, never a card
        sim.place(sample(1))
        # Noise inside a read's reply damages it, which is what the reader must say.
        first = events.next((CardInserted, CardUnreadable))
        sim.remove()
        events.next(CardRemoved)
    finally:
        stop.set()
        sprayer.join()
    assert first.reader == "idreader"
    sim.place(sample(1))
    events.next(CardInserted)
    events.status(DeviceStatus.READY)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no crash, no bug


def test_the_port_vanishes_and_returns(
    sim: SimulatedModule, events: Events, reader: IdReader, tmp_path: Path
) -> None:
    sim.place(sample(1))
    events.next(CardInserted)
    sim.close()  # unplugged: the pty and the symlink go away
    offline = events.status(DeviceStatus.OFFLINE)
    assert "ttyID" in offline.state.detail
    events.next(CardRemoved)  # nothing vouches for the card any more
    time.sleep(0.3)  # a few failed reopens
    with SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.25) as again:
        events.status(DeviceStatus.READY)
        again.place(sample(2))
        assert events.next(CardInserted).identity.name == "陈志远"
    assert [type(e) for e in events.cards()] == [CardInserted, CardRemoved, CardInserted]


def test_probing_finds_the_module(tmp_path: Path, events: Events) -> None:
    with SimulatedModule(baud=57600, link=tmp_path / "ttyUSB1", timing_scale=0.25) as module:
        ports = [str(tmp_path / "ttyUSB0"), module.path]
        with IdReader(events, probe_ports=ports, probe_bauds=(115200, 57600), **QUICK) as r:
            events.status(DeviceStatus.READY)
            assert r.port == (module.path, 57600)
            module.place(sample(3))
            events.next(CardInserted)


def test_nothing_to_probe_is_offline_in_words(tmp_path: Path, events: Events) -> None:
    with IdReader(events, probe_ports=[str(tmp_path / "ttyUSB0")], **QUICK):
        offline = events.status(DeviceStatus.OFFLINE)
    assert offline.state.detail == f"no ID module answers on {tmp_path / 'ttyUSB0'}"
    with pytest.raises(ValueError, match="needs a port"):
        IdReader(events)


def test_stop_is_prompt_even_when_the_module_is_silent(sim: SimulatedModule) -> None:
    events = Events()
    r = IdReader(events, port=sim.path, **QUICK)
    r.start()
    events.status(DeviceStatus.READY)
    sim.inject(Fault.SILENCE, count=10_000)
    time.sleep(0.1)
    started = time.monotonic()
    r.stop()
    assert time.monotonic() - started < 0.2  # no waiting out the reply's timeout
    count = len(events.all)
    sim.place(sample(1))
    time.sleep(0.2)
    assert len(events.all) == count


def test_a_failing_handler_does_not_stop_the_reader(
    sim: SimulatedModule, caplog: pytest.LogCaptureFixture
) -> None:
    events = Events()

    def fussy(event: DriverEvent) -> None:
        events(event)
        raise RuntimeError("a bug in the UI")

    with IdReader(fussy, port=sim.path, **QUICK):
        events.status(DeviceStatus.READY)
        sim.place(sample(1))
        events.next(CardInserted)
        sim.remove()
        events.next(CardRemoved)
    assert "an event handler failed on CardInserted" in caplog.text
    assert "林晓燕" not in caplog.text and "330106199403120623" not in caplog.text


def test_logs_never_hold_a_whole_name_or_number(
    sim: SimulatedModule, events: Events, reader: IdReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim.place(sample(1))
    person = events.next(CardInserted).identity
    assert dataclasses.replace(person, reader="") == sample(1)
    assert "林*燕" in caplog.text and "3301**********0623" in caplog.text
    assert "林晓燕" not in caplog.text and "330106199403120623" not in caplog.text


def test_a_card_lifted_mid_read_is_pulled_not_unreadable(
    sim: SimulatedModule, events: Events, reader: IdReader
) -> None:
    sim.inject(Fault.LIFTED, command=Command.READ_BASE_INFO)
    sim.place(sample(1))
    pulled = events.next(CardUnreadable)
    assert pulled.failure is ReadFailure.LEFT and "left the field" in pulled.problem
    events.next(CardRemoved)  # it is gone: nothing more to wait for
    sim.place(sample(1))  # put back and left there
    assert events.next(CardInserted).identity.name == "林晓燕"


def test_a_card_of_a_type_the_module_does_not_know_is_named_as_such(
    sim: SimulatedModule, events: Events, reader: IdReader
) -> None:
    data = bytearray(encode_base_info(sample(1)))
    data[4 + TYPE_OFFSET : 4 + TYPE_OFFSET + 2] = "Q".encode("utf-16-le")  # no such type here
    sim.place_raw(bytes(data))
    other = events.next(CardUnreadable)
    assert (other.failure, other.other) == (ReadFailure.OTHER_CARD, OtherCard.ID_DOCUMENT)
    assert "type flag" in other.problem


def test_the_module_gone_under_a_read_is_a_reader_problem(
    sim: SimulatedModule, events: Events
) -> None:
    # The module says nothing to the read (it is being unplugged); the port goes under it.
    with IdReader(events, port=sim.path, **{**QUICK, "read_timeout": 10.0}):
        events.status(DeviceStatus.READY)
        sim.inject(Fault.SILENCE, count=10_000, command=Command.READ_BASE_INFO)
        sim.place(sample(1))
        until = time.monotonic() + 5
        while Command.READ_BASE_INFO not in sim.commands_seen:
            assert time.monotonic() < until, "the reader never asked for the card's data"
            time.sleep(0.01)
        sim.close()
        lost = events.next(CardUnreadable)
        assert lost.failure is ReadFailure.READER_LOST, lost
        events.next(CardRemoved)


@pytest.mark.parametrize(
    ("card", "flag", "masked"),
    [
        (sample(1), " ", ("林*燕", "3301**********0623")),
        (SAMPLE_PERMIT, "J", ("陈*明", "8100**********0012")),
        (SAMPLE_FOREIGNER_2017, "I", ("S********N", "USA1*******0812")),
        (SAMPLE_FOREIGNER_2023, "Y", ("史*斯", "9338**********0013")),
    ],
    ids=["resident", "permit", "foreigner-2017", "foreigner-2023"],
)
def test_each_card_type_reads_into_one_identity_masked(
    sim: SimulatedModule,
    events: Events,
    reader: IdReader,
    card: Identity,
    flag: str,
    masked: tuple[str, str],
) -> None:
    data = encode_base_info(card)
    assert data[4 + TYPE_OFFSET : 4 + TYPE_OFFSET + 2] == flag.encode("utf-16-le")
    sim.place(card)
    person = events.next(CardInserted).identity
    assert dataclasses.replace(person, reader="") == card
    assert person.card_type is card.card_type
    person.check(date(2026, 1, 1))  # each number passes the core's check
    assert (person.masked_name, person.masked_number) == masked
    assert card.id_number not in repr(person) and card.name not in repr(person)


# A name as the card issuer wrote it: a four-byte (surrogate pair) character, one newer than
# this machine's Unicode tables (CJK Ext. H), one from the private-use area where issuers put
# their own characters for rare names. None of them is damage.
RARE_NAMES = [("欧阳𬌗", "欧*𬌗"), ("王\U00031350明", "王*明"), ("李\ue000", "李*")]


@pytest.mark.parametrize(("name", "masked"), RARE_NAMES, ids=["ext-e", "ext-h", "private-use"])
def test_a_rare_character_name_reads_through_the_module(
    sim: SimulatedModule, events: Events, reader: IdReader, name: str, masked: str
) -> None:
    card = dataclasses.replace(sample(2), name=name)
    sim.place(card)
    person = events.next(CardInserted).identity
    assert person.name == name
    person.check(date(2026, 1, 1))
    assert person.masked_name == masked


def test_a_noncharacter_in_a_name_is_still_damage(
    sim: SimulatedModule, events: Events, reader: IdReader
) -> None:
    sim.place(dataclasses.replace(sample(2), name="李\uffff"))
    failed = events.next(CardUnreadable)
    assert failed.failure is ReadFailure.BAD_DATA
