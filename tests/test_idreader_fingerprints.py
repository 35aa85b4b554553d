"""The ID card's fingerprint feature data (command 0x30 0x10) from the serial module, where it
offers it: read with the base information and kept on the Identity (memory only); a module
that does not know the command is asked for base information alone, and not asked again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.events import CardInserted, CardRemoved
from drivers.fingerprint.sim import template_of
from drivers.idreader.codec import (
    Command,
    encode_base_info,
    encode_fingerprint_info,
    parse_base_info,
    parse_fingerprint_info,
)
from drivers.idreader.driver import IdReader
from drivers.idreader.samples import sample
from drivers.idreader.sim import SimulatedModule
from tests.test_idreader_driver import QUICK, Events

FINGERS = template_of("lin-right-index") + template_of("lin-left-index")


def test_the_fingerprint_reply_round_trips_and_says_nothing_in_its_repr() -> None:
    data = encode_fingerprint_info(sample(1), FINGERS)
    identity = parse_fingerprint_info(data, "idreader")
    assert identity.fingerprints == FINGERS and identity.name == sample(1).name
    base = parse_base_info(encode_base_info(sample(1)), "idreader")
    assert (identity.id_number, identity.valid_until) == (base.id_number, base.valid_until)
    assert "fingerprints" not in repr(identity) and FINGERS.hex()[:16] not in repr(identity)
    # A card issued without fingerprints: none, and no fault.
    assert parse_fingerprint_info(encode_fingerprint_info(sample(1), b""), "r").fingerprints == b""


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedModule]:
    with SimulatedModule(link=tmp_path / "ttyID", timing_scale=0.05, seed=1) as s:
        yield s


def test_the_cards_fingerprints_are_read_where_the_module_offers_them(
    sim: SimulatedModule,
) -> None:
    events = Events()
    with IdReader(events, port=sim.path, read_fingerprints=True, **QUICK):
        sim.place(sample(1), fingerprints=FINGERS)
        assert events.next(CardInserted).identity.fingerprints == FINGERS
        assert Command.READ_FINGERPRINT_INFO in sim.commands_seen
        assert Command.READ_BASE_INFO not in sim.commands_seen


def test_a_module_without_the_command_reads_base_information_alone(
    sim: SimulatedModule,
) -> None:
    events = Events()
    sim.offers_fingerprints = False
    with IdReader(events, port=sim.path, read_fingerprints=True, **QUICK) as reader:
        sim.place(sample(1), fingerprints=FINGERS)
        first = events.next(CardInserted).identity
        assert first.name == sample(1).name and first.fingerprints == b""
        assert not reader.read_fingerprints  # not asked again
        sim.remove()
        events.next(CardRemoved)
        asked = sim.commands_seen.count(Command.READ_FINGERPRINT_INFO)
        sim.place(sample(1))
        events.next(CardInserted)
        assert sim.commands_seen.count(Command.READ_FINGERPRINT_INFO) == asked == 1
