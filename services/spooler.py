"""The print worker: one thread that takes jobs from the store in order and prints each
exactly once, however often the printer fails on the way.

A failed job stays first in line with its reason; the worker polls the printer's status with
a growing pause (kiosk.backoff: 0.2 s up to 5 s) and prints it again as soon as the printer
is back. Jobs past their expiry are given up and their documents erased. Job changes leave
through a callback on this thread; the UI re-emits them as queued Qt signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from drivers.printer.driver import PrintFailed, ReceiptPrinter
from drivers.printer.status import PrinterStatus
from kiosk.background import Background
from kiosk.backoff import Backoff
from kiosk.printing import messages
from kiosk.printing.jobs import Job, PrintJobs
from kiosk.sealed import SealError
from services.storage import KioskData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobUpdate:
    """A print job changed. `state`: queued, printing, done, waiting (failed, will print
    when the printer recovers) or expired. `code` is the message code to show
    (kiosk.printing.messages); `detail` is for technicians."""

    job_id: int
    session_id: str | None
    kind: str
    state: str
    code: str
    detail: str = ""


JobSink = Callable[[JobUpdate], None]


class Spooler(Background):
    """`wake()` when a job was stored: it prints now rather than at the next poll."""

    def __init__(
        self,
        data_dir: Path,
        printer: ReceiptPrinter,
        *,
        on_job: JobSink = lambda u: None,
        expiry: timedelta = timedelta(hours=2),
        backoff: tuple[float, float] = (0.2, 5.0),
        idle_poll: float = 30.0,
    ) -> None:
        super().__init__("kiosk-print")
        self.data_dir = Path(data_dir)
        self.printer = printer
        self.on_job = on_job
        self.expiry = expiry
        self.backoff = backoff
        self.idle_poll = idle_poll

    def run(self) -> None:
        with KioskData(self.data_dir) as data:
            jobs = data.print_jobs(self.expiry)
            next_poll = 0.0
            while self.running:
                self._expire(jobs)
                job = jobs.next_open()
                if job is None:
                    if time.monotonic() >= next_poll:
                        # Nothing to print: still tell the kiosk how the printer is.
                        self.printer.status()
                        next_poll = time.monotonic() + self.idle_poll
                    self.pause(self.idle_poll)
                    continue
                if not self._print(jobs, job):
                    self._await_recovery(jobs)

    def _print(self, jobs: PrintJobs, job: Job) -> bool:
        try:
            doc = jobs.document(job)
        except (SealError, ValueError, KeyError) as e:
            jobs.give_up(job, messages.ERROR, f"the stored document cannot be read: {e}")
            self._tell(job, "expired", messages.EXPIRED, "document unreadable")
            return True
        jobs.printing(job)
        self._tell(job, "printing", messages.PRINTING)
        try:
            self.printer.print_document(doc)
        except PrintFailed as e:
            jobs.failed(job, e.status.value, str(e))
            log.warning("print job %d not printed: %s", job.id, e)
            self._tell(job, "waiting", e.status.value, str(e))
            return False
        except Exception as e:  # a rendering or link bug: keep the job, say so
            log.exception("print job %d failed", job.id)
            jobs.failed(job, messages.ERROR, str(e))
            self._tell(job, "waiting", messages.ERROR, str(e))
            return False
        jobs.done(job)
        log.info("print job %d printed (%s)", job.id, job.kind)
        self._tell(job, "done", messages.DONE)
        return True

    def _await_recovery(self, jobs: PrintJobs) -> None:
        backoff = Backoff(*self.backoff)
        while self.stopping.wait(backoff.next()) is False:
            if self._expire(jobs) and jobs.next_open() is None:
                return
            if self.printer.status().printable:
                return

    def _expire(self, jobs: PrintJobs) -> bool:
        gone = jobs.expire()
        for job in gone:
            log.warning("print job %d expired unprinted (%s)", job.id, job.reason or "")
            self._tell(job, "expired", messages.EXPIRED, job.reason or "")
        return bool(gone)

    def _tell(self, job: Job, state: str, code: str, detail: str = "") -> None:
        try:
            self.on_job(JobUpdate(job.id, job.session_id, job.kind, state, code, detail))
        except Exception:
            log.exception("the print job callback failed")

    @property
    def printer_status(self) -> PrinterStatus | None:
        return self.printer.last_status
