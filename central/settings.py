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
    timezone: str = "Asia/Shanghai"  # where "today" and working days are reckoned
    sandbox: bool = False
    auto_handle_delay_seconds: float | None = None  # None: the auto-handler is off
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT

    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'hub.db'}"

    def key_path(self) -> Path:
        return self.key_file or default_key_file()

    def blobs_path(self) -> Path:
        return self.blob_dir or self.data_dir / "blobs"

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
    for key in ("data_dir", "admin_token_file", "holidays_file", "key_file", "blob_dir"):
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


def _build(values: dict[str, Any], source: str) -> Settings:
    clean: dict[str, Any] = {}
    for key, value in values.items():
        kind = _KINDS[key]
        try:
            clean[key] = _coerce(kind, value)
        except ValueError as e:
            raise FileProblem(f"{source}: {key}: {e}, not {value!r}") from None
    settings = Settings(**clean)
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
