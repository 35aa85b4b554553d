"""What the sync worker last achieved with the hub (beyond the outbox's own delivery times),
kept on disk as sync-state.json in the data directory: `kiosk doctor` runs as a process of its
own, from a shell, and can only learn when the kiosk last reached the hub from here, not from
the running kiosk's memory.

Times are UTC epoch seconds (0: never). Written atomically; a file that cannot be read is
"nothing known yet", never an error that stops the kiosk or the doctor."""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE = "sync-state.json"
_YEAR_5000 = 95_617_584_000
_lock = threading.Lock()  # the sync worker's thread and a command line's deliver_all


@dataclass(frozen=True)
class SyncState:
    heartbeat_at: float = 0.0  # the hub took a heartbeat
    catalog_checked_at: float = 0.0  # the hub's catalog fetched, or confirmed unchanged
    catalog_version: str = ""  # the newest catalog the kiosk got from the hub (or signed)
    catalog_adopted_at: float = 0.0  # when that one was adopted
    catalog_in_use: str = ""  # the screens' catalog, as the last heartbeat reported it

    @property
    def last_sync(self) -> float:
        """The last heartbeat or catalog check that went through (the outbox keeps each
        entry's own delivered_at: Outbox.times)."""
        return max(self.heartbeat_at, self.catalog_checked_at)


def load(data_dir: Path) -> SyncState:
    try:
        data = json.loads((Path(data_dir) / FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return SyncState()
    if not isinstance(data, dict):
        return SyncState()
    known: dict[str, Any] = {}
    for f in fields(SyncState):
        value = data.get(f.name)
        if f.type == "float" and isinstance(value, int | float) and not isinstance(value, bool):
            if 0 <= value < _YEAR_5000:  # a time the doctor can print
                known[f.name] = float(value)
        elif f.type == "str" and isinstance(value, str):
            known[f.name] = value[:100]
    return SyncState(**known)


def record(data_dir: Path, **changes: Any) -> SyncState:
    """Update some fields (SyncState's names) and write the file again; the state as written.
    A failure to write is logged: the kiosk goes on serving."""
    with _lock:
        state = replace(load(data_dir), **changes)
        path = Path(data_dir) / FILE
        tmp = path.with_name(f"{FILE}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(asdict(state)), "utf-8")
            tmp.replace(path)
        except OSError as e:
            log.warning("the sync state could not be kept: %s", type(e).__name__)
    return state
