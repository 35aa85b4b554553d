"""GB 11643 ID numbers and GB 32100 credit codes: check characters, plain errors, masks."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.ids import (
    InvalidNumber,
    id_check_character,
    mask,
    uscc_check_character,
    validate_credit_code,
    validate_id_number,
)

_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"

birth_dates = st.dates(
    min_value=__import__("datetime").date(1900, 1, 1),
    max_value=__import__("datetime").date(2026, 12, 31),
)


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.from_regex(r"[1-6][0-9]{5}", fullmatch=True))
    born = draw(birth_dates).strftime("%Y%m%d")
    seq = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = region + born + seq
    return first17 + id_check_character(first17)


@st.composite
def credit_codes(draw) -> str:
    first17 = draw(st.text(alphabet=_USCC, min_size=17, max_size=17))
    return first17 + uscc_check_character(first17)


def test_known_examples():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    assert validate_credit_code("91350100M000100Y43") == "91350100M000100Y43"


@given(id_numbers())
def test_every_well_formed_id_number_validates(number):
    assert validate_id_number(number) == number


@given(id_numbers(), st.integers(0, 16), st.integers(1, 9))
def test_a_single_wrong_digit_is_caught(number, position, delta):
    digit = (int(number[position]) + delta) % 10
    typo = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(InvalidNumber):
        validate_id_number(typo)


@given(credit_codes())
def test_every_well_formed_credit_code_validates(code):
    assert validate_credit_code(code) == code


@given(credit_codes(), st.integers(0, 16), st.integers(1, 30))
def test_a_single_wrong_credit_code_character_is_caught(code, position, delta):
    wrong = _USCC[(_USCC.index(code[position]) + delta) % 31]
    with pytest.raises(InvalidNumber):
        validate_credit_code(code[:position] + wrong + code[position + 1 :])


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("1101051949123100", "has 18 characters, this one has 16"),
        ("11010519491231002Y", "17 digits followed by a digit or X"),
        ("110105194913310021", "not a real date"),
        ("110105194912310021", "does not match"),
    ],
)
def test_errors_say_what_to_fix(number, words):
    with pytest.raises(InvalidNumber, match=words):
        validate_id_number(number)


@given(st.text(min_size=0, max_size=40))
def test_validators_never_raise_anything_but_invalid_number(text):
    for validate in (validate_id_number, validate_credit_code):
        with contextlib.suppress(InvalidNumber):
            validate(text)


@given(id_numbers())
def test_mask_hides_the_birth_date_and_sequence(number):
    masked = mask(number)
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]
    assert number[6:14] not in masked and len(masked) == 18


def test_digits_of_other_scripts_are_not_digits_here():
    with pytest.raises(InvalidNumber):
        validate_id_number("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X")
