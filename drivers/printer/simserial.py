"""The simulated receipt printer on a serial line (a pty): the TCP simulator's paper, state,
status answers and receipts (drivers.printer.sim), reached as a serial printer is, at its baud
rate. A host that opens the port at another rate is not heard, as on a real line.

Bytes from the host arrive as fast as the pty takes them (the kiosk is not kept waiting in
tests); `wire_seconds` says how long they would have taken on the line, which is what decides
between raster and native text on a slow printer. Answers go back paced at the baud rate.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from drivers.printer.sim import EscPosParser, SimulatedPrinter
from drivers.ptydevice import PtyDevice
from kiosk.printing.profiles import Profile

log = logging.getLogger(__name__)


class SerialSimulatedPrinter(PtyDevice):
    """`with SerialSimulatedPrinter(out_dir, baud=9600, profile="POS-5890") as sim:` serves
    on `sim.path`; `sim.printer` is the printer (paper out, receipts, wait_for…)."""

    idle_seconds = 0.3  # how soon a slip is torn off a printer without a cutter

    def __init__(
        self,
        out_dir: Path | None = None,
        *,
        baud: int = 9600,
        link: str | os.PathLike[str] | None = None,
        profile: str | Profile = "",
        paper_mm: int | None = None,
    ) -> None:
        super().__init__(baud=baud, link=link, name="sim-printer-serial")
        # Its state and paper; its TCP listener is never started.
        self.printer = SimulatedPrinter(out_dir, profile=profile, paper_mm=paper_mm)
        self.parser = EscPosParser(
            self.printer.roll,
            self.printer.answer,
            self._report,
            process_id=self.printer.process_id,
        )
        self.bytes_received = 0
        self._inked_since_tear = False
        self._start()

    @property
    def wire_seconds(self) -> float:
        """The time the bytes received so far take on the line (8N1: ten bits a byte)."""
        return self.bytes_received * 10 / self.baud

    def _report(self, problem: str) -> None:
        log.info("simulated serial printer: %s", problem)
        if len(self.printer.problems) < 1000:
            self.printer.problems.append(problem)

    def _received(self, buf: bytearray) -> None:
        data = bytes(buf)
        buf.clear()
        self.bytes_received += len(data)
        self._inked_since_tear = True
        answers = self.parser.feed(data)
        if answers:
            self._write(answers)

    def _idle(self) -> None:
        if self.printer.p.cutter is None and self._inked_since_tear:
            # No cutter: whoever takes the slip tears it off once the printer stops.
            self._inked_since_tear = False
            self.parser.close()
            self.printer.roll.cut(force=True)
