"""Identity numbers: resident ID numbers (GB 11643) and unified social credit codes
(GB 32100): check characters, validation in plain words, and masking for display and logs.
"""

from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


# The rules in words, for the API's description (kiosk.contract), made from the same tables.
ID_NUMBER_PATTERN = r"^[0-9]{17}[0-9Xx]$"
ID_NUMBER_RULE = (
    "18 characters (GB 11643): 6 digits of region, 8 of birth date (YYYYMMDD, a real date), "
    "3 of sequence and a check character: the sum of the first 17 digits each times its "
    f"weight ({' '.join(map(str, _ID_WEIGHTS))}), taken mod 11, indexes '{_ID_CHECK}'."
)
CREDIT_CODE_PATTERN = r"^[0-9A-HJ-NP-RTUW-Ya-hj-np-rtuw-y]{18}$"
CREDIT_CODE_RULE = (
    f"18 characters (GB 32100) from {_USCC_ALPHABET} (no I, O, S, V or Z), the last a check "
    "character: with each of the first 17 read as its place in that alphabet (0 to 30) and "
    f"times its weight ({' '.join(map(str, _USCC_WEIGHTS))}), the check is the character at "
    "(31 - sum mod 31) mod 31."
)
# Either: an ID number's characters are credit-code characters too.
SUBJECT_NUMBER_PATTERN = CREDIT_CODE_PATTERN


class InvalidNumber(ValueError):
    """str() says what is wrong, in words a person can act on."""


def id_check_character(first17: str) -> str:
    if not re.fullmatch(r"[0-9]{17}", first17):
        raise InvalidNumber("the first 17 characters of an ID number must be digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(number: str) -> str:
    """The ID number, upper-cased, if it is well formed; InvalidNumber otherwise."""
    number = number.strip().upper()
    if len(number) != 18:
        raise InvalidNumber(f"an ID number has 18 characters, this one has {len(number)}")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise InvalidNumber("an ID number is 17 digits followed by a digit or X")
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidNumber("the birth date inside the ID number is not a real date") from None
    if id_check_character(number[:17]) != number[17]:
        raise InvalidNumber("the ID number's last character does not match: check for a typo")
    return number


def uscc_check_character(first17: str) -> str:
    if len(first17) != 17 or any(c not in _USCC_ALPHABET for c in first17):
        raise InvalidNumber("a credit code uses digits and the letters A–Y except I, O, S, V and Z")
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    """The unified social credit code, upper-cased, if well formed; InvalidNumber otherwise."""
    code = code.strip().upper()
    if len(code) != 18:
        raise InvalidNumber(f"a credit code has 18 characters, this one has {len(code)}")
    if uscc_check_character(code[:17]) != code[17]:
        raise InvalidNumber("the credit code's last character does not match: check for a typo")
    return code


def mask(number: str) -> str:
    """Never show or log a whole number: keep the region and the last four."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_card_number(number: str) -> str:
    """A social security card's own number (9 characters): its last two, enough to tell two
    cards apart; a number of two or fewer shows nothing."""
    number = number.strip()
    if len(number) <= 2:
        return "*" * len(number)
    return "*" * (len(number) - 2) + number[-2:]


# At most this many stars: a foreigner's English name of 40 letters and more would otherwise
# run off the confirm screen and the receipt, and its length says nothing the resident needs.
NAME_STARS = 8


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧**娜: enough for the resident to recognise, no more; a long
    name keeps its first and last letters around NAME_STARS stars."""
    name = name.strip()
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * min(len(name) - 2, NAME_STARS) + name[-1]


# The end of the region part of an address: what is left after it locates a home.
_REGION_END = re.compile(r"(省|自治区|市|自治州|盟|区|县|旗|镇|乡|街道)")


def mask_address(address: str) -> str:
    """Keep the region (province … district, town or sub-district), hide the rest."""
    address = address.strip()
    if not address:
        return ""
    end = 0
    for m in _REGION_END.finditer(address[:16]):
        end = m.end()
    if end == 0:
        end = min(4, len(address) // 3)
    return address[:end] + "****"
