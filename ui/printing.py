"""The journey's printer: the session's receipt, slip and result documents handed to the print
service (drivers/printer), and each job's progress handed back to the screen.

Glue only. The documents are built by kiosk.printing; jobs are persisted and retried by the
print service on its own thread; job updates come back here as queued signals.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from drivers.printer.service import PrintService
from drivers.printer.spooler import JobUpdate
from kiosk.config import Config
from kiosk.contract import Booking
from kiosk.printing.builders import (
    AcceptanceNoticeData,
    Received,
    ReceivedMaterial,
    build_acceptance_notice,
    build_appointment_slip,
)
from kiosk.timelimit import time_limit_days

log = logging.getLogger(__name__)

_RECEIVED = {
    "shared": Received.SHARED,
    "checked": Received.SHARED,  # the departments fetch it between themselves
    "captured": Received.CAPTURED,
    "commitment": Received.COMMITMENT,
    "paper": Received.PAPER,
}


class JourneyPrinter(QObject):
    """Owned by the GUI thread; `service` may be None (no printer configured)."""

    jobChanged = Signal(object)  # JobUpdate, from the print worker's thread
    _said = Signal(str)  # a print state decided off the GUI thread

    def __init__(self, config: Config, service: PrintService | None, parent=None) -> None:
        super().__init__(parent)
        self._config = config
        self._service = service
        self._journey = None
        self._sessions: set[str] = set()  # sessions with jobs, to end with them
        self.jobChanged.connect(self._on_job)
        self._said.connect(self._say)
        # The print service writes each job to the store (synchronous=FULL) before it
        # returns: that happens here, one call after another, never on the GUI thread.
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="print-submit")

    @staticmethod
    def start(config: Config, on_event) -> tuple[JourneyPrinter, PrintService | None]:
        """The print service from the configuration, started, its updates queued to the GUI
        thread; `on_event` gets the printer's status changes (for device health)."""
        from drivers.printer.service import print_service

        holder: list[JourneyPrinter] = []
        service = print_service(
            config,
            on_job=lambda update: holder[0].jobChanged.emit(update) if holder else None,
            on_event=on_event,
        )
        printer = JourneyPrinter(config, service)
        holder.append(printer)
        if service is not None:
            service.start()
        return printer, service

    def attach(self, journey) -> None:
        self._journey = journey
        journey.printer = self
        journey.kiosk.sessionWiped.connect(self._session_ended)

    # -- what the journey asks -----------------------------------------------------------------

    def print_receipt(self, journey) -> None:
        session = journey.kiosk.session
        app = session.application
        if self._service is None or app is None:
            journey.set_print_state("no_printer")
            return
        o, s = app.onething, app.situation
        data = AcceptanceNoticeData(
            acceptance_number=session.receipt_number,
            onething_name=o.name,
            situation=s.name,
            kiosk_name=self._config.kiosk.name,
            terminal_number=self._config.kiosk.terminal_number,
            materials=tuple(ReceivedMaterial(m.name, _RECEIVED[how]) for m, how in app.received()),
            time_limit_days=time_limit_days(o, s),
            due_date=session.due_date,
            delivery=app.delivery,
            progress_token=session.progress_token,
            accepted_at=self._config.kiosk.now(),
            offline=session.offline,
            consultation=o.guide.consultation,
        )
        document = build_acceptance_notice(data, self._config.hub.progress_base())
        self._submit(document, session.id)

    def reprint(self, journey) -> None:
        session_id = journey.kiosk.session.id
        if self._service is None:
            journey.set_print_state("no_printer")
            return
        service = self._service

        def reprint() -> None:
            if service.reprint_last(session_id) is None:
                self._said.emit("nothing_to_reprint")

        self._background(reprint)

    def print_slip(self, journey, booking: Booking) -> None:
        session = journey.kiosk.session
        if self._service is None:
            journey.set_print_state("no_printer")
            return
        name = session.onething.name if session.onething else booking.slot.onething_id
        slip = build_appointment_slip(
            booking, name, self._config.kiosk.name, self._config.kiosk.now()
        )
        self._submit(slip, session.id)

    def print_result(self, content_type: str, data: bytes) -> None:
        """A result document (A4 PDF) on the office printer, or into the configured folder;
        blocks: call from a worker. OfficePrintError in plain words when it cannot."""
        from ui.office_print import OfficePrintError, print_pdf, save_as_pdf

        if content_type != "application/pdf":
            raise OfficePrintError(f"a result of type {content_type} is not printed here")
        target = self._config.printer.office_printer
        if target.startswith("pdf:"):
            folder = Path(target.removeprefix("pdf:")).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            save_as_pdf(data, folder / f"result-{datetime.now():%Y%m%d-%H%M%S-%f}.pdf")
        else:
            print_pdf(data, printer_name=target)

    # -- plumbing ------------------------------------------------------------------------------

    def _submit(self, document, session_id: str) -> None:
        self._sessions.add(session_id)
        service = self._service
        self._background(lambda: service.submit(document, session_id))

    def _background(self, work) -> None:
        def guarded() -> None:
            try:
                work()
            except Exception:  # the store is unusable: say so, keep the kiosk running
                log.exception("a print job could not be stored")
                self._said.emit("error")

        self._pool.submit(guarded)

    def _say(self, state: str) -> None:
        if self._journey is not None:
            self._journey.set_print_state(state)

    def _on_job(self, update: JobUpdate) -> None:
        journey = self._journey
        if journey is None or update.session_id != journey.kiosk.session.id:
            return  # another session's job (a receipt that printed after its owner left)
        journey.set_print_state(update.code if update.state != "done" else "done")

    def _session_ended(self) -> None:
        """Documents of the ended session: erased once printed (the service decides)."""
        if self._service is None:
            return
        service, ended = self._service, set(self._sessions)
        self._sessions.clear()
        self._background(lambda: [service.end_session(s) for s in ended])

    def close(self) -> None:
        """Let the jobs handed over reach the store before the service stops."""
        self._pool.shutdown(wait=True)
