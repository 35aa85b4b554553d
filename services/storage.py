"""The kiosk's data directory opened for one thread: its store and the seal key together, and
the tables built on them. Every service opens it here, and each thread opens its own (an
SQLite connection is not shared between threads)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Self

from kiosk.outbox import Outbox
from kiosk.printing.jobs import PrintJobs
from kiosk.sealed import Sealer
from kiosk.store import Store, open_store


class KioskData:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.store: Store = open_store(self.data_dir)
        self.sealer = Sealer.for_data_dir(self.data_dir)

    def outbox(self) -> Outbox:
        return Outbox(self.store, self.sealer)

    def print_jobs(self, expiry: timedelta = timedelta(hours=2)) -> PrintJobs:
        return PrintJobs(self.store, self.sealer, expiry)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
