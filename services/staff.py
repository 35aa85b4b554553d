"""Community staff at the kiosk (帮办): sign-in and sign-out, the idle end, and residents'
calls for help. No Qt: the screens ask through ui.viewmodel, on a worker thread, because
every call may wait for the hub.

Sign-in is checked by the hub; a card + PIN it confirmed may sign in again without it, until
the time the hub gave (kiosk.staff.OfflineSignIns). A help request the hub cannot take yet
is kept and sent on the next try, and the resident is told it is waiting for the network."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.application import Application
from kiosk.contract import StaffSignIn, StaffView
from kiosk.hubclient import HubError
from kiosk.staff import OfflineSignIns, StaffMember
from services.desk import Desk

log = logging.getLogger(__name__)

IDLE = timedelta(minutes=10)
# The hub's refusals a staff member can act on; anything else is "offline".
_REFUSALS = {
    "wrong_pin",
    "staff_locked",
    "not_staff",
    "staff_disabled",
    "wrong_code",
    "invalid_request",
}


@dataclass(frozen=True)
class SignIn:
    """What came of a sign-in: the member, or a problem code the screen words
    ("wrong_pin", "staff_locked", "not_staff", "staff_disabled", "wrong_code", "offline",
    "bad_input") with the tries left after a wrong PIN."""

    member: StaffMember | None = None
    problem: str = ""
    tries_left: int = 0
    offline: bool = False  # signed in from the cache: the hub could not be asked


@dataclass(frozen=True)
class HelpState:
    """ "sent" (staff told), "queued" (waiting for the network) or "coming" (staff answered)."""

    state: str
    who: str = ""


class StaffService:
    def __init__(
        self,
        desk: Desk | None,
        idle: timedelta = IDLE,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._desk = desk
        self._idle = idle
        self._now = now
        self._cache = OfflineSignIns()
        self._lock = threading.Lock()
        self._member: StaffMember | None = None
        self._last_touch = now()
        self._help_id = ""
        self._help_pending: tuple[str, int] | None = None

    # -- who is signed in --------------------------------------------------------------------

    @property
    def member(self) -> StaffMember | None:
        with self._lock:
            return self._member

    def touch(self) -> None:
        """A tap while staff are signed in: the idle end moves on."""
        with self._lock:
            self._last_touch = self._now()

    def mark(self, application: Application) -> None:
        """An application a staff member helped with is theirs for good (受理人员), even if they
        sign out before the resident finishes."""
        member = self.member
        if member is not None and not application.helped:
            application.accepted_by = member.accepted_by
            application.staff_name = member.name

    def sign_in_card(self, card_number: str, pin: str) -> SignIn:
        try:
            request = StaffSignIn(card_number=card_number, pin=pin)
        except ValueError:
            return SignIn(problem="bad_input")
        result = self._ask_hub(request)
        if result.member is not None:
            return result
        if result.problem != "offline":
            if result.problem in ("not_staff", "staff_disabled"):
                self._cache.forget(card_number)
            return result
        cached = self._cache.recall(card_number, pin, self._now())
        if isinstance(cached, StaffMember):
            self._start(cached)
            log.info("staff member %s signed in without the hub", cached.staff_id)
            return SignIn(member=cached, offline=True)
        if cached == "locked":
            return SignIn(problem="staff_locked")
        if cached.startswith("wrong_pin:"):
            return SignIn(problem="wrong_pin", tries_left=int(cached.split(":")[1]))
        return result

    def sign_in_code(self, code: str) -> SignIn:
        try:
            request = StaffSignIn(code=code)
        except ValueError:
            return SignIn(problem="bad_input")
        return self._ask_hub(request)

    def _ask_hub(self, request: StaffSignIn) -> SignIn:
        if self._desk is None:
            return SignIn(problem="offline")
        try:
            view = self._desk.staff_sign_in(request)
        except HubError as e:
            if e.code in _REFUSALS:
                log.info("staff sign-in refused: %s", e.code)
                return SignIn(problem=e.code, tries_left=tries_left(e.message))
            log.warning("staff sign-in: the hub cannot be asked (%s)", e.code)
            return SignIn(problem="offline")
        member = _member(view)
        if request.card_number:
            self._cache.remember(request.card_number, request.pin, member, view.offline_until)
        self._start(member)
        log.info("staff member %s signed in", member.staff_id)
        return SignIn(member=member)

    def _start(self, member: StaffMember) -> None:
        with self._lock:
            self._member = member
            self._last_touch = self._now()

    def sign_out(self, reason: str = "sign_out") -> None:
        with self._lock:
            member, self._member = self._member, None
        if member is None:
            return
        log.info("staff member %s signed out (%s)", member.staff_id, reason)
        if self._desk is not None:
            try:
                self._desk.staff_sign_out(member.staff_id, reason)
            except HubError as e:
                log.warning("the hub was not told of the sign-out (%s)", e.code)

    def end_if_idle(self) -> bool:
        """Sign out a staff member who has not touched the screen for a while; True if so."""
        with self._lock:
            idle = self._member is not None and self._now() - self._last_touch >= self._idle
        if idle:
            self.sign_out("idle")
        return idle

    # -- residents' calls for help -----------------------------------------------------------

    def ask_for_help(self, screen: str, waited_s: int) -> HelpState:
        with self._lock:
            self._help_id = ""
            self._help_pending = (screen, max(0, min(waited_s, 86_400)))
        return self.help_state()

    def help_state(self) -> HelpState:
        """Sends a request the hub could not take before; then asks whether staff answered."""
        with self._lock:
            pending, help_id = self._help_pending, self._help_id
        if self._desk is None:
            return HelpState("queued" if pending or help_id else "none")
        try:
            if pending is not None:
                help_id = self._desk.ask_for_help(*pending).id
                with self._lock:
                    self._help_id, self._help_pending = help_id, None
                return HelpState("sent")
            if not help_id:
                return HelpState("none")
            view = self._desk.help_state(help_id)
        except HubError as e:
            log.warning("help request: the hub cannot be asked (%s)", e.code)
            return HelpState("queued" if pending is not None else "sent")
        return HelpState("coming", view.acknowledged_by) if view.acknowledged else HelpState("sent")

    def help_done(self) -> None:
        with self._lock:
            self._help_id, self._help_pending = "", None


def _member(view: StaffView) -> StaffMember:
    return StaffMember(view.staff_id, view.name, view.role, view.service_centre)


def tries_left(message: str) -> int:
    # The hub says "wrong PIN; 3 tries left".
    words = message.split()
    for i, w in enumerate(words[:-1]):
        if w.isdigit() and words[i + 1].startswith("tr"):
            return int(w)
    return 0
