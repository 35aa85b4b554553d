"""SAMPLE DATA — NOT REAL PEOPLE. Resident ID cards for the simulated module.

They are the sandbox hub's residents (central/sandbox/dataset.toml), so a demo card's look-ups
find their records; their ID numbers get the right check character from kiosk.ids. One card
is expired (an old card its holder still carries), one has no end date (长期). The photos are
placeholders, not WLT: nothing here pretends to be a picture.
"""

from __future__ import annotations

import hashlib
from datetime import date

from kiosk.identity import CardType, Identity, Sex
from kiosk.ids import id_check_character

PHOTO_SIZE = 1024


def _number(first17: str) -> str:
    return first17 + id_check_character(first17)


def _photo(first17: str) -> bytes:
    tag = b"SAMPLE DATA: placeholder photo, not WLT. "
    filler = hashlib.sha256(first17.encode()).digest() * (PHOTO_SIZE // 32)
    return (tag + filler)[:PHOTO_SIZE]


def _card(
    first17: str,
    name: str,
    sex: Sex,
    address: str,
    issuer: str,
    valid: tuple[date, date | None],
    nation: str = "汉",
) -> Identity:
    return Identity(
        name=name,
        id_number=_number(first17),
        card_type=CardType.RESIDENT_ID,
        reader="",
        sex=sex,
        nation=nation,
        birth_date=date(int(first17[6:10]), int(first17[10:12]), int(first17[12:14])),
        address=address,
        issuer=issuer,
        valid_from=valid[0],
        valid_until=valid[1],
        photo_wlt=_photo(first17),
    )


_WENSAN = "浙江省杭州市西湖区文三路478号3幢2单元501室"

SAMPLE_RESIDENTS: tuple[Identity, ...] = (
    # 1, 2: the birth one-thing's parents.
    _card(
        "33010619940312062",
        "林晓燕",
        Sex.FEMALE,
        _WENSAN,
        "杭州市公安局西湖区分局",
        (date(2014, 3, 20), date(2034, 3, 20)),
    ),
    _card(
        "33010619920708031",
        "陈志远",
        Sex.MALE,
        _WENSAN,
        "杭州市公安局西湖区分局",
        (date(2012, 8, 15), date(2032, 8, 15)),
    ),
    # 3: issued after 46, so valid without end (长期).
    _card(
        "33010219660115017",
        "赵国强",
        Sex.MALE,
        "浙江省杭州市上城区望江路112号8幢301室",
        "杭州市公安局上城区分局",
        (date(2016, 5, 9), None),
    ),
    # 4: an old card, expired in 2019: the kiosk must say so.
    _card(
        "33010519891102044",
        "周敏",
        Sex.FEMALE,
        "浙江省杭州市拱墅区大关路256号2幢1102室",
        "杭州市公安局拱墅区分局",
        (date(2009, 11, 30), date(2019, 11, 30)),
    ),
    # 5, 6: an older resident and her daughter, who applies for her (代办).
    _card(
        "33010619420817002",
        "沈秀英",
        Sex.FEMALE,
        _WENSAN,
        "杭州市公安局西湖区分局",
        (date(2016, 5, 9), None),
    ),
    _card(
        "33010619700405062",
        "周丽娟",
        Sex.FEMALE,
        _WENSAN,
        "杭州市公安局西湖区分局",
        (date(2015, 4, 1), date(2035, 4, 1)),
    ),
)


# The other card holders the module reads (SAMPLE DATA): a Hong Kong resident's 居住证, and a
# foreigner's permanent residence card in its 2017 layout (15-character number, English name)
# and in its 2023 layout (18 digits starting with 9: province 33, country 840, birth date).
SAMPLE_PERMIT = Identity(
    name="陈家明",
    id_number=_number("81000019920708001"),
    card_type=CardType.RESIDENCE_PERMIT,
    reader="",
    sex=Sex.MALE,
    birth_date=date(1992, 7, 8),
    address="浙江省杭州市西湖区文三路478号",
    issuer="杭州市公安局",
    valid_from=date(2021, 3, 1),
    valid_until=date(2031, 3, 1),
    photo_wlt=_photo("81000019920708001"),
)
SAMPLE_FOREIGNER_2017 = Identity(
    name="SMITH JOHN",
    id_number="USA110078080812",
    card_type=CardType.FOREIGN_RESIDENT,
    reader="",
    sex=Sex.MALE,
    nation="USA",
    birth_date=date(1978, 8, 8),
    issuer="1500",
    valid_from=date(2017, 6, 1),
    valid_until=date(2027, 6, 1),
    photo_wlt=_photo("USA110078080812"),
)
SAMPLE_FOREIGNER_2023 = Identity(
    name="史密斯",
    id_number=_number("93384019780808001"),
    card_type=CardType.FOREIGN_RESIDENT,
    reader="",
    sex=Sex.MALE,
    nation="USA",
    birth_date=date(1978, 8, 8),
    valid_from=date(2023, 12, 1),
    valid_until=date(2033, 12, 1),
    photo_wlt=_photo("93384019780808001"),
)


def sample(n: int) -> Identity:
    """Resident n, counting from 1 as technicians do; ValueError in words otherwise."""
    if not 1 <= n <= len(SAMPLE_RESIDENTS):
        raise ValueError(f"there are sample residents 1 to {len(SAMPLE_RESIDENTS)}, not {n}")
    return SAMPLE_RESIDENTS[n - 1]
