"""Qt translations: the source strings are Chinese (zh_CN, the primary language); English
comes from assets/i18n/kiosk_en.ts, compiled to .qm with PySide6's lrelease when missing
or older than the .ts, into the user's cache."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk import paths

log = logging.getLogger(__name__)

TS_DIR = paths.TRANSLATIONS
LANGUAGES = ("zh_CN", "en")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "yijianshi-kiosk" / "i18n"


def _lrelease() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    return str(bundled) if bundled.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str) -> Path | None:
    """The .qm for a language, compiled if needed; None (Chinese stays) if that fails."""
    ts = TS_DIR / f"kiosk_{language}.ts"
    if not ts.exists():
        return None
    # Named by the .ts file's content: kiosks (and checkouts) sharing a cache never use a
    # translation compiled from another version of the file.
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = _cache_dir() / f"kiosk_{language}-{digest}.qm"
    if qm.exists():
        return qm
    tool = _lrelease()
    if tool is None:
        log.warning("lrelease not found: the %s translation is unavailable", language)
        return None
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not qm.exists():
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        return None
    return qm


class Translations:
    """Switches the application's language at run time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self.language = "zh_CN"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.close()
        self.language = language
        if language == "zh_CN":
            return
        qm = compiled(language)
        translator = QTranslator(self._app)
        if qm is not None and translator.load(str(qm)):
            self._app.installTranslator(translator)
            self._translator = translator

    def close(self) -> None:
        """Uninstall this object's translator: the application may outlive it (renders)."""
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
