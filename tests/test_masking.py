"""What of a personal value the screen and paper show (kiosk.masking): every kind in the table
for every medium, every personal field of a catalog of some kind, and no mask ever shows more
than it should (hypothesis)."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog.model import FieldKind, FormField
from kiosk.identity import CardType, Identity
from kiosk.ids import NAME_STARS
from kiosk.masking import (
    SHOWN,
    Medium,
    Personal,
    field_kind,
    field_on_screen,
    on_paper,
    on_screen,
    shown,
)
from tests.test_ids import credit_codes, id_numbers

# The table's masks hide with '*'; values drawn here never contain one, so that every
# character shown that is not a '*' is one of the value's.
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_VISIBLE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="*")
names = st.text(_HAN, min_size=1, max_size=8)
phones = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
addresses = st.text(_VISIBLE, min_size=0, max_size=60)
anything = st.text(_VISIBLE, max_size=60)
_REGION_WORDS = ("省", "自治区", "市", "自治州", "盟", "区", "县", "旗", "镇", "乡", "街道")
_STREETS = ("文三路", "科苑路", "幸福里")
home_addresses = st.builds(
    lambda region, street, number: region + street + number,
    st.lists(
        st.sampled_from(["浙江省", "杭州市", "西湖区", "上海市", "浦东新区", "张江镇", "古荡街道"]),
        max_size=4,
    ).map("".join),
    st.sampled_from(_STREETS),
    st.from_regex(r"[0-9]{1,4}号?", fullmatch=True),
)
media = st.sampled_from(list(Medium))
masked_kinds = st.sampled_from([k for k in Personal if k is not Personal.CREDIT_CODE])


def _revealed(value: str, masked: str) -> int:
    """How many characters of `value` the masked text shows."""
    return sum(c != "*" for c in masked)


def test_every_kind_has_a_rule_for_every_medium():
    assert set(SHOWN) == set(Personal)
    for kind in Personal:
        assert set(SHOWN[kind]) == set(Medium), kind


@pytest.mark.parametrize(
    "personal", [p for p in get_args(FormField.model_fields["personal"].annotation) if p]
)
@pytest.mark.parametrize("kind", list(FieldKind))
def test_every_personal_field_the_catalog_can_describe_has_a_kind(personal, kind):
    f = FormField(id="f", label="字段", kind=kind, personal=personal)
    assert field_kind(f) in set(Personal)


def test_the_sample_catalog_s_personal_fields_are_masked_as_their_kind(catalog):
    kinds = {(o.id, f.id): field_kind(f) for o in catalog.onethings for f in o.form if f.personal}
    assert kinds[("birth", "applicant-id-number")] is Personal.ID_NUMBER
    assert kinds[("birth", "phone")] is Personal.PHONE
    assert kinds[("birth", "spouse-name")] is Personal.NAME
    assert kinds[("birth", "household-address")] is Personal.ADDRESS
    assert None not in kinds.values()


def test_a_field_that_is_not_personal_is_shown_whole():
    child = FormField(id="child-name", label="孩子姓名")
    assert field_kind(child) is None and field_on_screen(child, "陈小满") == "陈小满"


@given(masked_kinds, media)
def test_nothing_shows_nothing(kind, medium):
    assert shown(kind, "", medium) == ""


@given(id_numbers(), media)
def test_an_id_number_never_shows_its_birth_date_or_sequence(number, medium):
    masked = shown(Personal.ID_NUMBER, number, medium)
    assert len(masked) == 18 and masked[4:14] == "*" * 10
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]


@given(phones, media)
def test_a_phone_never_shows_its_middle(phone, medium):
    masked = shown(Personal.PHONE, phone, medium)
    assert len(masked) == len(phone) and _revealed(phone, masked) <= 8
    assert masked[4:7] == "***"


@given(names | st.text(st.characters(min_codepoint=0x41, max_codepoint=0x5A), max_size=60), media)
def test_a_name_shows_at_most_its_first_and_last_character(name, medium):
    masked = shown(Personal.NAME, name, medium)
    assert len(masked) == min(len(name), NAME_STARS + 2)
    assert masked[:1] == name[:1]
    assert _revealed(name, masked) <= (2 if len(name) > 2 else 1)


def test_a_long_english_name_fits_the_screen_and_the_receipt():
    # A foreigner's card holds up to 43 letters of English name.
    for medium in Medium:
        masked = shown(Personal.NAME, "MONTGOMERY-FITZWILLIAM ALEXANDRA CATHERINE", medium)
        assert masked == "M********E"


@given(st.one_of(addresses, home_addresses), media)
def test_an_address_shows_at_most_its_region(address, medium):
    masked = shown(Personal.ADDRESS, address, medium)
    if not address.strip():
        assert masked == ""
        return
    region = masked.removesuffix("****")
    assert masked.endswith("****") and address.strip().startswith(region)
    # What is shown ends where a region does (省, 市, 区, 街道...), or is a few characters.
    assert len(region) <= 16
    assert region.endswith(_REGION_WORDS) or len(region) <= 4
    assert not any(street in region for street in _STREETS)


@given(st.from_regex(r"[A-Z0-9]{9}", fullmatch=True), media)
def test_a_card_number_shows_its_last_two_only(number, medium):
    masked = shown(Personal.CARD_NUMBER, number, medium)
    assert masked == "*******" + number[-2:]
    identity = Identity("张三", "", CardType.SOCIAL_SECURITY, "reader", card_number=number)
    assert identity.masked_card_number == on_screen(Personal.CARD_NUMBER, number)


@given(credit_codes(), media)
def test_a_credit_code_is_public_and_shown_whole(code, medium):
    assert shown(Personal.CREDIT_CODE, code, medium) == code


@given(masked_kinds, anything)
def test_paper_never_shows_more_than_the_screen(kind, value):
    assert _revealed(value, on_paper(kind, value)) <= _revealed(value, on_screen(kind, value))


@given(masked_kinds, media, anything)
def test_a_masked_kind_never_shows_a_long_value_whole(kind, medium, value):
    if len(value.strip()) > 2:
        assert shown(kind, value, medium) != value


@given(names, id_numbers())
def test_an_identity_shows_and_logs_what_the_screen_shows(name, number):
    identity = Identity(name, number, CardType.RESIDENT_ID, "reader")
    assert identity.masked_name == on_screen(Personal.NAME, name)
    assert identity.masked_number == on_screen(Personal.ID_NUMBER, number)
    assert number not in repr(identity) and (len(name) < 2 or name not in repr(identity))
