"""The journey's papers: the session's receipt, appointment slip and result documents, built
by kiosk.printing and handed to the print service; each job's progress told back.

Storing a job writes the store with a full sync, so it happens on this object's own
thread, one job after another and in order (a session's end after its receipt). Job
updates come from the spooler's thread; both reach the listeners through `post`, on the
screens' thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from kiosk.config import Config, PrinterSection
from kiosk.contract import Booking
from kiosk.notice import build_notice
from kiosk.printing.builders import (
    AcceptanceNoticeData,
    Received,
    ReceivedMaterial,
    build_acceptance_notice,
    build_appointment_slip,
    build_guide,
)
from kiosk.printing.document import Document
from kiosk.session import Session
from kiosk.timelimit import time_limit_days
from services.journey import NotPrintedHere, Post
from services.print_service import PrintService
from services.spooler import JobUpdate

log = logging.getLogger(__name__)

# A session's print state changed: session id, state (printing, done, error, nothing_to_
# reprint, or a job's message code: kiosk.printing.messages).
StateSink = Callable[[str, str], None]

_RECEIVED = {
    "shared": Received.SHARED,
    "checked": Received.SHARED,  # the departments fetch it between themselves
    "captured": Received.CAPTURED,
    "card": Received.CAPTURED,  # the agent's card, read at the terminal
    "commitment": Received.COMMITMENT,
    "paper": Received.PAPER,
}


class Receipts:
    def __init__(self, config: Config, service: PrintService, post: Post) -> None:
        self._config = config
        self._service = service
        self._post = post
        self._listeners: list[StateSink] = []
        service.listen(self._job_changed)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="print-submit")
        self._closed = False
        self._printed_for: set[str] = set()  # sessions with jobs, to end with them

    def listen(self, on_state: StateSink) -> None:
        self._listeners.append(on_state)

    def _job_changed(self, update: JobUpdate) -> None:
        """From the print service (the spooler's thread)."""
        if update.session_id is None:
            return
        state = update.code if update.state != "done" else "done"
        self._say(update.session_id, state)

    # -- what the journey asks -------------------------------------------------------------

    def receipt(self, session: Session) -> None:
        """The acceptance notice of the session's application (受理回执)."""
        app = session.application
        if app is None:
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
            accepted_by=app.accepted_by,
            staff_name=app.staff_name,
            agent=app.agent.words() if app.agent is not None else "",
        )
        self._submit(build_acceptance_notice(data, self._config.hub.progress_base()), session.id)

    def slip(self, session: Session, booking: Booking) -> None:
        name = session.onething.name if session.onething else booking.slot.onething_id
        slip = build_appointment_slip(
            booking, name, self._config.kiosk.name, self._config.kiosk.now()
        )
        self._submit(slip, session.id)

    def guide(self, session: Session) -> None:
        """The simplified guide (办事指南简版, §5.3.1) of the situation the resident chose: the
        one-time notice on paper, to take home. In Chinese, as staff at a window read it."""
        o, s = session.onething, session.situation
        if o is None or s is None:
            return
        notice = build_notice(session.catalog, o, s)
        guide = build_guide(notice, self._config.kiosk.name, self._config.kiosk.now())
        self._submit(guide, session.id)

    def reprint(self, session_id: str) -> None:
        service = self._service

        def reprint() -> None:
            if service.reprint_last(session_id) is None:
                self._say(session_id, "nothing_to_reprint")

        self._background(session_id, reprint)

    def end_session(self, session_id: str) -> None:
        """The resident has gone: what is still waiting for the printer is given up (it
        would land in the next resident's hands), the printed documents erased."""
        if session_id not in self._printed_for:  # nothing of hers in the store
            return
        self._printed_for.discard(session_id)
        service = self._service
        self._background(session_id, lambda: service.end_session(session_id))

    def close(self) -> None:
        """Let the jobs handed over reach the store before the service stops; take no
        more."""
        self._closed = True
        self._pool.shutdown(wait=True)

    # -- plumbing ----------------------------------------------------------------------------

    def _submit(self, document: Document, session_id: str) -> None:
        self._printed_for.add(session_id)
        self._say(session_id, "printing")
        service = self._service
        self._background(session_id, lambda: service.submit(document, session_id))

    def _background(self, session_id: str, work: Callable[[], object]) -> None:
        if self._closed:  # the kiosk is stopping: a late call from the screens does nothing
            return

        def guarded() -> None:
            try:
                work()
            except Exception:  # the store is unusable: say so, keep the kiosk running
                log.exception("a print job could not be stored")
                self._say(session_id, "error")

        self._pool.submit(guarded)

    def _say(self, session_id: str, state: str) -> None:
        def tell() -> None:
            for listener in list(self._listeners):
                listener(session_id, state)

        self._post(tell)


def print_result(printer: PrinterSection, content_type: str, data: bytes) -> None:
    """A result document (A4 PDF) on the office printer, or into the configured folder;
    blocks: call from a worker. NotPrintedHere when it cannot."""
    if content_type != "application/pdf":
        raise NotPrintedHere(f"a result of type {content_type} is not printed here")
    # Imported here: it brings Qt's PDF and print support, which only this needs.
    from drivers.printer.office import OfficePrintError, print_pdf, save_as_pdf

    target = printer.office_printer
    try:
        if target.startswith("pdf:"):
            folder = Path(target.removeprefix("pdf:")).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            save_as_pdf(data, folder / f"result-{datetime.now():%Y%m%d-%H%M%S-%f}.pdf")
        else:
            print_pdf(data, printer_name=target)
    except OfficePrintError as e:
        raise NotPrintedHere(str(e)) from None
