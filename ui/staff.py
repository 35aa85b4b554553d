"""The staff's side of the screens: sign-in (card + PIN, or a one-time code), the 帮办
banner and sign-out, and residents' calls for help (请工作人员帮忙). The work is
services.staff's, on a worker thread; results come back through `post`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.identity import Identity
from services.staff import HelpState, SignIn, StaffService
from services.tasks import Tasks
from ui.presence import IDLE_CHECK_MS, PRESENCE

log = logging.getLogger(__name__)

HELP_POLL_MS = 3_000
# The sign-in panel closes by itself (and forgets the card it holds) after this long untouched.
PANEL_IDLE_S = 60.0


class StaffViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        tasks: Tasks[StaffService] | None,
        post: Callable[[Callable[[], None]], None],
        parent: QObject | None = None,
    ) -> None:
        """`tasks`: None when the kiosk is not enrolled (nothing can be asked of the hub)."""
        super().__init__(parent)
        self._tasks = tasks
        self._staff = tasks.service if tasks is not None else None
        self._post = post
        self._step = ""  # "", "card", "pin", "code": the sign-in panel's step
        self._card = ""  # the staff card's number, between the card and the PIN; never shown
        self._busy = False
        self._problem = ""
        self._tries_left = 0
        self._offline = False
        self._banner = ""
        self._help = HelpState("none")
        self.clock: Callable[[], float] = time.monotonic  # tests move it on
        self._panel_touched = 0.0
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_CHECK_MS)
        self._idle.timeout.connect(self._check_idle)
        self._idle.start()
        self._help_poll = QTimer(self)
        self._help_poll.setInterval(HELP_POLL_MS)
        self._help_poll.timeout.connect(self._poll_help)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in PRESENCE:
            self._panel_touched = self.clock()
            if self._staff is not None:
                self._staff.touch()
        return False

    def close(self) -> None:
        self._idle.stop()
        self._help_poll.stop()

    # -- the card, while the sign-in panel waits for one -------------------------------------

    def take_card(self, identity: Identity) -> bool:
        """A card read while the panel asks for the staff card is the staff member's: it
        goes no further (not to the resident's journey). True if taken."""
        if self._step != "card":
            return False
        self._card = identity.id_number
        self._step, self._problem = "pin", ""
        self._panel_touched = self.clock()  # a minute for the PIN from the card, not before
        self.changed.emit()
        return True

    # -- sign-in -----------------------------------------------------------------------------

    @Slot()
    def openSignIn(self) -> None:
        self._step, self._problem, self._card = "card", "", ""
        self._panel_touched = self.clock()
        self.changed.emit()

    @Slot()
    def useCode(self) -> None:
        self._step, self._problem = "code", ""
        self.changed.emit()

    @Slot()
    def cancelSignIn(self) -> None:
        self._step, self._problem, self._card = "", "", ""
        self.changed.emit()

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        card = self._card
        self._run(
            lambda staff: staff.sign_in_card(card, pin), self._signed_in, SignIn(problem="offline")
        )

    @Slot(str)
    def enterCode(self, code: str) -> None:
        self._run(
            lambda staff: staff.sign_in_code(code), self._signed_in, SignIn(problem="offline")
        )

    def _signed_in(self, result: SignIn) -> None:
        if result.member is not None:
            self._step, self._card = "", ""
            self._banner, self._offline, self._problem = result.member.banner(), result.offline, ""
        else:
            self._problem, self._tries_left = result.problem, result.tries_left
            if result.problem in ("not_staff", "staff_disabled", "staff_locked"):
                self._step, self._card = "card", ""
        self.changed.emit()

    @Slot()
    def signOut(self) -> None:
        self._banner = ""
        self.changed.emit()
        self._run(lambda staff: staff.sign_out(), lambda _: None)

    def _check_idle(self) -> None:
        if self._step and not self._busy and self.clock() - self._panel_touched > PANEL_IDLE_S:
            log.info("the staff sign-in panel closed after a while without a touch")
            self.cancelSignIn()  # the card's number goes with it
        if self._banner:
            self._run(lambda staff: staff.end_if_idle(), self._idle_checked)

    def _idle_checked(self, ended: bool) -> None:
        if ended:
            log.info("staff sign-in ended after a while without a touch")
            self._banner = ""
            self.changed.emit()

    # -- calls for help ----------------------------------------------------------------------

    @Slot(str, int)
    def askForHelp(self, screen: str, waited_s: int) -> None:
        self._help = HelpState("asking")
        self.changed.emit()
        self._run(
            lambda staff: staff.ask_for_help(screen or "attract", waited_s),
            self._helped,
            HelpState("unavailable"),
        )
        self._help_poll.start()

    @Slot()
    def helpDone(self) -> None:
        self._help_poll.stop()
        self._help = HelpState("none")
        self.changed.emit()
        self._run(lambda staff: staff.help_done(), lambda _: None)

    def _poll_help(self) -> None:
        if self._help.state in ("sent", "queued"):
            self._run(lambda staff: staff.help_state(), self._helped)

    def _helped(self, state: HelpState) -> None:
        if self._help.state == "none":
            return  # dismissed meanwhile
        self._help = state
        if state.state == "coming":
            self._help_poll.stop()
        self.changed.emit()

    # -- the worker --------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[StaffService], Any],
        done: Callable[[Any], None],
        otherwise: Any = None,
    ) -> None:
        """`otherwise`: the answer when the kiosk is not enrolled (nothing can be asked)."""
        if self._tasks is None:
            if otherwise is not None:
                self._post(lambda: done(otherwise))
            return
        self._busy = True
        self.changed.emit()

        def finish(result: Any) -> None:
            self._busy = False
            if not isinstance(result, Exception):  # the log has said what failed
                done(result)
            self.changed.emit()

        self._tasks.run(work, finish)

    # -- what the screens show ----------------------------------------------------------------

    step = Property(str, lambda self: self._step, notify=changed)
    busy = Property(bool, lambda self: self._busy, notify=changed)
    problem = Property(str, lambda self: self._problem, notify=changed)
    triesLeft = Property(int, lambda self: self._tries_left, notify=changed)
    signedIn = Property(bool, lambda self: self._banner != "", notify=changed)
    banner = Property(str, lambda self: self._banner, notify=changed)
    offline = Property(bool, lambda self: self._offline, notify=changed)
    helpState = Property(str, lambda self: self._help.state, notify=changed)
    helpWho = Property(str, lambda self: self._help.who, notify=changed)
    available = Property(bool, lambda self: self._staff is not None, notify=changed)
