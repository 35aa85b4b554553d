"""The resident's identity, whatever card it came from ("一证通办": the card is the key).

Drivers build an Identity from what a card says; the core checks it (the ID number's check
character, the validity period against today) and says what is wrong in plain words. It is
masked wherever it is shown or logged: its repr never contains a full number or name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kiosk.contract import CardEvidence, CardKind
from kiosk.ids import InvalidNumber, validate_id_number
from kiosk.masking import Personal, on_screen

# GB/T 3304: the 56 nationalities by code (01–56), as printed on resident ID cards.
NATIONS = (
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)


def nation_name(code: str) -> str:
    """'01' → '汉'; an unknown code is kept as it is rather than guessed."""
    if code.isdigit() and 1 <= int(code) <= len(NATIONS):
        return NATIONS[int(code) - 1]
    return code


# 居民身份证 through the serial ID module, 社会保障卡 through PC/SC: the contract's kinds.
CardType = CardKind


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class ProblemKind(StrEnum):
    """Why a card cannot be used, one kind per cause: each has its own words and its own
    thing to do on the card problem screen, and only UNREADABLE asks for a clean card."""

    NOT_THIS_CARD = "not_this_card"  # a kind of card this kiosk does not read (a bank card)
    INVALID_NUMBER = "invalid_number"  # the number fails its check: the window
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    PULLED = "pulled"  # taken away before it was read: put it back and leave it
    READER_DOWN = "reader_down"  # the reader or its service stopped: staff, not the card
    DAMAGED = "damaged"  # it answers, but with data no card of its kind holds: the window
    UNREADABLE = "unreadable"  # no (sensible) answer at all: clean it, then staff


class ReadFailure(StrEnum):
    """What a driver saw when it could not read a card: what happened, not what it means for
    the resident (problem_for says that, here in the core)."""

    OTHER_CARD = "other_card"  # none of the applications or card types the kiosk reads
    LEFT = "left"  # the card left the reader (or the pad) before the read was done
    NO_ANSWER = "no_answer"  # mute, or stopped answering while it stayed in
    BAD_DATA = "bad_data"  # answered, with records that are not what its kind holds
    READER_LOST = "reader_lost"  # the reader or its service went away with the card in


class OtherCard(StrEnum):
    """The kind of a card the kiosk recognised but does not read, so that the screen can
    name it ("this is a bank card")."""

    UNKNOWN = "unknown"
    BANK = "bank"  # answers the payment system environment (PSE or PPSE): 银行卡
    ID_DOCUMENT = "id_document"  # an identity document of a type the ID module does not know


class IdentityProblem(Exception):
    """A card that cannot be used. `kind` (and `date`, `other`) let the UI say it in the
    resident's language; str() is plain English for the log, without personal data.
    `reader`: where the card was, when a driver reported it."""

    def __init__(
        self,
        kind: ProblemKind,
        detail: str = "",
        day: date | None = None,
        *,
        other: OtherCard | None = None,
        reader: str = "",
    ) -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.date = day
        self.other = other
        self.reader = reader


# What each thing a driver saw means for the resident: the one place for this rule.
_FAILURE_PROBLEMS = {
    ReadFailure.OTHER_CARD: ProblemKind.NOT_THIS_CARD,
    ReadFailure.LEFT: ProblemKind.PULLED,
    ReadFailure.NO_ANSWER: ProblemKind.UNREADABLE,
    ReadFailure.BAD_DATA: ProblemKind.DAMAGED,
    ReadFailure.READER_LOST: ProblemKind.READER_DOWN,
}


def problem_for(
    failure: ReadFailure, detail: str = "", *, other: OtherCard | None = None, reader: str = ""
) -> IdentityProblem:
    """The problem a resident is told about for a card a driver could not read."""
    kind = _FAILURE_PROBLEMS[failure]
    named = (other or OtherCard.UNKNOWN) if kind is ProblemKind.NOT_THIS_CARD else None
    return IdentityProblem(kind, detail, other=named, reader=reader)


@dataclass(frozen=True)
class Identity:
    name: str
    id_number: str
    card_type: CardType
    reader: str
    sex: Sex = Sex.UNKNOWN
    nation: str = ""
    birth_date: date | None = None
    address: str = ""
    issuer: str = ""
    valid_from: date | None = None
    valid_until: date | None = None  # None: 长期 (no end)
    card_number: str = ""  # the social security card's own number
    card_identifier: str = field(default="", repr=False)  # its 卡识别码, 32 hex digits
    # The ID card's photo, WLT-compressed: only a vendor library decodes it, so it is kept
    # as it came and never shown as if it were an image.
    photo_wlt: bytes = field(default=b"", repr=False)
    # The ID card's fingerprint feature data (two fingers, 512 bytes each) where the module
    # reads it (command 0x30 0x10): kept with the session, in memory only, never stored.
    fingerprints: bytes = field(default=b"", repr=False)

    # As the screen shows them (kiosk.masking), and never more in a log than on a screen.
    @property
    def masked_number(self) -> str:
        return on_screen(Personal.ID_NUMBER, self.id_number)

    @property
    def masked_name(self) -> str:
        return on_screen(Personal.NAME, self.name)

    @property
    def masked_card_number(self) -> str:
        return on_screen(Personal.CARD_NUMBER, self.card_number)

    def __repr__(self) -> str:
        return (
            f"Identity({self.card_type}, {self.masked_name}, {self.masked_number}, "
            f"reader={self.reader!r})"
        )

    __str__ = __repr__

    def evidence(self) -> CardEvidence:
        """What this card proves to the hub beyond its number (see CardEvidence)."""
        if self.card_type is CardType.SOCIAL_SECURITY:
            return CardEvidence(
                card_type=self.card_type,
                holder_number=self.id_number,
                card_number=self.card_number,
                card_identifier=self.card_identifier,
                valid_from=self.valid_from,
                valid_until=self.valid_until,
            )
        return CardEvidence(
            card_type=self.card_type,
            holder_number=self.id_number,
            issuer=self.issuer,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )

    def check(self, today: date) -> None:
        """IdentityProblem if this card cannot be used today."""
        if self.card_type is CardType.FOREIGN_RESIDENT and len(self.id_number) == 15:
            # The 2017 foreigner's permanent residence number: country code and 12 digits.
            if not re.fullmatch(r"[A-Z]{3}[0-9]{12}", self.id_number):
                raise IdentityProblem(
                    ProblemKind.INVALID_NUMBER,
                    "a permanent residence number is 3 letters and 12 digits",
                    reader=self.reader,
                )
        else:
            try:
                validate_id_number(self.id_number)
            except InvalidNumber as e:
                raise IdentityProblem(
                    ProblemKind.INVALID_NUMBER, str(e), reader=self.reader
                ) from None
        if self.valid_until is not None and self.valid_until < today:
            raise IdentityProblem(ProblemKind.EXPIRED, day=self.valid_until, reader=self.reader)
        if self.valid_from is not None and self.valid_from > today:
            raise IdentityProblem(
                ProblemKind.NOT_YET_VALID, day=self.valid_from, reader=self.reader
            )


# From this age the kiosk offers elderly mode by itself (关怀版), with one tap to decline.
ELDERLY_AGE = 60


def age_on(identity: Identity, today: date) -> int | None:
    """Whole years from the card's birth date; None when the card gives none."""
    born = identity.birth_date
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def offer_elderly_mode(identity: Identity, today: date) -> bool:
    age = age_on(identity, today)
    return age is not None and age >= ELDERLY_AGE
