"""Packets of the ZFM-20 / R30x / AS608 fingerprint sensor family, in one place, as pure functions.

A packet is EF 01 | address (4) | packet id (1) | length (2, big-endian, payload + 2) | payload |
checksum (2, the 16-bit sum of the packet id, both length bytes and the payload). The host sends
command packets; the sensor answers with an ack whose first payload byte is a confirmation code,
and for uploads follows it with data packets and one end packet.

The stream decoder never trusts a header it has not checked: bytes before the next EF 01 are
noise, a header with an unknown packet id or impossible length is noise too, and a whole packet
whose checksum is wrong is reported (BadChecksum) and consumed, so the caller can go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

HEADER = b"\xef\x01"
DEFAULT_ADDRESS = 0xFFFFFFFF
PREFIX_SIZE = 9  # header, address, packet id, length
OVERHEAD = PREFIX_SIZE + 2  # and the checksum
# The largest payload of any packet: a data packet of 256 bytes (acks are at most 17).
MAX_PAYLOAD = 256
PACKET_SIZES = (32, 64, 128, 256)  # data packet size by the code ReadSysPara reports
IMAGE_WIDTH, IMAGE_HEIGHT = 256, 288
IMAGE_SIZE = IMAGE_WIDTH * IMAGE_HEIGHT // 2  # 4 bits a pixel: 36,864 bytes
BAUD_UNIT = 9600  # the sensor's baud rate is N × 9600, N 1–12
# The rates among N × 9600 that every UART, USB-serial adapter and pty has, the usual first.
STANDARD_BAUDS = (57600, 115200, 9600, 19200, 38400)
TEMPLATE_SIZE = 512  # a character file (template) as UpChar sends it and DownChar takes it


class PacketId(IntEnum):
    COMMAND = 0x01
    DATA = 0x02
    ACK = 0x07
    END = 0x08


class Instruction(IntEnum):
    GEN_IMG = 0x01
    IMG2TZ = 0x02
    MATCH = 0x03
    SEARCH = 0x04
    REG_MODEL = 0x05
    STORE = 0x06
    UP_CHAR = 0x08
    DOWN_CHAR = 0x09
    UP_IMAGE = 0x0A
    DOWN_IMAGE = 0x0B
    DELETE_CHAR = 0x0C
    EMPTY = 0x0D
    SET_SYS_PARA = 0x0E
    READ_SYS_PARA = 0x0F
    VFY_PWD = 0x13
    HANDSHAKE = 0x17
    TEMPLATE_NUM = 0x1D


class Param(IntEnum):
    """SetSysPara's parameter numbers."""

    BAUD = 4  # value N: baud = N × 9600
    SECURITY = 5  # 1–5
    PACKET_SIZE = 6  # code 0–3 = 32/64/128/256 bytes


class Code(IntEnum):
    """Confirmation codes in an ack's first payload byte."""

    OK = 0x00
    RECEIVE_ERROR = 0x01
    NO_FINGER = 0x02
    IMAGE_FAIL = 0x03
    TOO_MESSY = 0x06
    FEW_FEATURES = 0x07
    NO_MATCH = 0x08
    NOT_FOUND = 0x09
    ENROL_MISMATCH = 0x0A
    BAD_LOCATION = 0x0B
    UPLOAD_IMAGE_FAIL = 0x0F
    WRONG_PASSWORD = 0x13
    INVALID_IMAGE = 0x15
    FLASH_ERROR = 0x18
    INVALID_REGISTER = 0x1A


MEANINGS: dict[int, str] = {
    Code.OK: "done",
    Code.RECEIVE_ERROR: "the sensor did not receive the command correctly",
    Code.NO_FINGER: "no finger on the sensor",
    Code.IMAGE_FAIL: "the sensor could not take an image of the finger",
    Code.TOO_MESSY: "the image is too messy to find features in",
    Code.FEW_FEATURES: "the image has too few features (finger too dry, too light or too small)",
    Code.NO_MATCH: "the fingerprints do not match",
    Code.NOT_FOUND: "no matching fingerprint in the library",
    Code.ENROL_MISMATCH: "the two impressions are not of the same finger",
    Code.BAD_LOCATION: "that place in the library does not exist",
    Code.UPLOAD_IMAGE_FAIL: "the sensor could not send the image",
    Code.WRONG_PASSWORD: "the sensor's password is wrong",
    Code.INVALID_IMAGE: "there is no valid image in the sensor's buffer",
    Code.FLASH_ERROR: "the sensor could not write its flash memory",
    Code.INVALID_REGISTER: "the sensor has no such setting",
}


def meaning(code: int) -> str:
    return MEANINGS.get(code, f"the sensor answered with unknown code {code:#04x}")


