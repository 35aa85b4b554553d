"""Command APDUs and status words (ISO 7816-4): building commands and making sense of answers.

Pure: the card is reached through a `Transmit` function, so the same code runs against
pyscard, the virtual card and hypothesis. Every failure is an `ApduError` whose message a
technician can act on; none carries card data.
"""

from __future__ import annotations

from collections.abc import Callable

# Sends one command APDU and returns the raw answer: response data followed by SW1 SW2.
Transmit = Callable[[bytes], bytes]

SW_OK = 0x9000
# A T=0 card that has more data than fits says 61 xx and waits for GET RESPONSE; a card
# may chain several. Bounded so a card that answers 61 xx for ever cannot hold the reader.
_MAX_GET_RESPONSE = 16

# The meanings worth telling a technician; the rest are reported by number.
_MEANINGS = {
    0x6281: "part of the returned data may be corrupted",
    0x6283: "the selected file is invalidated",
    0x6700: "wrong length",
    0x6881: "logical channel not supported",
    0x6882: "secure messaging not supported",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current file)",
    0x6A80: "incorrect parameters in the data field",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A83: "record not found",
    0x6A86: "incorrect parameters P1-P2",
    0x6B00: "wrong parameters P1-P2",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}

# Status words that mean "this card has no such application": the card is fine, it is
# just not the kind the caller hoped for.
NOT_FOUND = frozenset({0x6A82, 0x6A81, 0x6D00, 0x6E00, 0x6A86, 0x6B00})


class ApduError(Exception):
    """The card's answer cannot be used. str() is plain words, without card data."""


class ShortAnswer(ApduError):
    """Fewer than two bytes came back: what a card pulled mid-command answers through vpcd and
    some readers. The driver decides between "pulled" and "broken" by looking at the reader."""


class RecordError(ApduError):
    """A record the card returned does not hold what its kind of card says it holds."""


class StatusError(ApduError):
    def __init__(self, command: str, sw: int) -> None:
        meaning = _MEANINGS.get(sw, "an error the card did not explain")
        status = f"{sw >> 8:02X} {sw & 0xFF:02X}"
        super().__init__(f"the card refused {command}: status {status} ({meaning})")
        self.command = command
        self.sw = sw


def select_aid(aid: bytes) -> bytes:
    """SELECT by DF name (P1 04), first or only occurrence, no response data asked for."""
    return _case3(0xA4, 0x04, 0x00, aid)


def select_file(fid: int) -> bytes:
    """SELECT an elementary file by its two-byte identifier under the current DF (P1 02)."""
    return _case3(0xA4, 0x02, 0x00, fid.to_bytes(2, "big"))


def read_record(record: int, le: int, p2: int = 0x00) -> bytes:
    """READ RECORD: P1 is the record number (the social security card uses the tag), P2 00
    reads from the current file; Le is the whole record with its tag and length bytes."""
    return bytes((0x00, 0xB2, record, p2, le & 0xFF))


def get_response(le: int) -> bytes:
    return bytes((0x00, 0xC0, 0x00, 0x00, le & 0xFF))


def _case3(ins: int, p1: int, p2: int, data: bytes) -> bytes:
    if not 0 < len(data) < 256:
        raise ValueError("short APDU data must be 1 to 255 bytes")
    return bytes((0x00, ins, p1, p2, len(data))) + data


def split(answer: bytes) -> tuple[bytes, int]:
    """(data, SW) from a raw answer; ApduError if there is no room for a status word."""
    if len(answer) < 2:
        raise ShortAnswer(
            f"the card answered {len(answer)} byte(s), too few to carry a status word"
        )
    return answer[:-2], (answer[-2] << 8) | answer[-1]


def exchange(transmit: Transmit, command: bytes, name: str) -> bytes:
    """Send `command` and return its response data, following 61 xx (GET RESPONSE) and
    6C xx (wrong Le: resend with the length the card asks for). Any other status than
    90 00 raises StatusError; `name` says which command it was, in plain words."""
    data, sw = split(transmit(command))
    if sw >> 8 == 0x6C and len(command) == 5:
        # Only a command whose last byte is Le (case 2) can be resent with the length the
        # card asks for; once, as a second 6C would loop. Elsewhere 6C is just an error.
        data, sw = split(transmit(command[:-1] + bytes((sw & 0xFF,))))
    collected = bytearray(data)
    for _ in range(_MAX_GET_RESPONSE):
        if sw >> 8 != 0x61:
            break
        more, sw = split(transmit(get_response(sw & 0xFF)))
        collected += more
    else:
        raise ApduError(f"the card kept asking for GET RESPONSE after {name}")
    if sw != SW_OK:
        raise StatusError(name, sw)
    return bytes(collected)
