"""Wrong one-time codes, bounded per kiosk: at most `most` refusals within `minutes`, counted
in an audit table (the staff's StaffEvent, the technicians' MaintenanceEvent). The count is
the audit trail itself, so every process of the hub sees the same bound."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.errors import ApiError

WRONG_CODE = "wrong_code"  # the refusal's outcome in the audit table


@dataclass(frozen=True)
class WrongCodes:
    kiosk: Any  # the audit table's columns: the kiosk, the outcome and the time
    outcome: Any
    at: Any
    most: int = 5
    minutes: int = 15

    def count(self, session: Session, kiosk_id: str, now: datetime) -> int:
        """The kiosk's wrong codes within the last `minutes`."""
        since = now - timedelta(minutes=self.minutes)
        wrong = session.scalar(
            select(func.count()).where(
                self.kiosk == kiosk_id, self.outcome == WRONG_CODE, self.at >= since
            )
        )
        return wrong or 0

    def locked(self, session: Session, kiosk_id: str, now: datetime) -> bool:
        return self.count(session, kiosk_id, now) >= self.most

    def left_after_this(self, session: Session, kiosk_id: str, now: datetime) -> int:
        """Tries left once the refusal being recorded now counts."""
        return max(0, self.most - self.count(session, kiosk_id, now) - 1)

    def locked_error(self, code: str) -> ApiError:
        return ApiError(
            429,
            code,
            f"too many wrong codes; sign-in is locked for {self.minutes} minutes",
            headers={"Retry-After": str(self.minutes * 60)},
        )
