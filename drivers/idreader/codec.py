"""The serial ID-card module's frame protocol (GA 467 style SAM modules): the one place for it.

Frame: AA AA AA 96 69 | LEN (2, big-endian) | body | CHK. LEN counts the body and CHK; CHK is
the XOR of the LEN bytes and the body. A command body is CMD PARA [DATA]; a reply body is
SW1 SW2 SW3 [DATA]. Pure functions only: the driver and the simulator share them, so the two
cannot disagree about the wire.

Read base information with fingerprints (CMD 30, PARA 10, on modules that offer it) answers
text length (2), photo length (2), fingerprint length (2), then the 256 bytes of text, the
1024 of photo and up to 1024 of fingerprint feature data (two fingers, 512 bytes each); a
module without it answers SW3 21 (unknown command).

Every malformed input ends in FrameError or RecordError with a plain message, never in an
IndexError or a UnicodeDecodeError, and no message quotes a card's text: it is personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from kiosk.identity import NATIONS, CardType, Identity, Sex, nation_name
from kiosk.text import card_text

log = logging.getLogger(__name__)

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2  # preamble and LEN: enough to know how long the frame is
# The largest reply a module sends is base information with fingerprints (about 2.3 KB); a
# length field beyond this is noise that happened to follow a preamble, not a frame to wait for.
MAX_LEN = 4096

TEXT_SIZE = 256
PHOTO_SIZE = 1024
BASE_INFO_SIZE = 4 + TEXT_SIZE + PHOTO_SIZE
FINGERPRINT_SIZE = 1024  # two fingers' feature data, 512 bytes each
FINGERPRINT_INFO_SIZE = 6 + TEXT_SIZE + PHOTO_SIZE + FINGERPRINT_SIZE


class IdReaderError(Exception):
    """Anything wrong with what came over the line; str() is plain words for the log."""


class FrameError(IdReaderError, ValueError):
    """A frame that cannot be trusted. `consumed`: how many buffer bytes to drop before looking
    for the next frame."""

    def __init__(self, message: str, consumed: int = 0) -> None:
        super().__init__(message)
        self.consumed = consumed


class BadChecksum(FrameError):
    """A whole frame by its own length field, whose checksum does not match."""


class RecordError(IdReaderError, ValueError):
    """A well-framed reply whose content is not what a resident ID card says."""


class Command(Enum):
    """CMD and PARA of each command the kiosk sends."""

    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE_INFO = (0x30, 0x01)
    # Base information and the card's fingerprint feature data, on modules that offer it.
    READ_FINGERPRINT_INFO = (0x30, 0x10)
    MODULE_STATUS = (0x11, 0xFF)

    @property
    def code(self) -> bytes:
        return bytes(self.value)


# SW3 values. The module's other codes all mean "failed"; the ones named here get their own words.
SW_SUCCESS = 0x90
SW_CARD_FOUND = 0x9F
SW_FIND_FAILED = 0x80
SW_SELECT_FAILED = 0x81
SW_READ_FAILED = 0x41
SW_BAD_CHECKSUM = 0x10
SW_BAD_LENGTH = 0x11
SW_BAD_COMMAND = 0x21

_SW_WORDS = {
    SW_SUCCESS: "success",
    SW_CARD_FOUND: "card found",
    SW_FIND_FAILED: "no card in the field",
    SW_SELECT_FAILED: "the card could not be selected",
    SW_READ_FAILED: "the card could not be read",
    SW_BAD_CHECKSUM: "the module received a frame with a bad checksum",
    SW_BAD_LENGTH: "the module received a frame with a bad length",
    SW_BAD_COMMAND: "the module does not know the command",
    0x23: "the module is not authorised",
    0x24: "the module reports an unknown error",
    0x31: "the card failed authentication",
    0x33: "the module's security chip failed authentication",
    0x40: "the card operation failed",
    0x60: "the module's self-test failed",
}


def status_words(sw3: int) -> str:
    return _SW_WORDS.get(sw3, f"the module answered with status {sw3:#04x}")


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def ok(self) -> bool:
        return self.sw3 in (SW_SUCCESS, SW_CARD_FOUND)

    @property
    def words(self) -> str:
        return status_words(self.sw3)

    def __repr__(self) -> str:
        # The data may be a card's text and photo: its size only.
        return f"Reply({self.sw1:02X} {self.sw2:02X} {self.sw3:02X}, {len(self.data)} data bytes)"


@dataclass(frozen=True)
class CommandFrame:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def command(self) -> Command | None:
        try:
            return Command((self.cmd, self.para))
        except ValueError:
            return None


def checksum(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def encode_frame(body: bytes) -> bytes:
    """Preamble, LEN, body and CHK around any body (command or reply)."""
    if not body:
        raise FrameError("a frame needs at least one body byte")
    if len(body) + 1 > MAX_LEN:
        raise FrameError(f"a frame body of {len(body)} bytes is longer than the protocol allows")
    head = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([checksum(head + body)])


def encode_command(command: Command, data: bytes = b"") -> bytes:
    return encode_frame(command.code + data)


def encode_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return encode_frame(bytes([sw1, sw2, sw3]) + data)


def _kept_tail(buf: bytes | bytearray) -> int:
    """How many bytes at the end of buf could be the start of a preamble still arriving."""
    for k in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-k:] == PREAMBLE[:k]:
            return k
    return 0


def decode_frame(buf: bytes | bytearray) -> tuple[bytes | None, int]:
    """The first frame in buf: (body, bytes consumed), garbage before it included.

    (None, n): no whole frame yet; drop n bytes of garbage and wait for more.
    FrameError: a damaged frame; drop err.consumed bytes (its preamble) and call again, so a
    corrupted length cannot swallow the good frame after it."""
    start = bytes(buf).find(PREAMBLE)
    if start < 0:
        return None, len(buf) - _kept_tail(buf)
    if len(buf) - start < HEADER_SIZE:
        return None, start
    length = int.from_bytes(buf[start + 5 : start + 7], "big")
    skip = start + len(PREAMBLE)
    if length < 2 or length > MAX_LEN:
        raise FrameError(f"the length field says {length} bytes, which no frame has", skip)
    end = start + HEADER_SIZE + length
    if len(buf) < end:
        return None, start
    head_and_body = bytes(buf[start + 5 : end - 1])
    if checksum(head_and_body) != buf[end - 1]:
        raise BadChecksum("a frame arrived with a bad checksum", skip)
    return head_and_body[2:], end


def frame_size(body: bytes) -> int:
    """The size on the wire of the frame carrying body."""
    return HEADER_SIZE + len(body) + 1


def parse_reply(body: bytes) -> Reply:
    if len(body) < 3:
        raise FrameError(f"a reply needs three status bytes, this one has {len(body)} bytes")
    return Reply(body[0], body[1], body[2], bytes(body[3:]))


def parse_command(body: bytes) -> CommandFrame:
    if len(body) < 2:
        raise FrameError("a command needs CMD and PARA, this one is shorter")
    return CommandFrame(body[0], body[1], bytes(body[2:]))


# -- base information: the card's text and photo --------------------------------------------------

# (field, size in bytes of UCS-2 little-endian), in the order the card holds them.
TEXT_FIELDS = (
    ("name", 30),
    ("sex", 2),
    ("nation", 4),
    ("birth_date", 16),
    ("address", 70),
    ("id_number", 36),
    ("issuer", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 36),
)
assert sum(size for _, size in TEXT_FIELDS) == TEXT_SIZE

# The card-type flag: text byte 248 (one UCS-2 character). A resident ID card leaves it blank.
TYPE_OFFSET = 248
TYPE_FLAGS = {
    " ": CardType.RESIDENT_ID,
    "J": CardType.RESIDENCE_PERMIT,
    "I": CardType.FOREIGN_RESIDENT,  # the 2017 layout
    "Y": CardType.FOREIGN_RESIDENT,  # the 2023 layout
}

# 外国人永久居留身份证 (the 2017 layout, flag 'I'): its own field meanings in the same 256 bytes.
FOREIGN_FIELDS = (
    ("english_name", 120),
    ("sex", 2),
    ("id_number", 30),
    ("country", 6),
    ("name", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("birth_date", 16),
    ("version", 4),
    ("issuer", 8),
    ("card_type", 2),
    ("reserved", 6),
)
assert sum(size for _, size in FOREIGN_FIELDS) == TEXT_SIZE

# 外国人永久居留身份证, 2023 layout (flag 'Y'): laid out like a resident ID card, with the
# renewal count where the nation was, the English name where the address was and an
# 18-digit number starting with 9 (GB 11643's check character). No issuing authority.
FOREIGN_2023_FIELDS = (
    ("name", 30),
    ("sex", 2),
    ("renewals", 4),
    ("birth_date", 16),
    ("english_name", 70),
    ("id_number", 36),
    ("english_name_more", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 22),
    ("country", 6),
    ("card_type", 2),
    ("previous", 6),  # how the card links to an earlier one
)
assert sum(size for _, size in FOREIGN_2023_FIELDS) == TEXT_SIZE
assert sum(size for _, size in FOREIGN_2023_FIELDS[:11]) == TYPE_OFFSET

_FIELD_WORDS = {
    "name": "name",
    "sex": "sex",
    "nation": "nationality",
    "birth_date": "birth date",
    "address": "address",
    "id_number": "ID number",
    "issuer": "issuing authority",
    "valid_from": "validity start",
    "valid_until": "validity end",
    "english_name": "English name",
    "country": "nationality",
    "version": "card version",
    "card_type": "card type",
    "renewals": "renewal count",
    "english_name_more": "English name",
    "previous": "earlier card link",
}
NO_END = "长期"
_SEX_CODES = {"1": Sex.MALE, "2": Sex.FEMALE}


class UnknownCardType(RecordError):
    """A card whose type flag is not one the kiosk reads: a well-read card of another kind,
    not a damaged one."""


def _flag(text: bytes) -> str:
    try:
        return bytes(text[TYPE_OFFSET : TYPE_OFFSET + 2]).decode("utf-16-le").replace("\x00", " ")
    except UnicodeDecodeError:
        return "?"


def card_type_flag(text: bytes) -> CardType:
    """The kind of card, from its text's card-type flag (UnknownCardType for a flag not known)."""
    flag = _flag(text)
    kind = TYPE_FLAGS.get(flag)
    if kind is None:
        if len(flag) == 1 and "A" <= flag <= "Z":  # what a type flag looks like
            raise UnknownCardType("the card's type flag is not one this kiosk reads")
        raise RecordError("the card's type flag is not a letter: its text is damaged")
    return kind


