"""The hub's state shared by every request: settings, database, calendar, catalogs, the
data-sharing source and card registry, the sealed document store, and the key that hashes
subject numbers."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from central import at_rest, sealing
from central.blobs import SealedBlobs
from central.calendar import WorkCalendar, load_calendar
from central.catalogs import CatalogStore
from central.db import Database
from central.limits import PerClientRate
from central.settings import Settings
from central.sharing import CardRegistry, SharingSource
from central.tables import now


class Hub:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings.db_url())
        self.calendar: WorkCalendar = load_calendar(settings.holidays_file)
        try:
            self.tz = ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone: {settings.timezone!r} is not a known time zone") from None
        self.catalogs = CatalogStore()
        self.sharing: SharingSource | None = None
        self.cards: CardRegistry | None = None
        self.progress_pages = PerClientRate(settings.progress_pages_per_minute)
        self._subject_key = b""
        self._documents: SealedBlobs | None = None
        self._started = False

    def start(self) -> None:
        """Migrate, then load what every request needs; once, before serving.

        Under a lock that every hub process on the database sees: hubs started together (the
        workers of `--workers N`, or several hosts) migrate, make the secrets and seed one
        after the other, and the later ones find it all done."""
        if self._started:
            return
        self._started = True
        with self.db.exclusive("start"):
            # The keys first: the migrations seal what an older hub kept in plaintext.
            keys = at_rest.prepare(self.settings, self.db)
            sealing.attach(self.db.engine, keys.cipher)
            self.db.migrate(at_rest=keys)
            at_rest.settle(self.db, keys)
            self._subject_key = keys.keys.subject_key
            self._documents = keys.documents
            if self.settings.sandbox:
                from central.sandbox.seed import seed

                self.sharing = self.cards = seed(self)

    def stop(self) -> None:
        self.db.dispose()

    def now(self) -> datetime:
        return now()

    @property
    def token_lifetime(self) -> timedelta:
        return timedelta(hours=self.settings.token_lifetime_hours)

    def today(self) -> date:
        """Dates on the acceptance number and time limits are local dates."""
        return self.now().astimezone(self.tz).date()

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def subject_hash(self, number: str) -> str:
        """A keyed hash of an ID number or credit code: records can be matched by subject
        without keeping the number, and the hash cannot be reversed by trying every number."""
        return hmac.new(self._subject_key, number.encode(), hashlib.sha256).hexdigest()

    @property
    def documents(self) -> SealedBlobs:
        """Documents' bytes by document id, sealed in the blob store."""
        if self._documents is None:
            raise RuntimeError("the hub has not started")
        return self._documents
