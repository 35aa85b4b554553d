"""The current catalog for kiosks, with an ETag so that they download it only when it changed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from central.api.deps import HubDep, KioskOrDepartment
from central.errors import ApiError, errors
from kiosk.catalog.model import Catalog

router = APIRouter(tags=["catalog"])


@router.get(
    "/catalog",
    response_class=Response,
    responses={
        200: {"model": Catalog, "description": "The current catalog; its ETag in the header"},
        304: {"description": "If-None-Match names the current catalog: nothing to download"},
        **errors(404),
    },
)
def current_catalog(
    _: KioskOrDepartment,
    hub: HubDep,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    with hub.db.read() as session:
        published = hub.catalogs.current(session)
    if published is None:
        raise ApiError(404, "no_catalog", "the hub has no catalog yet; the admin publishes one")
    etag = published.etag_header()
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if if_none_match and _matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(published.body, media_type="application/json", headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = [c.strip().removeprefix("W/") for c in if_none_match.split(",")]
    return "*" in candidates or etag in candidates
