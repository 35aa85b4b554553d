"""The simulated printer itself: its ESC/POS parser takes any bytes in any chunks without
crashing (hypothesis), reports what it does not understand, and `kiosk-sim printer` works."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from drivers.printer.paper import paper
from drivers.printer.sim import EscPosParser, Roll
from tests.print_helpers import decode_qr


def _parser(problems: list[str], cuts: list) -> EscPosParser:
    roll = Roll(
        paper(58), None, on_cut=lambda path, img, spoiled, text: cuts.append((img, spoiled))
    )
    return EscPosParser(roll, answer=lambda n: 0x12, report=problems.append)


# Random bytes, weighted towards the command introducers so commands actually get parsed.
_bytes = hs.lists(
    hs.one_of(
        hs.binary(max_size=40),
        hs.sampled_from(
            [b"\x1b", b"\x1d", b"\x1c", b"\x10\x04", b"\x1dv0\x00", b"\x1d(k", b"\x1dV", b"\n"]
        ),
    ),
    max_size=30,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks=_bytes, split=hs.integers(min_value=1, max_value=64))
def test_parser_never_crashes_on_random_bytes(chunks, split):
    problems: list[str] = []
    cuts: list = []
    parser = _parser(problems, cuts)
    data = b"".join(chunks)
    for i in range(0, len(data), split):
        parser.feed(data[i : i + split])
    parser.close()
    parser.roll.cut(force=True)
    for img, _ in cuts:
        assert img.width == 384


def test_unknown_and_truncated_commands_are_reported():
    problems: list[str] = []
    cuts: list = []
    parser = _parser(problems, cuts)
    parser.feed(b"\x1b@\x1b\x7fhello\n\x1dv0\x00\x30\x00\x10\x00abc")
    parser.close()
    assert any("unknown command ESC 0x7f" in p for p in problems)
    assert any("cut short" in p for p in problems)


def test_status_answers_and_native_qr():
    problems: list[str] = []
    cuts: list = []
    parser = _parser(problems, cuts)
    assert parser.feed(b"\x10\x04\x01\x10\x04\x04") == b"\x12\x12"
    store = b"\x31\x50\x30" + b"YJS-BOOKING:YY7K3M9Q2P"
    out = parser.feed(
        b"\x1b@\x1c&\x1ba\x01"
        + b"\x1d(k\x03\x00\x31\x43\x06"
        + b"\x1d(k"
        + len(store).to_bytes(2, "little")
        + store
        + b"\x1d(k\x03\x00\x31\x51\x30\n"
        + "预约凭证".encode("gb18030")
        + b"\n\x1dVA\x00"
    )
    assert out == b"" and problems == []
    ((img, spoiled),) = cuts
    assert not spoiled and decode_qr(img) == "YJS-BOOKING:YY7K3M9Q2P"


def test_kiosk_sim_printer_console():
    proc = subprocess.Popen(
        [sys.executable, "-m", "drivers.sim_cli", "printer", "--port", "0", "--paper", "58"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(proc.stdout.readline().split(":")[1])
        folder = proc.stdout.readline().split(":", 1)[1].strip()
        proc.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"\x10\x04\x01")
            assert s.recv(1) == b"\x12"
            s.sendall(b"\x1b@hello\n\x1dV\x00")
        time.sleep(0.3)
        proc.stdin.write("paper out\nstate\nquit\n")
        proc.stdin.flush()
        out, _ = proc.communicate(timeout=10)
        assert "paper out" in out and "1 receipt(s)" in out
        assert folder
    finally:
        if proc.poll() is None:
            proc.kill()
