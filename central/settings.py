"""The hub's settings: defaults, then a TOML file, then environment variables, then the
command line, each overriding the one before.

    # hub.toml
    data_dir = "/var/lib/yijianshi-hub"
    database_url = "postgresql+psycopg://hub@/hub?host=/run/postgresql"
    admin_token_file = "/etc/yijianshi-hub/admin.token"
    key_file = "/etc/yijianshi-hub/keys/hub.keys"   # apart from data_dir; made at first start
    blob_dir = "/srv/yijianshi-hub/blobs"           # documents, sealed; default data_dir/blobs
    holidays_file = "/etc/yijianshi-hub/holidays.toml"
    sandbox = false
    auto_handle_delay_seconds = 30   # sandbox only; omit to turn it off
    kiosk_lookups_per_minute = 30    # card holders' data one kiosk may open a minute; 0: no limit
    subject_lookups_per_hour = 20    # times one person's or enterprise's data may be opened an hour
    progress_pages_per_minute = 30   # public progress pages per client address; 0: no limit
    workers = 4                      # hub processes on this host (PostgreSQL, or one SQLite file)
    token_lifetime_hours = 720       # kiosk, department and named admin tokens; renewed before
    diagnostic_bundle_days = 30      # diagnostic bundles from kiosks are deleted after this
    diagnostic_bundles_per_kiosk = 10  # and beyond this many per kiosk, the oldest first
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from central.calendar import DEFAULT_HOLIDAYS
from kiosk.credentials import read_secret, write_secret
from kiosk.tomlfile import FileProblem, read_toml

ENV_PREFIX = "KIOSK_HUB_"
DEFAULT_PORT = 8700


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "yijianshi-hub"


def default_key_file() -> Path:
    # Beside the settings, not the data: a copy of the data directory carries no keys.
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "yijianshi-hub" / "keys" / "hub.keys"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str = ""  # empty: an SQLite file in data_dir
    admin_token: str = ""
    admin_token_file: Path | None = None
    holidays_file: Path = DEFAULT_HOLIDAYS
    key_file: Path | None = None  # None: default_key_file(); see central.keys
    key_provider: str = ""  # "package.module:factory" for keys from a KMS instead of a file
    blob_dir: Path | None = None  # None: data_dir / "blobs"
    # The fleet configuration repository (TUF), served at /fleet/; None: data_dir / "fleet".
    # Its online key (snapshot, timestamp) is beside the key file: fleet-online.key.
    fleet_dir: Path | None = None
    fleet_timestamp_hours: float = 24.0  # a timestamp's life; re-signed at half of it
    timezone: str = "Asia/Shanghai"  # where "today" and working days are reckoned
    sandbox: bool = False
    auto_handle_delay_seconds: float | None = None  # None: the auto-handler is off
    # Look-ups, searches and result downloads (central.guard), refusals included; 0: no limit.
    # A resident's visit takes a handful; a kiosk serves a few residents an hour.
    kiosk_lookups_per_minute: int = 30
    subject_lookups_per_hour: int = 20
    # The public progress pages (/p/…), per client address and hub process; 0: no limit.
    progress_pages_per_minute: int = 30
    # Tokens the hub issues (kiosk, department, named admin) expire after this unless renewed;
    # a kiosk renews its own when half of it is left.
    token_lifetime_hours: float = 720.0
    # Diagnostic bundles uploaded by technicians (logs, configuration) are kept this many
    # days, and no more than this many per kiosk: the oldest go first (central.maintenance).
    diagnostic_bundle_days: int = 30
    diagnostic_bundles_per_kiosk: int = 10
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = 1  # processes serving on host:port

    def environment(self) -> dict[str, str]:
        """These settings as KIOSK_HUB_* variables, which load_settings() reads back: how
        they reach the worker processes of `--workers N`."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[ENV_PREFIX + f.name.upper()] = str(value)
        return out

    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'hub.db'}"

    def key_path(self) -> Path:
        return self.key_file or default_key_file()

    def blobs_path(self) -> Path:
        return self.blob_dir or self.data_dir / "blobs"

    def fleet_path(self) -> Path:
        return self.fleet_dir or self.data_dir / "fleet"

    def fleet_key_path(self) -> Path:
        return self.key_path().with_name("fleet-online.key")

    def with_admin_token(self) -> Settings:
        """Settings whose admin_token is set: given, read from its file, or (first start) made
        up and kept in the data directory so that the admin can read it there."""
        if self.admin_token:
            return self
        path = self.admin_token_file or self.data_dir / "admin.token"
        token = read_secret(path)
        if not token:
            if self.admin_token_file:
                raise FileProblem(f"{path}: the admin token file is missing or empty")
            token = secrets.token_urlsafe(32)
            write_secret(path, token)
        return replace(self, admin_token=token)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """`overrides` are the command line's values; None means "not given"."""
    values: dict[str, Any] = {}
    config_file = config_file or _env_path("CONFIG")
    if config_file:
        values.update(_from_toml(Path(config_file)))
    values.update(_from_env())
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _build(values, str(config_file or "the settings"))