def _split_text(text: bytes, layout: tuple[tuple[str, int], ...] = TEXT_FIELDS) -> dict[str, str]:
    fields: dict[str, str] = {}
    offset = 0
    for name, size in layout:
        raw = text[offset : offset + size]
        offset += size
        try:
            value = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            raise RecordError(
                f"the card's {_FIELD_WORDS.get(name, name)} is not UCS-2 text"
            ) from None
        # Space padded by the standard; some modules pad with NULs instead.
        fields[name] = value.rstrip(" \x00")
    return fields


def _printable(name: str, value: str, *, required: bool = True) -> str:
    what = _FIELD_WORDS[name]
    if required and not value:
        raise RecordError(f"the card's {what} is empty")
    # A rare character (private use, or newer than this machine's Unicode) is a holder's
    # name as the card issuer wrote it, not damage: refusing it sent the holder to a window.
    if not card_text(value):
        raise RecordError(f"the card's {what} contains characters that are not text")
    return value


def _date(name: str, value: str) -> date:
    what = _FIELD_WORDS[name]
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise RecordError(f"the card's {what} is not a date (YYYYMMDD)")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise RecordError(f"the card's {what} is not a real date") from None


def parse_base_info(data: bytes, reader: str) -> Identity:
    """Read-base-information data → Identity. The photo is kept raw: it is WLT-compressed and
    only a vendor library decodes it."""
    if len(data) < 4:
        raise RecordError(f"base information is cut short: {len(data)} of at least 4 bytes")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_SIZE:
        raise RecordError(f"the text length field says {text_len} bytes, a card has {TEXT_SIZE}")
    if len(data) != 4 + text_len + photo_len:
        raise RecordError(
            f"base information is {len(data)} bytes but its length fields say "
            f"{4 + text_len + photo_len}"
        )
    text = bytes(data[4 : 4 + text_len])
    kind = card_type_flag(text)
    photo = bytes(data[4 + text_len :])
    if kind is CardType.FOREIGN_RESIDENT:
        layout = FOREIGN_2023_FIELDS if _flag(text) == "Y" else FOREIGN_FIELDS
        return _foreign_resident(_split_text(text, layout), reader, photo)
    f = _split_text(text)
    sex = _SEX_CODES.get(f["sex"])
    if sex is None:
        raise RecordError("the card's sex code is neither 1 (male) nor 2 (female)")
    # Nobody needs the nationality to know who the holder is: a code outside 01–56 is kept as
    # it came and noted, never a reason to refuse the card. A permit has none (blank).
    code = f["nation"]
    nation = nation_name(code) if len(code) == 2 and code.isascii() else code
    if code and nation == code:
        log.info("the card's nationality code is not one of the 56; kept as it is")
    # Whether it is a number at all is the core's to judge (Identity.check): "the number
    # fails its check" is what the resident hears, not "the card is damaged".
    number = _printable("id_number", f["id_number"]).upper()
    until = None if f["valid_until"] == NO_END else _date("valid_until", f["valid_until"])
    return Identity(
        name=_printable("name", f["name"]),
        id_number=number,
        card_type=kind,
        reader=reader,
        sex=sex,
        nation=nation,
        birth_date=_date("birth_date", f["birth_date"]),
        address=_printable("address", f["address"], required=kind is CardType.RESIDENT_ID),
        issuer=_printable("issuer", f["issuer"]),
        valid_from=_date("valid_from", f["valid_from"]),
        valid_until=until,
        photo_wlt=photo,
    )


