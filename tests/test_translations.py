"""English comes through Qt's translation files: complete, and current with the QML."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "assets" / "i18n" / "kiosk_en.ts"
QML = sorted((ROOT / "ui" / "qml" / "Kiosk").glob("*.qml"))


def _sources(ts: Path) -> set[tuple[str, str]]:
    """(context, source) pairs: Qt looks a translation up by both."""
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def test_every_string_has_a_finished_english_translation():
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        assert all(f and f.strip() for f in forms), f"no English for {source!r}"


def test_translation_file_is_current_with_the_qml(tmp_path):
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            *map(str, QML),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    missing = _sources(fresh) - _sources(TS)
    assert not missing, f"run lupdate and translate: {sorted(missing)}"
