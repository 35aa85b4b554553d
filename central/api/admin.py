"""Admin: kiosks and their enrolment codes, department credentials, catalog publishing.
Revoking, rotating and re-issuing credentials is in central/api/credentials.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query
from sqlalchemy import select

from central import catalogs
from central.api.deps import Admin, HubDep
from central.auth import new_department_token, new_enrolment_code, token_hash
from central.console import accounts
from central.errors import ApiError, errors
from central.messages import (
    AlertView,
    CatalogPublished,
    ConsoleUserCreate,
    ConsoleUserCreated,
    ConsoleUserDisabled,
    KioskSummary,
)
from central.tables import Alert, ConsoleUser, DepartmentCredential, Kiosk
from kiosk.contract import DepartmentCredentialCreated, DeviceHealth, KioskCreate, KioskCreated

router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/kiosks", status_code=201, responses=errors(409))
def add_kiosk(body: KioskCreate, _: Admin, hub: HubDep) -> KioskCreated:
    """Register a kiosk. The answer's enrolment code is shown once: give it to whoever
    sets the kiosk up (`kiosk enrol`); it works once."""
    code = new_enrolment_code()
    with hub.db.write() as session:
        if session.get(Kiosk, body.kiosk_id) is not None:
            raise ApiError(
                409, "kiosk_exists", f"a kiosk with the id '{body.kiosk_id}' is already registered"
            )
        session.add(
            Kiosk(
                id=body.kiosk_id,
                name=body.name,
                created_at=hub.now(),
                enrolment_code_hash=token_hash(code),
                app_version="",
                catalog_version="",
                outbox_pending=0,
                devices=[],
                config_version="",
                config_error="",
            )
        )
    return KioskCreated(kiosk_id=body.kiosk_id, enrolment_code=code)


@router.get("/kiosks", responses=errors())
def list_kiosks(_: Admin, hub: HubDep) -> list[KioskSummary]:
    """Every kiosk with its last heartbeat and the health of its devices."""
    with hub.db.read() as session:
        kiosks = session.scalars(select(Kiosk).order_by(Kiosk.id)).all()
        return [
            KioskSummary(
                kiosk_id=k.id,
                name=k.name,
                created_at=k.created_at,
                enrolled=k.token_hash is not None,
                token_expires_at=k.token_expires_at,
                revoked_at=k.revoked_at,
                last_heartbeat_at=k.last_heartbeat_at,
                app_version=k.app_version,
                catalog_version=k.catalog_version,
                outbox_pending=k.outbox_pending,
                devices=[DeviceHealth.model_validate(d) for d in k.devices],
                config_version=k.config_version,
                config_error=k.config_error,
            )
            for k in kiosks
        ]


@router.get("/alerts", responses=errors())
def list_alerts(
    _: Admin,
    hub: HubDep,
    since_id: Annotated[int, Query(ge=0, description="only alerts after this one")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AlertView]:
    """Refused cards and rate limits reached, oldest first after `since_id`: what a look-up
    oracle would leave behind. A monitoring job polls this with the last id it saw."""
    with hub.db.read() as session:
        alerts = session.scalars(
            select(Alert).where(Alert.id > since_id).order_by(Alert.id).limit(limit)
        ).all()
        return [AlertView.model_validate(a, from_attributes=True) for a in alerts]


@router.post("/departments/{unit}/credentials", status_code=201, responses=errors(404, 409))
def add_department_credential(
    unit: Annotated[str, Path(max_length=64)], _: Admin, hub: HubDep
) -> DepartmentCredentialCreated:
    """A new credential for a department (a unit of the current catalog). Several may be
    issued for one unit, one per desk."""
    token = new_department_token()
    expires = hub.now() + hub.token_lifetime
    with hub.db.write() as session:
        published = hub.catalogs.current(session)
        if published is None:
            raise ApiError(409, "no_catalog", "publish a catalog first: it names the units")
        if unit not in {u.id for u in published.catalog.units}:
            raise ApiError(
                404,
                "unknown_unit",
                f"the current catalog has no unit '{unit}'; its units are: "
                + ", ".join(u.id for u in published.catalog.units),
            )
        credential = DepartmentCredential(
            unit=unit, token_hash=token_hash(token), created_at=hub.now(), expires_at=expires
        )
        session.add(credential)
        session.flush()
        return DepartmentCredentialCreated(
            id=credential.id, unit=unit, token=token, expires_at=expires
        )


@router.put(
    "/catalog",
    responses=errors(413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Catalog"}}},
        }
    },
)
def publish_catalog(
    body: Annotated[dict[str, Any], Body(include_in_schema=False)], _: Admin, hub: HubDep
) -> CatalogPublished:
    """Publish a catalog: checked with the kiosk's own rules (422 "catalog_problems" lists
    every problem). Publishing the same catalog again keeps the version it has."""
    catalog = catalogs.validate(body)
    with hub.db.write() as session:
        published = hub.catalogs.publish(session, catalog)
    return CatalogPublished(version=published.version, etag=published.etag_header())


@router.post("/console-users", status_code=201, responses=errors(409))
def add_console_user(body: ConsoleUserCreate, _: Admin, hub: HubDep) -> ConsoleUserCreated:
    """A user of the web console (/console). The answer's password is shown once."""
    role = accounts.Role(body.role)
    if role in accounts.UNIT_ROLES and not body.unit:
        raise ApiError(422, "invalid_request", "unit: a clerk or head belongs to one unit")
    password = body.password or accounts.new_password()
    secret = accounts.new_totp_secret() if body.totp else ""
    with hub.db.write() as session:
        exists = session.scalar(select(ConsoleUser.id).where(ConsoleUser.login == body.login))
        if exists is not None:
            raise ApiError(409, "user_exists", f"a console user '{body.login}' exists already")
        user = accounts.add_user(
            session,
            body.login,
            role,
            password=password,
            unit=body.unit,
            display_name=body.display_name,
            totp_secret=secret,
            at=hub.now(),
        )
    return ConsoleUserCreated(
        login=user.login,
        role=user.role,
        unit=user.unit,
        password=password,
        totp_uri=accounts.totp_uri(secret, user.login) if secret else "",
    )


@router.post("/console-users/{login}/disable", responses=errors(404))
def disable_console_user(
    login: Annotated[str, Path(max_length=64)], _: Admin, hub: HubDep
) -> ConsoleUserDisabled:
    """The user cannot sign in any more, and their open sessions end at once."""
    with hub.db.write() as session:
        if not accounts.disable(session, login, hub.now()):
            raise ApiError(404, "not_found", "no console user by that name")
    return ConsoleUserDisabled(login=login)
