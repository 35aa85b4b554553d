"""What a resident's journey asks of the world beyond the screen: data sharing, the outbox,
the hub's answers about progress and appointments.

Every method blocks (SQLite with a full sync, HTTP): the UI calls them on a worker thread,
one at a time per kiosk (a lock keeps them in order).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from kiosk.application import Application
from kiosk.codes import new_progress_token
from kiosk.contract import (
    Applicant,
    ApplicationView,
    Booking,
    BookingRequest,
    Consent,
    HelpRequestCreate,
    HelpView,
    LookupRequest,
    RatingRequest,
    ReferencePhotoRequest,
    Slot,
    StaffSignIn,
    StaffView,
    SubjectType,
)
from kiosk.hubclient import HubClient, HubError, HubSettings
from kiosk.hubtoken import HubToken
from kiosk.identity import Identity
from kiosk.local_number import make_local_number
from kiosk.outbox import Outbox
from services.storage import KioskData

log = logging.getLogger(__name__)

CONSENT_TEXT_VERSION = "card-present-2026.1"


class Refusal(StrEnum):
    """Why the hub would not answer, in the terms the screens tell a resident."""

    OFFLINE = "offline"  # no answer, or one the kiosk cannot use: try again later
    CARD = "card_refused"  # the card was not accepted as the holder's current one
    BUSY = "busy"  # a rate limit: the same card or kiosk too often just now


# The hub's refusals of a card (central.guard), and of a rate.
_CARD_CODES = frozenset({"card_not_verified", "card_expired", "not_representative"})


class DeskError(Exception):
    """The hub did not answer or refused; str() is for the log, never for the resident, who
    is told `refusal`."""

    def __init__(self, message: str, refusal: Refusal = Refusal.OFFLINE) -> None:
        super().__init__(message)
        self.refusal = refusal

    @classmethod
    def of(cls, error: HubError) -> DeskError:
        if error.code in _CARD_CODES:
            return cls(str(error), Refusal.CARD)
        if error.code == "rate_limited":
            return cls(str(error), Refusal.BUSY)
        return cls(str(error))


def _consent(application: Application) -> Consent:
    """The card in the reader is the consent; a clerk's help is said so."""
    return Consent(
        given=True,
        method="staff_assisted" if application.helped else "card_present",
        text_version=CONSENT_TEXT_VERSION,
    )


@dataclass(frozen=True)
class Submitted:
    local_number: str
    entry_id: int
    progress_token: str  # what the receipt's QR code carries (kiosk.codes.progress_link)


