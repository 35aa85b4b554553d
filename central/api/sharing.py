"""Data-sharing look-up ("一证通办") for kiosks: with the card's evidence, for a one-thing of
the current catalog, recorded with its consent, and cut down to what that one-thing needs."""

from __future__ import annotations

from fastapi import APIRouter, Response

from central import guard, sharing
from central.api.deps import HubDep, KioskCaller
from central.errors import ApiError, errors
from kiosk.catalog.model import OneThing
from kiosk.contract import (
    REFERENCE_PHOTO_PURPOSE,
    LookupRequest,
    LookupResponse,
    ReferencePhotoRequest,
)

router = APIRouter(prefix="/sharing", tags=["data sharing"])


@router.post("/lookup", responses=errors(403, 404, 422, 429, 503))
def lookup(body: LookupRequest, who: KioskCaller, hub: HubDep) -> LookupResponse:
    """Which licences and certificates exist for this ID number or credit code, with the
    fields the one-thing named in `purpose` needs (a third party's ID number masked).

    `card` is the evidence of the card in the kiosk's reader; it must be the subject's own
    current card (an enterprise: its representative's). A card that does not match is
    refused (403) and reported to the admins. Every look-up let through is recorded with
    its consent, found or not; kiosks and subjects have rate limits (429)."""
    onething = _onething(hub, body.purpose)
    request = guard.Request(
        kiosk_id=who.name,
        action=guard.Action.LOOKUP,
        purpose=body.purpose,
        subject_type=body.subject_type,
        number=body.number,
        card=body.card,
        consent=body.consent,
    )
    number_hash = guard.admit(hub, request)
    records = sharing.records_for(hub.sharing, body, onething)
    with hub.db.write() as session:
        consent = guard.record(session, request, number_hash, len(records), hub.now())
    return sharing.answer(hub.sharing, body, consent, records)


@router.post(
    "/reference-photo",
    response_class=Response,
    responses={
        200: {
            "description": "The JPEG's bytes; `X-Sample-Data: true` when it is the sandbox's",
            "content": {"image/jpeg": {}},
        },
        **errors(403, 404, 422, 429, 503),
    },
)
def reference_photo(body: ReferencePhotoRequest, who: KioskCaller, hub: HubDep) -> Response:
    """人证比对: the photo on file for the person whose own current card is in the kiosk's
    reader, for the kiosk to compare the live face with before it takes the ID photo, and
    for nothing else. The same card evidence and consent as a look-up; refused (403) and
    reported to the admins for a card that does not match; recorded as a consent record
    (purpose `face_verification`) when let through. 404 when data sharing holds none: the
    kiosk then checks liveness only. The photo is never logged nor stored at the hub; the
    kiosk keeps it in memory for the session."""
    request = guard.Request(
        kiosk_id=who.name,
        action=guard.Action.REFERENCE_PHOTO,
        purpose=REFERENCE_PHOTO_PURPOSE,
        subject_type=body.subject_type,
        number=body.number,
        card=body.card,
        consent=body.consent,
    )
    number_hash = guard.admit(hub, request)
    source = sharing.source_or_refusal(hub.sharing)
    photo = sharing.reference_photo(source, body.number)
    with hub.db.write() as session:  # found or not, as a look-up
        guard.record(session, request, number_hash, 0 if photo is None else 1, hub.now())
    if photo is None:
        raise ApiError(
            404,
            "no_reference_photo",
            "data sharing holds no reference photo for this person; the kiosk checks liveness only",
        )
    return Response(
        photo,
        media_type="image/jpeg",
        headers={
            "Cache-Control": "no-store",
            "X-Sample-Data": "true" if source.sample_data else "false",
        },
    )


def _onething(hub: HubDep, purpose: str) -> OneThing:
    with hub.db.read() as session:
        published = hub.catalogs.current(session)
    try:
        if published is not None:
            return published.catalog.onething(purpose)
    except StopIteration:
        pass
    raise ApiError(
        422,
        "unknown_purpose",
        f"purpose: '{purpose}' is not a one-thing of the hub's current catalog; a look-up is "
        "only for the one-thing the applicant is applying for",
    )
