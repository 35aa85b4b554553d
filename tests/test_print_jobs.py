"""Print jobs and the spooler: persisted and sealed before printing, done only when the
printer accepted them, printed exactly once after paper-out and offline, in order, across a
restart; reprints; erasure at the end of the session and at expiry."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest

from drivers.printer.sim import Offline, SimulatedPrinter
from kiosk.printing.builders import build_acceptance_notice
from kiosk.printing.document import Document
from kiosk.printing.jobs import PrintJobs
from kiosk.sealed import Sealer
from kiosk.store import migrations, open_store
from services.print_service import PrintService
from services.spooler import JobUpdate
from tests.collect import Collected
from tests.print_helpers import decode_qr, driver_for
from tests.print_samples import PROGRESS_BASE, acceptance_data


class Updates(Collected[JobUpdate]):
    def wait(self, job_id: int, state: str, timeout: float = 10.0) -> JobUpdate:
        """The first update that says job `job_id` is in `state`, waiting for it."""

        def found(seen: list[JobUpdate]) -> JobUpdate | None:
            return next((u for u in seen if u.job_id == job_id and u.state == state), None)

        return self.wait_until(found, timeout, f"job {job_id} never {state}")


def _notice(number: str = "YJS-20240506-000123") -> Document:
    # Each notice's QR code tells which it is: its token names its number.
    data = acceptance_data(acceptance_number=number, progress_token=f"token-of-{number}")
    return build_acceptance_notice(data, PROGRESS_BASE)


def _service(data_dir: Path, sim: SimulatedPrinter, updates: Updates, **kw) -> PrintService:
    return PrintService(
        data_dir,
        driver_for(sim, status_timeout=kw.pop("status_timeout", 1.0)),
        on_job=updates,
        backoff=(0.05, 0.3),
        idle_poll=0.5,
        **kw,
    )


def _row(data_dir: Path, job_id: int) -> tuple:
    db = sqlite3.connect(data_dir / "kiosk.sqlite3")
    try:
        return db.execute(
            "SELECT status, reason, length(document), document FROM print_jobs WHERE id = ?",
            (job_id,),
        ).fetchone()
    finally:
        db.close()


def test_a_job_is_sealed_then_printed_and_done(tmp_path):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        service = _service(tmp_path, sim, updates)
        job = service.submit(_notice(), "session-1")
        _, _, size, blob = _row(tmp_path, job)
        assert size > 0 and b"YJS-20240506-000123" not in blob  # sealed at rest
        service.start()
        updates.wait(job, "done")
        service.stop()
        assert [u.state for u in updates.all if u.job_id == job] == ["queued", "printing", "done"]
        assert len(sim.receipts) == 1
    assert _row(tmp_path, job)[0] == "confirmed"


@pytest.mark.parametrize("fault", ["paper_out", "offline", "cover_open"])
def test_a_failure_mid_job_prints_exactly_one_receipt_after_recovery(tmp_path, fault):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        service = _service(tmp_path, sim, updates)
        service.start()
        sim.fault_after(15_000, fault)
        job = service.submit(_notice(), "session-1")
        waiting = updates.wait(job, "waiting")
        assert waiting.code == fault
        status, reason, _, _ = _row(tmp_path, job)
        assert (status, reason) == ("failed", fault)
        time.sleep(0.3)  # the spooler keeps polling; it must not print meanwhile
        assert sim.receipts == []
        {"paper_out": sim.paper_in, "offline": sim.online, "cover_open": sim.close_cover}[fault]()
        updates.wait(job, "done")
        service.stop()
        assert len(sim.receipts) == 1
        assert len(sim.spoiled) >= 1  # the half-printed piece, apart
        assert decode_qr(sim.receipts[0].image).endswith("token-of-YJS-20240506-000123")
    assert _row(tmp_path, job)[0] == "confirmed"


def test_a_printer_that_never_answers_status_keeps_the_job_waiting(tmp_path):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        sim.offline(Offline.SILENT)
        service = _service(tmp_path, sim, updates, status_timeout=0.2)
        service.start()
        job = service.submit(_notice(), "session-1")
        assert updates.wait(job, "waiting").code == "offline"
        time.sleep(0.5)
        assert sim.receipts == [] and _row(tmp_path, job)[0] == "failed"
        sim.online()
        updates.wait(job, "done")
        service.stop()
        assert len(sim.receipts) == 1


def test_jobs_survive_a_restart_and_print_in_order(tmp_path):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        sim.offline(Offline.REFUSE)
        first = _service(tmp_path, sim, updates)
        first.start()
        jobs = [first.submit(_notice(f"YJS-20240506-00012{i}"), "session-1") for i in range(3)]
        updates.wait(jobs[0], "waiting")
        first.stop()  # the kiosk goes down with three jobs unprinted
        assert sim.receipts == []

        sim.online()
        again = Updates()
        second = _service(tmp_path, sim, again)  # a new store object on the same file
        second.start()
        for job in jobs:
            again.wait(job, "done")
        second.stop()
        numbers = [decode_qr(r.image).rsplit("token-of-", 1)[1] for r in sim.receipts]
        assert numbers == [f"YJS-20240506-00012{i}" for i in range(3)]


def test_a_job_cut_short_by_a_crash_is_printed_after_restart(tmp_path):
    store = open_store(tmp_path)
    jobs = PrintJobs(store, Sealer.for_data_dir(tmp_path))
    job = jobs.submit(_notice(), "session-1")
    jobs.sending(job)  # and then the power went, before its last part left
    store.close()
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        service = _service(tmp_path, sim, updates)
        service.start()
        updates.wait(job.id, "done")
        service.stop()
        assert len(sim.receipts) == 1


def test_reprint_and_erasure_at_the_end_of_the_session(tmp_path):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        service = _service(tmp_path, sim, updates)
        service.start()
        assert service.reprint_last("session-1") is None
        job = service.submit(_notice(), "session-1")
        updates.wait(job, "done")
        again = service.reprint_last("session-1")
        assert again is not None and again != job
        updates.wait(again, "done")
        assert len(sim.receipts) == 2
        assert decode_qr(sim.receipts[1].image) == decode_qr(sim.receipts[0].image)

        sim.paper_out()
        pending = service.submit(_notice(), "session-1")
        updates.wait(pending, "waiting")
        service.end_session("session-1")
        assert _row(tmp_path, job)[2] == 0 and _row(tmp_path, again)[2] == 0  # erased
        # Still waiting when she left: given up and erased, so that it never prints into
        # the next resident's hands.
        assert _row(tmp_path, pending)[0] == "expired" and _row(tmp_path, pending)[2] == 0
        assert service.reprint_last("session-1") is None  # the session is over
        sim.paper_in()
        time.sleep(1.0)
        service.stop()
        assert len(sim.receipts) == 2


def test_an_unprinted_job_expires_and_is_erased(tmp_path):
    updates = Updates()
    with SimulatedPrinter(tmp_path / "paper") as sim:
        sim.paper_out()
        service = _service(tmp_path, sim, updates, expiry=timedelta(seconds=0.6))
        service.start()
        job = service.submit(_notice(), "session-1")
        updates.wait(job, "waiting")
        assert updates.wait(job, "expired", timeout=5).code == "expired"
        service.stop()
        sim.paper_in()
        assert sim.receipts == []
    status, _, size, _ = _row(tmp_path, job)
    assert status == "expired" and size == 0


def test_jobs_an_older_kiosk_left_are_carried_over(tmp_path):
    """Stored by the kiosk before the steps were kept: waiting jobs still print; one it left
    'printing' may be on paper, so it is unknown, and the paper is cut first."""
    db = sqlite3.connect(tmp_path / "kiosk.sqlite3")
    for f in migrations()[:3]:
        db.executescript(f.read_text())
    db.execute("PRAGMA user_version = 3")
    for status in ("pending", "printing", "done", "failed"):
        db.execute(
            "INSERT INTO print_jobs (kind, document, created_at, status) "
            "VALUES ('acceptance_notice', X'00', '2024-05-06', ?)",
            (status,),
        )
    db.commit()
    db.close()
    store = open_store(tmp_path)
    jobs = PrintJobs(store, Sealer.for_data_dir(tmp_path))
    assert [j.status for j in jobs.open_jobs()] == ["sealed", "failed"]
    assert jobs.paper_partial()
    assert [j.status for j in jobs.recover()] == ["unknown"]
    assert jobs.counts()["confirmed"] == 1
    store.close()
