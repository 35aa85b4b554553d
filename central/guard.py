"""The gate before a kiosk sees anything of a card holder's: a data-sharing look-up, their
applications from every kiosk, a result document.

An ID number alone opens nothing: many people know it. The request carries what only the card
in the kiosk's reader holds (kiosk.contract.CardEvidence), and the card registry must know
that card as the holder's current one. Neither the kiosk nor the subject may be over its rate
limit. A refusal is answered in plain words and raised to the admins as an alert (in its own
transaction, so that it stays although the request fails); what is let through is written
down as a consent record, which is also what the rate limits count.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.sharing import CardRegistry
from central.tables import Alert, ConsentRecord
from kiosk.contract import (
    REFERENCE_PHOTO_PURPOSE,
    ApplicationSearch,
    CardEvidence,
    Consent,
    SubjectType,
)
from kiosk.ids import mask

if TYPE_CHECKING:
    from central.hub import Hub

log = logging.getLogger("central.guard")


class Action(StrEnum):
    LOOKUP = "lookup"  # data sharing, for a one-thing of the catalog
    SEARCH = "search"  # the subject's applications from every kiosk
    DOWNLOAD = "download"  # a result document of theirs
    REFERENCE_PHOTO = "reference_photo"  # the photo on file, for 人证比对 at the kiosk


# A look-up's purpose is a one-thing of the current catalog; the others have one each.
FIXED_PURPOSES = {
    Action.SEARCH: "progress_query",
    Action.DOWNLOAD: "result_print",
    Action.REFERENCE_PHOTO: REFERENCE_PHOTO_PURPOSE,
}
# Searches and downloads happen with the card in the reader, which is the consent.
CARD_PRESENT = Consent(given=True, method="card_present", text_version="")


class AlertKind(StrEnum):
    CARD_MISMATCH = "card_mismatch"
    NOT_REPRESENTATIVE = "not_representative"
    KIOSK_RATE = "kiosk_rate_limited"
    SUBJECT_RATE = "subject_rate_limited"


@dataclass(frozen=True)
class Request:
    """One use of a card holder's data, as a route asks for it."""

    kiosk_id: str
    action: Action
    purpose: str
    subject_type: SubjectType
    number: str
    card: CardEvidence
    consent: Consent = field(default_factory=lambda: CARD_PRESENT)


def of_card_holder(kiosk_id: str, action: Action, body: ApplicationSearch) -> Request:
    """A search or a download: the card holder's own data, for the action's fixed purpose."""
    return Request(
        kiosk_id=kiosk_id,
        action=action,
        purpose=FIXED_PURPOSES[action],
        subject_type=body.subject_type,
        number=body.number,
        card=body.card,
    )


@dataclass(frozen=True)
class _Refusal:
    error: ApiError
    alert: AlertKind | None


def admit(hub: Hub, request: Request) -> str:
    """The subject's keyed hash once the request may go on; otherwise ApiError (403, 429 or
    503), with an alert recorded where admins should know."""
    number_hash = hub.subject_hash(request.number)
    refusal = _rate_refusal(hub, request, number_hash) or _card_refusal(hub, request)
    if refusal is None:
        return number_hash
    if refusal.alert is not None:
        _raise_alert(hub, refusal.alert, request, number_hash)
    log.warning(
        "refused a %s from kiosk %s: %s", request.action.value, request.kiosk_id, refusal.error.code
    )
    raise refusal.error


def record(
    session: Session, request: Request, number_hash: str, found: int, at: datetime
) -> ConsentRecord:
    """The consent record of an admitted request, added to the session."""
    consent = ConsentRecord(
        id=uuid.uuid4().hex,
        kiosk_id=request.kiosk_id,
        action=request.action.value,
        purpose=request.purpose,
        method=request.consent.method,
        text_version=request.consent.text_version,
        subject_type=request.subject_type.value,
        number_masked=mask(request.number),
        number_hash=number_hash,
        records_found=found,
        card_type=request.card.card_type.value,
        created_at=at,
    )
    session.add(consent)
    return consent


# -- the card ------------------------------------------------------------------------------------


