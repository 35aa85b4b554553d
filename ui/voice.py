"""Voice prompts through Qt's text-to-speech: the kiosk says aloud what matters most
("请取走您的证件"), in the resident's language. Without a speech engine it stays silent and
says so once in the log; the screen carries the same words."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)


class Voice(QObject):
    def __init__(self, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spoken: list[str] = []  # what was said, newest last (technicians, tests)
        self._tts: QTextToSpeech | None = None
        if not engine:
            return
        if engine not in QTextToSpeech.availableEngines():
            log.warning("speech engine %r is not available: voice prompts are off", engine)
            return
        tts = QTextToSpeech(engine, self)
        if tts.state() == QTextToSpeech.State.Error:
            log.warning(
                "speech engine %r does not work here (%s): voice prompts are off",
                engine,
                tts.errorString(),
            )
            return
        self._tts = tts

    @property
    def active(self) -> bool:
        return self._tts is not None

    def say(self, text: str, language: str) -> None:
        self.spoken.append(text)
        del self.spoken[:-20]
        if self._tts is None:
            return
        self._tts.setLocale(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
        self._tts.say(text)
