"""Printer status: what `DLE EOT n` answers mean, one enum for the kiosk, and plain words.

Every answer byte has the fixed pattern 0xx1xx10 (bits 1 and 4 set, bits 0 and 7 clear); a byte
without it is noise on the line, not a status.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.devices import DeviceState, DeviceStatus

DLE_EOT = b"\x10\x04"
# n: 1 printer status, 2 offline cause, 3 error cause, 4 paper roll sensor.
Q_PRINTER, Q_OFFLINE, Q_ERROR, Q_PAPER = 1, 2, 3, 4

FIXED_MASK, FIXED_BITS = 0x93, 0x12
PRINTER_OFFLINE = 0x08
COVER_OPEN = 0x04
PAPER_STOP = 0x20  # printing stopped because the paper ran out
ERROR_OCCURRED = 0x40
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60


class PrinterStatus(StrEnum):
    ONLINE = "online"
    PAPER_LOW = "paper_low"  # still prints; someone should load a roll soon
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # no connection, or no answer to a status query
    ERROR = "error"  # answering, but in an error state (cutter jammed, overheated)

    @property
    def printable(self) -> bool:
        return self in (PrinterStatus.ONLINE, PrinterStatus.PAPER_LOW)


WORDS = {
    PrinterStatus.ONLINE: "ready",
    PrinterStatus.PAPER_LOW: "ready, but the paper roll is nearly used up",
    PrinterStatus.PAPER_OUT: "out of paper",
    PrinterStatus.COVER_OPEN: "the cover is open",
    PrinterStatus.OFFLINE: "not answering",
    PrinterStatus.ERROR: "in an error state (cutter or mechanism)",
}


def device_state(status: PrinterStatus, name: str = "printer", detail: str = "") -> DeviceState:
    kind = {
        PrinterStatus.ONLINE: DeviceStatus.READY,
        PrinterStatus.PAPER_LOW: DeviceStatus.READY,
        PrinterStatus.OFFLINE: DeviceStatus.OFFLINE,
    }.get(status, DeviceStatus.ERROR)
    words = WORDS[status] + (f": {detail}" if detail else "")
    return DeviceState(name, kind, words)


def well_formed(answer: int) -> bool:
    return answer & FIXED_MASK == FIXED_BITS


def query(n: int) -> bytes:
    return DLE_EOT + bytes([n])


# -- what else a printer sends back ------------------------------------------------------------
# `GS ( H` function 48 asks the printer to send back a process ID once it has processed the
# data before it; for printing data that is once the printing is completed (Epson's ESC/POS
# reference; many compatible printers have it, some clones do not). The reply is
# 37H 22H d1 d2 d3 d4 00H. Its digits would pass for DLE EOT answers, so replies are read as
# a stream, never byte by byte.
PROCESS_ID_HEAD = b"\x37\x22"
PROCESS_ID_LEN = 7


def process_id_request(pid: bytes) -> bytes:
    if len(pid) != 4 or not all(0x20 <= b <= 0x7E for b in pid):
        raise ValueError("a process ID is four printable ASCII bytes")
    return b"\x1d(H\x06\x00\x30\x30" + pid


class Replies:
    """The bytes a printer sends back, in order: DLE EOT answers (one byte each) and process
    ID responses. Anything else (an automatic status block, noise) is skipped."""

    def __init__(self) -> None:
        self._frame = bytearray()

    def feed(self, b: int) -> tuple[str, int | bytes] | None:
        """("status", byte) or ("done", process ID) once a reply is complete, else None."""
        if self._frame:
            self._frame.append(b)
            if len(self._frame) == 2 and self._frame != PROCESS_ID_HEAD:
                self._frame.clear()
                return self.feed(b)
            if len(self._frame) == PROCESS_ID_LEN:
                frame, self._frame = bytes(self._frame), bytearray()
                return ("done", frame[2:6]) if frame[6] == 0 else None
            return None
        if b == PROCESS_ID_HEAD[0]:
            self._frame.append(b)
            return None
        return ("status", b) if well_formed(b) else None
