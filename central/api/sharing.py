"""Data-sharing look-up ("一证通办") for kiosks, with a consent record for each."""

from __future__ import annotations

from fastapi import APIRouter

from central import sharing
from central.api.deps import HubDep, KioskCaller
from central.errors import errors
from kiosk.contract import LookupRequest, LookupResponse

router = APIRouter(prefix="/sharing", tags=["data sharing"])


@router.post("/lookup", responses=errors(404, 503))
def lookup(body: LookupRequest, who: KioskCaller, hub: HubDep) -> LookupResponse:
    """Which licences and certificates exist for this ID number or credit code, with the
    fields a form needs. Every look-up is recorded with its consent, found or not."""
    with hub.db.write() as session:
        consent, records = sharing.record_lookup(
            session, hub.sharing, who.name, body, hub.subject_hash(body.number)
        )
    return sharing.answer(hub.sharing, body, consent, records)
