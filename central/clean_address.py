"""Addresses (paths and query strings) with control characters are refused with 422 before
any route sees them: a NUL in a path parameter used to reach PostgreSQL, which refuses it,
and the hub answered 500, which a kiosk retries forever. Bodies are the contract's to check
(kiosk.contract and kiosk.text); this is the same rule for the address."""

from __future__ import annotations

from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Receive, Scope, Send

from central.errors import error_response
from kiosk.text import text_problem


class CleanAddress:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = _problem(scope)
            if problem is not None:
                await error_response(422, "invalid_request", problem)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _problem(scope: Scope) -> str | None:
    path_problem = text_problem(scope["path"])
    if path_problem is not None:
        return f"the address {path_problem}"
    query = scope.get("query_string", b"")
    if query:
        query_problem = text_problem(unquote_plus(query.decode("utf-8", "replace")))
        if query_problem is not None:
            return f"the query {query_problem}"
    return None
