"""Plain words (kiosk.glossary): no government term on a resident's screen, and English that
reads as English: no Chinese punctuation, no "one-thing"."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.glossary import GLOSSARY, NOT_FOR_RESIDENTS, plain

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "assets" / "i18n" / "kiosk_en.ts"
# Screens for staff and technicians, and the demo's own panel, may use the official terms.
NOT_RESIDENT_FACING = {"MaintenancePanel", "StaffPanel", "DemoPanel", "PinPad"}
CHINESE_PUNCTUATION = re.compile(r"[，。：；、（）！？《》【】「」]")
NOT_ENGLISH = re.compile(r"one-things?\b|\bChosen\b", re.IGNORECASE)


def _resident_messages():
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        if name in NOT_RESIDENT_FACING:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            yield name, message.findtext("source"), forms


def test_no_government_term_on_a_residents_screen():
    found = [
        f"{screen}: {source!r} says {term!r} (plain: {plain(term)!r})"
        for screen, source, _ in _resident_messages()
        for term in NOT_FOR_RESIDENTS
        if term in source
    ]
    assert not found, "\n".join(found)


def test_one_wording_for_each_term():
    officials = [t.official for t in GLOSSARY]
    assert len(officials) == len(set(officials))
    # Two official terms for the same thing read the same to a resident.
    assert plain("已通过数据共享获取，无需提供") == plain("由部门核查")


def test_the_english_reads_as_english():
    found = [
        f"{screen}: {source!r} → {form!r}"
        for screen, source, forms in _resident_messages()
        for form in forms
        if CHINESE_PUNCTUATION.search(form) or NOT_ENGLISH.search(form)
    ]
    assert not found, "\n".join(found)


def _english_values(value, where=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _english_values(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _english_values(inner, f"{where}[{i}]")
    elif isinstance(value, str) and where.endswith("_en"):
        yield where, value


def test_the_catalogs_english_reads_as_english():
    found = []
    for path in sorted((ROOT / "config" / "catalog").rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found += [
            f"{path.name}{where}: {text!r}"
            for where, text in _english_values(data)
            if CHINESE_PUNCTUATION.search(text) or NOT_ENGLISH.search(text)
        ]
    assert not found, "\n".join(found)
