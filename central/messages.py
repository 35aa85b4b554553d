"""The hub's own admin messages, beyond the contract the kiosk shares (kiosk.contract)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from kiosk.contract import DeviceHealth, MessageBase, Name
from kiosk.ids import InvalidNumber, validate_id_number

# Extra fields refused, and no NUL or control character in any string (kiosk.text).
_Message = MessageBase


class KioskSummary(_Message):
    kiosk_id: str
    name: str
    created_at: datetime
    enrolled: bool
    token_expires_at: datetime | None
    revoked_at: datetime | None  # revoked, until re-issued and enrolled again
    last_heartbeat_at: datetime | None
    app_version: str
    catalog_version: str
    outbox_pending: int
    devices: list[DeviceHealth]
    config_version: str = ""  # the fleet configuration in force, as its last heartbeat said
    config_error: str = ""


class CatalogPublished(_Message):
    version: str
    etag: str


class AlertView(_Message):
    """Something an admin should look into: a card that did not match, a kiosk or a subject
    over its rate limit (central.guard)."""

    id: int
    kind: str
    kiosk_id: str
    subject_masked: str
    detail: str
    created_at: datetime


class DepartmentCredentialView(_Message):
    id: int
    unit: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class AdminCredentialCreate(_Message):
    name: Name


class AdminCredentialCreated(_Message):
    id: int
    name: str
    token: str
    expires_at: datetime


class AdminCredentialView(_Message):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class CredentialRevoked(_Message):
    revoked_at: datetime


class StaffCreate(_Message):
    """Admin: register a staff member of a service centre, with their card and first PIN."""

    staff_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    name: Name
    service_centre: Name
    card_number: Annotated[str, StringConstraints(min_length=18, max_length=18)]
    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{4,8}$")]
    role: Literal["helper", "supervisor", "technician"] = "helper"

    @field_validator("card_number")
    @classmethod
    def _number(cls, v: str) -> str:
        try:
            return validate_id_number(v)
        except InvalidNumber as e:
            raise ValueError(str(e)) from None


class StaffSummary(_Message):
    staff_id: str
    name: str
    service_centre: str
    role: str
    enabled: bool
    locked_until: datetime | None


class StaffCodeIssued(_Message):
    staff_id: str
    code: str
    expires_at: datetime


class StaffEventView(_Message):
    staff_id: str
    kiosk_id: str
    action: str
    outcome: str
    created_at: datetime


class StaffPageCreate(_Message):
    service_centre: Name


class StaffPageCreated(_Message):
    path: str  # on the hub: open it on the staff's phone or desk PC


class ConsoleUserCreate(_Message):
    """A console user (central.console): a department clerk or head names their unit."""

    login: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]{2,64}$")]
    role: Literal["clerk", "head", "centre", "admin", "supervisor"]
    unit: Annotated[str, StringConstraints(max_length=64)] = ""
    display_name: Annotated[str, StringConstraints(max_length=100)] = ""
    password: Annotated[str, StringConstraints(min_length=10, max_length=200)] | None = Field(
        default=None, description="none: the hub makes one up and answers it once"
    )
    totp: bool = Field(default=False, description="an admin's one-time codes (TOTP)")


class ConsoleUserCreated(_Message):
    login: str
    role: str
    unit: str
    password: str = Field(description="shown once")
    totp_uri: str = Field(default="", description="otpauth:// for the authenticator app")


class ConsoleUserDisabled(_Message):
    login: str