def _foreign_resident(f: dict[str, str], reader: str, photo: bytes) -> Identity:
    """Either layout of 外国人永久居留身份证, split into its fields. The 2023 layout carries
    no issuing authority, and a long English name goes on in a second field (a space at the
    cut is kept by neither)."""
    sex = _SEX_CODES.get(f["sex"])
    if sex is None:
        raise RecordError("the card's sex code is neither 1 (male) nor 2 (female)")
    number = _printable("id_number", f["id_number"]).upper()  # judged by Identity.check
    english = f["english_name"] + f.get("english_name_more", "")
    # The Chinese name is optional on this card; the English name is always there.
    name = _printable("name", f["name"], required=False) or _printable("english_name", english)
    until = None if f["valid_until"] == NO_END else _date("valid_until", f["valid_until"])
    return Identity(
        name=name,
        id_number=number,
        card_type=CardType.FOREIGN_RESIDENT,
        reader=reader,
        sex=sex,
        nation=f["country"] if f["country"].isascii() else "",
        birth_date=_date("birth_date", f["birth_date"]),
        issuer=_printable("issuer", f["issuer"]) if "issuer" in f else "",
        valid_from=_date("valid_from", f["valid_from"]),
        valid_until=until,
        photo_wlt=photo,
    )


def parse_fingerprint_info(data: bytes, reader: str) -> Identity:
    """Read-base-information-with-fingerprints data (text length, photo length, fingerprint
    length, then the three) → Identity with its `fingerprints`. An empty fingerprint part
    (a card issued without them) is no fault."""
    if len(data) < 6:
        raise RecordError(f"base information is cut short: {len(data)} of at least 6 bytes")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big")
    if fp_len > FINGERPRINT_SIZE or len(data) != 6 + text_len + photo_len + fp_len:
        raise RecordError(
            f"base information with fingerprints is {len(data)} bytes but its length fields "
            f"say {6 + text_len + photo_len + fp_len}"
        )
    identity = parse_base_info(data[0:4] + data[6 : 6 + text_len + photo_len], reader)
    return replace(identity, fingerprints=bytes(data[6 + text_len + photo_len :]))


