"""A throwaway PostgreSQL server for the hub's tests and benchmarks: its own data directory,
a free port, its Unix socket in that directory, no TCP listener; deleted when stopped.
Tests run it without durability (fsync off); a benchmark comparing it with SQLite keeps it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from central.process import free_port


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


class PostgresServer:
    def __init__(self, bin_dir: Path, *, durable: bool = False) -> None:
        self.bin = bin_dir
        self.durable = durable
        self.port = free_port()
        # A directory of its own in /tmp, not one inside a private directory: when we run
        # as root the server runs as the postgres user, which must reach it.
        self.dir = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        self.data = self.dir / "data"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> PostgresServer:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=''"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "start",
        )
        return self

    def create_database(self, name: str) -> str:
        """A new empty database; its SQLAlchemy URL."""
        self._run(
            str(self.bin / "createdb"),
            "-h",
            str(self.dir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            name,
        )
        return f"postgresql+psycopg://postgres@/{name}?host={self.dir}&port={self.port}"

    def halt(self) -> None:
        """Stop the server at once, as a crash would, keeping its data (tests of a database
        that goes away under the hub)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.halt()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
