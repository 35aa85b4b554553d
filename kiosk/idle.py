"""The idle rule: after a stretch with no touch, warn with a countdown, then reset.

Pure time arithmetic on a clock it is given, so the rule is tested without waiting and the
UI only has to tick it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


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
        """Pretend the last touch was `seconds` ago (renders of the warning, demos)."""
        self._last_touch = self.now() - seconds

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
