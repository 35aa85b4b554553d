"""Card profiles: what kinds of card the kiosk can read through PC/SC, and how one is chosen.

A profile says how well an ATR fits it and reads an Identity through a `Transmit`. The
driver asks `read_identity`, which tries the profiles that fit the ATR (sure fits first,
then the maybes, in registration order) until one finds its application on the card. A new
kind of card (a bank card, another region's social security card) is one more registered
profile; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Protocol

from drivers.pcsc.apdu import NOT_FOUND, ApduError, StatusError, Transmit, exchange, select_aid
from kiosk.identity import Identity, OtherCard


class Fit(IntEnum):
    NO = 0  # this ATR is surely not this profile's card
    MAYBE = 1  # could be: try its application
    SURE = 2  # a known ATR of this profile's card


class NotThisCard(Exception):
    """The card does not hold the profile's application: try the next profile."""


class UnknownCard(ApduError):
    """No registered profile recognised the card."""


class CardProfile(Protocol):
    name: str  # plain words, for logs and messages: "social security card"

    def fit(self, atr: bytes) -> Fit: ...

    def read(self, transmit: Transmit, reader: str) -> Identity:
        """The card's Identity; NotThisCard if its application is absent, ApduError (a
        RecordError or StatusError) if the card answers wrongly."""
        ...


_registry: list[CardProfile] = []


def register(profile: CardProfile) -> CardProfile:
    """Add a profile for every driver created afterwards (a profile of the same name is
    replaced, so re-importing a module does not register it twice)."""
    _registry[:] = [p for p in _registry if p.name != profile.name]
    _registry.append(profile)
    return profile


def registered() -> tuple[CardProfile, ...]:
    return tuple(_registry)


def candidates(atr: bytes, profiles: Iterable[CardProfile]) -> list[CardProfile]:
    """The profiles worth trying for this ATR, best fit first (stable within a fit)."""
    fitting = [(p.fit(atr), i, p) for i, p in enumerate(profiles)]
    return [p for fit, _, p in sorted(fitting, key=lambda t: (-t[0], t[1])) if fit > Fit.NO]


def read_identity(
    transmit: Transmit, atr: bytes, reader: str, profiles: Iterable[CardProfile]
) -> Identity:
    tried = candidates(atr, profiles)
    for profile in tried:
        try:
            return profile.read(transmit, reader)
        except NotThisCard:
            continue
    kinds = ", ".join(p.name for p in tried) or "none fits its ATR"
    raise UnknownCard(f"the kiosk does not know this kind of card (tried: {kinds})")


# The payment system environments of EMV and PBOC cards (银行卡, 金融社保卡 outside their
# social security application): the contactless one (PPSE), then the contact one (PSE).
PAYMENT_ENVIRONMENTS = (b"2PAY.SYS.DDF01", b"1PAY.SYS.DDF01")


def other_card_kind(transmit: Transmit) -> OtherCard:
    """The kind of a card no profile reads, where the card says it (so the resident hears
    "this is a bank card"); UNKNOWN otherwise. ApduError if it answers nonsense."""
    for aid in PAYMENT_ENVIRONMENTS:
        try:
            exchange(transmit, select_aid(aid), "selecting the payment system environment")
        except StatusError as e:
            if e.sw in NOT_FOUND:
                continue
            raise
        return OtherCard.BANK
    return OtherCard.UNKNOWN