class FingerprintError(Exception):
    """Anything the fingerprint sensor, its line or its driver could not do, in plain words."""


class PacketError(FingerprintError):
    """Anything wrong with bytes from or for the sensor. `consumed`: bytes the decoder used up."""

    def __init__(self, message: str, consumed: int = 0) -> None:
        super().__init__(message)
        self.consumed = consumed


class BadChecksum(PacketError):
    """A whole packet arrived, but its checksum does not add up: it was damaged on the way."""


class BadPayload(PacketError):
    """A packet that checks out, but does not hold what its kind of packet must."""


@dataclass(frozen=True)
class Packet:
    pid: int
    payload: bytes
    address: int = DEFAULT_ADDRESS


def checksum(pid: int, payload: bytes) -> int:
    length = len(payload) + 2
    return (pid + (length >> 8) + (length & 0xFF) + sum(payload)) & 0xFFFF


def encode_packet(pid: int, payload: bytes, address: int = DEFAULT_ADDRESS) -> bytes:
    if not 0 < len(payload) + 2 <= 0xFFFF:
        raise PacketError(f"a payload of {len(payload)} bytes does not fit in a packet")
    return (
        HEADER
        + address.to_bytes(4, "big")
        + bytes([pid])
        + (len(payload) + 2).to_bytes(2, "big")
        + payload
        + checksum(pid, payload).to_bytes(2, "big")
    )


def packet_size(packet: Packet) -> int:
    return OVERHEAD + len(packet.payload)


def decode_packet(buf: bytes | bytearray) -> tuple[Packet | None, int]:
    """The first packet in `buf` and the bytes used (noise before it included); (None, n)
    when no whole packet is there yet, n being the noise that can be dropped. BadChecksum
    (with `consumed` covering the packet) when a whole packet is damaged."""
    start = 0
    while True:
        at = buf.find(HEADER, start)
        if at < 0:
            # Keep a last EF: it may be the start of a header still arriving.
            return None, len(buf) - 1 if buf.endswith(HEADER[:1]) else len(buf)
        if len(buf) - at < PREFIX_SIZE:
            return None, at
        pid = buf[at + 6]
        length = int.from_bytes(buf[at + 7 : at + 9], "big")
        if pid not in _PIDS or not 2 < length <= MAX_PAYLOAD + 2:
            start = at + 1  # EF 01 by chance, in noise: look further
            continue
        end = at + PREFIX_SIZE + length
        if len(buf) < end:
            return None, at
        payload = bytes(buf[at + PREFIX_SIZE : end - 2])
        if int.from_bytes(buf[end - 2 : end], "big") != checksum(pid, payload):
            raise BadChecksum(
                f"a {_PID_NAMES[pid]} packet of {length - 2} bytes arrived damaged "
                "(its checksum is wrong)",
                end,
            )
        address = int.from_bytes(buf[at + 2 : at + 6], "big")
        return Packet(pid, payload, address), end


def decode_stream(buf: bytes | bytearray) -> tuple[list[Packet], int]:
    """Every whole packet in `buf`, and the bytes used. A damaged packet after good ones is
    left for the next call, which raises BadChecksum for it, so no good packet is lost."""
    packets: list[Packet] = []
    used = 0
    while True:
        try:
            packet, n = decode_packet(buf[used:])
        except BadChecksum as e:
            if packets:
                return packets, used
            raise BadChecksum(str(e), used + e.consumed) from None
        used += n
        if packet is None:
            return packets, used
        packets.append(packet)


_PIDS = frozenset(int(p) for p in PacketId)
_PID_NAMES = {
    PacketId.COMMAND: "command",
    PacketId.DATA: "data",
    PacketId.ACK: "ack",
    PacketId.END: "end",
}


# -- commands ---------------------------------------------------------------------------------


def command(instruction: Instruction, params: bytes = b"", address: int = DEFAULT_ADDRESS) -> bytes:
    return encode_packet(PacketId.COMMAND, bytes([instruction]) + params, address)


def gen_img() -> bytes:
    return command(Instruction.GEN_IMG)


def img2tz(buffer_id: int = 1) -> bytes:
    return command(Instruction.IMG2TZ, bytes([buffer_id]))


def match() -> bytes:
    return command(Instruction.MATCH)


def search(buffer_id: int = 1, start: int = 0, count: int = 1000) -> bytes:
    return command(
        Instruction.SEARCH, bytes([buffer_id]) + start.to_bytes(2, "big") + count.to_bytes(2, "big")
    )


def reg_model() -> bytes:
    return command(Instruction.REG_MODEL)


