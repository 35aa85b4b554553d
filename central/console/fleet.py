"""Kiosks' health over time: each heartbeat is kept downsampled, one row per kiosk per
BUCKET (the last heartbeat in it wins, by an upsert), so that the history stays small — a
kiosk beating every 30 s leaves 288 rows a day, not 2880 — and the fleet page reads one
day of it for every kiosk in one query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from central.tables import HeartbeatSample, HelpRequest, Kiosk

BUCKET = timedelta(minutes=5)
SILENT_AFTER = timedelta(minutes=5)  # kiosks beat every minute at most (kiosk.sync)
HISTORY = timedelta(hours=24)
SLOT = timedelta(hours=1)  # the fleet page's strip: one cell an hour


def bucket_of(at: datetime) -> datetime:
    seconds = int(at.timestamp())
    step = int(BUCKET.total_seconds())
    return datetime.fromtimestamp(seconds - seconds % step, UTC)


def record(
    session: Session, dialect: str, kiosk_id: str, at: datetime, outbox: int, devices: list[Any]
) -> None:
    values = {
        "kiosk_id": kiosk_id,
        "bucket": bucket_of(at),
        "at": at,
        "outbox_pending": outbox,
        "devices": {d.name: d.status.value for d in devices},
    }
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(HeartbeatSample.__table__).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["kiosk_id", "bucket"],
            set_={k: statement.excluded[k] for k in ("at", "outbox_pending", "devices")},
        )
    )


@dataclass
class KioskRow:
    id: str
    name: str
    last_heartbeat_at: datetime | None
    silent: bool
    app_version: str
    catalog_version: str
    outbox_pending: int
    devices: list[dict[str, Any]]
    # device name -> one state per SLOT over HISTORY, oldest first: "ready", a worse state
    # seen in the hour, or "" for no heartbeat
    history: dict[str, list[str]] = field(default_factory=dict)
    beats: list[bool] = field(default_factory=list)  # per SLOT: any heartbeat
    config_version: str = ""  # the signed fleet configuration it runs (central.fleet)
    config_error: str = ""  # why the last one was not used, as the kiosk reported it
    help_waiting: int = 0  # residents' calls for help not yet answered (central.staff)


# Worse states win a slot: one error in an hour shows.
_RANK = {"": -1, "ready": 0, "busy": 1, "offline": 2, "error": 3}


def fleet(session: Session, at: datetime) -> list[KioskRow]:
    since = at - HISTORY
    slots = int(HISTORY / SLOT)
    rows = {
        k.id: KioskRow(
            id=k.id,
            name=k.name,
            last_heartbeat_at=k.last_heartbeat_at,
            silent=k.last_heartbeat_at is None or at - k.last_heartbeat_at > SILENT_AFTER,
            app_version=k.app_version,
            catalog_version=k.catalog_version,
            outbox_pending=k.outbox_pending,
            devices=list(k.devices or []),
            beats=[False] * slots,
            config_version=k.config_version or "",
            config_error=k.config_error or "",
        )
        for k in session.scalars(select(Kiosk).where(Kiosk.revoked_at.is_(None)).order_by(Kiosk.id))
    }
    samples = session.execute(
        select(HeartbeatSample.kiosk_id, HeartbeatSample.bucket, HeartbeatSample.devices).where(
            HeartbeatSample.bucket > since
        )
    )
    waiting = session.execute(
        select(HelpRequest.kiosk_id, func.count())
        .where(HelpRequest.created_at > since, HelpRequest.acknowledged_at.is_(None))
        .group_by(HelpRequest.kiosk_id)
    )
    for kiosk_id, count in waiting:
        if kiosk_id in rows:
            rows[kiosk_id].help_waiting = count
    for kiosk_id, bucket, devices in samples:
        row = rows.get(kiosk_id)
        if row is None:
            continue
        slot = min(slots - 1, int((bucket - since) / SLOT))
        row.beats[slot] = True
        for name, state in (devices or {}).items():
            strip = row.history.setdefault(name, [""] * slots)
            if _RANK.get(state, 3) > _RANK.get(strip[slot], 3) or strip[slot] == "":
                strip[slot] = state
    return list(rows.values())


def availability(
    session: Session, start: datetime, end: datetime, at: datetime
) -> list[tuple[str, str, float | None]]:
    """Per kiosk: the share of BUCKETs between start and end (not past now, nor before the
    kiosk was registered) that have a heartbeat."""
    end = min(end, at)
    counts: dict[str, int] = {}
    for (kiosk_id,) in session.execute(
        select(HeartbeatSample.kiosk_id).where(
            HeartbeatSample.bucket >= bucket_of(start), HeartbeatSample.bucket < end
        )
    ):
        counts[kiosk_id] = counts.get(kiosk_id, 0) + 1
    result = []
    for kiosk in session.scalars(select(Kiosk).order_by(Kiosk.id)):
        begin = max(start, kiosk.created_at)
        if end <= begin:
            result.append((kiosk.id, kiosk.name, None))
            continue
        buckets = max(1, int((bucket_of(end) - bucket_of(begin)) / BUCKET) + 1)
        result.append((kiosk.id, kiosk.name, min(1.0, counts.get(kiosk.id, 0) / buckets)))
    return result
