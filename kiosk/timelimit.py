"""The time limit (办结时限) of an application and its due dates, in working days.

The situation fixes the time limit (T/ZAS 4009.1 §5.1.2): its own when the catalog gives it
one, else the one-thing's. The notice, the review, the receipt on screen and on paper and the
hub's due dates all ask here, so that none can promise another limit than the one the hub
holds the departments to. Which days are working days is the hub's calendar (holidays and
make-up days, central.calendar); how they are counted is here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the catalog's checker asks here: no import of the catalog at run time
    from kiosk.catalog.model import FlowStep, OneThing, Situation

# A bound on searches, so a calendar that declared a whole decade a holiday fails loudly
# instead of looping: no real arrangement has more than a few weeks in a row off.
_MAX_DAYS_OFF_IN_A_ROW = 366


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...


def time_limit_days(onething: OneThing, situation: Situation | None = None) -> int:
    """The working days an application has: its situation's own limit, else the one-thing's
    (also before the situation is known, as on the list of one-things)."""
    # A limit of no days is no limit of its own (the catalog checker refuses it anyway).
    if situation is not None and situation.time_limit_days:
        return situation.time_limit_days
    return onething.time_limit_days


def add_working_days(start: date, n: int, is_working_day: Callable[[date], bool]) -> date:
    """The n-th working day after `start`. A time limit starts counting on the day after
    acceptance, whatever kind of day acceptance fell on; a step of no days (handled at once)
    is due the day it starts."""
    if n < 0:
        raise ValueError("a time limit cannot be negative")
    day, left, off = start, n, 0
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left, off = left - 1, 0
        else:
            off += 1
            if off > _MAX_DAYS_OFF_IN_A_ROW:
                raise ValueError(f"no working day within a year after {day}")
    return day


def due_date(
    accepted: date, onething: OneThing, situation: Situation, calendar: WorkingDays
) -> date:
    """When the whole application is due: its time limit counted from the day of acceptance."""
    return add_working_days(accepted, time_limit_days(onething, situation), calendar.is_working_day)


def _steps(
    onething: OneThing, situation: Situation
) -> Iterator[tuple[int, FlowStep, tuple[str, ...]]]:
    """The flow steps that handle an item of the situation, in flow order, with those items.
    The others are skipped and take no time."""
    wanted = set(situation.items)
    for seq, step in enumerate(onething.flow):
        items = tuple(i for i in step.items if i in wanted)
        if items:
            yield seq, step, items


def flow_days(onething: OneThing, situation: Situation) -> int:
    """The working days the situation's flow steps take, one after another: the last step's
    due date is this many working days after acceptance."""
    return sum(step.time_limit_days for _, step, _ in _steps(onething, situation))


@dataclass(frozen=True)
class StepDue:
    seq: int  # the step's place in the one-thing's flow
    step: FlowStep
    items: tuple[str, ...]  # the situation's single items this step handles
    due: date


def step_due_dates(
    accepted: date, onething: OneThing, situation: Situation, calendar: WorkingDays
) -> list[StepDue]:
    """The situation's flow steps (_steps), each due its own limit after the step before,
    the first after acceptance."""
    due, out = accepted, []
    for seq, step, items in _steps(onething, situation):
        due = add_working_days(due, step.time_limit_days, calendar.is_working_day)
        out.append(StepDue(seq, step, items, due))
    return out