def store(page: int, buffer_id: int = 1) -> bytes:
    return command(Instruction.STORE, bytes([buffer_id]) + page.to_bytes(2, "big"))


def up_char(buffer_id: int = 1) -> bytes:
    return command(Instruction.UP_CHAR, bytes([buffer_id]))


def down_char(buffer_id: int = 2) -> bytes:
    """DownChar: the template that follows (as data packets) into character buffer 1 or 2."""
    return command(Instruction.DOWN_CHAR, bytes([buffer_id]))


def up_image() -> bytes:
    return command(Instruction.UP_IMAGE)


def down_image() -> bytes:
    """DownImage: the image that follows (as data packets) into the image buffer."""
    return command(Instruction.DOWN_IMAGE)


def delete_char(page: int, count: int = 1) -> bytes:
    return command(Instruction.DELETE_CHAR, page.to_bytes(2, "big") + count.to_bytes(2, "big"))


def empty() -> bytes:
    return command(Instruction.EMPTY)


def set_sys_para(param: Param, value: int) -> bytes:
    return command(Instruction.SET_SYS_PARA, bytes([param, value]))


def read_sys_para() -> bytes:
    return command(Instruction.READ_SYS_PARA)


def vfy_pwd(password: int = 0) -> bytes:
    return command(Instruction.VFY_PWD, password.to_bytes(4, "big"))


def handshake() -> bytes:
    return command(Instruction.HANDSHAKE, b"\x00")


def template_num() -> bytes:
    return command(Instruction.TEMPLATE_NUM)


def ack(code: int, data: bytes = b"", address: int = DEFAULT_ADDRESS) -> bytes:
    return encode_packet(PacketId.ACK, bytes([code]) + data, address)


def data_packets(data: bytes, size: int, address: int = DEFAULT_ADDRESS) -> bytes:
    """`data` as data packets of `size` bytes, the last one an end packet."""
    chunks = [data[i : i + size] for i in range(0, len(data), size)] or [b""]
    out = bytearray()
    for i, chunk in enumerate(chunks):
        pid = PacketId.END if i == len(chunks) - 1 else PacketId.DATA
        out += encode_packet(pid, chunk, address)
    return bytes(out)


def pack_image(grey: bytes) -> bytes:
    """8-bit greyscale pixels, row by row, as the sensor sends them: two pixels a byte, the
    left one in the high nibble."""
    return bytes((grey[i] & 0xF0) | (grey[i + 1] >> 4) for i in range(0, len(grey) - 1, 2))


def unpack_image(packed: bytes) -> bytes:
    """The sensor's 4-bit image as 8-bit greyscale (each nibble repeated, so 0xF is white)."""
    out = bytearray(len(packed) * 2)
    out[0::2] = bytes((b >> 4) * 17 for b in packed)
    out[1::2] = bytes((b & 0x0F) * 17 for b in packed)
    return bytes(out)


def upload_wire_bytes(size: int, packet: int) -> int:
    """Bytes on the wire for `size` bytes of upload in packets of `packet` bytes."""
    return size + -(-size // packet) * OVERHEAD


# -- system parameters ------------------------------------------------------------------------


@dataclass(frozen=True)
class SysParams:
    status: int
    system_id: int
    capacity: int
    security_level: int
    address: int
    packet_size: int  # bytes per data packet
    baud: int

    def encode(self) -> bytes:
        """The 16 bytes after the confirmation code in ReadSysPara's ack."""
        return (
            self.status.to_bytes(2, "big")
            + self.system_id.to_bytes(2, "big")
            + self.capacity.to_bytes(2, "big")
            + self.security_level.to_bytes(2, "big")
            + self.address.to_bytes(4, "big")
            + PACKET_SIZES.index(self.packet_size).to_bytes(2, "big")
            + (self.baud // BAUD_UNIT).to_bytes(2, "big")
        )


def parse_sys_params(data: bytes) -> SysParams:
    """ReadSysPara's 16 bytes after the confirmation code."""
    if len(data) < 16:
        raise BadPayload(f"system parameters need 16 bytes, {len(data)} came")

    def word(i: int) -> int:
        return int.from_bytes(data[i : i + 2], "big")

    size_code, n = word(12), word(14)
    if size_code >= len(PACKET_SIZES):
        raise BadPayload(f"packet size code {size_code} is not one of 0–3")
    if not 1 <= n <= 12:
        raise BadPayload(f"baud multiplier {n} is not one of 1–12")
    return SysParams(
        status=word(0),
        system_id=word(2),
        capacity=word(4),
        security_level=word(6),
        address=int.from_bytes(data[8:12], "big"),
        packet_size=PACKET_SIZES[size_code],
        baud=n * BAUD_UNIT,
    )
