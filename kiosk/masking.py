"""What of a personal value is shown, on the screen and on paper: one table, every kind.

A screen is read by whoever stands behind the resident; paper leaves the kiosk in a pocket
and may be lost. Both show enough for the resident to recognise their own data, no more.
Every screen and every printed document asks this table; the masks themselves are
kiosk.ids's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType

from kiosk.catalog.model import FieldKind, FormField
from kiosk.ids import mask, mask_address, mask_card_number, mask_name


class Personal(StrEnum):
    """The kinds of personal value the kiosk shows back."""

    NAME = "name"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"
    PHONE = "phone"
    ADDRESS = "address"
    CARD_NUMBER = "card_number"  # a social security card's own number (社保卡卡号)


class Medium(StrEnum):
    SCREEN = "screen"
    PAPER = "paper"


def _whole(value: str) -> str:
    return value


Mask = Callable[[str], str]

SHOWN: Mapping[Personal, Mapping[Medium, Mask]] = MappingProxyType(
    {
        # 张* / 欧**娜: the resident recognises the name, a passer-by learns little.
        Personal.NAME: {Medium.SCREEN: mask_name, Medium.PAPER: mask_name},
        # The region and the last four: never the birth date inside the number.
        Personal.ID_NUMBER: {Medium.SCREEN: mask, Medium.PAPER: mask},
        # An enterprise's code is public (its licence hangs on a wall), and the one who
        # typed or scanned it must see it whole to check it.
        Personal.CREDIT_CODE: {Medium.SCREEN: _whole, Medium.PAPER: _whole},
        Personal.PHONE: {Medium.SCREEN: mask, Medium.PAPER: mask},
        # The region only: enough to tell which household, not where the door is.
        Personal.ADDRESS: {Medium.SCREEN: mask_address, Medium.PAPER: mask_address},
        # Short (9 characters): the last two tell the holder's cards apart, no more.
        Personal.CARD_NUMBER: {Medium.SCREEN: mask_card_number, Medium.PAPER: mask_card_number},
    }
)


def shown(kind: Personal, value: str, medium: Medium) -> str:
    """`value` as `medium` shows it: masked the way the table says for its kind."""
    return SHOWN[kind][medium](value) if value else value


def on_screen(kind: Personal, value: str) -> str:
    return shown(kind, value, Medium.SCREEN)


def on_paper(kind: Personal, value: str) -> str:
    return shown(kind, value, Medium.PAPER)


# The catalog marks a form field's answer personal as "name", "number" or "address"
# (kiosk.catalog.model.FormField.personal); for "number", the field's kind says which.
_NUMBERS = {
    FieldKind.PHONE: Personal.PHONE,
    FieldKind.CREDIT_CODE: Personal.CREDIT_CODE,
}
_CATALOG = {"name": Personal.NAME, "address": Personal.ADDRESS}


def field_kind(f: FormField) -> Personal | None:
    """The kind of personal value a form field holds; None when it is not personal."""
    if not f.personal:
        return None
    if f.personal == "number":
        return _NUMBERS.get(f.kind, Personal.ID_NUMBER)
    return _CATALOG[f.personal]


def field_on_screen(f: FormField, value: str) -> str:
    """A form answer as the screen shows it back: whole unless the field is personal."""
    kind = field_kind(f)
    return value if kind is None else on_screen(kind, value)
