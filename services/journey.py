"""The journey's work beyond the screen, as a plain object: data sharing, submitting through
the outbox, the acceptance number, receipts and slips, the rating, a returning resident's
applications and results, appointments, and the fingerprint capture.

Every call returns at once. The work runs on this object's worker threads, and its result
comes back through `post(fn)`, which runs `fn` on the caller's thread (the screens' thread in
the kiosk: ui.post; a queue in tests). Callbacks are told plain values: a result, or a
`Refusal` saying in the screens' terms why there is none. The screens decide what a late
answer for a session that has gone means; this object knows nothing of screens.

The acceptance number comes one way: the sync worker delivers the application and tells
`delivered()`. A submission waits up to `acceptance_wait` seconds for it; if it has not come
by then, the receipt shows the local number, and a number that comes later is told through
`JourneyListener.accepted_late`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.application import Application
from kiosk.contract import Applicant, ApplicationView, Booking, RatingRequest, Slot
from kiosk.identity import Identity
from kiosk.outbox import Delivered
from kiosk.session import Session
from services.desk import Desk, DeskError, Refusal, Submitted
from services.staff import StaffService

if TYPE_CHECKING:  # the print side is loaded only by a kiosk that prints (its imports are slow)
    from services.receipts import Receipts

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]

# How long the submitting screen waits for the hub's number before the receipt shows the
# local one (the hub's replaces it on the progress page later).
ACCEPTANCE_WAIT_SECONDS = 6.0

# Print states beside the job's own message codes (kiosk.printing.messages).
NO_PRINTER = "no_printer"
NO_OFFICE_PRINTER = "no_office_printer"


class NotPrintedHere(Exception):
    """A result document cannot be printed or saved here (no office printer, not a PDF);
    str() says why in plain words."""


class JourneyListener(Protocol):
    """What the journey tells the screens of its own accord (through post)."""

    def print_state(self, session_id: str, state: str) -> None: ...

    def accepted_late(self, session_id: str, number: str) -> None: ...


@dataclass(frozen=True)
class Accepted:
    """The hub's number and the due date it set (None if it could not be asked); or, when
    `number` is empty, no number within the wait: the receipt gives the local one."""

    number: str = ""
    due_date: date | None = None


@dataclass(frozen=True)
class Reference:
    """人证比对's reference photo, decoded (BGR pixels), and whether it is the sandbox's sample
    data: a face compared with it was checked against no one's photo on file."""

    image: Any = field(repr=False)
    sample: bool = False


