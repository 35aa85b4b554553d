"""The figures T/ZAS 4009.1 §8.3 asks a supervisor to watch, over the applications submitted
in a period: per one-thing and per unit, how many, completed within the limit or overdue, the
median and 90th percentile of handling time (working days) against the limit, returns and
rejections with their reasons, the share of materials that came from data sharing, ratings by
level with the bad ones' reasons; and each kiosk's availability. Nothing personal: counts,
times, and the reasons departments gave."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.calendar import WorkCalendar
from central.console import fleet
from central.tables import Application, Document, Rating, SharedMaterialRef, Task
from kiosk.contract import ApplicationState, TaskState


def percentile(values: list[int], share: float) -> float | None:
    """The nearest-rank percentile (0 < share <= 1); None of nothing."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class Line:
    """One one-thing's or one unit's figures."""

    key: str
    name: str = ""
    total: int = 0
    completed: int = 0
    within_limit: int = 0
    overdue: int = 0
    open: int = 0
    returned: int = 0
    rejected: int = 0
    handling: list[int] = field(default_factory=list)  # working days, of the completed
    limits: list[int] = field(default_factory=list)  # working days allowed
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, reason)
    shared: int = 0
    uploaded: int = 0
    ratings: Counter[int] = field(default_factory=Counter)
    bad_reasons: Counter[str] = field(default_factory=Counter)

    @property
    def median_days(self) -> float | None:
        return median(self.handling)

    @property
    def p90_days(self) -> float | None:
        return percentile(self.handling, 0.9)

    @property
    def limit_days(self) -> float | None:
        return median(self.limits)

    @property
    def shared_share(self) -> float | None:
        materials = self.shared + self.uploaded
        return None if materials == 0 else self.shared / materials


@dataclass
class Report:
    start: date
    end: date
    onethings: list[Line]
    units: list[Line]
    kiosks: list[tuple[str, str, float | None]]

    @property
    def ratings(self) -> Counter[int]:
        total: Counter[int] = Counter()
        for line in self.onethings:
            total.update(line.ratings)
        return total


