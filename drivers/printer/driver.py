"""The receipt printer as the kiosk sees it: print one document, ask its status. Blocking,
for the spooler's thread (never the GUI thread); status changes are told through
drivers.events as StatusChanged(DeviceState("printer", …)).

A receipt must reach the paper at most once without a person asking, so a job has three
outcomes, and only a certain failure may be printed again by itself:

- Printed: the printer said so. With `GS ( H` (a process ID sent back once the data before it
  is printed) where the printer has it, else a status answer after the last byte that says
  the printer is fine.
- PrintFailed: certainly not printed whole. Nothing of it went out; or the printer stopped
  (paper out, cover open) during it; or it went away or silent before the job's last part was
  sent: that part, the end of the receipt and its cut, is held back until every earlier part
  was answered for, so a receipt without it is visibly short.
- PrintUnknown: the last part went out and the printer, asked twice, did not tell. It may be
  in the tray; a person decides.

The caller is told, through `JobMarks`, just before the first byte and just before the last
part, so that it can keep those moments durably and know after a crash which side of them
it was on. Waiting for an answer scales with the bytes in flight and the link's speed: the
one configured, else as measured on this job's earlier parts, else a slow serial line's.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

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
CHECKPOINT = 1024  # at least this many bytes between two status questions within a job
SLOWEST = 960.0  # bytes a second of a 9600-baud line: the speed assumed before any answer
MARGIN = 2.0  # the wait allows the bytes in flight twice the time the link's speed says
PROBE_ID = b"0000"


class PrintFailed(Exception):
    """The job is certainly not on paper whole; `status` says why (paper out, offline, …).
    `sent`: some of it went out (the paper may hold a spoiled piece)."""

    def __init__(self, status: PrinterStatus, detail: str = "", *, sent: bool = False) -> None:
        super().__init__(f"{st.WORDS[status]}{': ' + detail if detail else ''}")
        self.status = status
        self.detail = detail
        self.sent = sent


class PrintUnknown(Exception):
    """The whole job went out and the printer could not say whether it printed it."""


@dataclass(frozen=True)
class Printed:
    how: str  # "printed" (process ID), "received" (status after the job), "written" (no status)
    seconds: float  # from the first byte to the answer
    nbytes: int


class JobMarks(Protocol):
    def sending(self) -> None:
        """Just before the job's first byte: from here the paper may hold part of it."""

    def last_part(self) -> None:
        """Just before the job's last part: from here the paper may hold all of it."""


class _NoMarks:
    def sending(self) -> None:
        pass

    def last_part(self) -> None:
        pass


NO_MARKS: JobMarks = _NoMarks()


