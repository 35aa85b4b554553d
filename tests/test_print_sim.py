"""The simulated printer itself: its ESC/POS parser takes any bytes in any chunks without
crashing (hypothesis), reports what it does not understand, and `kiosk-sim printer` works."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from drivers.printer import status as st
from drivers.printer.paper import paper
from drivers.printer.sim import EscPosParser, Roll, SimulatedPrinter
from tests.print_helpers import decode_qr


def _parser(problems: list[str], cuts: list) -> EscPosParser:
    roll = Roll(
        paper(58), None, on_cut=lambda path, img, spoiled, text, glued: cuts.append((img, spoiled))
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


def test_process_ids_come_back_once_the_data_before_them_is_printed():
    problems: list[str] = []
    cuts: list = []
    roll = Roll(paper(58), None, on_cut=lambda path, img, spoiled, text, glued: cuts.append(img))
    stopped = []
    parser = EscPosParser(
        roll,
        answer=lambda n: 0x12,
        report=problems.append,
        process_id=lambda pid: None if stopped else st.PROCESS_ID_HEAD + pid + b"\x00",
    )
    out = parser.feed(b"\x1b@hello\n\x1dV\x00" + st.process_id_request(b"0042") + b"\x10\x04\x01")
    # Its digits would pass for status bytes: read as a stream they do not.
    replies = st.Replies()
    assert [r for b in out if (r := replies.feed(b))] == [("done", b"0042"), ("status", 0x12)]
    assert len(cuts) == 1 and problems == []
    stopped.append(True)  # paper out: what was before it did not print, so no reply
    assert parser.feed(b"more\n" + st.process_id_request(b"0043")) == b""


def test_a_job_cut_short_then_the_next_is_glued_unless_fed_and_cut_between():
    from drivers.printer.raster import end_of_receipt

    cuts: list = []
    roll = Roll(
        paper(58),
        None,
        on_cut=lambda path, img, spoiled, text, glued: cuts.append((spoiled, glued)),
    )
    half, whole = b"\x1b@half a receipt\n", b"\x1b@a receipt\n" + end_of_receipt(True)
    first = EscPosParser(roll, source=1)
    first.feed(half)
    first.close()  # the kiosk went away: no cut
    EscPosParser(roll, source=2).feed(whole)
    assert cuts == [(True, True)]  # half of one and all of the next on one strip

    cuts.clear()
    first = EscPosParser(roll, source=3)
    first.feed(half)
    first.close()
    after = EscPosParser(roll, source=4)
    after.feed(b"\x1b@" + end_of_receipt(True))  # what a restart sends first
    after.feed(whole)
    assert cuts == [(True, False), (False, False)]  # the half apart, spoiled; then a receipt


def test_a_throttled_printer_reads_no_faster_than_its_rate(tmp_path):
    with (
        SimulatedPrinter(None, rate=20_000) as sim,
        socket.create_connection(("127.0.0.1", sim.port), timeout=5) as s,
    ):
        t0 = time.monotonic()
        s.sendall(b"\x1b@" + b"x" * 10_000 + b"\n\x10\x04\x01")
        assert s.recv(1) == b"\x12"  # answered after the bytes before it
        assert time.monotonic() - t0 >= 0.45
