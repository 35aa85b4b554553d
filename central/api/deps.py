"""What routes ask FastAPI for: the hub, and the caller's credential of the right kind.

These are `async def` although they look up the database: FastAPI runs a plain `def`
dependency on a worker thread, and the hops to and from those threads cost more than
the checks themselves. The one database look-up (central.auth.identify, on every request:
a revocation must hold at once in every hub process) is sent to a worker thread explicitly.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from central.auth import Kind, Principal, identify, require
from central.errors import ApiError
from central.hub import Hub

_bearer = HTTPBearer(
    auto_error=False,
    description="The admin token, a kiosk's token from enrolment, or a department token",
)


async def get_hub(request: Request) -> Hub:
    return request.app.state.hub


HubDep = Annotated[Hub, Depends(get_hub)]


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    return credentials.credentials if credentials else ""


BearerToken = Annotated[str, Depends(bearer_token)]


async def caller(hub: HubDep, token: BearerToken) -> Principal:
    def look_up() -> Principal:
        with hub.db.read() as session:
            return identify(session, token, hub.settings.admin_token, hub.now())

    return await run_in_threadpool(look_up)


Caller = Annotated[Principal, Depends(caller)]


async def _admin(who: Caller) -> Principal:
    return require(who, "admin")


async def _kiosk(who: Caller) -> Principal:
    return require(who, "kiosk")


async def _department(who: Caller) -> Principal:
    return require(who, "department")


async def _kiosk_or_department(who: Caller) -> Principal:
    return require(who, "kiosk", "department")


Admin = Annotated[Principal, Depends(_admin)]
KioskCaller = Annotated[Principal, Depends(_kiosk)]
DepartmentCaller = Annotated[Principal, Depends(_department)]
KioskOrDepartment = Annotated[Principal, Depends(_kiosk_or_department)]


async def credential_kind(hub: Hub, authorization: str) -> Kind | None:
    """The kind of credential an Authorization header's value carries, or None when it
    carries none the hub knows: for checks made before a route runs (central.limits)."""
    scheme, token = get_authorization_scheme_param(authorization)
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        principal = await caller(hub, token)
    except ApiError:
        return None
    return principal.kind
