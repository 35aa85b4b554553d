"""A virtual social security card on vsmartcard's vpcd: a TCP client of our own.

vpcd (a pcscd reader driver) listens on loopback, one port per reader slot (35963, 35964);
a card "inserted" is a connection to it, a card "removed" is the connection closed. Each
message is a 2-byte big-endian length and a payload. A 1-byte payload is a control message
(0 power off, 1 power on, 2 reset, 4 get ATR: answered with the ATR); anything longer is a
command APDU, answered with response data and SW1 SW2.

`CardFileSystem` is the card (the SSSE application's files, from a CardData, with its fault
if any); `VirtualCard` carries it to vpcd on a thread of its own (kiosk.background).
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import threading
from dataclasses import replace
from datetime import date
from typing import Self

from drivers.pcsc.apdu import SW_OK
from drivers.pcsc.cardfile import CardData, Fault
from drivers.pcsc.profiles import PAYMENT_ENVIRONMENTS
from drivers.pcsc.ssse import EF05, EF06, FIELDS, SSSE_AID
from kiosk.background import Background
from kiosk.identity import Sex
from kiosk.ids import id_check_character

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963  # vpcd's first slot ("Virtual PCD 00 00"); 35964 is the second

_CTRL_OFF, _CTRL_ON, _CTRL_RESET, _CTRL_ATR = 0, 1, 2, 4
_SFI = {5: EF05, 6: EF06}  # READ RECORD with P2 = SFI << 3 | 4 reads without a SELECT


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def _bcd(digits: str) -> bytes:
    return bytes.fromhex(digits)


def _date(day: date | None) -> bytes:
    return b"\xff" * 4 if day is None else _bcd(day.strftime("%Y%m%d"))


def records(data: CardData) -> dict[int, bytes]:
    """Each record as the card stores it: tag, length, value (padded to its length)."""
    id_number = data.id_number
    if data.fault is Fault.BAD_ID_CHECK:
        good = id_check_character(id_number[:17])
        id_number = id_number[:17] + ("0" if good != "0" else "1")
    name = data.name.encode("gb18030")
    if data.fault is Fault.NON_GBK_NAME:
        name = name[:2] + b"\x80\x30" + name[2:]
    values = {
        0x01: bytes.fromhex(data.card_identifier),
        0x05: _date(data.issue_date),
        0x06: _date(data.expiry_date),
        0x07: data.card_number.encode("ascii"),
        0x08: id_number.encode("ascii"),
        0x09: name,
        0x0A: b"1" if data.sex is Sex.MALE else b"2",
        0x0B: _bcd(data.nation),
        0x0C: _bcd(data.birthplace) + b"\xff" * (3 - len(data.birthplace) // 2),
        0x0D: _date(data.birth_date),
    }
    out = {}
    for tag, value in values.items():
        length = FIELDS[tag].length
        padded = value[:length].ljust(length, b"\x00")
        out[tag] = bytes((tag, length)) + padded
    if data.fault is Fault.SHORT_RECORD:
        out[0x08] = out[0x08][:12]  # says 18 bytes, holds 10
    return out


class CardFileSystem:
    """The card's side of every APDU: selection state and the SSSE records."""

    def __init__(self, data: CardData, seed: int = 5) -> None:
        self.data = data
        self.records = records(data)
        self.in_ssse = False
        self.current: int | None = None
        self.pending = b""  # data waiting for GET RESPONSE
        self._noise = random.Random(seed)

    def reset(self) -> None:
        self.in_ssse, self.current, self.pending = False, None, b""

    def answer(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return _sw(0x6700)
        if self.data.fault is Fault.MUTE:
            return b"\x00"  # a stray byte, no status word (vpcd takes nothing for a removal)
        cla, ins, p1, p2 = apdu[:4]
        if cla != 0x00:
            return _sw(0x6E00)
        if ins == 0xA4:
            return self._select(p1, apdu[5 : 5 + apdu[4]] if len(apdu) > 4 else b"")
        if ins == 0xB2:
            return self._read_record(p1, p2, apdu[4] if len(apdu) > 4 else 0)
        if ins == 0xC0:
            data, self.pending = self.pending, b""
            if not data:
                return _sw(0x6985)
            return data + _sw(SW_OK)
        return _sw(0x6D00)

    def _select(self, p1: int, data: bytes) -> bytes:
        self.pending = b""
        if p1 == 0x04:
            if data in PAYMENT_ENVIRONMENTS and self.data.fault is Fault.BANK_CARD:
                self.in_ssse, self.current = False, None
                return bytes((0x6F, 0x02, 0x84, 0x00)) + _sw(SW_OK)
            if data != SSSE_AID or self.data.fault in (Fault.NO_APPLICATION, Fault.BANK_CARD):
                return _sw(0x6A82)
            self.in_ssse, self.current = True, None
            # Like a T=0 card: the FCI waits for GET RESPONSE.
            self.pending = bytes((0x6F, 0x11, 0x84, 0x0F)) + SSSE_AID
            return _sw(0x6100 | len(self.pending))
        if p1 == 0x02 and self.in_ssse and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if fid in (EF05, EF06):
                self.current = fid
                return _sw(SW_OK)
        return _sw(0x6A82)

    def _read_record(self, tag: int, p2: int, le: int) -> bytes:
        if not self.in_ssse:
            return _sw(0x6986)
        ef = _SFI.get(p2 >> 3) if p2 & 0x07 == 0x04 else self.current if p2 == 0 else None
        field = FIELDS.get(tag)
        if ef is None or field is None or field.ef != ef:
            return _sw(0x6A83)
        if self.data.fault is Fault.GARBAGE:
            return self._noise.randbytes(self._noise.randrange(0, 24)) + _sw(SW_OK)
        if self.data.fault is Fault.WRONG_STATUS and tag == 0x09:
            return _sw(0x6F00)
        record = self.records[tag]
        if le != len(record):
            return _sw(0x6C00 | len(record))  # wrong Le: the card says the right one
        return record + _sw(SW_OK)


class ReaderNotListening(ConnectionError):
    pass


class VirtualCard(Background):
    """Insert (connect to vpcd) and remove (disconnect) a virtual card.

    `remove_after`: pull the card out after answering that many APDUs, as a resident who
    takes the card back mid-read. `hold_after`: after that many, answer nothing more until
    `release()` or removal (a slow card, to stop pcscd under a read). Each insertion is
    served by a kiosk.background thread that ends with the connection; `remove()` ends it.
    """

    def __init__(
        self,
        data: CardData,
        port: int = DEFAULT_PORT,
        host: str = DEFAULT_HOST,
        *,
        remove_after: int | None = None,
        hold_after: int | None = None,
    ) -> None:
        super().__init__(f"vcard:{port}")
        self.data, self.host, self.port = data, host, port
        self.remove_after = remove_after
        self.hold_after = hold_after
        self.held = threading.Event()  # set while a command waits for release()
        self._go = threading.Event()
        self.apdus = 0  # APDUs answered since the last insertion
        self._sock: socket.socket | None = None  # the card is in while this is set
        self._serving: socket.socket | None = None  # the connection the thread serves
        self._lock = threading.Lock()
        self.removed = threading.Event()  # set when the connection ends, whoever ends it

    @property
    def inserted(self) -> bool:
        return self._sock is not None

    def insert(self, timeout: float = 2.0) -> None:
        """Connect to vpcd and serve on a thread. ReaderNotListening if vpcd is not there."""
        if self.inserted:
            return
        # A card pulled by remove_after has a thread still on its way out: let it end, or
        # start() would take it for this insertion's.
        self.stop(2)
        with self._lock:
            if self._sock is not None:
                return
            try:
                sock = socket.create_connection((self.host, self.port), timeout=timeout)
            except OSError as e:
                raise ReaderNotListening(
                    f"no virtual reader listens on {self.host}:{self.port} ({e.strerror or e}): "
                    "is pcscd running with vsmartcard-vpcd?"
                ) from None
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            _quickack(sock)
            self._sock = self._serving = sock
            self.apdus = 0
            self._go.clear()
            self.held.clear()
            self.removed.clear()
            self.start()

    def release(self) -> None:
        """Answer again (after hold_after)."""
        self._go.set()

    def remove(self) -> None:
        self._go.set()
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            _close(sock)
        self.stop(2)  # not joined when the serving thread itself pulls the card
        self.removed.set()  # even if the thread never got to serve

    def __enter__(self) -> Self:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def run(self) -> None:
        sock = self._serving
        if sock is None:
            return
        fs = CardFileSystem(self.data)
        try:
            while True:
                message = _recv_message(sock)
                if message is None:
                    log.info("virtual card on port %d: the reader closed the connection", self.port)
                    break
                if (
                    len(message) > 1
                    and self.hold_after is not None
                    and self.apdus >= self.hold_after
                    and not self._go.is_set()
                ):
                    self.held.set()
                    self._go.wait()
                    if self._sock is not sock:
                        break  # removed while it held the command
                reply = self._handle(fs, message)
                if reply is not None:
                    sock.sendall(len(reply).to_bytes(2, "big") + reply)
                if self.remove_after is not None and self.apdus >= self.remove_after:
                    break
        except OSError:
            pass  # removed, or pcscd went away: either way the card is out
        finally:
            with self._lock:
                if self._sock is sock:
                    self._sock = None
            _close(sock)
            self.removed.set()

    def _handle(self, fs: CardFileSystem, message: bytes) -> bytes | None:
        if len(message) == 1:
            if message[0] == _CTRL_ATR:
                return self.data.atr
            if message[0] in (_CTRL_ON, _CTRL_RESET, _CTRL_OFF):
                fs.reset()
            return None
        self.apdus += 1
        return fs.answer(message)


def with_fault(data: CardData, fault: Fault) -> CardData:
    return replace(data, fault=fault)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
        # vpcd writes the length and the payload separately: without an immediate ACK,
        # Nagle's algorithm on its side holds the payload for our delayed ACK (~40 ms an
        # APDU). Linux turns quick ACKs off again by itself, so it is set after each read.
        _quickack(sock)
    return bytes(buf)


def _recv_message(sock: socket.socket) -> bytes | None:
    header = _recv_exact(sock, 2)
    if header is None:
        return None
    return _recv_exact(sock, int.from_bytes(header, "big"))


def _quickack(sock: socket.socket) -> None:
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
