"""The PC/SC codec without pcscd: APDUs, status words, SSSE records, card profiles, the
virtual card's file system and its data files. Hypothesis fuzzes the parsers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.pcsc import apdu, profiles, ssse
from drivers.pcsc.apdu import ApduError, RecordError, StatusError
from drivers.pcsc.cardfile import DEFAULT_CARD, CardData, CardFileError, Fault, load_card, samples
from drivers.pcsc.profiles import Fit, NotThisCard, UnknownCard
from drivers.pcsc.vcard import CardFileSystem, records
from kiosk.identity import CardType, Identity, IdentityProblem, ProblemKind, Sex
from kiosk.ids import id_check_character

READER = "Test Reader 00 00"


def card(**changes: object) -> CardData:
    return replace(load_card(DEFAULT_CARD), **changes)


def read(data: CardData) -> Identity:
    fs = CardFileSystem(data)
    return profiles.read_identity(fs.answer, data.atr, READER, profiles.registered())


# -- APDUs and status words --------------------------------------------------------------


def test_commands_are_the_documented_bytes() -> None:
    assert apdu.select_aid(ssse.SSSE_AID) == bytes.fromhex(
        "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    )
    assert apdu.select_file(ssse.EF05) == bytes.fromhex("00A4020002EF05")
    assert apdu.select_file(ssse.EF06) == bytes.fromhex("00A4020002EF06")
    assert apdu.read_record(0x07, 0x0B) == bytes.fromhex("00B207000B")
    assert apdu.read_record(0x08, ssse.FIELDS[0x08].le) == bytes.fromhex("00B2080014")
    assert apdu.read_record(0x09, ssse.FIELDS[0x09].le) == bytes.fromhex("00B2090020")


def scripted(*answers: str) -> tuple[list[bytes], apdu.Transmit]:
    sent: list[bytes] = []
    queue: Iterator[str] = iter(answers)

    def transmit(command: bytes) -> bytes:
        sent.append(command)
        return bytes.fromhex(next(queue))

    return sent, transmit


def test_9000_returns_the_data() -> None:
    _, t = scripted("01029000")
    assert apdu.exchange(t, bytes.fromhex("00B2010004"), "reading") == b"\x01\x02"


def test_61xx_is_followed_by_get_response_and_chained() -> None:
    sent, t = scripted("6104", "AABBCCDD6102", "EEFF9000")
    assert apdu.exchange(t, apdu.select_aid(b"abc"), "selecting") == bytes.fromhex("AABBCCDDEEFF")
    assert sent[1:] == [bytes.fromhex("00C0000004"), bytes.fromhex("00C0000002")]


def test_6cxx_resends_with_the_length_the_card_asks_for() -> None:
    sent, t = scripted("6C0B", "070941333031303632339000")
    assert apdu.exchange(t, apdu.read_record(7, 0x20), "reading")[:2] == b"\x07\x09"
    assert sent[1] == bytes.fromhex("00B207000B")


def test_a_second_6cxx_is_an_error_not_a_loop() -> None:
    _, t = scripted("6C0B", "6C0C")
    with pytest.raises(StatusError, match="6C 0C"):
        apdu.exchange(t, apdu.read_record(7, 0x20), "reading the card number")


def test_other_status_words_say_what_the_card_refused() -> None:
    _, t = scripted("6A82")
    with pytest.raises(StatusError) as e:
        apdu.exchange(t, apdu.select_file(0xEF05), "selecting file EF05")
    assert str(e.value) == (
        "the card refused selecting file EF05: status 6A 82 (file or application not found)"
    )
    _, t = scripted("9F31")
    with pytest.raises(StatusError, match="9F 31 \\(an error the card did not explain\\)"):
        apdu.exchange(t, apdu.read_record(7, 11), "reading")


def test_an_answer_too_short_for_a_status_word() -> None:
    _, t = scripted("90")
    with pytest.raises(ApduError, match="1 byte\\(s\\), too few to carry a status word"):
        apdu.exchange(t, apdu.read_record(7, 11), "reading")


def test_endless_get_response_is_cut_off() -> None:
    _, t = scripted(*["6101"] + ["AA6101"] * 40)
    with pytest.raises(ApduError, match="kept asking for GET RESPONSE"):
        apdu.exchange(t, apdu.select_aid(b"abc"), "selecting")


@given(st.lists(st.binary(max_size=40), min_size=1, max_size=40), st.binary(min_size=4, max_size=9))
def test_exchange_never_fails_otherwise_than_in_words(answers: list[bytes], command: bytes) -> None:
    queue = iter(answers)

    def transmit(_: bytes) -> bytes:
        return next(queue, b"\x6f\x00")

    try:
        apdu.exchange(transmit, command, "fuzzing")
    except ApduError as e:
        assert str(e).startswith("the card")


# -- SSSE records ------------------------------------------------------------------------


def test_parse_record() -> None:
    assert ssse.parse_record(0x07, b"\x07\x09A33010623") == b"A33010623"
    # Trailing bytes past the length are padding.
    assert ssse.parse_record(0x0B, b"\x0b\x01\x01\x00\x00") == b"\x01"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (b"", "the card number record is 0 byte(s), too short for its header"),
        (b"\x08\x09A33010623", "the card number record has tag 08 where 07 was expected"),
        (b"\x07\x09A330", "the card number record says 9 bytes but holds 4: it is cut short"),
    ],
)
def test_malformed_records(record: bytes, message: str) -> None:
    with pytest.raises(RecordError) as e:
        ssse.parse_record(0x07, record)
    assert str(e.value) == message


def test_dates() -> None:
    assert ssse.decode_date(bytes.fromhex("20310601"), "expiry date") == date(2031, 6, 1)
    assert ssse.decode_date(b"\xff" * 4, "expiry date") is None
    with pytest.raises(RecordError, match="the issue date is not a BCD number"):
        ssse.decode_date(bytes.fromhex("20A10601"), "issue date")
    with pytest.raises(RecordError, match="the birth date is not a real date"):
        ssse.decode_date(bytes.fromhex("19940231"), "birth date")
    with pytest.raises(RecordError, match="has 3 bytes where 4 were expected"):
        ssse.decode_date(bytes.fromhex("199402"), "birth date")


def test_name_in_gbk_with_padding() -> None:
    raw = "欧阳娜娜".encode("gbk")
    assert ssse.decode_name(raw + b"\x00" * 22) == "欧阳娜娜"
    assert ssse.decode_name(raw + b" " * 10 + b"\xff" * 12) == "欧阳娜娜"
    with pytest.raises(RecordError, match=r"^the name is not GB18030 text$"):
        ssse.decode_name(raw[:2] + b"\x80\x30")
    with pytest.raises(RecordError, match="the name is empty"):
        ssse.decode_name(b"\x00" * 30)


@pytest.mark.parametrize("name", ["李𬌗", "张𠀀", "欧阳𬌗䶮"])
def test_rare_characters_in_names_are_read_as_gb18030(name: str) -> None:
    raw = name.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        name.encode("gbk")  # what the driver used to read names as
    assert ssse.decode_name(raw + b"\x00" * (30 - len(raw))) == name
    assert ssse.decode_name(raw + b"\xff" * (30 - len(raw))) == name


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.characters(min_codepoint=0x3400, max_codepoint=0x2A6DF, categories=["Lo"]),
        min_size=1,
        max_size=7,
    ),
    st.sampled_from([b"\x00", b" ", b"\xff"]),
)
def test_any_han_name_round_trips_through_its_padding(name: str, pad: bytes) -> None:
    raw = name.encode("gb18030")
    assert ssse.decode_name(raw + pad * (30 - len(raw))) == name


def test_sex_nation_and_numbers() -> None:
    assert ssse.decode_sex(b"1") is Sex.MALE
    assert ssse.decode_sex(b"\x02") is Sex.FEMALE
    assert ssse.decode_sex(b"9") is Sex.UNKNOWN
    assert ssse.decode_nation(b"\x01") == "汉"
    assert ssse.decode_nation(b"\x11") == "满"
    assert ssse.decode_nation(b"\x1a") == ""  # odd: left out, never a reason to refuse
    # Whether a number is one is the core's to judge: the driver reports what the card holds.
    assert ssse.decode_id_number(b"330106199403120624") == "330106199403120624"
    assert ssse.decode_id_number(b"33010619940312062y") == "33010619940312062Y"
    with pytest.raises(RecordError, match="ID number is empty"):
        ssse.decode_id_number(b"\xff" * 18)
    with pytest.raises(RecordError, match="card number holds characters other than"):
        ssse.decode_card_number(b"A33-10623")


# -- the profile through the virtual card's file system ----------------------------------


def test_a_good_card_reads_into_an_identity() -> None:
    data = load_card(DEFAULT_CARD)
    identity = read(data)
    assert identity == Identity(
        name="林晓燕",
        id_number="330106199403120623",
        card_type=CardType.SOCIAL_SECURITY,
        reader=READER,
        sex=Sex.FEMALE,
        nation="汉",
        birth_date=date(1994, 3, 12),
        valid_from=date(2021, 6, 1),
        valid_until=date(2031, 6, 1),
        card_number="A33010623",
        card_identifier="330100D156000005A1B2C3D4E5F60708",
    )


def test_the_card_number_can_be_read_by_sfi_without_selecting_ef05() -> None:
    fs = CardFileSystem(load_card(DEFAULT_CARD))
    apdu.exchange(fs.answer, apdu.select_aid(ssse.SSSE_AID), "selecting")
    answer = apdu.exchange(fs.answer, bytes.fromhex("00B2072C0B"), "reading")
    assert ssse.parse_record(0x07, answer) == b"A33010623"


FAULTS = {
    Fault.GARBAGE: "record has tag",
    Fault.WRONG_STATUS: "the card refused reading the name: status 6F 00",
    Fault.SHORT_RECORD: "the ID number record says 18 bytes but holds 10: it is cut short",
    Fault.NON_GBK_NAME: "the name is not GB18030 text",
    Fault.NO_APPLICATION: "the kiosk does not know this kind of card",
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_is_a_plain_error_without_personal_data(fault: Fault) -> None:
    data = card(fault=fault)
    with pytest.raises(ApduError) as e:
        read(data)
    assert FAULTS[fault] in str(e.value)
    for secret in (data.name, data.id_number, data.id_number[6:14], data.card_number):
        assert secret not in str(e.value)


def test_a_wrong_check_character_reads_and_the_core_refuses_it() -> None:
    # The driver reports what the card says; the core judges the number (its own screen).
    identity = read(card(fault=Fault.BAD_ID_CHECK))
    with pytest.raises(IdentityProblem) as e:
        identity.check(date.today())
    assert e.value.kind is ProblemKind.INVALID_NUMBER


def test_the_expired_sample_reads_and_the_core_refuses_it() -> None:
    expired = [load_card(p) for p in samples() if "expired" in p.name]
    assert len(expired) == 1
    identity = read(expired[0])
    with pytest.raises(IdentityProblem) as e:
        identity.check(date.today())
    assert e.value.kind is ProblemKind.EXPIRED
    assert e.value.date == expired[0].expiry_date


def test_every_sample_card_is_well_formed_and_reads() -> None:
    found = samples()
    assert len(found) >= 3
    for path in found:
        data = load_card(path)
        assert read(data).id_number == data.id_number
        assert "SAMPLE DATA" in path.read_text(encoding="utf-8")


# -- profiles: choosing by ATR, trying applications ---------------------------------------


class FakeProfile:
    def __init__(self, name: str, fit: Fit, here: bool) -> None:
        self.name, self._fit, self.here, self.tried = name, fit, here, False

    def fit(self, atr: bytes) -> Fit:
        return self._fit

    def read(self, transmit: apdu.Transmit, reader: str) -> Identity:
        self.tried = True
        if not self.here:
            raise NotThisCard(self.name)
        return Identity("张三", "11010519491231002X", CardType.SOCIAL_SECURITY, reader)


def test_sure_fits_are_tried_first_and_absent_applications_skipped() -> None:
    maybe = FakeProfile("maybe", Fit.MAYBE, here=True)
    sure = FakeProfile("sure", Fit.SURE, here=False)
    never = FakeProfile("never", Fit.NO, here=True)
    assert profiles.candidates(b"", [maybe, sure, never]) == [sure, maybe]
    assert profiles.read_identity(lambda _: b"", b"", READER, [never, maybe, sure]).reader == READER
    assert sure.tried and maybe.tried and not never.tried


def test_a_card_no_profile_knows() -> None:
    with pytest.raises(UnknownCard, match=r"tried: bank card\)"):
        profiles.read_identity(
            lambda _: b"", b"", READER, [FakeProfile("bank card", Fit.MAYBE, here=False)]
        )


def test_register_adds_a_profile_without_touching_the_rest() -> None:
    before = profiles.registered()
    bank = FakeProfile("bank card (test)", Fit.MAYBE, here=False)
    try:
        profiles.register(bank)
        profiles.register(bank)  # twice: still once
        assert profiles.registered() == (*before, bank)
        # The social security card is still read first: its virtual ATR is a sure fit.
        assert read(load_card(DEFAULT_CARD)).name == "林晓燕"
    finally:
        profiles._registry[:] = list(before)


# -- card data files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "changed", "words"),
    [
        ('sex = "female"', 'sex = "f"', r"bad.toml: holder.sex: must be 'male' or 'female'"),
        ("[card]\n", '[card]\nfault = "melted"\n', r"bad.toml: card.fault: one of garbage, "),
        ('number = "A33010623"\n', "", r"bad.toml: card.number: missing"),
        ('"林晓燕"', '"欧阳林晓燕𬌗𬌗𬌗𬌗𬌗𬌗"', r"holder.name: must fit in 30 GB18030 bytes"),
    ],
)
def test_card_file_errors_name_the_file_and_key(
    tmp_path: Path, sample: str, changed: str, words: str
) -> None:
    """The sample card file with `sample` written as `changed` is refused in `words`."""
    bad = tmp_path / "bad.toml"
    text = DEFAULT_CARD.read_text(encoding="utf-8")
    assert sample in text
    bad.write_text(text.replace(sample, changed), encoding="utf-8")
    with pytest.raises(CardFileError, match=words):
        load_card(bad)


def test_a_card_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    with pytest.raises(CardFileError, match="cannot read it"):
        load_card(tmp_path / "absent.toml")


# -- fuzzing -------------------------------------------------------------------------------


@given(st.sampled_from(sorted(ssse.FIELDS)), st.binary(max_size=40))
def test_parse_record_fuzz(tag: int, record: bytes) -> None:
    try:
        value = ssse.parse_record(tag, record)
    except RecordError:
        return
    assert record[0] == tag and value == record[2 : 2 + record[1]]


@given(st.fixed_dictionaries({t: st.binary(max_size=34) for t in (5, 6, 7, 8, 9, 10, 11, 13)}))
def test_identity_from_records_fuzz(values: dict[int, bytes]) -> None:
    try:
        identity = ssse.identity_from_records(values, READER)
    except RecordError as e:
        assert str(e).startswith("the ")
        return
    assert len(identity.id_number) == 18 and identity.name


@settings(max_examples=200)
@given(st.data())
def test_a_card_answering_noise_never_crashes_the_profile(data: st.DataObject) -> None:
    def transmit(_: bytes) -> bytes:
        if data.draw(st.booleans(), label="good status"):
            return data.draw(st.binary(max_size=34), label="noise") + b"\x90\x00"
        return data.draw(st.binary(max_size=8), label="raw")

    with contextlib.suppress(ApduError, NotThisCard):
        ssse.SocialSecurityProfile().read(transmit, READER)


GB2312_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(
    lambda c: len(c.encode("gbk", errors="ignore")) == 2
)


@given(
    name=st.text(GB2312_HAN, min_size=1, max_size=15),
    first17=st.from_regex(
        r"[1-6][0-9]{5}(19[5-9][0-9]|20[01][0-9])(0[1-9]|1[0-2])[01][1-9][0-9]{3}", fullmatch=True
    ),
    sex=st.sampled_from([Sex.MALE, Sex.FEMALE]),
    nation=st.integers(1, 56),
    expiry=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 12, 31))),
)
def test_what_the_virtual_card_writes_the_profile_reads_back(
    name: str, first17: str, sex: Sex, nation: int, expiry: date | None
) -> None:
    number = first17 + id_check_character(first17)
    data = card(name=name, id_number=number, sex=sex, nation=f"{nation:02d}", expiry_date=expiry)
    identity = read(data)
    assert (identity.name, identity.id_number, identity.sex) == (name, number, sex)
    assert identity.valid_until == expiry
    assert len(records(data)[0x09]) == 32
