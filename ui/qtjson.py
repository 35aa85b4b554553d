"""Lists and maps for QML as JSON text.

PySide6 leaks the QVariantList/QVariantMap it builds from Python lists and dicts each time
QML reads such a property (measured: kilobytes per read with 6.11; a kiosk re-reads its
screens' properties on every change, and would grow by gigabytes over a few thousand
sessions). Text crosses without a leak, so these properties are JSON, and QML reads them
with JSON.parse. Python code keeps the plain values under the plain name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, Signal


def json_property(getter: Callable[[Any], Any], notify: Signal) -> Property:
    """A read-only QML property with `getter`'s value as JSON text."""

    def read(self: Any) -> str:
        return json.dumps(getter(self), ensure_ascii=False, default=str)

    return Property(str, read, notify=notify)