class _Talk:
    """One connection's replies, read in the order they come."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self._replies = st.Replies()
        self.done: set[bytes] = set()  # process IDs the printer sent back

    def next(self, deadline: float) -> tuple[str, int | bytes] | None:
        while (left := deadline - time.monotonic()) > 0:
            b = self.link.read_byte(left)
            if b is None:
                return None
            reply = self._replies.feed(b)
            if reply is not None:
                if reply[0] == "done":
                    self.done.add(bytes(reply[1]))  # type: ignore[arg-type]
                return reply
        return None

    def status(self, deadline: float) -> int | None:
        while (reply := self.next(deadline)) is not None:
            if reply[0] == "status":
                return int(reply[1])  # type: ignore[arg-type]
        return None


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
        link_rate: float | None = None,
        print_seconds: float = 3.0,
        on_event: EventSink | None = None,
        name: str = "printer",
    ) -> None:
        """`link_rate`: the link's bytes a second when known (a serial line's baud / 10);
        None measures it. `print_seconds`: how long the printer may take to print a receipt
        it has whole, before its process ID is given up for."""
        if mode not in ("raster", "native"):
            raise ValueError("the printer mode is raster or native")
        self._new_link = link
        self.paper = paper
        self.mode = mode
        self.cut = cut
        self.status_query = status_query
        self.status_timeout = status_timeout
        self.read_attempts = read_attempts
        self.link_rate = link_rate
        self.print_seconds = print_seconds
        self.name = name
        self._on_event = on_event
        self._lock = threading.Lock()
        self._status: PrinterStatus | None = None
        self.process_ids: bool | None = None  # whether it answers GS ( H; None: not known yet
        self.measured_rate: float | None = None  # bytes a second, as the last job went
        self._pid = 0
        # Words for a technician when the printer names a model the profile does not fit.
        self.profile_problem = ""

    @property
    def last_status(self) -> PrinterStatus | None:
        return self._status

    def render(self, doc: Document) -> list[bytes]:
        """The job's parts (done before connecting: rendering takes a moment)."""
        if self.mode == "native":
            return native.job_parts(doc, self.paper, self.cut)
        return raster.job_parts(doc, self.paper, self.cut)

    # -- status -------------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        """Connect and ask; OFFLINE when the printer cannot be reached or does not answer."""
        with self._lock:
            link = self._new_link()
            try:
                link.open()
                before = self._status
                now = self._query(_Talk(link))
                if now.printable and before in (None, PrinterStatus.OFFLINE):
                    self._check_profile(link)  # first contact, or perhaps another printer
                return now
            except LinkLost as e:
                return self._tell(PrinterStatus.OFFLINE, str(e))
            finally:
                link.close()

    def _ask(self, talk: _Talk, n: int) -> int | None:
        for attempt in range(self.read_attempts):
            talk.link.drain()
            talk.link.write(st.query(n))
            answer = talk.status(time.monotonic() + self.status_timeout)
            if answer is not None:
                return answer
            if attempt + 1 < self.read_attempts:
                settle(0.05)
        return None

    def _query(self, talk: _Talk) -> PrinterStatus:
        if not self.status_query:
            return self._tell(PrinterStatus.ONLINE, "status not asked (configured so)")
        printer = self._ask(talk, st.Q_PRINTER)
        if printer is None:
            return self._tell(PrinterStatus.OFFLINE, "no answer to a status query")
        if printer & st.PRINTER_OFFLINE:
            return self._stopped(talk)
        paper = self._ask(talk, st.Q_PAPER)
        if paper is not None and paper & st.PAPER_END == st.PAPER_END:
            return self._tell(PrinterStatus.PAPER_OUT)
        if paper is not None and paper & st.PAPER_NEAR_END:
            return self._tell(PrinterStatus.PAPER_LOW)
        return self._tell(PrinterStatus.ONLINE)

    def _stopped(self, talk: _Talk) -> PrinterStatus:
        """The printer says it is offline: why."""
        cause = self._ask(talk, st.Q_OFFLINE) or 0
        if cause & st.COVER_OPEN:
            return self._tell(PrinterStatus.COVER_OPEN)
        if cause & st.PAPER_STOP:
            return self._tell(PrinterStatus.PAPER_OUT)
        paper = self._ask(talk, st.Q_PAPER) or 0
        if paper & st.PAPER_END == st.PAPER_END:
            return self._tell(PrinterStatus.PAPER_OUT)
        return self._tell(PrinterStatus.ERROR, f"offline cause 0x{cause:02x}")

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

    def _probe(self, talk: _Talk) -> None:
        """Whether the printer sends process IDs back: ask for one with nothing before it."""
        talk.link.write(st.process_id_request(PROBE_ID) + st.query(st.Q_PRINTER))
        deadline = time.monotonic() + self.status_timeout
        if talk.status(deadline) is None:
            return  # no answer at all: ask again next time
        # A status answer may come before the process ID (it is answered on arrival).
        while PROBE_ID not in talk.done and talk.next(time.monotonic() + 0.2) is not None:
            pass
        self.process_ids = PROBE_ID in talk.done
        log.info("printer: process IDs %s", "answered" if self.process_ids else "not answered")

    # -- printing -----------------------------------------------------------------------------

    def print_document(self, doc: Document, marks: JobMarks = NO_MARKS) -> Printed:
        return self.print_parts(self.render(doc), marks)

    def print_parts(self, parts: Sequence[bytes], marks: JobMarks = NO_MARKS) -> Printed:
        """Send one job, parts as `render` made them; Printed, or PrintFailed / PrintUnknown."""
        # The end of the receipt (its last part and the cut) goes last, on its own.
        body, tail = list(parts[:-2]), b"".join(parts[-2:])
        with self._lock:
            link = self._new_link()
            try:
                try:
                    link.open()
                except LinkLost as e:
                    self._tell(PrinterStatus.OFFLINE, str(e))
                    raise PrintFailed(PrinterStatus.OFFLINE, str(e)) from None
                return self._job(link, body, tail, marks)
            finally:
                link.close()

    def feed_and_cut(self) -> Printed:
        """Cut off whatever a job cut short left on the paper, before anything else prints."""
        return self.print_parts([raster.ESC + b"@", raster.end_of_receipt(True, self.paper.cutter)])

    def _job(self, link: Link, body: list[bytes], tail: bytes, marks: JobMarks) -> Printed:
        talk = _Talk(link)
        try:
            before = self._query(talk)
            if not before.printable:
                raise PrintFailed(before)
            if self.status_query and self.process_ids is None:
                self._probe(talk)
        except LinkLost as e:
            self._tell(PrinterStatus.OFFLINE, str(e))
            raise PrintFailed(PrinterStatus.OFFLINE, str(e)) from None
        marks.sending()
        start = time.monotonic()
        try:
            sent = self._body(talk, body, start)
        except LinkLost as e:
            self._tell(PrinterStatus.OFFLINE, str(e))
            raise PrintFailed(PrinterStatus.OFFLINE, str(e), sent=True) from None
        marks.last_part()
        try:
            return self._last_part(talk, tail, start, sent)
        except LinkLost as e:
            log.warning("printer: the connection went during the job's last part: %s", e)
            self._tell(PrinterStatus.OFFLINE, str(e))
            raise PrintUnknown(f"the connection went during the last part: {e}") from None

    def _rate(self, answered: int, start: float) -> float:
        """The link's speed: configured, else as this job's answers came, else the slowest."""
        if self.link_rate:
            return self.link_rate
        elapsed = time.monotonic() - start
        if answered > 0 and elapsed > 0:
            self.measured_rate = answered / elapsed
            return self.measured_rate
        return SLOWEST

    def _body(self, talk: _Talk, body: list[bytes], start: float) -> int:
        """Write all but the last part, a status question after every CHECKPOINT bytes, then
        wait for every answer; PrintFailed if one says the printer stopped or does not come.
        Returns the bytes sent."""
        if not self.status_query:
            for part in body:
                self._write(talk.link, part)
            return sum(map(len, body))
        checkpoints: list[tuple[int, int, float]] = []  # (bytes so far, of them new, written at)
        sent = since = 0
        for i, part in enumerate(body):
            self._write(talk.link, part)
            sent += len(part)
            if sent - since >= CHECKPOINT or i == 0 or i == len(body) - 1:
                talk.link.write(st.query(st.Q_PRINTER))
                checkpoints.append((sent, sent - since, time.monotonic()))
                since = sent
        answered, last = 0, start
        for upto, new, written in checkpoints:
            wait = self.status_timeout + MARGIN * new / self._rate(answered, start)
            answer = talk.status(max(last, written) + wait)
            if answer is None:
                raise PrintFailed(
                    PrinterStatus.OFFLINE,
                    f"no answer after {upto} of the job's bytes; its end was held back",
                    sent=True,
                )
            if answer & st.PRINTER_OFFLINE:
                self._drain(talk, checkpoints[-1][0] - upto, start, answered)
                raise PrintFailed(self._stopped(talk), "during the job", sent=True)
            answered, last = upto, time.monotonic()
        self._rate(answered, start)
        return sent

    def _drain(self, talk: _Talk, pending: int, start: float, answered: int) -> None:
        """Let the answers still on their way arrive before asking anything else."""
        deadline = time.monotonic() + self.status_timeout + pending / self._rate(answered, start)
        while talk.next(deadline) is not None:
            pass

    def _last_part(self, talk: _Talk, tail: bytes, start: float, sent: int) -> Printed:
        self._write(talk.link, tail)
        sent += len(tail)
        if not self.status_query:
            return Printed("written", time.monotonic() - start, sent)
        self._pid = self._pid % 9999 + 1
        pid = f"{self._pid:04d}".encode() if self.process_ids else None
        wait = self.status_timeout + MARGIN * len(tail) / self._rate(sent - len(tail), start)
        for attempt in range(2):  # the answer to the job, then once more on the same line
            if pid is not None and attempt == 0:
                talk.link.write(st.process_id_request(pid))
            talk.link.write(st.query(st.Q_PRINTER))
            deadline = time.monotonic() + wait + (self.print_seconds if pid else 0)
            while (reply := talk.next(deadline)) is not None:
                kind, value = reply
                if kind == "status" and int(value) & st.PRINTER_OFFLINE:  # type: ignore[arg-type]
                    # It stopped with the job in it: paper out, cover open. Not whole.
                    raise PrintFailed(self._stopped(talk), "at the end of the job", sent=True)
                if pid is not None and pid in talk.done:
                    self._tell(PrinterStatus.ONLINE)
                    return Printed("printed", time.monotonic() - start, sent)
                if kind == "status" and pid is None:
                    self._tell(PrinterStatus.ONLINE)
                    return Printed("received", time.monotonic() - start, sent)
            log.warning(
                "printer: no answer after the job's last part (asked %d times)", attempt + 1
            )
            wait = 2 * self.status_timeout
        self._tell(PrinterStatus.OFFLINE, "no answer after a job")
        raise PrintUnknown("the printer did not answer after the job's last part")

    @staticmethod
    def _write(link: Link, data: bytes) -> None:
        for i in range(0, len(data), CHUNK):
            link.write(data[i : i + CHUNK])
