"""Fixtures that give a test a real hub on loopback, over SQLite and PostgreSQL.

    hub              a running sandbox hub (central.process.HubProcess), one per backend for
                     the session; no auto-handler
    auto_hub         the same with the auto-handler at delay 0
    kiosk            a kiosk enrolled with `hub` (a fresh id per test): Caller
    other_kiosk      a second one, to check that kiosks cannot see each other's data
    department       a function unit -> Caller with a new credential for that unit on `hub`
    admin            Caller with the admin token of `hub`
    hub_db           an SQLAlchemy engine on `hub`'s database, to check what it stored
    hub_unsealed     the same with `hub`'s keys: ORM queries open sealed columns, and
                     .documents gives documents' bytes from its blob store

Another test module can use them with `from tests.hub.fixtures import *`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine

from central.blobs import SealedBlobs
from central.process import HubProcess
from central.throwaway_postgres import PostgresServer, server_binaries

__all__ = [
    "Caller",
    "admin",
    "auto_hub",
    "department",
    "empty_database",
    "hub",
    "hub_db",
    "hub_unsealed",
    "kiosk",
    "other_kiosk",
    "postgres",
]

BACKENDS = (
    ["sqlite"] if os.environ.get("KIOSK_TESTS_NO_POSTGRES") == "1" else ["sqlite", "postgresql"]
)
_names = itertools.count(1)
# The session's hubs serve every test, which open the same sample residents' data over and
# over; the rate limits have tests of their own, on hubs of their own.
UNLIMITED = {
    "kiosk_lookups_per_minute": 0,
    "subject_lookups_per_hour": 0,
    "progress_pages_per_minute": 0,
}


@dataclass
class Caller:
    """requests against one hub with one credential; answers are requests.Response."""

    url: str
    token: str
    name: str = ""
    http: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.http.headers["Authorization"] = f"Bearer {self.token}"

    def call(self, method: str, path: str, **kw: Any) -> requests.Response:
        kw.setdefault("timeout", 30)
        return self.http.request(method, f"{self.url}/v1{path}", **kw)

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.call("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.call("POST", path, **kw)


@pytest.fixture(params=BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database that no hub has touched yet; SQLite's in a folder that
    does not exist yet either."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared' / 'hub.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database(f"empty_{next(_names)}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = server_binaries()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install the "
            "Debian package postgresql, or set KIOSK_TESTS_NO_POSTGRES=1 to test SQLite only",
            pytrace=False,
        )
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()


def _start_hub(request: pytest.FixtureRequest, auto_handle: float | None) -> HubProcess:
    data_dir = request.getfixturevalue("tmp_path_factory").mktemp(f"hub-{request.param}")
    db_url = ""
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres")
        db_url = server.create_database(f"hub_{next(_names)}")
    return HubProcess(data_dir, db_url=db_url, auto_handle=auto_handle, settings=UNLIMITED).start()


@pytest.fixture(scope="session", params=BACKENDS)
def hub(request: pytest.FixtureRequest) -> Iterator[HubProcess]:
    running = _start_hub(request, None)
    yield running
    running.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def auto_hub(request: pytest.FixtureRequest) -> Iterator[HubProcess]:
    running = _start_hub(request, 0)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def hub_db(hub: HubProcess) -> Iterator[Engine]:
    engine = create_engine(hub.db_url or f"sqlite:///{hub.data_dir / 'hub.db'}")
    yield engine
    engine.dispose()


@dataclass
class Unsealed:
    engine: Engine
    documents: SealedBlobs


@pytest.fixture(scope="session")
def hub_unsealed(hub: HubProcess) -> Iterator[Unsealed]:
    engine, documents = hub.stored()
    yield Unsealed(engine, documents)
    engine.dispose()


def enrol(hub: HubProcess, prefix: str = "kiosk") -> Caller:
    kiosk_id = f"{prefix}-{next(_names)}"
    return Caller(hub.url, hub.enrol(kiosk_id), kiosk_id)


@pytest.fixture
def kiosk(hub: HubProcess) -> Caller:
    return enrol(hub)


@pytest.fixture
def other_kiosk(hub: HubProcess) -> Caller:
    return enrol(hub, "other")


@pytest.fixture
def admin(hub: HubProcess) -> Caller:
    return Caller(hub.url, hub.admin_token, "admin")


@pytest.fixture
def department(hub: HubProcess) -> Callable[[str], Caller]:
    return lambda unit: Caller(hub.url, hub.department_token(unit), unit)
