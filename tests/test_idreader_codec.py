"""The ID module's frame protocol: exact bytes, resynchronisation, the base-information record,
and hypothesis on everything a line or a card can send."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idreader.codec import (
    PREAMBLE,
    TEXT_FIELDS,
    TEXT_SIZE,
    BadChecksum,
    Command,
    FrameError,
    RecordError,
    decode_frame,
    encode_base_info,
    encode_command,
    encode_frame,
    encode_reply,
    parse_base_info,
    parse_command,
    parse_reply,
)
from drivers.idreader.samples import SAMPLE_FOREIGNER_2017, SAMPLE_FOREIGNER_2023, SAMPLE_RESIDENTS
from kiosk.identity import NATIONS, CardType, Identity, IdentityProblem, ProblemKind, Sex
from kiosk.ids import id_check_character
from kiosk.text import card_text

# The frames as protocols.md prints them.
DOCUMENTED = {
    Command.FIND_CARD: "AA AA AA 96 69 00 03 20 01 22",
    Command.SELECT_CARD: "AA AA AA 96 69 00 03 20 02 21",
    Command.READ_BASE_INFO: "AA AA AA 96 69 00 03 30 01 32",
    Command.MODULE_STATUS: "AA AA AA 96 69 00 03 11 FF ED",
    Command.READ_FINGERPRINT_INFO: "AA AA AA 96 69 00 03 30 10 23",
}


@pytest.mark.parametrize("command", list(Command))
def test_commands_are_the_documented_bytes(command: Command) -> None:
    assert encode_command(command) == bytes.fromhex(DOCUMENTED[command])
    body, used = decode_frame(encode_command(command))
    assert used == 10 and parse_command(body).command is command


def test_a_read_reply_is_1295_bytes_and_decodes() -> None:
    data = encode_base_info(SAMPLE_RESIDENTS[0])
    frame = encode_reply(0x90, data)
    assert len(frame) == 1295  # protocols.md: 1,295 bytes in all
    body, used = decode_frame(frame)
    reply = parse_reply(body)
    assert used == len(frame) and reply.ok and reply.sw3 == 0x90 and reply.data == data
    assert "data bytes" in repr(reply) and str(data[10:20]) not in repr(reply)


def test_garbage_before_a_frame_is_skipped() -> None:
    frame = encode_reply(0x9F, bytes(4))
    body, used = decode_frame(b"\x00\xaa\x13\xaa\xaa" + frame + b"\xaa")
    assert used == 5 + len(frame) and parse_reply(body).sw3 == 0x9F


def test_no_frame_yet_drops_only_what_cannot_start_one() -> None:
    assert decode_frame(b"") == (None, 0)
    assert decode_frame(b"\x01\x02\x03") == (None, 3)
    # A preamble still arriving is kept, and so is a frame not complete yet.
    assert decode_frame(b"\x01\x02\xaa\xaa\xaa\x96") == (None, 2)
    assert decode_frame(b"\x01" + encode_reply(0x90)[:-1]) == (None, 1)


def test_a_bad_checksum_is_said_and_skips_only_the_preamble() -> None:
    frame = bytearray(encode_reply(0x90))
    frame[-1] ^= 0x01
    with pytest.raises(BadChecksum, match="bad checksum") as e:
        decode_frame(b"\x00" + frame)
    assert e.value.consumed == 1 + len(PREAMBLE)


@pytest.mark.parametrize("length", [b"\x00\x00", b"\x00\x01", b"\xff\xff"])
def test_an_impossible_length_is_said(length: bytes) -> None:
    with pytest.raises(FrameError, match="length field"):
        decode_frame(PREAMBLE + length + bytes(8))


def test_short_replies_and_commands_are_frame_errors() -> None:
    with pytest.raises(FrameError, match="three status bytes"):
        parse_reply(b"\x00\x90")
    with pytest.raises(FrameError, match="CMD and PARA"):
        parse_command(b"\x20")
    with pytest.raises(FrameError):
        encode_frame(b"")


@pytest.mark.parametrize("resident", SAMPLE_RESIDENTS, ids=lambda r: r.masked_number)
def test_samples_round_trip_through_base_information(resident: Identity) -> None:
    read = parse_base_info(encode_base_info(resident), "idreader")
    assert read == dataclasses.replace(resident, reader="idreader")
    assert read.card_type is CardType.RESIDENT_ID
    assert read.photo_wlt == resident.photo_wlt and len(read.photo_wlt) == 1024


def test_long_term_card_has_no_end() -> None:
    resident = next(r for r in SAMPLE_RESIDENTS if r.valid_until is None)
    data = encode_base_info(resident)
    assert "长期".encode("utf-16-le") in data
    assert parse_base_info(data, "r").valid_until is None


def _text_with(**values: str) -> bytes:
    """A sample's base information with some text fields replaced (raw, unchecked)."""
    data = bytearray(encode_base_info(SAMPLE_RESIDENTS[1]))
    offset = 4
    for name, size in TEXT_FIELDS:
        if name in values:
            raw = values[name].encode("utf-16-le", "surrogatepass")
            data[offset : offset + size] = (raw + b" \x00" * size)[:size]
        offset += size
    return bytes(data)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"sex": "3"}, "sex code"),
        ({"birth_date": "19920230"}, "birth date is not a real date"),
        ({"birth_date": "1992-7-8"}, "birth date is not a date"),
        ({"valid_until": "明年"}, "validity end is not a date"),
        ({"valid_from": "２０１２０８１５"}, "validity start is not a date"),
        ({"id_number": ""}, "ID number is empty"),
        ({"name": ""}, "name is empty"),
        ({"name": "陈\x07远"}, "name contains characters that are not text"),
        # Unassigned outside the Han areas: noise, unlike a newer CJK extension's character.
        ({"name": "陈\u0378远"}, "name contains characters that are not text"),
        ({"address": "\ud800"}, "address is not UCS-2"),
        ({"reserved": " " * 14 + "Z"}, "type flag is not one this kiosk reads"),
    ],
)
def test_each_bad_field_is_named_without_its_content(fields: dict[str, str], words: str) -> None:
    with pytest.raises(RecordError, match=words) as e:
        parse_base_info(_text_with(**fields), "r")
    message = str(e.value)
    for personal in ("陈志远", "330106199207080310", "文三路", "1992"):
        assert personal not in message


