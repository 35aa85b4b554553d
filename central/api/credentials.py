"""The credential life cycle: a holder renews its own token before it expires; the admin
revokes and rotates kiosk, department and admin credentials and re-issues a kiosk's
enrolment code. Every change holds at once in every hub process, since each request looks
its credential up in the database (central.auth)."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Path
from sqlalchemy import select

from central import auth
from central.api.deps import Admin, BearerToken, Caller, HubDep
from central.auth import new_enrolment_code, token_hash
from central.errors import ApiError, errors, not_found
from central.hub import Hub
from central.messages import (
    AdminCredentialCreate,
    AdminCredentialCreated,
    AdminCredentialView,
    CredentialRevoked,
    DepartmentCredentialView,
)
from central.tables import AdminCredential, DepartmentCredential, Kiosk
from kiosk.contract import DepartmentCredentialCreated, KioskCreated, TokenRenewed

router = APIRouter()
V = TypeVar("V", DepartmentCredentialView, AdminCredentialView)

KioskId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
CredentialId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SETTINGS_TOKEN_NAME = "(the settings' admin token)"


@router.post("/credentials/renew", tags=["credentials"], responses=errors(409))
def renew(who: Caller, token: BearerToken, hub: HubDep) -> TokenRenewed:
    """A new token for the caller's own credential (kiosk, department or named admin), to
    be used from now on. Renew before `expires_at`: an expired token is refused with 401
    "token_expired" and cannot be renewed. The token this was asked with keeps working for
    ten minutes, so that a renewal whose answer was lost can be asked for again."""
    with hub.db.write() as session:
        new, expires = auth.renew(session, who, token, hub.now(), hub.token_lifetime)
    return TokenRenewed(
        token=new, expires_at=expires, expires_in=int(hub.token_lifetime.total_seconds())
    )


# -- kiosks --------------------------------------------------------------------------------


@router.post("/admin/kiosks/{kiosk_id}/revoke", tags=["admin"], responses=errors(404))
def revoke_kiosk(kiosk_id: KioskId, _: Admin, hub: HubDep) -> CredentialRevoked:
    """The kiosk's token, and any enrolment code not yet used, stop working at once. To put
    the kiosk back, re-issue its enrolment code."""
    with hub.db.write() as session:
        return CredentialRevoked(revoked_at=auth.revoke(session, "kiosk", kiosk_id, hub.now()))


@router.post(
    "/admin/kiosks/{kiosk_id}/enrolment", status_code=201, tags=["admin"], responses=errors(404)
)
def reissue_enrolment(kiosk_id: KioskId, _: Admin, hub: HubDep) -> KioskCreated:
    """A new enrolment code for a registered kiosk (replaced hardware, a lost or leaked
    token, a token that expired). The kiosk's token and any earlier code stop working at
    once; the kiosk enrols again with the new code (`kiosk enrol CODE`)."""
    code = new_enrolment_code()
    with hub.db.write() as session:
        kiosk = session.get(Kiosk, kiosk_id, with_for_update=True)
        if kiosk is None:
            raise not_found(f"there is no kiosk '{kiosk_id}'")
        kiosk.enrolment_code_hash = token_hash(code)
        kiosk.token_hash = None
        kiosk.token_expires_at = None
        kiosk.revoked_at = None
        auth.forget_renewed(session, "kiosk", kiosk_id)
    return KioskCreated(kiosk_id=kiosk_id, enrolment_code=code)


# -- departments ---------------------------------------------------------------------------


@router.get("/admin/departments/credentials", tags=["admin"], responses=errors())
def list_department_credentials(_: Admin, hub: HubDep) -> list[DepartmentCredentialView]:
    """Every department credential ever issued, revoked ones too (never the token)."""
    return _every(hub, DepartmentCredential, DepartmentCredentialView)


@router.post(
    "/admin/departments/credentials/{credential_id}/revoke", tags=["admin"], responses=errors(404)
)
def revoke_department(credential_id: CredentialId, _: Admin, hub: HubDep) -> CredentialRevoked:
    with hub.db.write() as session:
        revoked = auth.revoke(session, "department", str(credential_id), hub.now())
    return CredentialRevoked(revoked_at=revoked)


@router.post(
    "/admin/departments/credentials/{credential_id}/rotate",
    tags=["admin"],
    responses=errors(404, 409),
)
def rotate_department(
    credential_id: CredentialId, _: Admin, hub: HubDep
) -> DepartmentCredentialCreated:
    """A new token for the credential; the old one stops at once."""
    with hub.db.write() as session:
        token, expires = auth.rotate(
            session, "department", str(credential_id), hub.now(), hub.token_lifetime
        )
        unit = session.get_one(DepartmentCredential, credential_id).unit
    return DepartmentCredentialCreated(id=credential_id, unit=unit, token=token, expires_at=expires)


# -- admins --------------------------------------------------------------------------------


@router.post("/admin/admins", status_code=201, tags=["admin"], responses=errors())
def add_admin(body: AdminCredentialCreate, _: Admin, hub: HubDep) -> AdminCredentialCreated:
    """A named admin credential (ya_…), revocable and rotatable like any other; once every
    admin has one, the settings' admin token can be revoked."""
    token = auth.new_token("admin")
    now = hub.now()
    with hub.db.write() as session:
        row = AdminCredential(
            name=body.name,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + hub.token_lifetime,
        )
        session.add(row)
        session.flush()
        return AdminCredentialCreated(
            id=row.id, name=row.name, token=token, expires_at=now + hub.token_lifetime
        )


