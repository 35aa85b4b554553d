"""Voice prompts for the screens: a thin face on services.speech.Speaker, which speaks on its
own thread. `say` returns at once; `spoken` records what the screens asked to be said (the
technicians' view, the tests), whether or not a sound came out; `muted` is the resident's
switch, back off at the next resident."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal

from kiosk.devices import DeviceStatus
from services.speech import Speaker


class Voice(QObject):
    mutedChanged = Signal()

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.spoken: list[str] = []  # what was asked, newest last

    @property
    def active(self) -> bool:
        """Speaking works: a Chinese voice was found (known shortly after start)."""
        return self.speaker.state.status is DeviceStatus.READY

    def say(self, text: str, language: str) -> None:
        if not text or self.speaker.muted:
            return
        self.spoken.append(text)
        del self.spoken[:-20]
        self.speaker.say(text, language)

    def stop(self) -> None:
        """Silence what is being said (a new screen, the mute switch)."""
        self.speaker.say("", "")

    def _get_muted(self) -> bool:
        return self.speaker.muted

    def _set_muted(self, on: bool) -> None:
        if on != self.speaker.muted:
            self.speaker.muted = on
            self.mutedChanged.emit()

    muted = Property(bool, _get_muted, _set_muted, notify=mutedChanged)
