"""Working days: weekends, holidays and make-up working days (调休)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.calendar import CalendarProblem, WorkCalendar, load_calendar

CALENDAR = load_calendar()

days = st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 1, 31))
holidays = st.frozensets(days, max_size=40)


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    off = draw(holidays)
    on = draw(st.frozensets(days, max_size=10).map(lambda d: d - off))
    return WorkCalendar(off, on)


@given(calendars(), days, st.integers(min_value=1, max_value=30))
def test_a_due_date_is_a_working_day_and_counts_back_to_n(cal, start, n):
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert cal.working_days_between(start, due) == n
    # and it is the first such day: one day earlier is one working day short
    assert cal.working_days_between(start, due - timedelta(days=1)) == n - 1


@given(calendars(), days, st.integers(1, 15), st.integers(1, 15))
def test_limits_add_up(cal, start, a, b):
    assert cal.add_working_days(cal.add_working_days(start, a), b) == cal.add_working_days(
        start, a + b
    )


@given(days)
def test_the_plain_week_without_holidays(day):
    assert WorkCalendar().is_working_day(day) == (day.weekday() < 5)


def test_the_2026_arrangement():
    # 春节: 2月15日至23日 off; Saturday 2月14日 and Saturday 2月28日 are working days.
    assert not CALENDAR.is_working_day(date(2026, 2, 16))  # a Monday in the holiday
    assert CALENDAR.is_working_day(date(2026, 2, 14))  # a Saturday made a working day
    assert CALENDAR.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CALENDAR.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    # 国庆: 10月1日至7日 off, Saturday 10月10日 worked.
    assert CALENDAR.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    # A Friday's one working day is the Monday; a Saturday's too.
    assert CALENDAR.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert CALENDAR.add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)


def test_a_bad_calendar_file_is_named_in_plain_words(tmp_path: Path):
    path = tmp_path / "holidays.toml"
    cases = {
        '[[years]]\nyear = 2026\nholidays = ["2026-13-01"]\n': "is not a date",
        '[[years]]\nyear = 2026\nholidays = ["2027-01-01"]\n': "not in the year 2026",
        '[[years]]\nholidays = ["2026-10-07..2026-10-01"]\n': "ends before it starts",
        '[[years]]\nholidays = ["2026-10-10"]\nworkdays = ["2026-10-10"]\n': "both",
        '[[years]]\nholiday = ["2026-10-10"]\n': "unknown key 'holiday'",
        "years = [": "not valid TOML",
    }
    for text, expected in cases.items():
        path.write_text(text, "utf-8")
        with pytest.raises(CalendarProblem, match=expected) as caught:
            load_calendar(path)
        assert str(path) in str(caught.value)
    with pytest.raises(CalendarProblem, match="not found"):
        load_calendar(tmp_path / "missing.toml")
