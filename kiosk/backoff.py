"""How long to wait before trying again, the one rule for every retry in the kiosk: devices
reconnecting, the spooler resending, the outbox redelivering."""

from __future__ import annotations

import random


def jittered(attempt: int, base: float = 1.0, cap: float = 300.0) -> float:
    """Seconds to wait before attempt `attempt` + 1: exponential with full jitter, so that a
    fleet of kiosks coming back online does not hammer the hub in step."""
    return random.uniform(0, min(cap, base * 2 ** min(attempt, 30)))


class Backoff:
    """A pause that doubles from `first` up to `cap` while tries fail, and starts over after
    one succeeds: a device unplugged is looked for often at first, then calmly."""

    def __init__(self, first: float = 0.2, cap: float = 5.0) -> None:
        if not 0 < first <= cap:
            raise ValueError("back-off: 0 < first <= cap")
        self.first = first
        self.cap = cap
        self._pause = first

    def next(self) -> float:
        """The pause to wait now; the one after it is twice as long (up to the cap)."""
        pause = self._pause
        self._pause = min(pause * 2, self.cap)
        return pause

    def reset(self) -> None:
        self._pause = self.first
