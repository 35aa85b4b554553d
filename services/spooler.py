"""The print worker: one thread that takes jobs from the store in order and puts each on
paper at most once without a person asking, and never loses one.

Each step of a job is kept in the store before it is taken (kiosk.printing.jobs). A job
that certainly failed (paper out, cover open, no connection, the printer gone before the
job's last part) stays first in line with its reason; the worker polls the printer's status
with a growing pause (kiosk.backoff: 0.2 s up to 5 s) and prints it again as soon as the
printer is back, up to `max_attempts` tries in all. A job whose last part went out without
the printer saying it printed is 'unknown' and never printed again by itself: the screens
offer the resident a reprint. Whatever a job cut short left on the paper is fed and cut off
before anything else prints, after a restart too. Jobs past their expiry are given up and
their documents erased. Job changes leave through a callback on this thread; the UI
re-emits them as queued Qt signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from drivers.printer.driver import PrintFailed, PrintUnknown, ReceiptPrinter
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
    when the printer recovers), unknown (may have printed: a person decides), stopped
    (failed too often: a person may ask again) or expired. `code` is the message code to
    show (kiosk.printing.messages); `detail` is for technicians."""

    job_id: int
    session_id: str | None
    kind: str
    state: str
    code: str
    detail: str = ""


JobSink = Callable[[JobUpdate], None]


class _Marks:
    """The driver's moments in a job, kept in the store as they come."""

    def __init__(self, jobs: PrintJobs, job: Job) -> None:
        self._jobs = jobs
        self._job = job
        self.reached = "sealed"

    def sending(self) -> None:
        self._jobs.sending(self._job)
        self.reached = "sending"

    def last_part(self) -> None:
        self._jobs.sent(self._job)
        self.reached = "sent"


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
        max_attempts: int = 3,
    ) -> None:
        super().__init__("kiosk-print")
        self.data_dir = Path(data_dir)
        self.printer = printer
        self.on_job = on_job
        self.expiry = expiry
        self.backoff = backoff
        self.idle_poll = idle_poll
        self.max_attempts = max_attempts

    def run(self) -> None:
        with KioskData(self.data_dir) as data:
            jobs = data.print_jobs(self.expiry)
            self._recover(jobs)
            next_poll = 0.0
            while self.running:
                self._expire(jobs)
                if jobs.paper_partial() and not self._clear(jobs):
                    self._await_recovery(jobs)
                    continue
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

    def _recover(self, jobs: PrintJobs) -> None:
        """Jobs a crash left under way: see PrintJobs.recover."""
        for job in jobs.recover():
            log.warning("print job %d was under way when the kiosk stopped: %s", job.id, job.status)
            if job.status == "unknown":
                self._tell(job, "unknown", messages.MAY_HAVE_PRINTED, "the kiosk stopped")
            elif job.status == "expired":
                self._tell(job, "expired", messages.EXPIRED, "the kiosk stopped")

    def _clear(self, jobs: PrintJobs) -> bool:
        """Feed and cut off what a job cut short left on the paper; False if the printer
        cannot now."""
        try:
            self.printer.feed_and_cut()
        except PrintFailed as e:
            log.info("the paper is not cleared yet: %s", e)
            return False
        except PrintUnknown as e:
            # Only paper went out: at worst a blank piece more. Not worth a second.
            log.warning("the printer did not answer after a feed and cut: %s", e)
        jobs.paper_cut()
        return True

    def _print(self, jobs: PrintJobs, job: Job) -> bool:
        """Print one job; False when the printer needs time to recover."""
        try:
            doc = jobs.document(job)
        except (SealError, ValueError, KeyError) as e:
            jobs.give_up(job, messages.ERROR, f"the stored document cannot be read: {e}")
            self._tell(job, "expired", messages.EXPIRED, "document unreadable")
            return True
        job = jobs.attempt(job)
        self._tell(job, "printing", messages.PRINTING)
        marks = _Marks(jobs, job)
        try:
            printed = self.printer.print_document(doc, marks)
        except PrintFailed as e:
            return self._failed(jobs, job, e.status.value, str(e))
        except PrintUnknown as e:
            return self._unknown(jobs, job, str(e))
        except Exception as e:  # a rendering or link bug: what the store says decides
            log.exception("print job %d failed", job.id)
            if marks.reached == "sent":
                return self._unknown(jobs, job, str(e))
            return self._failed(jobs, job, messages.ERROR, str(e))
        jobs.confirmed(job)
        log.info(
            "print job %d printed (%s, %s, %d bytes in %.1f s)",
            job.id,
            job.kind,
            printed.how,
            printed.nbytes,
            printed.seconds,
        )
        self._tell(job, "done", messages.DONE)
        return True

    def _failed(self, jobs: PrintJobs, job: Job, reason: str, detail: str) -> bool:
        log.warning("print job %d not printed (try %d): %s", job.id, job.attempts, detail)
        if job.attempts >= self.max_attempts:
            jobs.not_printed(job, reason, detail)
            self._tell(job, "stopped", messages.NOT_PRINTED, detail)
        elif jobs.failed(job, reason, detail) == "expired":  # its resident has gone
            self._tell(job, "expired", messages.EXPIRED, detail)
        else:
            self._tell(job, "waiting", reason, detail)
        return False

    def _unknown(self, jobs: PrintJobs, job: Job, detail: str) -> bool:
        log.warning("print job %d may have printed; not printed again by itself", job.id)
        jobs.unknown(job, detail)
        self._tell(job, "unknown", messages.MAY_HAVE_PRINTED, detail)
        return True

    def _await_recovery(self, jobs: PrintJobs) -> None:
        backoff = Backoff(*self.backoff)
        while self.stopping.wait(backoff.next()) is False:
            if self._expire(jobs) and jobs.next_open() is None and not jobs.paper_partial():
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
