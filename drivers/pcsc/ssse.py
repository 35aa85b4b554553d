"""The social security card (社会保障卡): its SSSE application, records and their decoding.

Records are read with READ RECORD, the record number being the field's tag; each answer
is tag (1 byte), length (1 byte), value. The layout, the AID and the encodings are in
../shared/docs/protocols.md ("Social security card"). Everything but `SocialSecurityProfile.read`
is pure; messages name the field, never its content.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from drivers.pcsc.apdu import (
    NOT_FOUND,
    RecordError,
    StatusError,
    Transmit,
    exchange,
    read_record,
    select_aid,
    select_file,
)
from drivers.pcsc.profiles import Fit, NotThisCard, register
from kiosk.identity import CardType, Identity, Sex, nation_name
from kiosk.text import card_text

log = logging.getLogger(__name__)

# "sx1.sh." followed by 社会保障 in GBK.
SSSE_AID = b"sx1.sh." + "社会保障".encode("gbk")
EF05 = 0xEF05  # card data: identifier, issue and expiry dates, card number
EF06 = 0xEF06  # holder data: ID number, name, sex, nation, birthplace, birth date


@dataclass(frozen=True)
class Field:
    tag: int
    ef: int
    length: int
    what: str  # plain words for messages

    @property
    def le(self) -> int:
        # The whole record: tag and length bytes, then the value.
        return self.length + 2


FIELDS = {
    f.tag: f
    for f in (
        Field(0x01, EF05, 16, "card identifier"),
        Field(0x05, EF05, 4, "issue date"),
        Field(0x06, EF05, 4, "expiry date"),
        Field(0x07, EF05, 9, "card number"),
        Field(0x08, EF06, 18, "ID number"),
        Field(0x09, EF06, 30, "name"),
        Field(0x0A, EF06, 1, "sex"),
        Field(0x0B, EF06, 1, "nation"),
        Field(0x0C, EF06, 3, "birthplace"),
        Field(0x0D, EF06, 4, "birth date"),
    )
}
# What an Identity needs, file by file, in the order a card is read. The card identifier is
# the hub's evidence that this very card is in the reader; the birthplace is not read: the
# kiosk has no use for it, and each read costs time.
READ_PLAN = ((EF05, (0x01, 0x05, 0x06, 0x07)), (EF06, (0x08, 0x09, 0x0A, 0x0B, 0x0D)))

# Padding seen after the value of a fixed-length text field.
_PAD = b"\x00\x20\xff"


def parse_record(tag: int, record: bytes) -> bytes:
    """The value of one record (tag, length, value), checked against the tag asked for."""
    what = FIELDS[tag].what if tag in FIELDS else f"record {tag:02X}"
    if len(record) < 2:
        raise RecordError(f"the {what} record is {len(record)} byte(s), too short for its header")
    if record[0] != tag:
        raise RecordError(f"the {what} record has tag {record[0]:02X} where {tag:02X} was expected")
    length = record[1]
    if len(record) - 2 < length:
        raise RecordError(
            f"the {what} record says {length} bytes but holds {len(record) - 2}: it is cut short"
        )
    return record[2 : 2 + length]


def decode_bcd(value: bytes, what: str) -> str:
    digits = value.hex()
    if not digits.isdigit():
        raise RecordError(f"the {what} is not a BCD number")
    return digits


def decode_date(value: bytes, what: str) -> date | None:
    """YYYYMMDD in 4 BCD bytes; all FF means no date (a card valid without end)."""
    if len(value) != 4:
        raise RecordError(f"the {what} has {len(value)} bytes where 4 were expected")
    if value == b"\xff" * 4:
        return None
    digits = decode_bcd(value, what)
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise RecordError(f"the {what} is not a real date") from None


def decode_text(value: bytes, what: str, encoding: str = "ascii") -> str:
    try:
        text = value.rstrip(_PAD).decode(encoding)
    except UnicodeDecodeError:
        raise RecordError(f"the {what} is not {encoding.upper()} text") from None
    # One rule with the ID module (kiosk.text.card_text): a rare character in a name (GB18030's
    # user-defined area, or newer than this machine's Unicode) is the holder's, not damage.
    if not card_text(text):
        raise RecordError(f"the {what} holds control characters")
    return text.strip()


def decode_name(value: bytes) -> str:
    # GB18030 (a superset of GBK: rare characters in names, e.g. 䶮, are 4-byte sequences).
    # No character ends in 00, 20 or FF, so stripping the padding never cuts one.
    name = decode_text(value, "name", "gb18030")
    if not name:
        raise RecordError("the name is empty")
    return name


def decode_sex(value: bytes) -> Sex:
    # GB/T 2261.1: 1 male, 2 female; cards store it as the ASCII digit or as the number.
    code = value[:1]
    if code in (b"1", b"\x01"):
        return Sex.MALE
    if code in (b"2", b"\x02"):
        return Sex.FEMALE
    return Sex.UNKNOWN


def decode_nation(value: bytes) -> str:
    # One BCD byte, the GB/T 3304 code: 01 汉 … 56 基诺. Nobody needs it to know who the holder
    # is: an odd byte is noted (without its value) and left out, never a reason to refuse.
    code = value[:1].hex()
    if not code.isdigit():
        log.info("the card's nation byte is not a BCD code; left out")
        return ""
    return nation_name(code)


def decode_id_number(value: bytes) -> str:
    """The number as the card holds it. Whether it is one (its shape, birth date and check
    character) is the core's to judge (Identity.check), so that a resident hears "the number
    fails its check", not "clean the card"."""
    number = decode_text(value, "ID number").upper()
    if not number:
        raise RecordError("the ID number is empty")
    return number


