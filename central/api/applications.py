"""Applications for kiosks: submit (idempotent), progress, and the rating (好差评)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, Path, Response
from sqlalchemy.exc import IntegrityError

from central import applications
from central.api.deps import HubDep, KioskCaller
from central.errors import ApiError, errors
from kiosk.contract import ApplicationSubmit, ApplicationView, RatingRequest, RatingView

router = APIRouter(prefix="/applications", tags=["applications"])

_KEY = re.compile(r"[\x21-\x7e]{1,128}")  # visible ASCII, as a header value can carry
AcceptanceNumber = Annotated[str, Path(max_length=32)]


@router.post(
    "",
    status_code=201,
    responses={
        200: {"model": ApplicationView, "description": "A replay: the application this key made"},
        **errors(400, 409, 413),
    },
)
def submit(
    body: ApplicationSubmit,
    who: KioskCaller,
    hub: HubDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=128)] = None,
) -> ApplicationView:
    """Submit one application. Idempotency-Key is required: sending the same request with
    the same key again answers 200 with the same application (the same 受理编号)."""
    if not idempotency_key:
        raise ApiError(
            400,
            "idempotency_key_required",
            "send an Idempotency-Key header, the same for every retry of this application",
        )
    if not _KEY.fullmatch(idempotency_key):
        raise ApiError(
            400,
            "invalid_idempotency_key",
            "the Idempotency-Key must be 1 to 128 visible ASCII characters",
        )
    prepared = applications.prepare(body)
    with hub.db.read() as session:
        replay = applications.find_replay(session, who.name, idempotency_key, prepared.request_hash)
    if replay is not None:
        response.status_code = 200
        return replay
    try:
        with hub.db.write() as session:
            replay = applications.find_replay(
                session, who.name, idempotency_key, prepared.request_hash
            )
            if replay is not None:
                response.status_code = 200
                return replay
            published = hub.catalogs.current(session)
            if published is None:
                raise ApiError(409, "no_catalog", "the hub has no catalog yet; try again later")
            at = hub.now()
            return applications.create(
                session,
                kiosk_id=who.name,
                key=idempotency_key,
                prepared=prepared,
                published=published,
                calendar=hub.calendar,
                at=at,
                today=hub.local_date(at),
            )
    except IntegrityError:
        # Another request with the same key won the race (PostgreSQL): answer as a replay.
        with hub.db.read() as session:
            replay = applications.find_replay(
                session, who.name, idempotency_key, prepared.request_hash
            )
        if replay is None:
            raise
        response.status_code = 200
        return replay


@router.get("/{acceptance_number}", responses=errors(404))
def progress(acceptance_number: AcceptanceNumber, who: KioskCaller, hub: HubDep) -> ApplicationView:
    """The state of each single item, the result documents, the due date, and the reason if
    the application was returned or rejected. Only the kiosk that submitted it sees it."""
    with hub.db.read() as session:
        return applications.view(session, applications.owned(session, who.name, acceptance_number))


@router.post("/{acceptance_number}/rating", status_code=201, responses=errors(404, 409))
def rate(
    acceptance_number: AcceptanceNumber, body: RatingRequest, who: KioskCaller, hub: HubDep
) -> RatingView:
    """One rating per application. The rater's identity is not stored with it (§8.2)."""
    try:
        with hub.db.write() as session:
            return applications.rate(session, who.name, acceptance_number, body, hub.now())
    except IntegrityError:
        raise ApiError(
            409, "already_rated", f"application {acceptance_number} has already been rated"
        ) from None
