"""The one form (一表申请): what the card and data sharing already know, and the checks on
what the resident types.

Problems are codes, not sentences: the UI says them in the resident's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kiosk.catalog.model import FieldKind, FormField
from kiosk.contract import LicenceRecord
from kiosk.identity import Identity, Sex
from kiosk.ids import InvalidNumber, validate_credit_code, validate_id_number

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_SEX_WORDS = {Sex.MALE: "男", Sex.FEMALE: "女"}


class Source(StrEnum):
    CARD = "card"  # read from the resident's card
    SHARED = "shared"  # from government data sharing ("已通过数据共享获取")
    TYPED = "typed"  # the resident typed or chose it


@dataclass(frozen=True)
class Known:
    value: str
    source: Source
    record_name: str = ""  # the shared record it came from (居民户口簿, ...)


class Problem(StrEnum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_DATE = "not_a_date"
    DATE_IN_FUTURE = "date_in_future"
    NOT_AN_OPTION = "not_an_option"
    BAD_PHONE = "bad_phone"
    BAD_ID_NUMBER = "bad_id_number"
    BAD_CREDIT_CODE = "bad_credit_code"


def prefill(
    fields: tuple[FormField, ...],
    identity: Identity | None,
    records: list[LicenceRecord],
    credit_code: str = "",
) -> dict[str, Known]:
    """The answers the card, the enterprise's code and the shared records give, by field id."""
    known: dict[str, Known] = {}
    for f in fields:
        source, _, path = f.prefill.partition(".")
        if source == "enterprise" and credit_code:
            known[f.id] = Known(credit_code, Source.TYPED)
        elif source == "card" and identity is not None:
            value = _card_value(identity, path)
            if value:
                known[f.id] = Known(value, Source.CARD)
        elif source == "shared":
            kind, _, name = path.partition(".")
            record = next((r for r in records if r.kind == kind and r.fields.get(name)), None)
            if record is not None:
                known[f.id] = Known(record.fields[name], Source.SHARED, record.name)
    return known


def _card_value(identity: Identity, name: str) -> str:
    if name == "sex":
        return _SEX_WORDS.get(identity.sex, "")
    if name == "birth_date":
        return identity.birth_date.isoformat() if identity.birth_date else ""
    return str(getattr(identity, name, "") or "")


def check(f: FormField, value: str, today: date) -> Problem | None:
    """What is wrong with a typed answer, or None."""
    value = value.strip()
    if not value:
        return Problem.REQUIRED if f.required else None
    if len(value) > f.max_length:
        return Problem.TOO_LONG
    match f.kind:
        case FieldKind.NUMBER:
            return None if _NUMBER.match(value) else Problem.NOT_A_NUMBER
        case FieldKind.DATE:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return Problem.NOT_A_DATE
            return Problem.DATE_IN_FUTURE if day > today else None
        case FieldKind.CHOICE:
            return None if value in f.options else Problem.NOT_AN_OPTION
        case FieldKind.PHONE:
            return None if _PHONE.match(value.replace(" ", "")) else Problem.BAD_PHONE
        case FieldKind.ID_NUMBER:
            return _number_problem(validate_id_number, value, Problem.BAD_ID_NUMBER)
        case FieldKind.CREDIT_CODE:
            return _number_problem(validate_credit_code, value, Problem.BAD_CREDIT_CODE)
    return None


def _number_problem(validate, value: str, problem: Problem) -> Problem | None:
    try:
        validate(value)
    except InvalidNumber:
        return problem
    return None


def asked(fields: tuple[FormField, ...], known: dict[str, Known]) -> list[FormField]:
    """Only what nobody knows yet is asked (§5.2.4, "一证通办")."""
    return [f for f in fields if f.id not in known]