_KINDS = {f.name: f.type for f in fields(Settings)}


def _from_toml(path: Path) -> dict[str, Any]:
    data = read_toml(path)
    unknown = sorted(set(data) - set(_KINDS))
    if unknown:
        raise FileProblem(f"{path}: {unknown[0]}: is not a known setting (check the spelling)")
    base = path.parent
    for key in (
        "data_dir",
        "admin_token_file",
        "holidays_file",
        "key_file",
        "blob_dir",
        "fleet_dir",
    ):
        if isinstance(data.get(key), str):
            data[key] = base / Path(data[key]).expanduser()  # relative to the file
    return data


def _from_env() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _KINDS:
        value = os.environ.get(ENV_PREFIX + name.upper())
        if value is not None and value != "":
            out[name] = value
    return out


def _env_path(name: str) -> Path | None:
    value = os.environ.get(ENV_PREFIX + name)
    return Path(value) if value else None


_RATE_LIMITS = ("kiosk_lookups_per_minute", "subject_lookups_per_hour", "progress_pages_per_minute")


def _build(values: dict[str, Any], source: str) -> Settings:
    clean: dict[str, Any] = {}
    for key, value in values.items():
        kind = _KINDS[key]
        try:
            clean[key] = _coerce(kind, value)
        except ValueError as e:
            raise FileProblem(f"{source}: {key}: {e}, not {value!r}") from None
    settings = Settings(**clean)
    for name in _RATE_LIMITS:
        if getattr(settings, name) < 0:
            raise FileProblem(f"{source}: {name}: must be 0 (no limit) or more")
    for name in ("workers", "diagnostic_bundle_days", "diagnostic_bundles_per_kiosk"):
        if getattr(settings, name) < 1:
            raise FileProblem(f"{source}: {name}: must be 1 or more, not {getattr(settings, name)}")
    if settings.auto_handle_delay_seconds is not None and not settings.sandbox:
        raise FileProblem(
            f"{source}: auto_handle_delay_seconds: the auto-handler completes tasks with "
            "made-up results, so it runs only with sandbox = true"
        )
    return settings


def _coerce(kind: str, value: Any) -> Any:
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError("must be true or false")
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError("must be a whole number")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValueError("must be a whole number") from None
    if kind == "float":
        try:
            number = float(value) if not isinstance(value, bool) else -1.0
        except (TypeError, ValueError):
            raise ValueError("must be a number of hours") from None
        if not number > 0 or number == float("inf"):
            raise ValueError("must be a number of hours above zero")
        return number
    if kind == "float | None":
        if value is None or isinstance(value, bool):
            raise ValueError("must be a number of seconds")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError("must be a number of seconds") from None
        if number < 0:
            raise ValueError("must be zero or more seconds")
        return number
    if kind in ("Path", "Path | None"):
        return Path(value).expanduser()
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value
