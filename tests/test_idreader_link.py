"""One serial line to the simulated ID module, over a real pty with real timing: every command,
every fault, noise on the line, probing, and `kiosk-sim idcard` as a technician runs it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from drivers.idreader.codec import (
    BadChecksum,
    Command,
    FrameError,
    RecordError,
    decode_frame,
    encode_command,
    encode_frame,
    parse_reply,
)
from drivers.idreader.link import ModuleError, ModuleLink, NoReply, PortLost, probe
from drivers.idreader.samples import SAMPLE_RESIDENTS, sample
from drivers.idreader.sim import CardState, Fault, SimulatedModule

ROOT = Path(__file__).resolve().parents[1]
FAST = {"reply_timeout": 0.2, "read_timeout": 0.3}


@pytest.fixture
def sim() -> Iterator[SimulatedModule]:
    # Real time on the wire; the module thinks 4× faster than a real one, to keep tests short.
    with SimulatedModule(seed=7, timing_scale=0.25) as module:
        yield module


@pytest.fixture
def link(sim: SimulatedModule) -> Iterator[ModuleLink]:
    with ModuleLink(sim.path, **FAST) as line:
        yield line


def test_every_command_through_a_card_s_life() -> None:
    # A module's own timing, and the link's default timeouts.
    with SimulatedModule() as sim, ModuleLink(sim.path) as link:
        _card_s_life(sim, link)


def _card_s_life(sim: SimulatedModule, link: ModuleLink) -> None:
    link.module_status()
    assert link.find_card() is False
    assert link.select_card() is False
    with pytest.raises(ModuleError, match="could not be read"):
        link.read_base_info("idreader")

    sim.place(sample(2))
    assert link.find_card() is True
    assert link.select_card() is True
    started = time.monotonic()
    identity = link.read_base_info("idreader")
    # 1,295 bytes at 115200 baud take 0.11 s on the wire, after the module's 0.4 s.
    assert time.monotonic() - started >= 0.5
    assert identity == dataclasses.replace(sample(2), reader="idreader")
    assert "陈志远" not in repr(identity) and "330106199207080310" not in repr(identity)

    # Read once, the card is not found again until it has left the field; select still answers.
    assert link.find_card() is False
    assert link.select_card() is True
    sim.remove()
    assert link.select_card() is False
    sim.place(sample(2))
    assert link.find_card() is True


def test_the_module_answers_damaged_and_unknown_commands(sim: SimulatedModule) -> None:
    with serial.Serial(sim.path, 115200, timeout=0.5) as port:
        bad = bytearray(encode_command(Command.FIND_CARD))
        bad[-1] ^= 0x55
        port.write(bad)
        body, _ = decode_frame(port.read(11))
        assert parse_reply(body).sw3 == 0x10
        port.write(encode_frame(b"\x99\x01"))
        body, _ = decode_frame(port.read(11))
        assert parse_reply(body).sw3 == 0x21 and "does not know" in parse_reply(body).words


def test_safe_commands_are_retried_through_damage(sim: SimulatedModule, link: ModuleLink) -> None:
    sim.place(sample(1))
    sim.inject(Fault.CHECKSUM, command=Command.FIND_CARD)
    sim.inject(Fault.CUT, command=Command.SELECT_CARD)
    sim.inject(Fault.SILENCE, command=Command.MODULE_STATUS)
    link.module_status()
    assert link.find_card() and link.select_card()
    assert (
        sim.commands_seen
        == [Command.MODULE_STATUS] * 2 + [Command.FIND_CARD] * 2 + [Command.SELECT_CARD] * 2
    )


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        (Fault.CHECKSUM, BadChecksum, "bad checksum"),
        (Fault.CUT, FrameError, "cut short: 647 of 1295 bytes"),
        (Fault.SILENCE, NoReply, "did not answer in time"),
        (Fault.GARBAGE, RecordError, "card's"),
    ],
)
def test_a_damaged_read_is_said_once_not_retried(
    sim: SimulatedModule, link: ModuleLink, fault: Fault, error: type, words: str
) -> None:
    sim.place(sample(1))
    assert link.find_card() and link.select_card()
    sim.inject(fault, command=Command.READ_BASE_INFO)
    started = time.monotonic()
    with pytest.raises(error, match=words):
        link.read_base_info("idreader")
    # Never longer than the read's timeout (0.3 s and 1.5 × the wire time), and a little slack.
    assert time.monotonic() - started < 0.3 + 0.17 + 0.3
    assert sim.commands_seen.count(Command.READ_BASE_INFO) == 1
    assert link.read_base_info("idreader").name == "林晓燕"  # the next read is whole again


def test_noise_before_a_reply_and_on_an_idle_line(sim: SimulatedModule, link: ModuleLink) -> None:
    sim.place(sample(3))
    sim.inject(Fault.NOISE, count=3)
    sim.send_noise(300)
    time.sleep(0.05)  # the unasked-for noise is waiting in the port when the command goes out
    assert link.find_card() and link.select_card()
    assert link.read_base_info("idreader").valid_until is None
    assert sim.commands_seen.count(Command.FIND_CARD) == 1


def test_a_reply_to_the_port_s_previous_owner_is_not_taken_for_the_next_one() -> None:
    """A driver stopped while it waited for find's reply closes the port; the reply comes
    after the next owner flushed the line, and must not answer that owner's status command."""
    # The module thinks slowly enough that the late reply surely follows the flush.
    with SimulatedModule(seed=7, timing_scale=4.0) as sim:
        with serial.Serial(sim.path, 115200, timeout=0.1) as previous:
            previous.write(encode_command(Command.FIND_CARD))
        with ModuleLink(sim.path, reply_timeout=0.5) as link:
            link.module_status()  # not "no card in the field"
            assert sim.commands_seen == [Command.FIND_CARD, Command.MODULE_STATUS]
            sim.place(sample(1))
            assert link.find_card() and link.select_card()
            assert link.read_base_info("idreader").valid_until is not None


