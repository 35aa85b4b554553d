"""Maintenance mode at the kiosk, with no Qt: the technician signs in with a one-time code
from the hub (or, when the hub cannot be reached, the offline day code), runs the checks of
services.doctor, and every action is audited — kept in the kiosk's data directory and
delivered to the hub (`deliver`). The maintenance screens show what this returns."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk import calibration
from kiosk.config import CameraSection, Config
from kiosk.contract import MaintenanceEvent, MaintenanceReport
from kiosk.hubclient import HubClient, HubError
from kiosk.hubtoken import HubToken
from kiosk.maintenance import WrongCodes, day_code_matches
from services import doctor
from services.tasks import Tasks


@dataclass(frozen=True)
class SignedIn:
    ok: bool
    words: str  # plain words for the technician's screen
    session: str = ""  # the hub's session, or "offline-YYYYMMDD"


class Maintenance:
    def __init__(
        self,
        config: Config,
        *,
        client: HubClient | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.config = config
        self._client = client or HubClient(config.hub.settings(), HubToken(config.token_path()))
        self._now = now or (lambda: datetime.now(UTC))
        self._wrong = WrongCodes()
        self._lock = threading.Lock()
        self.session = ""
        self.audit_path = config.data_dir() / "maintenance-audit.jsonl"

    @property
    def active(self) -> bool:
        return bool(self.session)

    # -- sign-in ------------------------------------------------------------------------------

    def sign_in(self, code: str) -> SignedIn:
        now = self._now()
        code = code.strip()
        locked = self._wrong.locked_until(now)
        if locked is not None:
            self._audit("", "sign_in", "locked")
            minutes = max(1, int((locked - now).total_seconds() // 60) + 1)
            return SignedIn(False, f"错误次数太多，请 {minutes} 分钟后再试")
        if not (code.isdigit() and len(code) == 8):
            return self._refused(now)
        try:
            view = self._client.technician_sign_in(code)
        except HubError as e:
            if e.status is not None:  # the hub answered: a wrong, used or expired code
                if e.status == 429:
                    self._audit("", "sign_in", "locked")
                    return SignedIn(False, "错误次数太多，中心已暂停登录，请稍后再试")
                return self._refused(now)
            return self._offline(code, now)
        self._wrong.clear()
        self.session = view.session
        self._audit(self.session, "sign_in", "ok")
        return SignedIn(True, "已进入维护模式", self.session)

    def _offline(self, code: str, now: datetime) -> SignedIn:
        secret = self._secret()
        today = now.astimezone(ZoneInfo(self.config.kiosk.timezone)).date()
        if secret is None or not day_code_matches(secret, self.config.kiosk.id, today, code):
            return self._refused(now, offline=True)
        self._wrong.clear()
        self.session = f"offline-{today:%Y%m%d}"
        self._audit(self.session, "sign_in", "ok_offline")
        return SignedIn(True, "连不上中心，已用当日离线码进入维护模式", self.session)

    def _refused(self, now: datetime, offline: bool = False) -> SignedIn:
        left = self._wrong.wrong(now)
        self._audit("", "sign_in", "wrong_code_offline" if offline else "wrong_code")
        return SignedIn(False, f"维护码不对，还可以试 {left} 次")

    def _secret(self) -> bytes | None:
        path = self.config.maintenance_secret_path()
        try:
            secret = path.read_bytes().strip()
        except OSError:
            return None
        return secret or None

    def sign_out(self) -> None:
        if self.session:
            self._audit(self.session, "sign_out", "ok")
        self.session = ""

    # -- the checks ---------------------------------------------------------------------------

    def test(self, name: str) -> doctor.Check:
        """One peripheral's check, audited; only in maintenance mode."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        (check,) = doctor.run_checks(self.config, [name])
        self._audit(self.session, f"test:{name}", check.verdict.value)
        return check

    def save_calibration(self, camera: CameraSection, section: str = "camera") -> Path:
        """One camera's calibration ("camera", the face camera, or "document_camera", the
        高拍仪), for the next photo or page (the config is loaded again)."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        path = calibration.save(self.config.data_dir(), camera, section)
        self.config = self.config.model_copy(update={section: camera})
        self._audit(self.session, f"calibrate:{section}", "ok")
        return path

    def export(self, dest_dir: Path, checks: list[doctor.Check] | None = None) -> Path:
        """导出诊断包 to `dest_dir` (a USB stick), audited."""
        from services import diagnostics

        if not self.session:
            raise PermissionError("not in maintenance mode")
        self._audit(self.session, "export", "ok")
        return diagnostics.export(self.config, dest_dir, checks)

    # -- the audit trail ----------------------------------------------------------------------

    def _audit(self, session: str, action: str, outcome: str) -> None:
        event = MaintenanceEvent(
            session=session or "none", action=action, outcome=outcome, at=self._now()
        )
        with self._lock:
            self.audit_path.parent.mkdir(parents=True, exist_ok=True)
            with self.audit_path.open("a", encoding="utf-8") as f:
                f.write(event.model_dump_json() + "\n")

    def pending(self) -> list[MaintenanceEvent]:
        with self._lock:
            return _read(self.audit_path)

    def deliver_soon(self) -> int:
        """deliver(), or 0 when the hub cannot take it now (the trail waits in its file for
        the next sign-out or sign-in)."""
        try:
            return self.deliver()
        except HubError:
            return 0

    def deliver(self) -> int:
        """Send the audit trail to the hub; what was sent leaves the file. HubError if not."""
        with self._lock:
            events = _read(self.audit_path)
            if not events:
                return 0
            self._client.maintenance_events(MaintenanceReport(events=events[:200]))
            rest = events[200:]
            self.audit_path.write_text(
                "".join(e.model_dump_json() + "\n" for e in rest), encoding="utf-8"
            )
            return len(events) - len(rest)


def _read(path: Path) -> list[MaintenanceEvent]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [MaintenanceEvent.model_validate(json.loads(line)) for line in lines if line.strip()]


def maintenance_tasks(
    maintenance: Maintenance, post: Callable[[Callable[[], None]], None]
) -> Tasks[Maintenance]:
    """Maintenance mode's work on a worker of its own (a check may take seconds)."""
    return Tasks(maintenance, post, "maintenance")