class Desk:
    def __init__(
        self,
        data_dir: Path,
        hub: HubSettings,
        token: str | HubToken,
        kiosk_id: str,
        terminal: str,
        wake_sync: Callable[[], None] = lambda: None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC).astimezone(),
    ) -> None:
        self._data_dir = Path(data_dir)
        self._hub = hub
        self._token = token
        self._kiosk_id = kiosk_id
        self._terminal = terminal
        self._wake_sync = wake_sync
        self._now = now  # the kiosk's local time: its local numbers carry the day
        self._lock = threading.Lock()
        self._data: KioskData | None = None
        self._client: HubClient | None = None

    # -- data sharing ----------------------------------------------------------------------

    def share(self, application: Application) -> None:
        """Ask data sharing for the applicant's records (the card is present: that is the
        consent); teach the application what comes back. DeskError if the hub is away."""
        # The applicant's own records only: an enterprise's, not its representative's (the
        # hub accepts a shared material only from a look-up of the applicant).
        numbers = (
            [(SubjectType.ENTERPRISE, application.credit_code)]
            if application.is_enterprise
            else [(SubjectType.PERSON, application.applicant.id_number)]
        )
        answers = []
        with self._lock:
            for kind, value in numbers:
                request = LookupRequest(
                    subject_type=kind,
                    number=value,
                    purpose=application.onething.id,
                    consent=_consent(application),
                    card=application.applicant.evidence(),
                )
                try:
                    reply = self._hub_client().lookup(request)
                except HubError as e:
                    if e.status == 404:  # nothing shared for this number: not an outage
                        continue
                    raise DeskError.of(e) from None
                answers.append(reply)
        for reply in answers:
            application.learn(reply.records, reply.consent_id)
        if not answers:
            application.learn([], "")

    def reference_photo(self, application: Application) -> tuple[bytes, bool] | None:
        """The card holder's reference photo (a JPEG) for 人证比对, with the same card and
        consent as the look-up, and whether it is the sandbox's sample data; None when data
        sharing holds none. DeskError if the hub is away or refuses. Kept by the caller in
        memory for the session only, never written."""
        holder = application.applicant
        request = ReferencePhotoRequest(
            number=holder.id_number, consent=_consent(application), card=holder.evidence()
        )
        with self._lock:
            try:
                return self._hub_client().reference_photo(request)
            except HubError as e:
                if e.status == 404:  # none on file: liveness only, not an outage
                    return None
                raise DeskError.of(e) from None

    # -- submission --------------------------------------------------------------------------

    def submit(self, application: Application, accepted_by: str, session_id: str) -> Submitted:
        """Durable when this returns: the outbox holds it, sealed, and the sync worker has
        been told. The hub's 受理编号 follows (acceptance_number)."""
        with self._lock:
            outbox = self._outbox()
            local = self._local_number(outbox)
            token = new_progress_token()
            submit = application.to_submit(self._terminal, accepted_by, local, token)
            entry = outbox.enqueue(submit, session_id)
        self._wake_sync()
        log.info("application written to the outbox as %s", local)
        return Submitted(local, entry.id, token)

    def acceptance_number(self, entry_id: int) -> str | None:
        """The hub's number, if the sync worker has delivered the entry (it tells
        services.journey the moment it does; this is for an entry it told before anyone
        waited)."""
        with self._lock:
            return self._outbox().acceptance_number(entry_id)

    def rate(self, entry_id: int, rating: RatingRequest, session_id: str) -> None:
        """Through the outbox too: a rating of an application still offline waits for it."""
        with self._lock:
            self._outbox().enqueue_rating(entry_id, rating, session_id)
        self._wake_sync()

    def _local_number(self, outbox: Outbox) -> str:
        # The outbox's serial never repeats on this kiosk; a day's count would, after a
        # time-zone change or a store rebuilt.
        return make_local_number(self._kiosk_id, self._now().date(), outbox.next_serial())

    # -- questions for the hub ---------------------------------------------------------------

    def applications_of(self, card_holder: Identity) -> list[ApplicationView]:
        """The card holder's applications from every kiosk: the card in the reader opens them."""
        with self._lock:
            try:
                return self._hub_client().applications_of(
                    SubjectType.PERSON, card_holder.id_number, card_holder.evidence()
                )
            except HubError as e:
                raise DeskError.of(e) from None

    def application(self, number: str) -> ApplicationView:
        with self._lock:
            try:
                return self._hub_client().application(number)
            except HubError as e:
                raise DeskError(str(e)) from None

    def document(self, document_id: str, card_holder: Identity | None = None) -> tuple[str, bytes]:
        """A document of this kiosk's applications; with the card holder, a result of theirs
        from any kiosk."""
        with self._lock:
            try:
                if card_holder is not None:
                    return self._hub_client().result_for_card_holder(
                        document_id,
                        SubjectType.PERSON,
                        card_holder.id_number,
                        card_holder.evidence(),
                    )
                return self._hub_client().document(document_id)
            except HubError as e:
                raise DeskError.of(e) from None

    def slots(self, onething_id: str) -> list[Slot]:
        with self._lock:
            try:
                return self._hub_client().slots(onething_id)
            except HubError as e:
                raise DeskError(str(e)) from None

    def book(self, slot_id: str, onething_id: str, applicant: Applicant) -> Booking:
        with self._lock:
            try:
                return self._hub_client().book(
                    BookingRequest(slot_id=slot_id, onething_id=onething_id, applicant=applicant)
                )
            except HubError as e:
                raise DeskError(str(e)) from None

    # -- staff -------------------------------------------------------------------------------
    # These raise HubError as it came: services.staff tells a staff member what it means.

    def staff_sign_in(self, request: StaffSignIn) -> StaffView:
        with self._lock:
            return self._hub_client().staff_sign_in(request)

    def staff_sign_out(self, staff_id: str, reason: str) -> None:
        with self._lock:
            self._hub_client().staff_sign_out(staff_id, reason)

    def ask_for_help(self, screen: str, waited_s: int) -> HelpView:
        with self._lock:
            return self._hub_client().ask_for_help(
                HelpRequestCreate(screen=screen, waited_s=waited_s)
            )

    def help_state(self, help_id: str) -> HelpView:
        with self._lock:
            return self._hub_client().help_state(help_id)

    # -- plumbing ----------------------------------------------------------------------------

    def _outbox(self) -> Outbox:
        if self._data is None:
            self._data = KioskData(self._data_dir)
        return self._data.outbox()

    def _hub_client(self) -> HubClient:
        if self._client is None:
            self._client = HubClient(self._hub, self._token)
        return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
            if self._data is not None:
                self._data.close()