def _card_refusal(hub: Hub, request: Request) -> _Refusal | None:
    registry: CardRegistry | None = hub.cards
    if registry is None:
        return _Refusal(
            ApiError(
                503,
                "card_check_unavailable",
                "this hub cannot check cards against a card registry, so it answers no "
                "look-ups, searches or downloads; the hub's administrator connects one",
            ),
            None,
        )
    card = request.card
    if card.valid_until is not None and card.valid_until < hub.today():
        return _Refusal(
            ApiError(
                403,
                "card_expired",
                f"card: the card expired on {card.valid_until.isoformat()}; the holder needs "
                "a current card",
            ),
            None,
        )
    if not registry.card_matches(card):
        # The same answer whether the holder has no card on file or another one: nothing to
        # learn by trying.
        return _Refusal(
            ApiError(
                403,
                "card_not_verified",
                "card: the card at the kiosk does not match the card registry's records for "
                "this holder; only the holder's own current card opens their data. The "
                "admins have been alerted",
            ),
            AlertKind.CARD_MISMATCH,
        )
    if request.subject_type is SubjectType.ENTERPRISE and not registry.acts_for(
        request.number, card.holder_number
    ):
        return _Refusal(
            ApiError(
                403,
                "not_representative",
                "card: the card holder is not registered as this enterprise's legal "
                "representative or agent; the enterprise registers its agents first",
            ),
            AlertKind.NOT_REPRESENTATIVE,
        )
    return None


# -- rate limits ---------------------------------------------------------------------------------


def _rate_refusal(hub: Hub, request: Request, number_hash: str) -> _Refusal | None:
    settings = hub.settings
    now = hub.now()
    with hub.db.read() as session:
        per_kiosk = settings.kiosk_lookups_per_minute
        if per_kiosk and _uses_by_kiosk(session, request.kiosk_id, now - _MINUTE) >= per_kiosk:
            return _Refusal(
                _too_many(f"this kiosk may open at most {per_kiosk} card holders' data a minute"),
                AlertKind.KIOSK_RATE,
            )
        per_subject = settings.subject_lookups_per_hour
        if per_subject and _uses_of_subject(session, number_hash, now - _HOUR) >= per_subject:
            return _Refusal(
                _too_many(
                    f"this card holder's data was opened {per_subject} times in the last hour, "
                    "the most the hub allows"
                ),
                AlertKind.SUBJECT_RATE,
            )
    return None


_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
# One alert a minute per kind and kiosk is enough to act on; more would only bury the rest.
_ALERT_QUIET = timedelta(minutes=1)


def _too_many(why: str) -> ApiError:
    return ApiError(
        429, "rate_limited", f"{why}; try again later", {"Retry-After": str(_MINUTE.seconds)}
    )


def _uses_by_kiosk(session: Session, kiosk_id: str, since: datetime) -> int:
    return _uses(session, since, ConsentRecord.kiosk_id == kiosk_id, Alert.kiosk_id == kiosk_id)


def _uses_of_subject(session: Session, number_hash: str, since: datetime) -> int:
    return _uses(
        session, since, ConsentRecord.number_hash == number_hash, Alert.subject_hash == number_hash
    )


def _uses(
    session: Session, since: datetime, consents: ColumnElement[bool], alerts: ColumnElement[bool]
) -> int:
    """The look-ups since `since`: the consents that match, and the alerts that match, since
    refusals count too (a kiosk cannot keep trying cards at full speed)."""
    consented = _count(session, ConsentRecord, consents, ConsentRecord.created_at >= since)
    return consented + _count(session, Alert, alerts, Alert.created_at >= since)


def _count(session: Session, table: type, *where) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*where)) or 0


# -- alerts --------------------------------------------------------------------------------------


def _raise_alert(hub: Hub, kind: AlertKind, request: Request, number_hash: str) -> None:
    now = hub.now()
    with hub.db.write() as session:
        if kind in (AlertKind.KIOSK_RATE, AlertKind.SUBJECT_RATE):
            recent = session.scalar(
                select(Alert.id)
                .where(
                    Alert.kind == kind.value,
                    Alert.kiosk_id == request.kiosk_id,
                    Alert.created_at >= now - _ALERT_QUIET,
                )
                .limit(1)
            )
            if recent is not None:
                return
        session.add(
            Alert(
                kind=kind.value,
                kiosk_id=request.kiosk_id,
                subject_masked=mask(request.number),
                subject_hash=number_hash,
                detail=f"{request.action.value} with a {request.card.card_type.value} card",
                created_at=now,
            )
        )