def encode_fingerprint_info(identity: Identity, fingerprints: bytes) -> bytes:
    """What a card answers to read base information with fingerprints (the simulator's side)."""
    if len(fingerprints) > FINGERPRINT_SIZE:
        raise RecordError("a card holds at most 1024 bytes of fingerprint data")
    base = encode_base_info(identity)
    return base[:4] + len(fingerprints).to_bytes(2, "big") + base[4:] + fingerprints


def _field(name: str, value: str, size: int) -> bytes:
    raw = value.encode("utf-16-le")
    if len(raw) > size:
        raise RecordError(f"the {_FIELD_WORDS.get(name, name)} is longer than a card holds")
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def encode_base_info(identity: Identity, photo: bytes | None = None) -> bytes:
    """What a card holding this identity answers to read base information (the simulator's
    side, and the round trip in tests)."""
    if identity.sex not in (Sex.MALE, Sex.FEMALE):
        raise RecordError("a resident ID card records its holder as male or female")
    if identity.birth_date is None or identity.valid_from is None:
        raise RecordError("an identity card has a birth date and a validity start")
    photo = identity.photo_wlt if photo is None else photo
    until = NO_END if identity.valid_until is None else identity.valid_until.strftime("%Y%m%d")
    if identity.card_type is CardType.FOREIGN_RESIDENT and len(identity.id_number) == 18:
        # The 2023 layout: the English name is 35 characters, then 15 more.
        english = identity.name if identity.name.isascii() else ""
        new = {
            "name": "" if identity.name.isascii() else identity.name,
            "sex": "1" if identity.sex is Sex.MALE else "2",
            "renewals": "00",
            "birth_date": identity.birth_date.strftime("%Y%m%d"),
            "english_name": english[:35],
            "id_number": identity.id_number,
            "english_name_more": english[35:],
            "valid_from": identity.valid_from.strftime("%Y%m%d"),
            "valid_until": until,
            "reserved": "",
            "country": identity.nation,
            "card_type": "Y",
            "previous": "",
        }
        text = b"".join(_field(name, new[name], size) for name, size in FOREIGN_2023_FIELDS)
        return TEXT_SIZE.to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
    if identity.card_type is CardType.FOREIGN_RESIDENT:
        fields = {
            "english_name": identity.name if identity.name.isascii() else "",
            "sex": "1" if identity.sex is Sex.MALE else "2",
            "id_number": identity.id_number,
            "country": identity.nation,
            "name": "" if identity.name.isascii() else identity.name,
            "valid_from": identity.valid_from.strftime("%Y%m%d"),
            "valid_until": until,
            "birth_date": identity.birth_date.strftime("%Y%m%d"),
            "version": "20",
            "issuer": identity.issuer,
            "card_type": "I",
            "reserved": "",
        }
        text = b"".join(_field(name, fields[name], size) for name, size in FOREIGN_FIELDS)
        return TEXT_SIZE.to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
    if identity.card_type is CardType.RESIDENCE_PERMIT:
        nation = ""
        # The flag sits 28 bytes into the reserved field.
        reserved = " " * 14 + "J"
    else:
        if identity.nation not in NATIONS:
            raise RecordError("the nationality is not one of the 56 a card can hold")
        nation = f"{NATIONS.index(identity.nation) + 1:02d}"
        reserved = ""
    values = {
        "name": identity.name,
        "sex": "1" if identity.sex is Sex.MALE else "2",
        "nation": nation,
        "birth_date": identity.birth_date.strftime("%Y%m%d"),
        "address": identity.address,
        "id_number": identity.id_number,
        "issuer": identity.issuer,
        "valid_from": identity.valid_from.strftime("%Y%m%d"),
        "valid_until": until,
        "reserved": reserved,
    }
    text = b"".join(_field(name, values[name], size) for name, size in TEXT_FIELDS)
    return TEXT_SIZE.to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
