"""Every receipt on paper at most once without a person asking, and never lost, with real
parts: the print service, its store, the simulated printer, a throttled TCP link between
them, and a print process of its own that is killed with SIGKILL.

Each case counts what the simulated printer cut: clean receipts, spoiled pieces (a job cut
short, cut off on its own) and glued strips (half a receipt joined to the next: never).
Short receipts where the link's speed is the point, to keep the file quick.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.printer.driver import ReceiptPrinter
from drivers.printer.link import NetworkLink
from drivers.printer.paper import paper
from drivers.printer.sim import SimulatedPrinter
from kiosk.printing import messages
from kiosk.printing.builders import build_acceptance_notice
from kiosk.printing.document import Document
from services.print_service import PrintService
from tests.print_helpers import decode_qr
from tests.print_samples import PROGRESS_BASE, acceptance_data, short_receipt
from tests.test_print_jobs import Updates
from tests.throttle import throttled

ROOT = Path(__file__).resolve().parents[1]


def _printer(port: int, **kw) -> ReceiptPrinter:
    """The driver as the kiosk configures it for a network printer (1 s status timeout)."""
    return ReceiptPrinter(lambda: NetworkLink("127.0.0.1", port, timeout=5.0), paper(58), **kw)


def _service(data_dir: Path, port: int, updates: Updates, **kw) -> PrintService:
    return PrintService(
        data_dir, _printer(port, **kw), on_job=updates, backoff=(0.05, 0.3), idle_poll=0.5
    )


def _notice(number: str) -> Document:
    data = acceptance_data(acceptance_number=number, progress_token=f"token-of-{number}")
    return build_acceptance_notice(data, PROGRESS_BASE)


def _pieces(sim: SimulatedPrinter) -> tuple[int, int, int]:
    """(clean receipts, spoiled pieces, glued strips among them)."""
    return len(sim.receipts), len(sim.spoiled), sum(1 for p in sim.spoiled if p.glued)


def _numbers(sim: SimulatedPrinter) -> list[str]:
    return [decode_qr(r.image).rsplit("token-of-", 1)[-1] for r in sim.receipts]


def _db(data_dir: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(data_dir / "kiosk.sqlite3", timeout=5)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _statuses(data_dir: Path) -> list[str]:
    if not (data_dir / "kiosk.sqlite3").exists():
        return []
    try:
        return [r[0] for r in _db(data_dir, "SELECT status FROM print_jobs ORDER BY id")]
    except sqlite3.OperationalError:  # not made yet
        return []


def _paper_partial(data_dir: Path) -> bool:
    return bool(_db(data_dir, "SELECT partial FROM print_paper")[0][0])


def _until(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never came true: {what or condition}"
        time.sleep(0.01)


# -- a slow link -----------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [20_000, 50_000, 200_000])
def test_a_slow_link_prints_each_receipt_once(tmp_path, rate):
    """The whole acceptance notice (65 kB) takes 3.3 s at 20 kB/s and 1.3 s at 50: longer
    than the old fixed 1 s wait, which counted the silence as a failure and printed it
    again and again (46 times in 36 s). Then a short one."""
    updates = Updates()
    with SimulatedPrinter(None, paper_mm=58) as sim, throttled(sim.port, rate) as link:
        service = _service(tmp_path, link.port, updates)
        service.start()
        try:
            jobs = [
                service.submit(_notice("YJS-20240506-000121"), "s"),
                service.submit(short_receipt("YJS-20240506-000122"), "s"),
            ]
            for job in jobs:
                updates.wait(job, "done", timeout=30)
        finally:
            service.stop()
        assert _pieces(sim) == (2, 0, 0)
        assert _numbers(sim) == ["YJS-20240506-000121", "YJS-20240506-000122"]
        # The wait after each job followed the link's speed as measured on the job.
        assert 0.5 * rate < service.printer.measured_rate < 2 * rate
    assert _statuses(tmp_path) == ["confirmed", "confirmed"]


# -- a printer that goes silent --------------------------------------------------------------


def _job_bytes(sim: SimulatedPrinter, service: PrintService, updates: Updates) -> int:
    """The bytes one short receipt takes on the wire, measured on a second one (the first
    also asks whether the printer sends process IDs back)."""
    for number in ("YJS-20240506-000001", "YJS-20240506-000002"):
        before = sim.bytes_received
        updates.wait(service.submit(short_receipt(number), "s"), "done")
    return sim.bytes_received - before


def test_silent_before_the_last_part_prints_once_when_it_is_back(tmp_path):
    updates = Updates()
    with SimulatedPrinter(None, paper_mm=58) as sim, throttled(sim.port, 50_000) as link:
        service = _service(tmp_path, link.port, updates)
        service.start()
        try:
            size = _job_bytes(sim, service, updates)
            sim.fault_after(size // 2, "silent")  # it still prints what comes, answers nothing
            job = service.submit(short_receipt("YJS-20240506-000123"), "s")
            # The job's end was held back when the answers stopped: certainly not whole.
            assert updates.wait(job, "waiting", timeout=20).code == "offline"
            assert _statuses(tmp_path)[-1] == "failed" and _pieces(sim) == (2, 0, 0)
            sim.online()
            updates.wait(job, "done", timeout=20)
        finally:
            service.stop()
        # The half that came out was cut off on its own before the whole one.
        assert _pieces(sim) == (3, 1, 0)
        assert _numbers(sim)[-1] == "YJS-20240506-000123"


def test_silent_during_the_last_part_is_not_printed_again_unasked(tmp_path):
    updates = Updates()
    with SimulatedPrinter(None, paper_mm=58) as sim, throttled(sim.port, 50_000) as link:
        service = _service(tmp_path, link.port, updates, status_timeout=0.5, print_seconds=1)
        service.start()
        try:
            size = _job_bytes(sim, service, updates)
            sim.fault_after(size - 200, "silent")  # within the receipt's last part
            job = service.submit(short_receipt("YJS-20240506-000123"), "s")
            unknown = updates.wait(job, "unknown", timeout=20)
            assert unknown.code == messages.MAY_HAVE_PRINTED
            sim.online()
            # Back, it feeds and cuts (nothing was left half way) and prints nothing more.
            _until(lambda: not _paper_partial(tmp_path), what="the paper cleared")
            assert _pieces(sim) == (3, 0, 0) and _statuses(tmp_path)[-1] == "unknown"
            # She found nothing in the slot and asks: then, and only then, again.
            again = service.reprint_last("s")
            assert again is not None
            updates.wait(again, "done")
        finally:
            service.stop()
        assert _pieces(sim) == (4, 0, 0)
        assert _numbers(sim)[-2:] == ["YJS-20240506-000123"] * 2


def test_certain_failures_are_printed_again_a_bounded_number_of_times(tmp_path):
    updates = Updates()
    with SimulatedPrinter(None, paper_mm=58) as sim:
        service = _service(tmp_path, sim.port, updates)
        service.start()
        try:
            sim.fault_after(6_000, "cover_open")  # half way through each try
            job = service.submit(short_receipt("YJS-20240506-000123"), "s")

            def tries_failed() -> int:
                return sum(
                    u.job_id == job and u.state in ("waiting", "stopped") for u in updates.items()
                )

            for attempt in (1, 2, 3):
                _until(lambda n=attempt: tries_failed() >= n, what=f"try {attempt} failing")
                if attempt < 3:
                    sim.fault_after(6_000, "cover_open")
                sim.close_cover()
            assert updates.items()[-1].state == "stopped"
            assert updates.items()[-1].code == messages.NOT_PRINTED
            later = service.submit(short_receipt("YJS-20240506-000124"), "s")
            updates.wait(later, "done")  # the next in line prints; the stopped one does not
        finally:
            service.stop()
        assert _pieces(sim) == (1, 3, 0)
        assert _numbers(sim) == ["YJS-20240506-000124"]
    assert _statuses(tmp_path) == ["not_printed", "confirmed"]


# -- the kiosk killed mid-job ------------------------------------------------------------------


def _print_process(data_dir: Path, port: int, *submit: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.print_process", str(data_dir), str(port)]
    if submit:
        args += ["--submit", submit[0]]
    return subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.stdout is not None
    proc.stdout.close()


@pytest.mark.parametrize("moment", ["before", "during", "after"])
def test_killed_before_during_or_after_the_last_byte(tmp_path, moment):
    """SIGKILL of the print process with the job part way (before its last byte), with its
    last part on the wire (during), or printed but not yet heard of (after); then a
    restart. Never two clean receipts, never none, never a glued strip."""
    data = tmp_path / "kiosk"
    with SimulatedPrinter(None, paper_mm=58) as sim, throttled(sim.port, 20_000) as link:
        first = _print_process(data, link.port, "YJS-20240506-000123")
        try:
            if moment == "before":
                _until(lambda: _statuses(data) == ["sending"] and sim.bytes_received > 6_000)
            else:
                _until(lambda: _statuses(data) == ["sent"], what="the last part going out")
                if moment == "after":
                    link.hold_replies = True  # it prints, and the kiosk never hears of it
                    _until(lambda: sim.receipts, what="the receipt")
        finally:
            _kill(first)
        link.hold_replies = False
        second = _print_process(data, link.port)
        try:
            want = "confirmed" if moment == "before" else "unknown"
            _until(
                lambda: _statuses(data) == [want] and not _paper_partial(data),
                timeout=30,
                what=f"the job {want} and the paper cleared",
            )
            _until(lambda: sim.receipts, what="the receipt")
        finally:
            _kill(second)
        # Cut short before its last part: the piece was cut off alone, then it printed whole.
        assert _pieces(sim) == ((1, 1, 0) if moment == "before" else (1, 0, 0))
        assert _numbers(sim) == ["YJS-20240506-000123"]