@router.get("/admin/admins", tags=["admin"], responses=errors())
def list_admins(_: Admin, hub: HubDep) -> list[AdminCredentialView]:
    return _every(hub, AdminCredential, AdminCredentialView)


@router.post("/admin/admins/settings-token/revoke", tags=["admin"], responses=errors(409))
def revoke_settings_admin(_: Admin, hub: HubDep) -> CredentialRevoked:
    """Retire the admin token from the hub's settings in every hub process. A new token put
    in the settings works again after a restart. Refused while no named admin credential is
    valid: nobody could administer the hub any more."""
    admin_token = hub.settings.admin_token
    now = hub.now()
    with hub.db.write() as session:
        valid = session.scalar(
            select(AdminCredential.id).where(
                AdminCredential.revoked_at.is_(None),
                AdminCredential.expires_at > now,
                AdminCredential.token_hash != token_hash(admin_token),
            )
        )
        if valid is None:
            raise ApiError(
                409,
                "last_admin",
                "issue a named admin credential first (kioskctl admin add NAME): without "
                "one, nobody could administer the hub",
            )
        digest = token_hash(admin_token)
        row = session.scalar(select(AdminCredential).where(AdminCredential.token_hash == digest))
        if row is None:
            row = AdminCredential(
                name=SETTINGS_TOKEN_NAME, token_hash=digest, created_at=now, revoked_at=now
            )
            session.add(row)
        return CredentialRevoked(revoked_at=row.revoked_at or now)


@router.post("/admin/admins/{credential_id}/revoke", tags=["admin"], responses=errors(404))
def revoke_admin(credential_id: CredentialId, _: Admin, hub: HubDep) -> CredentialRevoked:
    with hub.db.write() as session:
        return CredentialRevoked(
            revoked_at=auth.revoke(session, "admin", str(credential_id), hub.now())
        )


@router.post("/admin/admins/{credential_id}/rotate", tags=["admin"], responses=errors(404, 409))
def rotate_admin(credential_id: CredentialId, _: Admin, hub: HubDep) -> AdminCredentialCreated:
    with hub.db.write() as session:
        token, expires = auth.rotate(
            session, "admin", str(credential_id), hub.now(), hub.token_lifetime
        )
        name = session.get_one(AdminCredential, credential_id).name
    return AdminCredentialCreated(id=credential_id, name=name, token=token, expires_at=expires)


def _every(hub: Hub, table: type[DepartmentCredential | AdminCredential], view: type[V]) -> list[V]:
    """Every credential in `table` in the order issued, revoked ones too, as `view` shows it:
    the fields it names, never the token."""
    with hub.db.read() as session:
        rows = session.scalars(select(table).order_by(table.id)).all()
        return [view.model_validate({f: getattr(r, f) for f in view.model_fields}) for r in rows]
