"""Applications for kiosks: submit (idempotent), progress, the applications of the person
whose card is at the kiosk, and the rating (好差评).

Views are answered without the fields added to ApplicationView later while they hold their
defaults: a kiosk that predates them refuses fields it does not know, and its applications
never have them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from central import applications, guard
from central.api.deps import HubDep, KioskCaller
from central.errors import ApiError, errors
from kiosk.contract import (
    ApplicationList,
    ApplicationSearch,
    ApplicationSubmit,
    ApplicationView,
    RatingRequest,
    RatingView,
)

router = APIRouter(prefix="/applications", tags=["applications"])

_KEY = re.compile(r"[\x21-\x7e]{1,128}")  # visible ASCII, as a header value can carry
AcceptanceNumber = Annotated[str, Path(max_length=32)]
# An acceptance number (YJS-…) or the local number of an offline receipt (L-…).
AnyNumber = Annotated[str, Path(max_length=96)]


@router.post(
    "",
    status_code=201,
    responses={
        200: {"model": ApplicationView, "description": "A replay: the application this key made"},
        **errors(400, 409, 413),
    },
    response_model=ApplicationView,
)
def submit(
    body: ApplicationSubmit,
    who: KioskCaller,
    hub: HubDep,
    idempotency_key: Annotated[str | None, Header(max_length=128)] = None,
) -> Response:
    """Submit one application. Idempotency-Key is required: sending the same request with
    the same key again answers 200 with the same application (the same 受理编号).

    Materials provided by data sharing are referenced in `shared` by the consent_id of this
    kiosk's look-up of the applicant for this one-thing; a written commitment refers to the
    signature uploaded in `materials`; `local_number` is the number of the offline receipt
    the kiosk printed, if it printed one (L-<this kiosk's id>-YYYYMMDD-NNNNNN)."""
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
    applicant_hash = hub.subject_hash(body.applicant.number)
    with hub.db.read() as session:
        replay = applications.find_replay(session, who.name, idempotency_key, prepared.request_hash)
    if replay is not None:
        return _answer(replay, 200)
    try:
        with hub.db.write() as session:
            replay = applications.find_replay(
                session, who.name, idempotency_key, prepared.request_hash
            )
            if replay is not None:
                return _answer(replay, 200)
            published = hub.catalogs.current(session)
            if published is None:
                raise ApiError(409, "no_catalog", "the hub has no catalog yet; try again later")
            at = hub.now()
            created = applications.create(
                session,
                kiosk_id=who.name,
                key=idempotency_key,
                prepared=prepared,
                applicant_hash=applicant_hash,
                published=published,
                calendar=hub.calendar,
                documents=hub.documents,
                at=at,
                today=hub.local_date(at),
            )
        return _answer(created, 201)
    except IntegrityError:
        # Another request with the same key won the race (PostgreSQL): answer as a replay.
        # Or one with another key and the same local number did.
        with hub.db.read() as session:
            replay = applications.find_replay(
                session, who.name, idempotency_key, prepared.request_hash
            )
            conflict = applications.local_number_conflict(session, body.local_number)
        if replay is None:
            if conflict is not None:
                raise conflict from None
            raise
        return _answer(replay, 200)


@router.post("/search", responses=errors(403, 429, 503), response_model=ApplicationList)
def search(body: ApplicationSearch, who: KioskCaller, hub: HubDep) -> Response:
    """The applications of the person or enterprise whose card is at the kiosk, made at any
    kiosk, newest first (at most 20). `card` must be the subject's own current card (an
    enterprise: its representative's); the search is recorded as a consent record."""
    request = guard.of_card_holder(who.name, guard.Action.SEARCH, body)
    number_hash = guard.admit(hub, request)
    with hub.db.write() as session:
        found = applications.of_applicant(session, body.subject_type, number_hash)
        guard.record(session, request, number_hash, len(found), hub.now())
    return JSONResponse([_dump(v) for v in found])


@router.get("/{number}", responses=errors(404), response_model=ApplicationView)
def progress(number: AnyNumber, who: KioskCaller, hub: HubDep) -> Response:
    """The state of each single item, the result documents, the due date, and the reason if
    the application was returned or rejected. By acceptance number (受理编号), only the kiosk
    that submitted it sees it; by the local number of an offline receipt
    (L-<kiosk id>-YYYYMMDD-NNNNNN), any kiosk the resident brings the receipt to."""
    with hub.db.read() as session:
        app = applications.find(session, who.name, number)
        view = applications.view(session, app)
        if app.kiosk_id != who.name:
            # Another kiosk's application, found by its receipt's local number: progress
            # and what is ready, no more. A department's reason may quote personal data;
            # the consents stay with the kiosk that took the application.
            view = view.model_copy(update={"reason": "", "shared": []})
        return _answer(view)


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


# The fields ApplicationView gained after kiosks were in use, with their defaults.
_ADDED_LATER: dict[str, Any] = {
    "shared": [],
    "commitments": [],
    "local_number": "",
    "rated": False,
    "fingerprint_check": None,
}


def _dump(view: ApplicationView) -> dict[str, Any]:
    data = view.model_dump(mode="json")
    for name, default in _ADDED_LATER.items():
        if data[name] == default:
            del data[name]
    return data


def _answer(view: ApplicationView, status: int = 200) -> JSONResponse:
    return JSONResponse(_dump(view), status_code=status)
