"""Working days: the unit of every time limit (办结时限) in the catalog; how they are counted
and which limit applies is the core's (kiosk.timelimit), which days they are is this file's.

A day is a working day when it is a weekday and not a public holiday, or when it is a
make-up working day (调休上班): the State Council moves weekend days to stretch the Spring
Festival and National Day holidays, so a Saturday can be a working day and a Wednesday not.
Holidays and make-up days come from a TOML file the hub's operator keeps up to date:

    [[years]]
    year = 2026
    holidays = ["2026-01-01", "2026-02-15..2026-02-23"]
    workdays = ["2026-01-04"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kiosk import timelimit

DEFAULT_HOLIDAYS = Path(__file__).resolve().parent / "holidays.toml"


class CalendarProblem(ValueError):
    """A holiday file that cannot be used; str() names the file and the entry."""


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)  # make-up working days

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, counted as kiosk.timelimit counts."""
        return timelimit.add_working_days(start, n, self.is_working_day)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days `end` is after `start`."""
        if end <= start:
            return 0
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def load_calendar(path: Path = DEFAULT_HOLIDAYS) -> WorkCalendar:
    try:
        with Path(path).open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise CalendarProblem(f"{path}: holiday calendar not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise CalendarProblem(f"{path}: cannot be read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise CalendarProblem(f"{path}: not valid TOML: {e}") from None
    holidays: set[date] = set()
    workdays: set[date] = set()
    years = data.get("years", [])
    if not isinstance(years, list):
        raise CalendarProblem(f"{path}: 'years' must be a list of [[years]] tables")
    for index, entry in enumerate(years):
        where = f"{path}: years[{index}]"
        if not isinstance(entry, dict):
            raise CalendarProblem(f"{where}: must be a table")
        unknown = set(entry) - {"year", "holidays", "workdays", "source"}
        if unknown:
            raise CalendarProblem(f"{where}: unknown key {sorted(unknown)[0]!r}")
        listed = {
            kind: _days(entry.get(kind, []), f"{where}.{kind}") for kind in ("holidays", "workdays")
        }
        year = entry.get("year")
        if year is not None:
            # A date in the wrong year's entry is almost always a typo in the year.
            stray = sorted(d for days in listed.values() for d in days if d.year != year)
            if stray:
                raise CalendarProblem(f"{where}: {stray[0]} is not in the year {year}")
        holidays |= listed["holidays"]
        workdays |= listed["workdays"]
    both = holidays & workdays
    if both:
        first = min(both)
        raise CalendarProblem(f"{path}: {first} is listed both as a holiday and as a working day")
    return WorkCalendar(frozenset(holidays), frozenset(workdays))


def _days(values: object, where: str) -> set[date]:
    if not isinstance(values, list):
        raise CalendarProblem(f'{where}: must be a list of dates such as "2026-10-01"')
    days: set[date] = set()
    for value in values:
        text = value.isoformat() if isinstance(value, date) else str(value)
        first, _, last = text.partition("..")
        try:
            start = date.fromisoformat(first.strip())
            end = date.fromisoformat(last.strip()) if last else start
        except ValueError:
            raise CalendarProblem(
                f"{where}: {text!r} is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)"
            ) from None
        if end < start:
            raise CalendarProblem(f"{where}: the range {text!r} ends before it starts")
        days |= {start + timedelta(days=i) for i in range((end - start).days + 1)}
    return days
