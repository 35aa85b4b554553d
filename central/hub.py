"""The hub's state shared by every request: settings, database, calendar, catalogs, the
data-sharing source and card registry, and the key that hashes subject numbers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from central.calendar import WorkCalendar, load_calendar
from central.catalogs import CatalogStore
from central.db import Database
from central.limits import PerClientRate
from central.settings import Settings
from central.sharing import CardRegistry, SharingSource
from central.tables import Secret, now


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
            self.db.migrate()
            self._subject_key = self._secret("subject_key").encode()
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

    def _secret(self, name: str) -> str:
        with self.db.write() as session:
            row = session.get(Secret, name)
            if row is None:
                row = Secret(name=name, value=secrets.token_hex(32))
                session.add(row)
            return row.value
