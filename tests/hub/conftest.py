"""The hub's tests run the real hub (`kiosk-hub serve`) on loopback, over SQLite and
PostgreSQL, and talk to it over HTTP. The fixtures are in tests/hub/fixtures.py."""

from tests.hub.fixtures import *  # noqa: F403
