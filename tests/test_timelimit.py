"""The time limit and due dates (kiosk.timelimit): which limit applies, how working days are
counted, and that no department's step is due after the date the resident was given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog.model import FlowStep
from kiosk.notice import build_notice
from kiosk.timelimit import (
    add_working_days,
    due_date,
    flow_days,
    step_due_dates,
    time_limit_days,
)

days = st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 1, 31))


@dataclass(frozen=True)
class Calendar:
    """Weekdays work, but for `off`; `on` are make-up working days."""

    off: frozenset[date] = field(default_factory=frozenset)
    on: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return day in self.on or (day.weekday() < 5 and day not in self.off)


calendars = st.builds(
    lambda off, on: Calendar(off, on - off),
    st.frozensets(days, max_size=40),
    st.frozensets(days, max_size=10),
)


def _working_days_after(cal: Calendar, start: date, end: date) -> int:
    return sum(
        cal.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )


def test_a_situation_s_own_limit_applies_else_the_one_thing_s(catalog):
    after_death = catalog.onething("after-death")
    employee = after_death.situation("employee")
    assert employee.time_limit_days == 10 and after_death.time_limit_days == 12
    assert time_limit_days(after_death, employee) == 10
    birth = catalog.onething("birth")
    assert birth.situations[0].time_limit_days is None
    assert time_limit_days(birth, birth.situations[0]) == birth.time_limit_days == 4
    # Before a situation is chosen (the list of one-things): the one-thing's.
    assert time_limit_days(after_death) == 12


def test_the_notice_promises_the_limit_that_applies(catalog):
    for o in catalog.onethings:
        for s in o.situations:
            assert build_notice(catalog, o, s).time_limit_days == time_limit_days(o, s)


@given(calendars, days, st.integers(min_value=1, max_value=30))
def test_a_due_date_is_the_n_th_working_day_after(cal, start, n):
    due = add_working_days(start, n, cal.is_working_day)
    assert cal.is_working_day(due)
    assert _working_days_after(cal, start, due) == n
    assert _working_days_after(cal, start, due - timedelta(days=1)) == n - 1


@given(calendars, days, st.integers(0, 15), st.integers(0, 15))
def test_limits_add_up(cal, start, a, b):
    w = cal.is_working_day
    assert add_working_days(add_working_days(start, a, w), b, w) == add_working_days(
        start, a + b, w
    )


@given(days)
def test_no_days_is_the_same_day_and_less_is_refused(start):
    assert add_working_days(start, 0, Calendar().is_working_day) == start
    with pytest.raises(ValueError):
        add_working_days(start, -1, Calendar().is_working_day)


def test_a_calendar_without_working_days_fails_loudly():
    with pytest.raises(ValueError, match="no working day"):
        add_working_days(date(2026, 1, 1), 1, lambda day: False)


@given(calendars, days, st.data())
def test_no_step_is_due_after_the_application(catalog, cal, accepted, data):
    onething = data.draw(st.sampled_from(catalog.onethings))
    situation = data.draw(st.sampled_from(onething.situations))
    due = due_date(accepted, onething, situation, cal)
    steps = step_due_dates(accepted, onething, situation, cal)
    assert steps, "every situation has a step"
    assert accepted < steps[0].due and steps[-1].due <= due
    assert [s.due for s in steps] == sorted(s.due for s in steps)
    assert [s.seq for s in steps] == sorted({s.seq for s in steps})
    wanted = set(situation.items)
    assert {i for s in steps for i in s.items} == wanted
    assert steps[-1].due == add_working_days(
        accepted, flow_days(onething, situation), cal.is_working_day
    )


def test_a_step_handled_at_once_is_due_with_the_step_before(catalog):
    birth = catalog.onething("birth")
    at_once = birth.model_copy(
        update={
            "flow": (
                FlowStep.model_validate(birth.flow[0].model_dump() | {"time_limit_days": 0}),
                *birth.flow[1:],
            )
        }
    )
    monday = date(2026, 11, 23)
    steps = step_due_dates(monday, at_once, birth.situations[0], Calendar())
    assert steps[0].due == monday  # offline, at once (即时办结)
    assert steps[1].due == date(2026, 11, 24)