def test_a_garbage_card_is_a_record_error(sim: SimulatedModule, link: ModuleLink) -> None:
    sim.place_garbage()
    with pytest.raises(RecordError):
        link.read_card("idreader")
    assert sim.card_state is CardState.ACTIVE


def test_a_vanished_port_is_port_lost(sim: SimulatedModule, tmp_path: Path) -> None:
    with pytest.raises(PortLost, match="No such file or directory"):
        ModuleLink(str(tmp_path / "nothing"))
    line = ModuleLink(sim.path, **FAST)
    sim.close()
    with pytest.raises(PortLost, match="failed"):
        line.find_card()
    line.close()


def test_probing_finds_the_module_s_port_and_baud(tmp_path: Path) -> None:
    with SimulatedModule(baud=57600, link=tmp_path / "ttyID0", timing_scale=0.25) as module:
        module.place(sample(4))
        found = probe([str(tmp_path / "ttyUSB9"), module.path], (115200, 57600), **FAST)
        assert found is not None
        with found:
            assert (found.port, found.baud) == (module.path, 57600)
            assert found.read_card("r").valid_until == SAMPLE_RESIDENTS[3].valid_until
        # At the wrong rate the module hears only garbage, as a UART does: no answer.
        assert probe([module.path], (115200,), **FAST) is None
    assert not (tmp_path / "ttyID0").exists()  # closing the module takes its link away


def test_kiosk_sim_idcard_for_technicians() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "drivers.sim_cli", "idcard", "--resident", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        port = child.stdout.readline().removeprefix("port: ").strip()
        child.stdout.readline()
        with ModuleLink(port) as line:  # the module's own timing: the default timeouts
            assert line.read_card("r") == dataclasses.replace(sample(1), reader="r")
            child.stdin.write("fault silence 3 find\nremove\nplace 9\nlist\nquit\n")
            child.stdin.flush()
            out, _ = child.communicate(timeout=10)
    finally:
        child.kill()
    assert child.returncode == 0
    assert "silence on the next 3 find replies" in out
    assert "card removed" in out
    assert "error: there are sample residents 1 to 6, not 9" in out
    assert "林*燕  3301**********0623" in out and "林晓燕" not in out
