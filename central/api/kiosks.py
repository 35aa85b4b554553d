"""Kiosks: enrolment with a one-time code, and heartbeats with device health."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import update

from central.api.deps import HubDep, KioskCaller
from central.auth import new_kiosk_token, token_hash
from central.console import fleet
from central.errors import ApiError, errors
from central.tables import Kiosk
from kiosk.contract import EnrolRequest, EnrolResponse, Heartbeat

router = APIRouter(prefix="/kiosks", tags=["kiosks"])


@router.post("/enrol", responses=errors())
def enrol(body: EnrolRequest, hub: HubDep) -> EnrolResponse:
    """Exchange the one-time enrolment code for the kiosk's token (no credential needed)."""
    token = new_kiosk_token()
    with hub.db.write() as session:
        kiosk = session.get(Kiosk, body.kiosk_id, with_for_update=True)
        # The same answer whether the kiosk is unknown, the code wrong or already used:
        # nothing to learn by guessing.
        if kiosk is None or kiosk.enrolment_code_hash != token_hash(body.enrolment_code.upper()):
            raise ApiError(
                401,
                "invalid_enrolment_code",
                "this enrolment code is not valid for this kiosk, or was already used; "
                "ask the central admin for a new one",
            )
        now = hub.now()
        kiosk.enrolment_code_hash = None
        kiosk.token_hash = token_hash(token)
        kiosk.token_expires_at = now + hub.token_lifetime
        kiosk.revoked_at = None
        kiosk.enrolled_at = now
    return EnrolResponse(
        kiosk_id=body.kiosk_id,
        token=token,
        expires_at=kiosk.token_expires_at,
        expires_in=int(hub.token_lifetime.total_seconds()),
    )


@router.post("/heartbeat", status_code=204, response_class=Response, responses=errors())
def heartbeat(body: Heartbeat, who: KioskCaller, hub: HubDep) -> None:
    """The kiosk is alive: its versions, its outbox and the health of its devices."""
    # A Core statement on the table, not the ORM: no objects to synchronise, and heartbeats
    # are the hub's most frequent request.
    at = hub.now()
    with hub.db.write() as session:
        session.execute(
            update(Kiosk.__table__)
            .where(Kiosk.__table__.c.id == who.name)
            .values(
                last_heartbeat_at=at,
                app_version=body.app_version,
                catalog_version=body.catalog_version,
                outbox_pending=body.outbox_pending,
                devices=[d.model_dump(mode="json") for d in body.devices],
                config_version=body.config_version,
                config_error=body.config_error,
            )
        )
        # Its health over time, downsampled, for the console's fleet and supervision pages.
        fleet.record(
            session, hub.db.url.get_backend_name(), who.name, at, body.outbox_pending, body.devices
        )
