"""The receipt printer as the kiosk sees it: print one document, ask its status. Blocking,
for the spooler's thread (never the GUI thread); status changes are told through
drivers.events as StatusChanged(DeviceState("printer", …)).

A job is accepted when every byte was written and a status query afterwards says the printer
is still fine; paper that ran out or a cover opened during the job fails it, so the spooler
prints it again after recovery. After a failed job the next one starts with a feed and cut,
so the half-printed piece comes off on its own rather than glued to the good one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.events import DriverEvent, StatusChanged
from drivers.printer import identify, native, raster
from drivers.printer import status as st
from drivers.printer.link import Link, LinkLost, settle
from drivers.printer.paper import Paper
from drivers.printer.status import PrinterStatus
from kiosk.printing.document import Document

log = logging.getLogger(__name__)

EventSink = Callable[[DriverEvent], None]
CHUNK = 4096  # bytes per write: a lost connection is noticed within a chunk


class PrintFailed(Exception):
    """The printer did not accept the job; `status` says why (paper out, offline, …)."""

    def __init__(self, status: PrinterStatus, detail: str = "") -> None:
        super().__init__(f"{st.WORDS[status]}{': ' + detail if detail else ''}")
        self.status = status
        self.detail = detail


class ReceiptPrinter:
    def __init__(
        self,
        link: Callable[[], Link],
        paper: Paper,
        *,
        mode: str = "raster",
        cut: bool = True,
        status_query: bool = True,
        status_timeout: float = 1.0,
        read_attempts: int = 1,
        on_event: EventSink | None = None,
        name: str = "printer",
    ) -> None:
        if mode not in ("raster", "native"):
            raise ValueError("the printer mode is raster or native")
        self._new_link = link
        self.paper = paper
        self.mode = mode
        self.cut = cut
        self.status_query = status_query
        self.status_timeout = status_timeout
        self.read_attempts = read_attempts
        self.name = name
        self._on_event = on_event
        self._lock = threading.Lock()
        self._status: PrinterStatus | None = None
        self._dirty = False  # the last job stopped half way: a piece is left on the paper
        # Words for a technician when the printer names a model the profile does not fit.
        self.profile_problem = ""

    @property
    def last_status(self) -> PrinterStatus | None:
        return self._status

    def render(self, doc: Document) -> bytes:
        """The job's bytes (done before connecting: rendering takes a moment)."""
        if self.mode == "native":
            return native.job_bytes(doc, self.paper, self.cut)
        return raster.job_bytes(doc, self.paper, self.cut)

    # -- status -------------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        """Connect and ask; OFFLINE when the printer cannot be reached or does not answer."""
        with self._lock:
            link = self._new_link()
            try:
                link.open()
                before = self._status
                now = self._query(link)
                if now.printable and before in (None, PrinterStatus.OFFLINE):
                    self._check_profile(link)  # first contact, or perhaps another printer
                return now
            except LinkLost as e:
                return self._tell(PrinterStatus.OFFLINE, str(e))
            finally:
                link.close()

    def _ask(self, link: Link, n: int) -> int | None:
        for attempt in range(self.read_attempts):
            link.drain()
            link.write(st.query(n))
            answer = link.read_byte(self.status_timeout)
            if answer is not None and st.well_formed(answer):
                return answer
            if attempt + 1 < self.read_attempts:
                settle(0.05)
        return None

    def _query(self, link: Link) -> PrinterStatus:
        if not self.status_query:
            return self._tell(PrinterStatus.ONLINE, "status not asked (configured so)")
        printer = self._ask(link, st.Q_PRINTER)
        if printer is None:
            return self._tell(PrinterStatus.OFFLINE, "no answer to a status query")
        if printer & st.PRINTER_OFFLINE:
            cause = self._ask(link, st.Q_OFFLINE) or 0
            if cause & st.COVER_OPEN:
                return self._tell(PrinterStatus.COVER_OPEN)
            if cause & st.PAPER_STOP:
                return self._tell(PrinterStatus.PAPER_OUT)
            paper = self._ask(link, st.Q_PAPER) or 0
            if paper & st.PAPER_END == st.PAPER_END:
                return self._tell(PrinterStatus.PAPER_OUT)
            return self._tell(PrinterStatus.ERROR, f"offline cause 0x{cause:02x}")
        paper = self._ask(link, st.Q_PAPER)
        if paper is not None and paper & st.PAPER_END == st.PAPER_END:
            return self._tell(PrinterStatus.PAPER_OUT)
        if paper is not None and paper & st.PAPER_NEAR_END:
            return self._tell(PrinterStatus.PAPER_LOW)
        return self._tell(PrinterStatus.ONLINE)

    def _check_profile(self, link: Link) -> None:
        if not self.status_query:
            return  # a printer that answers no status query answers no model name either
        # A printer that answers status answers this as fast; one that does not costs the wait.
        model = identify.ask_model(link, min(self.status_timeout, 0.5))
        problem = (identify.mismatch(self.paper.profile, model) if model else None) or ""
        if problem == self.profile_problem:
            return
        self.profile_problem = problem
        if problem:
            log.warning("printer profile: %s", problem)
        status, self._status = self._status, None
        if status is not None:
            self._tell(status)  # the state again, with the profile's words or without them

    def _tell(self, status: PrinterStatus, detail: str = "") -> PrinterStatus:
        detail = "; ".join(d for d in (detail, self.profile_problem) if d)
        if status != self._status:
            self._status = status
            log.info("printer: %s%s", st.WORDS[status], f" ({detail})" if detail else "")
            if self._on_event is not None:
                self._on_event(StatusChanged(st.device_state(status, self.name, detail)))
        return status

    # -- printing -----------------------------------------------------------------------------

    def print_document(self, doc: Document) -> None:
        self.print_bytes(self.render(doc))

    def print_bytes(self, job: bytes) -> None:
        """Send one job; returns when the printer accepted it, PrintFailed otherwise."""
        with self._lock:
            link = self._new_link()
            try:
                link.open()
                before = self._query(link)
                if not before.printable:
                    raise PrintFailed(before)
                if self._dirty:
                    link.write(raster.end_of_receipt(True, self.paper.cutter))
                    self._dirty = False
                self._dirty = True
                for i in range(0, len(job), CHUNK):
                    link.write(job[i : i + CHUNK])
                after = self._query(link)
                if not after.printable:
                    raise PrintFailed(after, "during the job")
                self._dirty = False
            except LinkLost as e:
                self._tell(PrinterStatus.OFFLINE, str(e))
                raise PrintFailed(PrinterStatus.OFFLINE, str(e)) from None
            finally:
                link.close()
