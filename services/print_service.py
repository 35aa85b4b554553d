"""The print service: the printer driver and the spooler built from the kiosk's
configuration, and thread-safe calls to submit, reprint and end a session.

    service = print_service(config, on_job=..., on_event=...)   # None: no printer configured
    service.start()
    job_id = service.submit(document, session_id)
    service.reprint_last(session_id)
    service.end_session(session_id)
    service.stop()

Callbacks run on the spooler's thread (and `queued` on the caller's): the UI re-emits them as
queued Qt signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from drivers.events import DriverEvent
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.link import Link, link_for
from drivers.printer.paper import paper_for
from drivers.printer.status import PrinterStatus
from kiosk.config import Config, PrinterSection
from kiosk.printing import messages
from kiosk.printing.document import Document
from services.spooler import JobSink, JobUpdate, Spooler
from services.storage import KioskData


class PrintService:
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
        self.data_dir = Path(data_dir)
        self.printer = printer
        self._job_listeners: list[JobSink] = [on_job]
        self._data = KioskData(self.data_dir)
        self._jobs = self._data.print_jobs(expiry)
        self._lock = threading.Lock()
        self.spooler = Spooler(
            self.data_dir,
            printer,
            on_job=self._tell,
            expiry=expiry,
            backoff=backoff,
            idle_poll=idle_poll,
            max_attempts=max_attempts,
        )

    def start(self) -> None:
        self.spooler.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.spooler.stop(timeout)
        with self._lock:
            self._data.close()

    @property
    def status(self) -> PrinterStatus | None:
        """The printer's last known status (None before the first answer)."""
        return self.printer.last_status

    def submit(self, doc: Document, session_id: str | None = None) -> int:
        """Persist the document as a job (sealed) and wake the spooler; the job id."""
        with self._lock:
            job = self._jobs.submit(doc, session_id)
        self._tell(JobUpdate(job.id, session_id, doc.kind, "queued", messages.QUEUED))
        self.spooler.wake()
        return job.id

    def reprint_last(self, session_id: str) -> int | None:
        """A new job for the session's last document (printed, waiting, or one that may have
        printed: a person asked); None if none."""
        with self._lock:
            job = self._jobs.reprint(session_id)
        if job is None:
            return None
        self._tell(JobUpdate(job.id, session_id, job.kind, "queued", messages.QUEUED))
        self.spooler.wake()
        return job.id

    def end_session(self, session_id: str) -> None:
        with self._lock:
            self._jobs.end_session(session_id)

    def job_state(self, job_id: int) -> tuple[str, str | None] | None:
        """(status, reason) of a job, for a screen that comes back to it."""
        with self._lock:
            job = self._jobs.get(job_id)
        return (job.status, job.reason) if job else None

    def listen(self, on_job: JobSink) -> None:
        """Another who wants to hear of job changes (on the spooler's or caller's thread)."""
        self._job_listeners.append(on_job)

    def _tell(self, update: JobUpdate) -> None:
        for listener in list(self._job_listeners):
            listener(update)


def printer_from_config(
    cfg: PrinterSection,
    on_event: Callable[[DriverEvent], None] | None = None,
    link: Callable[[], Link] | None = None,
) -> ReceiptPrinter:
    return ReceiptPrinter(
        link or (lambda: link_for(cfg)),
        paper_for(cfg.printer_profile()),
        mode=cfg.print_mode(),
        cut=cfg.cut,
        status_query=cfg.status_query,
        status_timeout=cfg.status_timeout_seconds,
        # USB status reads are unreliable on many printers: ask up to three times.
        read_attempts=3 if cfg.connection == "usb" else 1,
        # A serial line's speed is known (10 bits a byte with start and stop bits); a
        # network's is measured on each job.
        link_rate=cfg.serial_baud / 10 if cfg.connection == "serial" else None,
        on_event=on_event,
    )


def print_service(
    config: Config,
    *,
    on_job: JobSink = lambda u: None,
    on_event: Callable[[DriverEvent], None] | None = None,
    data_dir: Path | None = None,
) -> PrintService | None:
    """The ready print service for this kiosk (not started), or None without a printer."""
    cfg = config.printer
    if not cfg.enabled:
        return None
    return PrintService(
        data_dir or config.data_dir(),
        printer_from_config(cfg, on_event),
        on_job=on_job,
        expiry=timedelta(minutes=cfg.job_expiry_minutes),
    )