def decode_card_number(value: bytes) -> str:
    number = decode_text(value, "card number")
    if not number.isalnum():
        raise RecordError("the card number holds characters other than letters and digits")
    return number


def identity_from_records(values: Mapping[int, bytes], reader: str) -> Identity:
    """An Identity from the values of READ_PLAN's records (by tag)."""
    missing = [FIELDS[t].what for _, tags in READ_PLAN for t in tags if t not in values]
    if missing:
        raise RecordError(f"the card lacks its {', '.join(missing)}")
    return Identity(
        name=decode_name(values[0x09]),
        id_number=decode_id_number(values[0x08]),
        card_type=CardType.SOCIAL_SECURITY,
        reader=reader,
        sex=decode_sex(values[0x0A]),
        nation=decode_nation(values[0x0B]),
        birth_date=decode_date(values[0x0D], "birth date"),
        valid_from=decode_date(values[0x05], "issue date"),
        valid_until=decode_date(values[0x06], "expiry date"),
        card_number=decode_card_number(values[0x07]),
        card_identifier=values[0x01].hex().upper(),
    )


class SocialSecurityProfile:
    """社会保障卡 (third generation layout) through its SSSE application."""

    name = "social security card"

    def __init__(self, known_atrs: tuple[bytes, ...] = ()) -> None:
        # Issuers use many chips and ATRs, so an unknown ATR is worth trying; a known one
        # just puts this profile first.
        self.known_atrs = known_atrs

    def fit(self, atr: bytes) -> Fit:
        return Fit.SURE if atr in self.known_atrs else Fit.MAYBE

    def read(self, transmit: Transmit, reader: str) -> Identity:
        try:
            exchange(transmit, select_aid(SSSE_AID), "selecting the social security application")
        except StatusError as e:
            if e.sw in NOT_FOUND:
                raise NotThisCard(self.name) from None
            raise
        values: dict[int, bytes] = {}
        for ef, tags in READ_PLAN:
            exchange(transmit, select_file(ef), f"selecting file {ef:04X}")
            for tag in tags:
                field = FIELDS[tag]
                answer = exchange(transmit, read_record(tag, field.le), f"reading the {field.what}")
                values[tag] = parse_record(tag, answer)
        return identity_from_records(values, reader)


# The ATR of kiosk-sim's virtual card (drivers/pcsc/vcard.py), so it is read first.
# TS 3B (direct convention), T0 0A (T=0 only, no interface bytes, ten historical bytes).
VIRTUAL_CARD_ATR = bytes.fromhex("3B0A") + b"KIOSK-SSC1"
register(SocialSecurityProfile(known_atrs=(VIRTUAL_CARD_ATR,)))
