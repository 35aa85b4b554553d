"""Data-sharing look-up ("一证通办") for kiosks: with the card's evidence, for a one-thing of
the current catalog, recorded with its consent, and cut down to what that one-thing needs."""

from __future__ import annotations

from fastapi import APIRouter

from central import guard, sharing
from central.api.deps import HubDep, KioskCaller
from central.errors import ApiError, errors
from kiosk.catalog.model import OneThing
from kiosk.contract import LookupRequest, LookupResponse

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
