"""Virtual card data files (assets/sim/ssc-*.toml): what a simulated social security card holds.

SAMPLE DATA only. A mistake in a file is reported as "file: key: problem", like the kiosk's
own configuration; the values are never echoed, as they look like personal data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from drivers.pcsc.ssse import VIRTUAL_CARD_ATR
from kiosk import paths
from kiosk.identity import Sex

SAMPLES = paths.SIM_ASSETS
DEFAULT_CARD = SAMPLES / "ssc-lin-xiaoyan.toml"


class CardFileError(ValueError):
    pass


class Fault(StrEnum):
    """Ways a virtual card misbehaves on purpose, for the "bad input" tests and demos."""

    NONE = ""
    GARBAGE = "garbage"  # READ RECORD answers noise with 90 00
    WRONG_STATUS = "wrong-status"  # reading the name answers 6F 00
    SHORT_RECORD = "short-record"  # the ID number record is shorter than its length byte
    NON_GBK_NAME = "non-gbk-name"  # the name bytes are not GB18030 (nor GBK)
    BAD_ID_CHECK = "bad-id-check"  # the ID number's check character is wrong
    NO_APPLICATION = "no-application"  # no SSSE application: some other kind of card
    BANK_CARD = "bank-card"  # no SSSE application, but a payment one (PSE/PPSE): a bank card
    MUTE = "mute"  # powers up, then answers every command with a stray byte and no status


@dataclass(frozen=True)
class CardData:
    name: str
    id_number: str  # kept as written, so a file can hold a broken number on purpose
    sex: Sex
    nation: str  # GB/T 3304 code, "01" … "56"
    birth_date: date
    birthplace: str  # six-digit region code
    card_number: str
    card_identifier: str  # 32 hex digits
    issue_date: date
    expiry_date: date | None  # None: no end
    atr: bytes = VIRTUAL_CARD_ATR
    fault: Fault = Fault.NONE


def samples() -> list[Path]:
    return sorted(SAMPLES.glob("ssc-*.toml"))


def load_card(path: Path) -> CardData:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CardFileError(f"{path}: cannot read it ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise CardFileError(f"{path}: not valid TOML ({e})") from None
    card, holder = raw.get("card", {}), raw.get("holder", {})

    def get(table: dict, key: str, kind: type | tuple[type, ...], default: object = ...):
        name = key.rsplit(".", 1)[-1]
        if name not in table:
            if default is not ...:
                return default
            raise CardFileError(f"{path}: {key}: missing")
        value = table[name]
        # bool is an int in Python, but never a nation code.
        if not isinstance(value, kind) or isinstance(value, bool):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            wanted = " or ".join(k.__name__ for k in kinds)
            raise CardFileError(f"{path}: {key}: must be a {wanted}")
        return value

    sex = get(holder, "holder.sex", str)
    if sex not in ("male", "female"):
        raise CardFileError(f"{path}: holder.sex: must be 'male' or 'female'")
    try:
        atr = bytes.fromhex(get(card, "card.atr", str, VIRTUAL_CARD_ATR.hex()))
    except ValueError:
        raise CardFileError(f"{path}: card.atr: must be hexadecimal") from None
    identifier = get(card, "card.identifier", str)
    try:
        if len(bytes.fromhex(identifier)) != 16:
            raise ValueError
    except ValueError:
        raise CardFileError(f"{path}: card.identifier: must be 32 hexadecimal digits") from None
    expiry = get(card, "card.expiry_date", (date, str))
    if isinstance(expiry, str) and expiry != "none":
        raise CardFileError(f'{path}: card.expiry_date: a date, or "none" for no end')
    try:
        fault = Fault(get(card, "card.fault", str, ""))
    except ValueError:
        known = ", ".join(f.value for f in Fault if f.value)
        raise CardFileError(f"{path}: card.fault: one of {known}") from None
    data = CardData(
        name=get(holder, "holder.name", str),
        id_number=get(holder, "holder.id_number", str),
        sex=Sex(sex),
        nation=f"{get(holder, 'holder.nation', int):02d}",
        birth_date=get(holder, "holder.birth_date", date),
        birthplace=get(holder, "holder.birthplace", str),
        card_number=get(card, "card.number", str),
        card_identifier=identifier,
        issue_date=get(card, "card.issue_date", date),
        expiry_date=expiry if isinstance(expiry, date) else None,
        atr=atr,
        fault=fault,
    )
    problems = _shape_problems(data)
    if problems:
        raise CardFileError("\n".join(f"{path}: {key}: {problem}" for key, problem in problems))
    return data


def _shape_problems(data: CardData) -> list[tuple[str, str]]:
    """What the card's records cannot hold. The ID number's check character is not
    checked: a file may hold a wrong one on purpose (or use fault = "bad-id-check")."""
    problems = []
    try:
        if not 0 < len(data.name.encode("gb18030")) <= 30:
            problems.append(("holder.name", "must fit in 30 GB18030 bytes"))
    except UnicodeEncodeError:
        problems.append(("holder.name", "has characters GB18030 cannot encode"))
    if not re.fullmatch(r"[0-9]{17}[0-9X]", data.id_number):
        problems.append(("holder.id_number", "must be 17 digits and a digit or X"))
    if not 1 <= int(data.nation) <= 99:
        problems.append(("holder.nation", "must be a GB/T 3304 code, 1 to 56 (or 97, 98)"))
    if not re.fullmatch(r"[0-9]{6}", data.birthplace):
        problems.append(("holder.birthplace", "must be a six-digit region code"))
    if not re.fullmatch(r"[0-9A-Z]{1,9}", data.card_number):
        problems.append(("card.number", "must be 1 to 9 capital letters and digits"))
    return problems
