"""A simulated fingerprint sensor (ZFM-20 / R30x / AS608 family) on a pseudo-terminal.

It answers the same packets as a real sensor (drivers.fingerprint.codec) at the pace of a real
one: every byte it sends leaves at bytes × 10 / baud, after a processing delay like a sensor's.
The host must open the pty at the sensor's baud: at any other rate a real UART hears garbage,
so this one hears nothing, which is what probing relies on. SetSysPara changes the baud rate
and the data packet size after its ack has gone out, as real sensors do.

A person is scripted: place a finger (a name standing for whose finger it is, an image from a
file or a generated pattern, a quality), remove it. Faults are injected for the next replies
(optionally only to one instruction): noise before, a bad checksum, a reply cut short,
silence; and a link that drops bytes above a baud rate, like a poor USB-serial adapter
(`drop_every` 1: a link that carries nothing at all above it, either way).

DownChar and DownImage take the data packets that follow their ack into the buffer; the
instructions seen are kept (`instructions_seen`), and SetSysPara writes are counted
(`flash_writes`), as many modules keep them in flash.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drivers.fingerprint.codec import (
    BAUD_UNIT,
    HEADER,
    IMAGE_HEIGHT,
    IMAGE_SIZE,
    IMAGE_WIDTH,
    PACKET_SIZES,
    TEMPLATE_SIZE,
    BadChecksum,
    Code,
    Instruction,
    Packet,
    PacketError,
    PacketId,
    Param,
    SysParams,
    ack,
    data_packets,
    decode_packet,
    pack_image,
)
from drivers.ptydevice import LineFault, PtyDevice

DEFAULT_BAUD = 57600
DEFAULT_PACKET_SIZE = 128
CAPACITY = 300
# How long a sensor thinks before it answers, in seconds (typical of the family's data sheets).
PROCESSING: Mapping[Instruction, float] = {
    Instruction.GEN_IMG: 0.2,
    Instruction.IMG2TZ: 0.25,
    Instruction.MATCH: 0.05,
    Instruction.SEARCH: 0.15,
    Instruction.REG_MODEL: 0.1,
    Instruction.STORE: 0.05,
    Instruction.DELETE_CHAR: 0.05,
    Instruction.EMPTY: 0.1,
}
_DEFAULT_PROCESSING = 0.002
_After = Callable[[], None]  # what happens once a reply has gone out


# The sensor's faults are the line's own.
Fault = LineFault


class Quality(StrEnum):
    GOOD = "good"
    MESSY = "messy"  # Img2Tz: 06 too messy
    FEW = "few"  # Img2Tz: 07 too few features
    FAIL = "fail"  # GenImg: 03 image fail


@dataclass(frozen=True)
class Finger:
    name: str  # whose finger: the same name gives the same template
    image: bytes  # packed 4-bit, as uploaded
    quality: Quality = Quality.GOOD


def generated_image(name: str, size: int = IMAGE_SIZE) -> bytes:
    """A fingerprint-like pattern of ridges (packed 4-bit), different for every name."""
    seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")
    cx, cy = 100 + seed % 56, 120 + (seed >> 8) % 48
    twist = ((seed >> 16) % 100) / 400
    grey = bytearray(IMAGE_WIDTH * IMAGE_HEIGHT)
    for y in range(IMAGE_HEIGHT):
        for x in range(IMAGE_WIDTH):
            r = math.hypot(x - cx, (y - cy) * 0.8)
            inside = ((x - 128) / 120) ** 2 + ((y - 144) / 135) ** 2 < 1
            ridge = math.sin(r / 1.5 + twist * math.atan2(y - cy, x - cx) * 6)
            grey[y * IMAGE_WIDTH + x] = int(100 + 90 * ridge) if inside else 240
    return pack_image(bytes(grey))[:size]


def image_from_file(path: str | os.PathLike[str]) -> bytes:
    """A PNG (or any image Pillow reads, or raw 8-bit greyscale of 256 × 288) as the sensor
    would send it."""
    data = Path(path).read_bytes()
    if len(data) == IMAGE_WIDTH * IMAGE_HEIGHT:
        return pack_image(data)
    from PIL import Image  # only here: the simulator is usable without Pillow

    with Image.open(path) as im:
        grey = im.convert("L").resize((IMAGE_WIDTH, IMAGE_HEIGHT))
        return pack_image(grey.tobytes())


def template_of(name: str) -> bytes:
    out = b""
    while len(out) < TEMPLATE_SIZE:
        out += hashlib.sha256(f"{name}/{len(out)}".encode()).digest()
    return out[:TEMPLATE_SIZE]


class SimulatedSensor(PtyDevice):
    """A fingerprint sensor on a new pty (PtyDevice says what `link`, `timing_scale` and
    `seed` do); a `baud` and `packet_size` the sensor has, ValueError otherwise."""

    _shortest_cut = 6

    def __init__(
        self,
        *,
        baud: int = DEFAULT_BAUD,
        packet_size: int = DEFAULT_PACKET_SIZE,
        link: str | os.PathLike[str] | None = None,
        timing_scale: float = 1.0,
        password: int = 0,
        address: int = 0xFFFFFFFF,
        seed: int | None = None,
    ) -> None:
        if baud % BAUD_UNIT or not 1 <= baud // BAUD_UNIT <= 12:
            raise ValueError(f"{baud} is not a rate this sensor has (N × 9600, N 1–12)")
        if packet_size not in PACKET_SIZES:
            raise ValueError(f"{packet_size} is not a packet size (32, 64, 128, 256)")
        super().__init__(
            baud=baud, link=link, name="fingerprint-sim", timing_scale=timing_scale, seed=seed
        )
        self.packet_size = packet_size
        self.password = password
        self.address = address
        self.security_level = 3
        self._finger: Finger | None = None
        self._image: Finger | None = None  # the image buffer: what the last GenImg took
        self._buffers: dict[int, bytes | None] = {1: None, 2: None}
        self.library: dict[int, bytes] = {}
        self.drop_above: int | None = None  # the link loses bytes sent faster than this
        self.drop_every = 997  # one byte in this many, when it does
        self._sent = 0
        self.instructions_seen: list[Instruction | None] = []
        self.flash_writes = 0
        # A download under way: where its data goes (a buffer id, or 0 for the image) and
        # what has come of it.
        self._download: tuple[int, bytearray] | None = None
        self._start()

    # -- what a person does -------------------------------------------------------------------

    def place(
        self,
        name: str = "finger-1",
        *,
        image: bytes | None = None,
        quality: Quality | str = Quality.GOOD,
    ) -> None:
        """Put `name`'s finger on the sensor; its image is `image` (packed 4-bit) or generated."""
        finger = Finger(name, generated_image(name) if image is None else image, Quality(quality))
        with self._lock:
            self._finger = finger

    def remove(self) -> None:
        with self._lock:
            self._finger = None

    @property
    def finger(self) -> Finger | None:
        with self._lock:
            return self._finger

    def enrol(self, page: int, name: str) -> None:
        """Put `name`'s template in the library at `page` directly (set-up for demos, tests)."""
        with self._lock:
            self.library[page] = template_of(name)

    def params(self) -> SysParams:
        return SysParams(
            0, 0x0009, CAPACITY, self.security_level, self.address, self.packet_size, self.baud
        )

    # -- faults -------------------------------------------------------------------------------

    def inject(
        self, fault: Fault | str, count: int = 1, instruction: Instruction | None = None
    ) -> None:
        """The next `count` replies (to `instruction` only, if given) get `fault`."""
        self._inject(Fault(fault), count, instruction)

    def clear_faults(self) -> None:
        super().clear_faults()
        self.drop_above = None

    def send_bytes(self, data: bytes) -> None:
        """Exactly `data` on the line, unasked for (random bytes that may look like packets)."""
        self._write(data)

    def _noise(self, size: int) -> bytes:
        while True:
            noise = self._rng.randbytes(size)
            if HEADER not in noise and not noise.endswith(HEADER[:1]):
                return noise  # noise that frames a packet is not noise

    # -- the sensor ---------------------------------------------------------------------------

    @property
    def image_buffer(self) -> bytes | None:
        """What the image buffer holds (packed 4-bit), for tests."""
        with self._lock:
            return None if self._image is None else self._image.image

    def char_buffer(self, buffer_id: int) -> bytes | None:
        with self._lock:
            return self._buffers.get(buffer_id)

    def _dead(self) -> bool:
        return self.drop_above is not None and self.baud > self.drop_above and self.drop_every <= 1

    def _received(self, buf: bytearray) -> None:
        if self._dead():
            buf.clear()  # nothing the host sends arrives
            return
        while buf:
            try:
                packet, used = decode_packet(buf)
            except BadChecksum as e:
                del buf[: e.consumed]
                self._answer(None, ack(Code.RECEIVE_ERROR))
                continue
            del buf[:used]
            if packet is None:
                break
            self._packet(packet)

    def _packet(self, packet: Packet) -> None:
        if packet.address != self.address:
            return  # for another sensor on the bus
        if packet.pid in (PacketId.DATA, PacketId.END) and self._download is not None:
            self._downloaded(packet)
            return
        self._download = None  # a command cuts a download short
        instruction: Instruction | None = None
        if packet.pid == PacketId.COMMAND and packet.payload:
            with contextlib.suppress(ValueError):
                instruction = Instruction(packet.payload[0])
        self.instructions_seen.append(instruction)
        if instruction is None:
            self._answer(None, ack(Code.RECEIVE_ERROR))
            return
        delay = PROCESSING.get(instruction, _DEFAULT_PROCESSING)
        self._think(delay)
        try:
            reply, after = self._reply(instruction, packet.payload[1:])
        except (IndexError, PacketError, ValueError):
            reply, after = ack(Code.RECEIVE_ERROR), None
        self._answer(instruction, reply)
        if after is not None:
            after()  # SetSysPara: the new setting counts once its ack has gone out

    def _reply(self, ins: Instruction, p: bytes) -> tuple[bytes, _After | None]:
        def ok(data: bytes = b"") -> bytes:
            return ack(Code.OK, data, self.address)

        def fail(code: Code) -> bytes:
            return ack(code, b"", self.address)

        with self._lock:
            finger, image = self._finger, self._image
            if ins is Instruction.HANDSHAKE:
                return ok(), None
            if ins is Instruction.VFY_PWD:
                good = int.from_bytes(p[:4], "big") == self.password and len(p) >= 4
                return (ok() if good else fail(Code.WRONG_PASSWORD)), None
            if ins is Instruction.READ_SYS_PARA:
                return ok(self.params().encode()), None
            if ins is Instruction.SET_SYS_PARA:
                return self._set_param(p[0], p[1])
            if ins is Instruction.TEMPLATE_NUM:
                return ok(len(self.library).to_bytes(2, "big")), None
            if ins is Instruction.GEN_IMG:
                if finger is None:
                    return fail(Code.NO_FINGER), None
                if finger.quality is Quality.FAIL:
                    return fail(Code.IMAGE_FAIL), None
                self._image = finger
                return ok(), None
            if ins is Instruction.UP_IMAGE:
                if image is None:
                    return fail(Code.UPLOAD_IMAGE_FAIL), None
                return ok() + data_packets(image.image, self.packet_size, self.address), None
            if ins is Instruction.IMG2TZ:
                if p[0] not in self._buffers:
                    return fail(Code.INVALID_REGISTER), None
                if image is None:
                    return fail(Code.INVALID_IMAGE), None
                if image.quality is Quality.MESSY:
                    return fail(Code.TOO_MESSY), None
                if image.quality is Quality.FEW:
                    return fail(Code.FEW_FEATURES), None
                self._buffers[p[0]] = template_of(image.name)
                return ok(), None
            if ins is Instruction.DOWN_CHAR:
                if p[0] not in self._buffers:
                    return fail(Code.INVALID_REGISTER), None
                self._download = (p[0], bytearray())
                return ok(), None
            if ins is Instruction.DOWN_IMAGE:
                self._download = (0, bytearray())
                return ok(), None
            if ins is Instruction.UP_CHAR:
                tpl = self._buffers.get(p[0])
                if tpl is None:
                    return fail(Code.INVALID_REGISTER), None
                return ok() + data_packets(tpl, self.packet_size, self.address), None
            if ins is Instruction.MATCH:
                a, b = self._buffers[1], self._buffers[2]
                if a is None or b is None or a != b:
                    return ack(Code.NO_MATCH, bytes(2), self.address), None
                return ok((200).to_bytes(2, "big")), None
            if ins is Instruction.REG_MODEL:
                a, b = self._buffers[1], self._buffers[2]
                if a is None or a != b:
                    return fail(Code.ENROL_MISMATCH), None
                return ok(), None
            if ins is Instruction.STORE:
                page = int.from_bytes(p[1:3], "big")
                tpl = self._buffers.get(p[0])
                if page >= CAPACITY or tpl is None:
                    return fail(Code.BAD_LOCATION), None
                self.library[page] = tpl
                return ok(), None
            if ins is Instruction.SEARCH:
                tpl = self._buffers.get(p[0])
                start, count = int.from_bytes(p[1:3], "big"), int.from_bytes(p[3:5], "big")
                for page in sorted(self.library):
                    if start <= page < start + count and self.library[page] == tpl:
                        return ok(page.to_bytes(2, "big") + (180).to_bytes(2, "big")), None
                return ack(Code.NOT_FOUND, bytes(4), self.address), None
            if ins is Instruction.DELETE_CHAR:
                page, count = int.from_bytes(p[0:2], "big"), int.from_bytes(p[2:4], "big")
                if page + count > CAPACITY:
                    return fail(Code.BAD_LOCATION), None
                for i in range(page, page + count):
                    self.library.pop(i, None)
                return ok(), None
            if ins is Instruction.EMPTY:
                self.library.clear()
                return ok(), None
        return fail(Code.RECEIVE_ERROR), None

    def _downloaded(self, packet: Packet) -> None:
        assert self._download is not None
        target, data = self._download
        data += packet.payload
        if packet.pid != PacketId.END:
            return
        self._download = None
        with self._lock:
            if target == 0:
                if len(data) == IMAGE_SIZE:
                    self._image = Finger("(downloaded)", bytes(data), Quality.GOOD)
            elif len(data) == TEMPLATE_SIZE:
                self._buffers[target] = bytes(data)

    def _set_param(self, param: int, value: int) -> tuple[bytes, _After | None]:
        self.flash_writes += 1
        if param == Param.BAUD and 1 <= value <= 12:

            def after() -> None:
                self.baud = value * BAUD_UNIT

            return ack(Code.OK, b"", self.address), after
        if param == Param.PACKET_SIZE and 0 <= value < len(PACKET_SIZES):

            def after_size() -> None:
                self.packet_size = PACKET_SIZES[value]

            return ack(Code.OK, b"", self.address), after_size
        if param == Param.SECURITY and 1 <= value <= 5:
            self.security_level = value
            return ack(Code.OK, b"", self.address), None
        return ack(Code.INVALID_REGISTER, b"", self.address), None

    def _lossy(self, data: bytes) -> bytes:
        """What a poor adapter delivers of `data` at this baud: above `drop_above`, one byte in
        `drop_every` never arrives."""
        if self.drop_above is None or self.baud <= self.drop_above:
            return data
        if self.drop_every <= 1:
            return b""
        out = bytearray()
        for b in data:
            self._sent += 1
            if self._sent % self.drop_every:
                out.append(b)
        return bytes(out)