def report(
    session: Session,
    calendar: WorkCalendar,
    local_date: Any,
    tz: Any,
    start: date,
    end: date,
    today: date,
    now: datetime,
    names: dict[str, str],
    onething: str = "",
) -> Report:
    """Applications submitted from `start` to `end` (local dates, both included)."""
    begin = datetime.combine(start, time(), tz).astimezone(UTC)
    finish = datetime.combine(end + timedelta(days=1), time(), tz).astimezone(UTC)
    query = select(
        Application.id,
        Application.onething_id,
        Application.state,
        Application.reason,
        Application.submitted_at,
        Application.due_date,
        Application.completed_at,
    ).where(Application.submitted_at >= begin, Application.submitted_at < finish)
    if onething:
        query = query.where(Application.onething_id == onething)
    apps = session.execute(query).all()
    ids = [a.id for a in apps]
    per_app: dict[int, str] = {a.id: a.onething_id for a in apps}
    onethings: dict[str, Line] = {}
    for a in apps:
        line = onethings.setdefault(
            a.onething_id, Line(a.onething_id, names.get(a.onething_id, ""))
        )
        line.total += 1
        submitted = local_date(a.submitted_at)
        line.limits.append(calendar.working_days_between(submitted, a.due_date))
        if a.state == ApplicationState.COMPLETED.value and a.completed_at is not None:
            done = local_date(a.completed_at)
            line.completed += 1
            line.handling.append(calendar.working_days_between(submitted, done))
            if done <= a.due_date:
                line.within_limit += 1
            else:
                line.overdue += 1
        elif a.state == ApplicationState.RETURNED.value:
            line.returned += 1
            line.reasons[("return", a.reason)] += 1
        elif a.state == ApplicationState.REJECTED.value:
            line.rejected += 1
            line.reasons[("reject", a.reason)] += 1
        else:
            line.open += 1
            if today > a.due_date:
                line.overdue += 1
    units: dict[str, Line] = {}
    for chunk in _chunks(ids):
        for onething_id, count in session.execute(
            select(Application.onething_id, func.count())
            .join(SharedMaterialRef, SharedMaterialRef.application_id == Application.id)
            .where(Application.id.in_(chunk))
            .group_by(Application.onething_id)
        ):
            onethings[onething_id].shared += count
        for onething_id, count in session.execute(
            select(Application.onething_id, func.count())
            .join(Document, Document.application_id == Application.id)
            .where(
                Application.id.in_(chunk), Document.kind == "material", Document.material_id != ""
            )
            .group_by(Application.onething_id)
        ):
            onethings[onething_id].uploaded += count
        for application_id, level, reasons in session.execute(
            select(Rating.application_id, Rating.level, Rating.reasons).where(
                Rating.application_id.in_(chunk)
            )
        ):
            line = onethings[per_app[application_id]]
            line.ratings[level] += 1
            if level <= 2:
                line.bad_reasons.update(reasons or [])
        for task in session.execute(
            select(
                Task.unit,
                Task.state,
                Task.due_date,
                Task.ready_at,
                Task.finished_at,
                Task.reason,
            ).where(Task.application_id.in_(chunk))
        ):
            line = units.setdefault(task.unit, Line(task.unit, names.get(task.unit, "")))
            if task.state == TaskState.WAITING.value:
                continue
            line.total += 1
            ready = local_date(task.ready_at) if task.ready_at else None
            if ready is not None:
                line.limits.append(calendar.working_days_between(ready, task.due_date))
            if task.state == TaskState.DONE.value and task.finished_at is not None:
                done = local_date(task.finished_at)
                line.completed += 1
                if ready is not None:
                    line.handling.append(calendar.working_days_between(ready, done))
                if done <= task.due_date:
                    line.within_limit += 1
                else:
                    line.overdue += 1
            elif task.state == TaskState.RETURNED.value:
                line.returned += 1
                line.reasons[("return", task.reason)] += 1
            elif task.state == TaskState.REJECTED.value:
                line.rejected += 1
                line.reasons[("reject", task.reason)] += 1
            else:
                line.open += 1
                if today > task.due_date:
                    line.overdue += 1
    kiosks = fleet.availability(session, begin, finish, now)
    return Report(
        start,
        end,
        sorted(onethings.values(), key=lambda line: line.key),
        sorted(units.values(), key=lambda line: line.key),
        kiosks,
    )


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def to_csv(data: Report) -> str:
    """One row per one-thing and per unit, then per kiosk; UTF-8 with a BOM, as the
    spreadsheets in Chinese offices expect."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            "kind",
            "id",
            "name",
            "total",
            "completed",
            "within_limit",
            "overdue",
            "open",
            "returned",
            "rejected",
            "median_days",
            "p90_days",
            "limit_days",
            "shared_materials",
            "uploaded_materials",
            "rating_1",
            "rating_2",
            "rating_3",
            "rating_4",
            "rating_5",
        ]
    )
    for kind, lines in (("onething", data.onethings), ("unit", data.units)):
        for line in lines:
            writer.writerow(
                [
                    kind,
                    line.key,
                    line.name,
                    line.total,
                    line.completed,
                    line.within_limit,
                    line.overdue,
                    line.open,
                    line.returned,
                    line.rejected,
                    _number(line.median_days),
                    _number(line.p90_days),
                    _number(line.limit_days),
                    line.shared,
                    line.uploaded,
                    *(line.ratings.get(level, 0) for level in range(1, 6)),
                ]
            )
    writer.writerow([])
    writer.writerow(["kind", "id", "name", "availability"])
    for kiosk_id, name, share in data.kiosks:
        writer.writerow(["kiosk", kiosk_id, name, "" if share is None else f"{share:.4f}"])
    return out.getvalue()