class Journey:
    def __init__(
        self,
        post: Post,
        desk: Desk | None = None,
        receipts: Receipts | None = None,
        *,
        office: Callable[[str, bytes], None] | None = None,
        fingerprint_sensor: Callable[[], Any] = lambda: None,
        verify_card_fingerprints: bool = False,
        acceptance_wait: float | None = None,
        staff: StaffService | None = None,
    ) -> None:
        """`desk`: None before the kiosk is enrolled (nothing can be sent). `receipts`: the
        receipt printer's side; None without one.
        `office`: prints a result document (content type, bytes), raising NotPrintedHere.
        `fingerprint_sensor`: the sensor once the devices run, else None.
        `verify_card_fingerprints`: check the live finger 1:1 against the ID card's
        fingerprint data ([devices] fingerprint_verify_card)."""
        self._post = post
        self._desk = desk
        self._receipts = receipts
        if receipts is not None:
            receipts.listen(self._print_state)
        self._office = office
        self._sensor = fingerprint_sensor
        self._verify_card = verify_card_fingerprints
        self._sensor_holds_someone = False  # a capture since the sensor was last cleared
        self._staff = staff  # who operates the kiosk for the resident (帮办), if anyone
        # Read at construction, not definition: a benchmark sets the module's value to 0.
        self._acceptance_wait = (
            ACCEPTANCE_WAIT_SECONDS if acceptance_wait is None else acceptance_wait
        )
        # Two: a fingerprint capture may take its minute while a look-up runs; the desk takes
        # its calls one at a time anyway. Each thread that lives all day keeps a malloc arena
        # (bench/journey.py: four threads held 20 MB more than two).
        self._pool = ThreadPoolExecutor(2, thread_name_prefix="journey")
        self._lock = threading.Lock()
        # Submissions waiting for the hub's number: outbox entry -> (session, callback, timer).
        self._waiting: dict[int, tuple[str, Callable[[Accepted], None], threading.Timer]] = {}
        self._listeners: list[JourneyListener] = []
        self._captures: set[threading.Event] = set()  # fingerprint captures under way
        self._in_flight = 0
        self._idle = threading.Condition(self._lock)
        self._closed = False

    def _mark(self, app: Application) -> None:
        if self._staff is not None:
            self._staff.mark(app)

    def listen(self, listener: JourneyListener) -> None:
        self._listeners.append(listener)

    @property
    def has_fingerprint_sensor(self) -> bool:
        return self._sensor() is not None

    # -- data sharing ------------------------------------------------------------------------

    def share(self, app: Application, done: Callable[[Refusal | None], None]) -> None:
        """Teach the application the applicant's shared records; `done(None)` once learnt,
        or done(why not)."""
        self._mark(app)
        desk = self._desk
        if desk is None:
            self._post(lambda: done(Refusal.OFFLINE))
            return
        self._run("data-sharing", lambda: desk.share(app), _refused(lambda _, why: done(why)))

    def reference_photo(self, app: Application, done: Callable[[Reference | None], None]) -> None:
        """人证比对's reference: the card holder's photo from data sharing, decoded here (a
        BGR image), done(Reference); done(None) when there is none, the hub is away or
        refuses, or the picture cannot be read: the camera then checks liveness only.
        Nothing of it is logged or written down."""
        self._mark(app)
        desk = self._desk
        if desk is None:
            self._post(lambda: done(None))
            return

        def work() -> Reference | None:
            from drivers.camera.verify import decode_reference  # OpenCV: loaded when needed

            answer = desk.reference_photo(app)
            if answer is None:
                return None
            photo, sample = answer
            image = decode_reference(photo)
            return None if image is None else Reference(image, sample)

        self._run("reference-photo", work, lambda reference, _error: done(reference))

    # -- submission and the acceptance number ------------------------------------------------

    def submit(
        self,
        app: Application,
        session_id: str,
        stored: Callable[[Submitted | None], None],
        accepted: Callable[[Accepted], None],
    ) -> None:
        """Write the application to the outbox: `stored(Submitted)` once it is durable (or
        stored(None) if it could not be written), then `accepted(...)` once the hub's number
        came, or the wait for it ran out."""
        self._mark(app)
        desk = self._desk
        if desk is None:
            self._post(lambda: stored(None))
            return

        def work() -> None:
            try:
                result = desk.submit(app, app.accepted_by, session_id)
            except Exception as e:
                log.error("the outbox could not take the application: %s", type(e).__name__)
                self._post(lambda: stored(None))
                return
            # Posted before anything about its number: the screens learn of the submission
            # first, whatever comes of the wait.
            self._post(lambda: stored(result))
            self._await_number(desk, result.entry_id, session_id, accepted)

        self._run("submit", work, _ignore)

    def _await_number(
        self, desk: Desk, entry_id: int, session_id: str, accepted: Callable[[Accepted], None]
    ) -> None:
        timer = threading.Timer(self._acceptance_wait, self._gave_up_waiting, (entry_id,))
        timer.daemon = True
        with self._lock:
            if self._closed:
                return
            self._waiting[entry_id] = (session_id, accepted, timer)
        timer.start()
        # Delivered before it was waited for (a quick hub): the outbox knows. The entry is
        # durable already; if the outbox cannot be read now, the number comes as usual.
        try:
            number = desk.acceptance_number(entry_id)
        except Exception as e:
            log.warning("the outbox could not be asked for a number: %s", type(e).__name__)
            return
        if number:
            self._number_came(entry_id, session_id, number)

    def delivered(self, delivered: Delivered) -> None:
        """The sync worker delivered an application (on its thread)."""
        self._number_came(delivered.id, delivered.session_id or "", delivered.acceptance_number)

    def _number_came(self, entry_id: int, session_id: str, number: str) -> None:
        with self._lock:
            waiting = self._waiting.pop(entry_id, None)
        if waiting is None:  # nobody waits any more: the receipt gave the local number
            self._tell(lambda listener: listener.accepted_late(session_id, number))
            return
        _, accepted, timer = waiting
        timer.cancel()
        desk = self._desk
        assert desk is not None  # a submission was waiting, so there is a desk

        def due() -> Accepted:
            try:
                return Accepted(number, desk.application(number).due_date)
            except DeskError:  # the number is what matters; the receipt says the limit
                return Accepted(number)

        self._run("acceptance", due, lambda result, _: accepted(result or Accepted(number)))

    def _gave_up_waiting(self, entry_id: int) -> None:
        with self._lock:
            waiting = self._waiting.pop(entry_id, None)
        if waiting is not None:
            accepted = waiting[1]
            self._post(lambda: accepted(Accepted()))

    def rate(self, entry_id: int, rating: RatingRequest, session_id: str) -> None:
        """Through the outbox too: a rating of an application still offline waits for it."""
        desk = self._desk
        if desk is not None:
            self._run("rating", lambda: desk.rate(entry_id, rating, session_id), _ignore)

    # -- papers --------------------------------------------------------------------------------

    def print_receipt(self, session: Session) -> None:
        if self._receipts is None:
            self._post(lambda: self._print_state(session.id, NO_PRINTER))
            return
        self._receipts.receipt(session)

    def reprint(self, session_id: str) -> None:
        if self._receipts is None:
            self._post(lambda: self._print_state(session_id, NO_PRINTER))
            return
        self._print_state_now(session_id, "printing")
        self._receipts.reprint(session_id)

    def print_guide(self, session: Session) -> None:
        """The one-time notice on the receipt printer; its states come as the receipt's do
        (print_state), NO_PRINTER without one."""
        if self._receipts is None:
            self._print_state_now(session.id, NO_PRINTER)
            return
        self._receipts.guide(session)

    def print_slip(self, session: Session, booking: Booking) -> None:
        if self._receipts is not None:
            self._receipts.slip(session, booking)

    def session_ended(self, session_id: str) -> None:
        """The resident has gone: a receipt still waiting for the printer is given up."""
        with self._lock:
            for entry_id in [e for e, w in self._waiting.items() if w[0] == session_id]:
                self._waiting.pop(entry_id)[2].cancel()
        if self._receipts is not None:
            self._receipts.end_session(session_id)

    def print_result(
        self, document_id: str, holder: Identity | None, done: Callable[[str], None]
    ) -> None:
        """A result document that is ready, fetched from the hub (the card holder's, from
        whichever kiosk applied) and printed on the office printer: done(print state)."""
        desk, office = self._desk, self._office
        if desk is None or office is None:
            self._post(lambda: done(NO_PRINTER))
            return

        def printed(_: None, error: Exception | None) -> None:
            if error is None:
                done("done")
            elif isinstance(error, NotPrintedHere):  # no A4 printer here, or not a PDF
                done(NO_OFFICE_PRINTER)
            else:
                done(refusal(error).value)

        self._run("result-document", lambda: office(*desk.document(document_id, holder)), printed)

    # -- a returning resident, appointments ------------------------------------------------

    def applications_of(
        self, holder: Identity, done: Callable[[list[ApplicationView] | None, Refusal | None], None]
    ) -> None:
        self._ask("progress", lambda desk: desk.applications_of(holder), done)

    def slots(
        self, onething_id: str, done: Callable[[list[Slot] | None, Refusal | None], None]
    ) -> None:
        self._ask("slots", lambda desk: desk.slots(onething_id), done)

    def book(
        self,
        slot_id: str,
        onething_id: str,
        applicant: Applicant,
        done: Callable[[Booking | None, Refusal | None], None],
    ) -> None:
        self._ask("book", lambda desk: desk.book(slot_id, onething_id, applicant), done)

    # -- the fingerprint (on site) ---------------------------------------------------------

    def capture_fingerprint(
        self,
        on_step: Callable[[str], None],
        done: Callable[[Any, str], None],
        card_fingerprints: bytes = b"",
    ) -> threading.Event | None:
        """Two presses on the sensor: on_step(step) as it goes, done(fingerprint, "") or
        done(None, what failed). `card_fingerprints`: the applicant's ID card's fingerprint
        data, to check the finger against 1:1 where this kiosk's sensor can. The event
        cancels it; None when there is no sensor."""
        sensor = self._sensor()
        if sensor is None:
            return None
        from drivers.fingerprint.enrol import card_templates, enrol

        cancel = threading.Event()
        with self._lock:
            self._captures.add(cancel)
            self._sensor_holds_someone = True
        references = card_templates(card_fingerprints) if self._verify_card else []

        def work() -> Any:
            try:
                return enrol(
                    sensor,
                    lambda step: self._post(lambda: on_step(step.value)),
                    cancel=cancel,
                    references=references,
                )
            finally:
                with self._lock:
                    self._captures.discard(cancel)

        def finished(result: Any, error: Exception | None) -> None:
            done(result, "" if error is None else type(error).__name__)

        self._run("fingerprint-capture", work, finished)
        return cancel

    def clear_sensor(self, done: Callable[[bool], None] = lambda ok: None) -> None:
        """At the end of a session: overwrite what the sensor holds of the resident (its
        character and image buffers), if anyone's finger was taken since the last time.
        done(True) once cleared, done(False) if it could not be (said in the log)."""
        sensor = self._sensor()
        with self._lock:
            if sensor is None or not self._sensor_holds_someone:
                return
            self._sensor_holds_someone = False

        def finished(_: Any, error: Exception | None) -> None:
            if error is not None:
                log.warning("the fingerprint sensor could not be cleared: %s", type(error).__name__)
                with self._lock:
                    self._sensor_holds_someone = True  # try again at the next session's end
            done(error is None)

        self._run("fingerprint-clear", sensor.wipe, finished)

    # -- for shutdown and tests ------------------------------------------------------------

    def wait(self, timeout: float = 10.0) -> bool:
        """Let the work handed over finish: True if it did within `timeout`."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Take no more work, cut a fingerprint capture short, let what is under way finish
        (up to `timeout`), and forget the submissions still waiting for their number."""
        with self._lock:
            self._closed = True
            for cancel in self._captures:
                cancel.set()
        if not self.wait(timeout):
            log.warning("the journey's work did not finish within %.0f s; left behind", timeout)
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            for _, _, timer in self._waiting.values():
                timer.cancel()
            self._waiting.clear()
        if self._receipts is not None:
            self._receipts.close()

    # -- plumbing ----------------------------------------------------------------------------

    def _print_state(self, session_id: str, state: str) -> None:
        """From the receipts (already on the screens' thread)."""
        self._tell_now(lambda listener: listener.print_state(session_id, state))

    def _print_state_now(self, session_id: str, state: str) -> None:
        self._post(lambda: self._print_state(session_id, state))

    def _tell(self, what: Callable[[JourneyListener], None]) -> None:
        self._post(lambda: self._tell_now(what))

    def _tell_now(self, what: Callable[[JourneyListener], None]) -> None:
        for listener in list(self._listeners):
            what(listener)

    def _ask(
        self,
        name: str,
        question: Callable[[Desk], Any],
        done: Callable[[Any, Refusal | None], None],
    ) -> None:
        """A question for the hub through the desk: done(answer, None) or done(None, why
        not), "offline" at once when the kiosk is not enrolled."""
        desk = self._desk
        if desk is None:
            self._post(lambda: done(None, Refusal.OFFLINE))
            return
        self._run(name, lambda: question(desk), _refused(done))

    def _run(self, name: str, work: Callable[[], Any], done: Callable[[Any, Any], None]) -> None:
        """`work` on a worker; then, through post, done(result, None) or done(None, the
        exception). Nothing, once closed."""
        with self._lock:
            if self._closed:
                return
            self._in_flight += 1

        def target() -> None:
            error: Exception | None = None
            result = None
            try:
                result = work()
            except Exception as e:  # told to the screens in their terms, never raised
                # The kind only: a validation error's text quotes the values, personal ones too.
                log.warning("%s failed: %s", name, type(e).__name__)
                error = e
            try:
                self._post(lambda: done(result, error))
            finally:
                with self._idle:
                    self._in_flight -= 1
                    self._idle.notify_all()

        try:
            self._pool.submit(target)
        except RuntimeError:  # shut down between the check and here
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()


def refusal(error: BaseException) -> Refusal:
    """What the screens say went wrong: a card the hub did not accept and a rate limit are
    not the network being down, and a resident must not be told they were."""
    return error.refusal if isinstance(error, DeskError) else Refusal.OFFLINE


def _refused(done: Callable[[Any, Refusal | None], None]) -> Callable[[Any, Any], None]:
    """A callback of (result, refusal) from one of (result, exception)."""
    return lambda result, error: done(result, None if error is None else refusal(error))


def _ignore(*_: object) -> None:
    pass
