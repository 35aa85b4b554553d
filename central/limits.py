"""Request size limits, enforced before a body is read into memory: the contract bounds each
field, this bounds the whole request, so that nobody can make the hub hold gigabytes.

The large limits (an application's materials, a result document, a catalog) are only for the
credential that may send them: FastAPI reads a body before the route checks who is asking,
so anyone else gets OTHER_BYTES, and a stranger's 100 MB POST is refused by its declared
length, or after 1 MB of it streamed, without waiting for the rest. And the rate of the
public pages, per client address.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.auth import Kind
from kiosk.contract import MAX_DIAGNOSTIC_BYTES, MAX_MATERIAL_BYTES, MAX_MATERIALS

# An application may carry MAX_MATERIALS files of MAX_MATERIAL_BYTES, base64 encoded, and
# its form; a result document is one file.
APPLICATION_BYTES = MAX_MATERIALS * ((MAX_MATERIAL_BYTES * 4) // 3 + 4) + 1024 * 1024
DOCUMENT_BYTES = (MAX_MATERIAL_BYTES * 4) // 3 + 64 * 1024
CATALOG_BYTES = 16 * 1024 * 1024
DIAGNOSTIC_BYTES = (MAX_DIAGNOSTIC_BYTES * 4) // 3 + 64 * 1024
OTHER_BYTES = 1024 * 1024


# Who is asking, from the Authorization header's value: the kind of credential, or None for
# no credential or one the hub does not know.
Identify = Callable[[str], Awaitable[Kind | None]]


def limit_for(path: str) -> tuple[int, Kind | None]:
    """The path's limit, and the kind of credential it is for (None: anyone's)."""
    if path == "/v1/applications":
        return APPLICATION_BYTES, "kiosk"
    if path.startswith("/v1/department/tasks/") and path.endswith("/complete"):
        return DOCUMENT_BYTES, "department"
    if path in ("/v1/admin/catalog", "/v1/admin/fleet/publish"):  # the catalog, signed too
        return CATALOG_BYTES, "admin"
    if path == "/v1/maintenance/diagnostics":
        return DIAGNOSTIC_BYTES, "kiosk"
    return OTHER_BYTES, None


class _TooLarge(StarletteHTTPException):
    """An HTTPException, so that FastAPI's body reader lets it through to the error handler
    (it turns other exceptions while reading into a vague 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _message(limit))


def _message(limit: int) -> str:
    return f"the request is larger than the hub accepts here ({limit} bytes)"


class BodyLimit:
    def __init__(self, app: ASGIApp, identify: Identify) -> None:
        self.app = app
        self.identify = identify

    async def _limit(self, scope: Scope, headers: dict[bytes, bytes]) -> int:
        limit, kind = limit_for(scope["path"])
        if kind is None or scope["method"] not in ("POST", "PUT"):
            return min(limit, OTHER_BYTES) if kind is not None else limit
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        if await self.identify(authorization) != kind:
            return OTHER_BYTES
        return limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        limit = await self._limit(scope, headers)
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "too_large",
                "message": _message(limit),
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class PerClientRate:
    """At most `per_minute` requests a minute from each client address, in this process: a
    phone reloading a progress page never meets it, a script counting through addresses does
    at once. With several hub processes each keeps its own count, which only multiplies a
    small number."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if not self.per_minute:
            return True
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 10_000:  # forget the quiet ones rather than grow forever
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
            times = self._seen.setdefault(client, deque())
            while times and times[0] <= now - 60:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            return True
