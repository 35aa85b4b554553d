"""The idle rule: after a stretch with no touch, warn with a countdown, then reset.

How long each screen may stay untouched (the configured timeout, elderly mode's longer one,
a share of it for screens that take thought or only a glance), how long the countdown warns
and how long the receipt stays before the rating comes: the policy, all of it here. The
clock is pure time arithmetic on a clock it is given, so the rule is tested without waiting
and the UI only has to tick it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from kiosk.session import Screen

# How long a screen may stay untouched, as a share of the configured idle timeout: typing
# and signing take thought; a receipt or a rating needs only a glance. Others: 1.
SCREEN_SHARES: Mapping[Screen, float] = MappingProxyType(
    {
        Screen.FORM: 2.0,
        Screen.SIGN: 1.5,
        Screen.REVIEW: 1.5,
        Screen.DOCUMENTS: 1.5,
        Screen.RATING: 0.5,
        Screen.RECEIPT: 1.0,
        Screen.SUBMITTING: 4.0,
    }
)
# However small a screen's share, the countdown never starts the moment a screen shows.
QUIET_BEFORE_WARNING_SECONDS = 5
# 好差评 comes by itself once the resident had time to read the acceptance number (§8.2:
# shown automatically after the application); in elderly mode, more time.
RECEIPT_READING_SECONDS = 20
ELDERLY_RECEIPT_READING_SECONDS = 30


@dataclass(frozen=True)
class IdlePolicy:
    """The configured times (kiosk.config.IdleSection) and what follows from them."""

    timeout_seconds: int
    warning_seconds: int
    elderly_timeout_seconds: int

    def check(self) -> None:
        """ValueError, in words naming the settings, if the times do not fit together."""
        if self.warning_seconds >= self.timeout_seconds:
            raise ValueError("warning_seconds must be shorter than timeout_seconds")
        if self.elderly_timeout_seconds < self.timeout_seconds:
            raise ValueError("elderly_timeout_seconds must not be shorter than timeout_seconds")

    def timeout(self, screen: Screen, elderly: bool) -> int:
        """Seconds `screen` may stay untouched before the session is wiped."""
        base = self.elderly_timeout_seconds if elderly else self.timeout_seconds
        share = SCREEN_SHARES.get(screen, 1.0)
        return max(self.warning_seconds + QUIET_BEFORE_WARNING_SECONDS, round(base * share))

    def receipt_seconds(self, elderly: bool) -> int:
        """Seconds the receipt shows, once printed, before the rating comes by itself."""
        return ELDERLY_RECEIPT_READING_SECONDS if elderly else RECEIPT_READING_SECONDS


class IdlePhase(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"  # show the countdown
    EXPIRED = "expired"  # wipe the session and go back to the attract screen


@dataclass
class IdleClock:
    timeout_seconds: float
    warning_seconds: float
    now: Callable[[], float] = time.monotonic
    _last_touch: float = field(init=False)

    def __post_init__(self) -> None:
        self._last_touch = self.now()

    def touched(self) -> None:
        self._last_touch = self.now()

    def idle_for(self, seconds: float) -> None:
        """Pretend the last touch was `seconds` ago (demos)."""
        self._last_touch = self.now() - seconds

    def warn_at(self, seconds_left: int) -> None:
        """Pretend the countdown shows `seconds_left` (renders of the warning); ValueError
        when the countdown never shows that."""
        if not 0 < seconds_left <= self.warning_seconds:
            raise ValueError(f"must be between 1 and {self.warning_seconds:g} seconds")
        self.idle_for(self.timeout_seconds - seconds_left)

    def set_timeout(self, timeout_seconds: float) -> None:
        self.timeout_seconds = timeout_seconds

    def remaining(self) -> int:
        """Whole seconds left before the reset, rounded up, so the countdown ends at 1."""
        left = self.timeout_seconds - (self.now() - self._last_touch)
        return max(0, math.ceil(left))

    def phase(self) -> IdlePhase:
        left = self.remaining()
        if left <= 0:
            return IdlePhase.EXPIRED
        if left <= self.warning_seconds:
            return IdlePhase.WARNING
        return IdlePhase.ACTIVE
