"""One open serial line to a fingerprint sensor: a command out, its ack (and data) back, checked.

Reads are in bulk (what the packet under way still needs, or all that waits), never a byte at a
time; noise is skipped by finding the next valid header; every checksum is verified; bytes left
over from an earlier exchange are drained before each command, since acks do not say which
command they answer. Commands that change nothing in the sensor's flash or settings are retried
a bounded number of times; the others are not, and their failure is reported.

The port failing (PortLost) and the sensor not answering (NoReply) are drivers.serialport's,
shared with every serial device; they are importable from here as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import serial

from drivers.fingerprint.codec import (
    DEFAULT_ADDRESS,
    OVERHEAD,
    PREFIX_SIZE,
    BadChecksum,
    BadPayload,
    Code,
    FingerprintError,
    Instruction,
    Packet,
    PacketError,
    PacketId,
    data_packets,
    decode_packet,
    meaning,
)
from drivers.serialport import PORT_ERRORS, NoReply, PortLost, SerialLink, reason

log = logging.getLogger(__name__)

DEFAULT_BAUD = 57600
T = TypeVar("T")
_SAFE = frozenset(
    {
        Instruction.HANDSHAKE,
        Instruction.VFY_PWD,
        Instruction.READ_SYS_PARA,
        Instruction.TEMPLATE_NUM,
        Instruction.GEN_IMG,
        Instruction.IMG2TZ,
        Instruction.MATCH,
        Instruction.SEARCH,
        Instruction.UP_IMAGE,
        Instruction.UP_CHAR,
    }
)


class SensorError(FingerprintError):
    """The sensor answered with a confirmation code other than ok. `code` says which."""

    def __init__(self, what: str, code: int) -> None:
        super().__init__(f"{what}: {meaning(code)}")
        self.code = code


class SensorLink(SerialLink):
    """A sensor on `port` at `baud` 8N1 (SerialLink). `reply_timeout`: how long the sensor may
    think before its ack; the time the reply needs on the wire at the current baud is added."""

    damaged = (PacketError,)

    def __init__(
        self,
        port: str,
        baud: int = DEFAULT_BAUD,
        *,
        address: int = DEFAULT_ADDRESS,
        reply_timeout: float = 1.0,
        attempts: int = 3,
        cancel: threading.Event | None = None,
        serial_factory: Any = serial.Serial,
    ) -> None:
        super().__init__(
            port,
            baud,
            reply_timeout=reply_timeout,
            attempts=attempts,
            cancel=cancel,
            serial_factory=serial_factory,
        )
        self.address = address
        self._buf = bytearray()

    def set_baud(self, baud: int) -> None:
        """Change this end's rate (after the sensor has changed its own)."""
        try:
            self._serial.baudrate = baud
        except (*PORT_ERRORS, ValueError) as e:
            raise PortLost(f"cannot set {self.port} to {baud} baud: {reason(e)}") from None
        self._buf.clear()

    # -- exchanges ------------------------------------------------------------------------------

    def transact(
        self,
        instruction: Instruction,
        packet: bytes,
        *,
        ok: Callable[[int], bool] = lambda code: code == Code.OK,
        think: float | None = None,
    ) -> Packet:
        """Send `packet` (a command) and return its ack; SensorError when `ok` refuses its
        code. Safe instructions are retried on a damaged ack or none."""
        return self._retrying(instruction, lambda: self._ack(instruction, packet, ok, think))

    def transact_data(
        self,
        instruction: Instruction,
        packet: bytes,
        *,
        expect: int | None = None,
        progress: Callable[[int], None] | None = None,
        attempts: int | None = None,
    ) -> bytes:
        """Send an upload command (UpImage, UpChar) and return the data that follows its ack.
        `expect`: the size that must arrive, when known."""

        def once() -> bytes:
            self._ack(instruction, packet, lambda c: c == Code.OK, None)
            try:
                return self._data(expect, progress)
            except (PacketError, NoReply):
                # The sensor goes on sending the rest regardless: let it finish before anything
                # else is said, or the next command is lost in the stream.
                self._settle(self.reply_timeout + self._wire(2 * (expect or 65536)))
                raise

        return self._retrying(instruction, once, attempts)

    def transact_download(
        self, instruction: Instruction, packet: bytes, data: bytes, packet_size: int
    ) -> None:
        """Send a download command (DownChar, DownImage) and, once the sensor has said yes,
        `data` as data packets of the sensor's `packet_size` (nothing answers them). Repeating
        it is harmless (it only fills a buffer again): a lost ack is retried."""

        def once() -> None:
            self._ack(instruction, packet, lambda c: c == Code.OK, None)
            try:
                self._serial.write(data_packets(data, packet_size, self.address))
                self._serial.flush()
            except PORT_ERRORS as e:
                raise PortLost(f"the port {self.port} failed: {reason(e)}") from None

        self._retrying(instruction, once, self.attempts)

    def _retrying(
        self, instruction: Instruction, once: Callable[[], T], attempts: int | None = None
    ) -> T:
        if attempts is None:
            attempts = self.attempts if instruction in _SAFE else 1
        return self._with_retries(instruction.name, once, attempts)

    def _ack(
        self,
        instruction: Instruction,
        packet: bytes,
        ok: Callable[[int], bool],
        think: float | None,
    ) -> Packet:
        self._drain()
        try:
            self._serial.write(packet)
        except PORT_ERRORS as e:
            raise PortLost(f"the port {self.port} failed: {reason(e)}") from None
        wait = self.reply_timeout if think is None else think
        reply = self._packet(time.monotonic() + wait + 1.5 * self._wire(OVERHEAD + 17))
        if reply.pid != PacketId.ACK or not reply.payload:
            raise BadPayload(f"the sensor sent a {reply.pid:#04x} packet where an ack belongs")
        if not ok(reply.payload[0]):
            raise SensorError(instruction.name, reply.payload[0])
        return reply

    def _data(self, expect: int | None, progress: Callable[[int], None] | None) -> bytes:
        data = bytearray()
        while True:
            # The sensor sends data packets back to back: each must begin within a short while.
            packet = self._packet(time.monotonic() + self.reply_timeout + self._wire(300) * 2)
            if packet.pid not in (PacketId.DATA, PacketId.END):
                raise BadPayload(f"a {packet.pid:#04x} packet arrived in the middle of an upload")
            data += packet.payload
            if progress is not None:
                progress(len(data))
            if packet.pid == PacketId.END:
                break
        if expect is not None and len(data) != expect:
            raise BadPayload(f"the upload brought {len(data)} bytes, {expect} were expected")
        return bytes(data)

    def _wire(self, size: int) -> float:
        return size * 10 / self.baud

    def _settle(self, limit: float) -> None:
        """Read and drop until the line has been quiet for a read slice, `limit` s at most."""
        deadline = time.monotonic() + limit
        try:
            while time.monotonic() < deadline:
                if not self._serial.read(max(self._serial.in_waiting, 4096)):
                    break
        except PORT_ERRORS as e:
            raise PortLost(f"the port {self.port} failed: {reason(e)}") from None
        self._buf.clear()

    def _drain(self) -> None:
        """Drop what is left of an earlier exchange (the tail of a damaged upload, noise)."""
        self._buf.clear()
        try:
            while self._serial.in_waiting:
                self._serial.read(self._serial.in_waiting)
        except PORT_ERRORS as e:
            raise PortLost(f"the port {self.port} failed: {reason(e)}") from None

    def _packet(self, deadline: float) -> Packet:
        noise = 0
        try:
            while True:
                try:
                    packet, used = decode_packet(self._buf)
                except BadChecksum as e:
                    del self._buf[: e.consumed]
                    raise
                if packet is not None:
                    noise += used - OVERHEAD - len(packet.payload)
                    del self._buf[:used]
                    if noise:
                        log.info("skipped %d noise bytes on %s", noise, self.port)
                    if packet.address != self.address:
                        continue  # another sensor's, on a shared line
                    return packet
                del self._buf[:used]
                noise += used
                if time.monotonic() >= deadline:
                    raise self._late(noise)
                if self._cancel.is_set():
                    raise NoReply("stopped while waiting for the sensor")
                if len(self._buf) >= PREFIX_SIZE:
                    length = int.from_bytes(self._buf[7:9], "big")
                    need = PREFIX_SIZE + length - len(self._buf)
                else:
                    need = PREFIX_SIZE - len(self._buf)
                self._buf += self._serial.read(max(need, self._serial.in_waiting, 1))
        except PORT_ERRORS as e:
            raise PortLost(f"the port {self.port} failed: {reason(e)}") from None

    def _late(self, noise: int) -> NoReply:
        if self._buf:
            return NoReply(f"the reply was cut short: only {len(self._buf)} bytes of a packet came")
        if noise:
            return NoReply(f"{noise} bytes of noise arrived but no reply")
        return NoReply(f"the sensor on {self.port} did not answer in time")
