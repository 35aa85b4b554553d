"""Somebody at the terminal: the input events that say so, one set for the resident's idle
clock, the staff sign-in panel and maintenance mode alike (a technician scrolling the
maintenance list with a mouse wheel is as present as one who taps)."""

from __future__ import annotations

from PySide6.QtCore import QEvent

PRESENCE = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
# How often a panel that closes itself when left alone looks at its clock.
IDLE_CHECK_MS = 5_000
