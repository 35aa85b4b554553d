"""Whether the hub answers, for anyone: an installer's `kiosk doctor hub` checks the network
and TLS with it before the kiosk is enrolled (and has any credential to show)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from central.api.deps import HubDep
from central.errors import ApiError, errors
from kiosk.contract import HubHealth

router = APIRouter(tags=["health"])


@router.get("/health", responses=errors(503))
def health(hub: HubDep) -> HubHealth:
    """The hub is up and reaches its database. Says nothing about any kiosk or resident."""
    try:
        with hub.db.read() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # whatever the database's driver raises: the type is not the caller's
        raise ApiError(503, "unavailable", "the hub cannot reach its database") from None
    return HubHealth(status="ok")
