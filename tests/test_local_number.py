"""The local number an offline receipt carries: the one made is the one recognised, it names
its kiosk, and nothing else the kiosk prints or reads passes for one."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from kiosk.codes import new_progress_token
from kiosk.contract import LocalNumber
from kiosk.local_number import is_local_number, make_local_number, read_local_number

kiosk_ids = st.from_regex(r"[A-Za-z0-9_.-]{1,64}", fullmatch=True)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
serials = st.integers(min_value=0, max_value=10**9)


@given(kiosk_ids, days, serials)
def test_a_number_made_is_recognised_with_its_parts(kiosk_id, day, serial):
    number = make_local_number(kiosk_id, day, serial)
    assert is_local_number(number) and is_local_number(number, kiosk_id)
    parts = read_local_number(number)
    assert parts is not None
    assert (parts.kiosk_id, parts.day, parts.serial) == (
        kiosk_id,
        f"{day:%Y%m%d}",
        serial % 1_000_000,
    )


@given(kiosk_ids, kiosk_ids, days, serials)
def test_a_number_names_its_own_kiosk_only(kiosk_id, other, day, serial):
    number = make_local_number(kiosk_id, day, serial)
    assert is_local_number(number, other) == (other == kiosk_id)


@given(kiosk_ids, days, serials)
def test_the_contract_takes_every_number_made(kiosk_id, day, serial):
    number = make_local_number(kiosk_id, day, serial)
    assert TypeAdapter(LocalNumber).validate_python(number) == number


@given(kiosk_ids, days, st.integers(0, 999_999), st.integers(0, 999_999))
def test_two_serials_of_a_day_never_make_the_same_number(kiosk_id, day, a, b):
    assert (make_local_number(kiosk_id, day, a) == make_local_number(kiosk_id, day, b)) == (a == b)


def test_receipts_printed_with_four_digits_are_still_recognised():
    assert read_local_number("L-kiosk-01.a_b-20261125-0042") is not None
    assert is_local_number("L-k1-20261125-0001", "k1")


@pytest.mark.parametrize(
    "text",
    [
        "YJS-20261125-000042",  # the hub's acceptance number
        "YJS-BOOKING:YYABCD1234",
        new_progress_token(),
        "L-x-2026",
        "L--20261125-000001",  # no kiosk
        "L-k-2026112-000001",  # a day of seven digits
        "L-k-20261125-123",  # a serial of three
        "L-k-20261125-1234567",  # ...or seven
        "L-k/1-20261125-000001",
        " L-k-20261125-000001",
        "",
    ],
)
def test_other_texts_are_not_local_numbers(text):
    assert read_local_number(text) is None and not is_local_number(text)


@pytest.mark.parametrize("kiosk_id", ["", "a b", "k/1", "x" * 65, "终端"])
def test_a_kiosk_id_that_cannot_be_read_back_is_refused(kiosk_id):
    with pytest.raises(ValueError):
        make_local_number(kiosk_id, date(2026, 11, 25), 1)
