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
