"""The reference hub as a child process on loopback: for the demo, the tests and the
benchmarks, which all need a real hub to start, stop, start again, and administer."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from central.settings import ENV_PREFIX
from kiosk.hubclient import HubClient, HubSettings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from central.blobs import SealedBlobs

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class HubProcess:
    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        *,
        db_url: str = "",
        auto_handle: float | None = None,
        admin_token: str = "",
        settings: Mapping[str, object] | None = None,
        workers: int = 1,
        log_level: str = "warning",
        key_file: Path | None = None,
        blob_dir: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        # The keys beside the data directory, not in it, as a deployment keeps them apart.
        keys_dir = self.data_dir.with_name(f"{self.data_dir.name}-keys")
        self.key_file = key_file or keys_dir / "hub.keys"
        self.blob_dir = blob_dir or self.data_dir / "blobs"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = db_url
        self.auto_handle = auto_handle
        self.admin_token = admin_token or secrets.token_urlsafe(24)
        self._settings = dict(settings or {})
        # Any other setting (central.settings.Settings), passed as its environment variable.
        self.settings = {
            ENV_PREFIX + name.upper(): str(value) for name, value in (settings or {}).items()
        }
        self.workers = workers
        self.log_level = log_level
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir / "hub.log"

    def command(self) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "central.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            "--key-file",
            str(self.key_file),
            "--blob-dir",
            str(self.blob_dir),
            "--sandbox",
            "--log-level",
            self.log_level,
        ]
        if self.workers != 1:
            cmd += ["--workers", str(self.workers)]
        if self.db_url:
            cmd += ["--db", self.db_url]
        if self.auto_handle is not None:
            cmd += ["--auto-handle", str(self.auto_handle)]
        return cmd

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.data_dir / 'hub.db'}"

    def peer(self, data_dir: Path, **options: Any) -> HubProcess:
        """Another hub on this one's database, with its keys, blob store, admin token and
        settings: a second host behind the same load balancer. `options` override any."""
        shared: dict[str, Any] = {
            "db_url": self.database_url,
            "admin_token": self.admin_token,
            "key_file": self.key_file,
            "blob_dir": self.blob_dir,
            "settings": self._settings,
        }
        return HubProcess(data_dir, **(shared | options))

    def start(self, timeout: float = 30.0) -> HubProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # The token goes by the environment, not the command line that `ps` shows; the log
        # goes to a file, since a pipe nobody reads would stall the hub once full.
        env = {**os.environ, **self.settings, "KIOSK_HUB_ADMIN_TOKEN": self.admin_token}
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while not answers("127.0.0.1", self.port):
            if self.proc.poll() is not None:
                raise RuntimeError("the hub stopped at start:\n" + self.log_tail())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the hub did not start in time")
            time.sleep(0.1)
        return self

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def admin(self, method: str, path: str, **kw: Any) -> Any:
        r = requests.request(
            method,
            f"{self.url}/v1{path}",
            timeout=30,
            headers={"Authorization": f"Bearer {self.admin_token}"},
            **kw,
        )
        r.raise_for_status()
        return r.json() if r.content else None

    def enrol(self, kiosk_id: str, name: str = "") -> str:
        """Register a kiosk and enrol it: its token."""
        code = self.admin(
            "POST", "/admin/kiosks", json={"kiosk_id": kiosk_id, "name": name or kiosk_id}
        )
        return HubClient(HubSettings(self.url)).enrol(kiosk_id, code["enrolment_code"]).token

    def stored(self) -> tuple[Engine, SealedBlobs]:
        """What the hub stored, opened with its keys (for tests, demos and benchmarks that
        check it): an engine whose ORM queries open sealed columns, and the documents."""
        from sqlalchemy import create_engine

        from central.blobs import FileBlobs, SealedBlobs
        from central.keys import KeyFile
        from central.sealing import Cipher, attach

        keys = KeyFile(self.key_file).load()
        if keys is None:
            raise RuntimeError(f"{self.key_file}: the hub has not made its keys yet")
        cipher = Cipher(keys)
        engine = create_engine(self.database_url)
        attach(engine, cipher)
        return engine, SealedBlobs(FileBlobs(self.blob_dir), cipher)

    def department_token(self, unit: str) -> str:
        return self.admin("POST", f"/admin/departments/{unit}/credentials")["token"]