@pytest.mark.parametrize("number", ["33010619920708031", "33010619920708031Y", "A3010619920708031"])
def test_a_number_of_the_wrong_shape_is_read_and_the_core_refuses_it(number: str) -> None:
    person = parse_base_info(_text_with(id_number=number), "r")
    assert person.id_number == number
    with pytest.raises(IdentityProblem) as problem:
        person.check(date(2026, 1, 1))
    assert problem.value.kind is ProblemKind.INVALID_NUMBER  # "go to the window", not "clean it"


@pytest.mark.parametrize("code", ["00", "57", "9", "汉族", ""])
def test_a_strange_nation_code_never_refuses_the_card(code: str) -> None:
    person = parse_base_info(_text_with(nation=code), "r")
    assert person.nation == code
    assert person.id_number == SAMPLE_RESIDENTS[1].id_number


def test_a_residence_permit_is_told_by_its_flag_and_round_trips() -> None:
    permit = dataclasses.replace(
        SAMPLE_RESIDENTS[1],
        card_type=CardType.RESIDENCE_PERMIT,
        id_number="810000199207080013",
        nation="",
    )
    data = encode_base_info(permit)
    assert data[4 + 248 : 4 + 250] == "J".encode("utf-16-le")
    assert parse_base_info(data, "r") == dataclasses.replace(permit, reader="r")


@pytest.mark.parametrize("name", ["SMITH JOHN", "史密斯"])
def test_a_foreigners_permanent_residence_card_has_its_own_layout(name: str) -> None:
    card = dataclasses.replace(SAMPLE_FOREIGNER_2017, name=name, reader="r")
    data = encode_base_info(card)
    assert data[4 + 248 : 4 + 250] == "I".encode("utf-16-le")
    assert parse_base_info(data, "r") == card
    card.check(date(2026, 1, 1))  # its 15-character number is valid for the core
    assert card.evidence().holder_number == "USA110078080812"  # and for the hub


def test_record_lengths_are_checked() -> None:
    data = encode_base_info(SAMPLE_RESIDENTS[0])
    with pytest.raises(RecordError, match="cut short"):
        parse_base_info(data[:3], "r")
    with pytest.raises(RecordError, match="length fields say"):
        parse_base_info(data[:-1], "r")
    with pytest.raises(RecordError, match="text length field says 255"):
        parse_base_info(b"\x00\xff" + data[2:], "r")


