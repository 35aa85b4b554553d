"""Fleet configuration (TUF): the admins upload metadata they signed; the hub checks it,
signs snapshot and timestamp with its online key, and serves the repository as static files
at /fleet/ (central.fleet)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from central.api.deps import Admin, HubDep
from central.errors import ApiError, errors
from central.fleet import FleetRefused, FleetRepository
from central.hub import Hub

router = APIRouter(prefix="/admin/fleet", tags=["fleet"])


class FleetUpload(BaseModel):
    """Metadata signed off the hub, and the bundles (targets) it names, base64."""

    model_config = ConfigDict(extra="forbid")
    root: str | None = Field(default=None, max_length=200_000)
    targets: str | None = Field(default=None, max_length=400_000)
    files: dict[str, str] = Field(default_factory=dict, max_length=64)


class FleetVersions(BaseModel):
    root: int
    targets: int
    snapshot: int
    timestamp: int


def repository(hub: Hub) -> FleetRepository:
    settings = hub.settings
    return FleetRepository(
        settings.fleet_path(),
        settings.fleet_key_path(),
        timestamp_hours=settings.fleet_timestamp_hours,
    )


@router.get("/online-key", responses=errors())
def online_key(
    _: Admin,
    hub: HubDep,
    next_key: Annotated[bool, Query(alias="next")] = False,
) -> dict[str, object]:
    """The hub's online public key, for the snapshot and timestamp roles of the admins'
    root; `next=true`: the key that replaces it once a root names it (rotation)."""
    with hub.db.exclusive("fleet"):
        return repository(hub).online_key(next_key=next_key)


@router.post("/publish", responses=errors(422))
def publish(body: FleetUpload, _: Admin, hub: HubDep) -> FleetVersions:
    """Check a root and/or targets signed by the admins' keys, store them with their bundles,
    and sign a new snapshot and timestamp. Refused (422) when a signature, a version or a
    bundle's hash is wrong: nothing is published then."""
    try:
        files = {path: base64.b64decode(data, validate=True) for path, data in body.files.items()}
    except (binascii.Error, ValueError):
        raise ApiError(422, "fleet_refused", "a file is not valid base64") from None
    with hub.db.exclusive("fleet"):
        try:
            versions = repository(hub).publish(
                body.root.encode() if body.root is not None else None,
                body.targets.encode() if body.targets is not None else None,
                files,
            )
        except FleetRefused as e:
            raise ApiError(422, "fleet_refused", str(e)) from None
    return FleetVersions(**versions)


def refresh_timestamp(hub: Hub) -> None:
    """Re-sign the timestamp when half its life is over (a background job)."""
    with hub.db.exclusive("fleet", wait=False) as mine:
        if mine:
            repository(hub).refresh_timestamp()
