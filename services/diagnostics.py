"""导出诊断包: one archive a technician takes away on a USB stick (or sends to the hub) with
what it takes to find a fault, and no personal data: the kiosk's versions, its configuration
with every secret removed, the peripheral checks (services.doctor), counts of the outbox and
the print queue (never their contents), the maintenance audit trail, the kiosk's logs
(which never carry personal data: kiosk.logsafe) and from them the devices' recent status
changes (device-history.txt). No photo, card, form or document leaves."""

from __future__ import annotations

import io
import json
import platform
import re
import sys
import tarfile
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from kiosk.config import Config
from services import doctor

LOG_DIR = "logs"
_SECRET = re.compile(r"(key|token|secret|password|pin|cert)", re.IGNORECASE)


def start_file_log(config: Config, days: int = 7) -> Path:
    """The kiosk's log in DATA_DIR/logs/kiosk.log, a file a day, `days` kept, at INFO, with the
    filter that keeps exceptions' messages (which may quote a resident's data) out of it."""
    import logging
    from logging.handlers import TimedRotatingFileHandler

    from kiosk.logsafe import NoExceptionMessages

    path = config.data_dir() / LOG_DIR / "kiosk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = TimedRotatingFileHandler(path, when="midnight", backupCount=days, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(NoExceptionMessages())
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
        for other in root.handlers:  # the console stays as quiet as it was
            if other is not handler and other.level == logging.NOTSET:
                other.setLevel(logging.WARNING)
    return path


def versions() -> dict[str, str]:
    try:
        app = metadata.version("yijianshi-kiosk")
    except metadata.PackageNotFoundError:
        app = "unknown"
    return {"kiosk": app, "python": sys.version.split()[0], "platform": platform.platform()}


def scrubbed(value: Any) -> Any:
    """The configuration with the values of secret-looking keys replaced by "(removed)"."""
    if isinstance(value, dict):
        return {
            k: ("(removed)" if _SECRET.search(k) and v else scrubbed(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrubbed(v) for v in value]
    return value


def _counts(config: Config) -> dict[str, Any]:
    from kiosk.store import StoreError
    from services.storage import KioskData

    try:
        with KioskData(config.data_dir()) as data:
            jobs = data.print_jobs().open_jobs()
            return {
                "outbox": data.outbox().counts(),
                "print_queue": {"open": len(jobs), "states": sorted({j.status for j in jobs})},
            }
    except (StoreError, OSError) as e:
        return {"unreadable": type(e).__name__}


HISTORY_LINES = 500  # the newest device status changes in the bundle's device history


def device_history(logs: Path) -> str:
    """The devices' status changes the kiosk's logs hold (drivers.device logs each fault, and
    its end), oldest first, the newest HISTORY_LINES of them: what went wrong with which
    device, when, and for how long, without reading through every log."""
    # kiosk.log is today's; kiosk.log.YYYY-MM-DD the days before, which sort by their date.
    files = [*sorted(logs.glob("kiosk.log.*")), logs / "kiosk.log"]
    changes: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        changes.extend(line for line in text.splitlines() if " drivers.device: " in line)
    if not changes:
        return "no device status change in the kiosk's logs\n"
    return "\n".join(changes[-HISTORY_LINES:]) + "\n"


def export(
    config: Config,
    dest_dir: Path,
    checks: list[doctor.Check] | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the bundle into `dest_dir` (a USB stick's mount point); its path."""
    now = now or config.kiosk.now()
    name = f"diagnostics-{config.kiosk.id}-{now:%Y%m%d-%H%M%S}"
    if checks is None:
        checks = doctor.run_checks(config)
    files: dict[str, bytes] = {
        "versions.json": _json(versions()),
        "config.json": _json(scrubbed(config.model_dump(mode="json"))),
        "checks.txt": (doctor.report_text(checks) + "\n").encode(),
        "checks.json": doctor.report_json(checks).encode(),
        "queues.json": _json(_counts(config)),
    }
    audit = config.data_dir() / "maintenance-audit.jsonl"
    if audit.exists():
        files["maintenance-audit.jsonl"] = audit.read_bytes()
    logs = config.data_dir() / LOG_DIR
    if logs.is_dir():
        for log in sorted(logs.glob("kiosk.log*")):
            files[f"logs/{log.name}"] = log.read_bytes()
        files["device-history.txt"] = device_history(logs).encode()
    dest_dir.mkdir(parents=True, exist_ok=True)
    path = dest_dir / f"{name}.tar.gz"
    tmp = dest_dir / f".{name}.tmp"
    with tarfile.open(tmp, "w:gz") as tar:
        for member, data in files.items():
            info = tarfile.TarInfo(f"{name}/{member}")
            info.size, info.mtime = len(data), int(time.time())
            tar.addfile(info, io.BytesIO(data))
    tmp.replace(path)
    return path


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode()