def test_a_lower_case_check_character_is_read_as_x() -> None:
    first17 = "11010519491231002"
    assert id_check_character(first17) == "X"
    read = parse_base_info(_text_with(id_number=first17 + "x"), "r")
    assert read.id_number == first17 + "X"


# -- hypothesis ------------------------------------------------------------------------------------

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_NOISE = st.binary(max_size=64).filter(lambda n: PREAMBLE not in n)
_PERSON = st.builds(
    Identity,
    name=st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15
    ),
    id_number=st.from_regex(r"[0-9]{17}", fullmatch=True).map(lambda d: d + id_check_character(d)),
    card_type=st.just(CardType.RESIDENT_ID),
    reader=st.just("r"),
    sex=st.sampled_from([Sex.MALE, Sex.FEMALE]),
    nation=st.sampled_from(NATIONS),
    birth_date=st.dates(date(1900, 1, 1), date(2099, 12, 31)),
    address=st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=35
    ),
    issuer=st.text(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15
    ),
    valid_from=st.dates(date(1990, 1, 1), date(2099, 12, 31)),
    valid_until=st.none() | st.dates(date(1990, 1, 1), date(2099, 12, 31)),
    photo_wlt=st.binary(min_size=0, max_size=1024),
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_break_the_frame_decoder(buf: bytes) -> None:
    rest = bytearray(buf)
    while rest:
        try:
            body, used = decode_frame(rest)
        except FrameError as e:
            assert e.consumed > 0
            del rest[: e.consumed]
            continue
        if body is not None:
            with contextlib.suppress(FrameError):
                parse_reply(body)
        if used == 0:
            break  # waiting for more bytes: nothing lost
        del rest[:used]


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=64).filter(lambda n: PREAMBLE not in n), st.binary(min_size=1, max_size=2000)
)
def test_frames_round_trip_after_noise(noise: bytes, body: bytes) -> None:
    frame = encode_frame(body)
    got, used = decode_frame(noise + frame + noise)
    assert got == body and used == len(noise) + len(frame)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1400))
def test_arbitrary_base_information_is_a_record_error_at_worst(data: bytes) -> None:
    with contextlib.suppress(RecordError):
        parse_base_info(data, "r")


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=TEXT_SIZE, max_size=TEXT_SIZE), st.binary(max_size=1024))
def test_arbitrary_card_text_is_a_record_error_at_worst(text: bytes, photo: bytes) -> None:
    data = TEXT_SIZE.to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
    try:
        parse_base_info(data, "r")
    except RecordError as e:
        assert str(e)


@settings(max_examples=150, deadline=None)
@given(_PERSON)
def test_any_card_round_trips(person: Identity) -> None:
    assert parse_base_info(encode_base_info(person), "r") == person


def test_the_2023_foreigners_card_has_its_own_layout_and_a_long_english_name() -> None:
    # 43 letters: the English name goes on past its first field.
    long_name = "MONTGOMERY-FITZWILLIAM ALEXANDRA CATHERINE"
    card = dataclasses.replace(SAMPLE_FOREIGNER_2023, name=long_name, reader="r")
    data = encode_base_info(card)
    assert data[4 + 248 : 4 + 250] == "Y".encode("utf-16-le")
    assert parse_base_info(data, "r") == card
    card.check(date(2026, 1, 1))  # GB 11643's check character holds for it
    assert card.masked_number == "9338**********0013"


@pytest.mark.parametrize(
    ("char", "text"),
    [
        ("\ue000", True),  # private use: the issuer's own character for a rare name
        ("\U000f0000", True),  # supplementary private use (GB18030's user-defined areas)
        ("\U00031350", True),  # Extension H (Unicode 15): newer than Python 3.11's tables
        ("\U0002ebf0", True),  # Extension I (Unicode 15.1)
        ("\u0378", False),  # unassigned Greek: damage, not a name
        ("\U000e0080", False),  # unassigned in the tags plane
        ("\U0002fffe", False),  # a noncharacter in the Han plane
        ("\uffff", False),
    ],
)
def test_which_characters_unknown_to_this_machine_a_name_may_hold(char: str, text: bool) -> None:
    assert card_text("陈" + char) is text
