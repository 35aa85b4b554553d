"""The application's screens (form, signature, review, submission, receipt, rating) for QML.

Presentation glue: the core's Application and Session hold the rules, services.journey does
the work beyond the screen (the hub, the outbox, the printer) and posts its results back to
this thread; this object reads them out and turns touches into moves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk import signature
from kiosk.application import Application, Step
from kiosk.catalog.model import FieldKind, localized
from kiosk.codes import read_code
from kiosk.contract import (
    Applicant,
    ApplicationView,
    Booking,
    Delivery,
    FaceBand,
    FaceCheck,
    RatingRequest,
)
from kiosk.contract import Slot as TimeSlot
from kiosk.form import Source
from kiosk.ids import InvalidNumber, validate_credit_code
from kiosk.masking import Personal, field_on_screen, on_screen
from kiosk.session import ErrorKind, Screen
from kiosk.timelimit import time_limit_days
from services.desk import Refusal, Submitted
from services.journey import Accepted, Journey, Reference
from ui.qtjson import json_property
from ui.viewmodel import KioskViewModel

# The bands of a face compared with a reference photo (no_face and no_reference compared none).
COMPARED = frozenset({FaceBand.STRONG, FaceBand.MATCH, FaceBand.NO_MATCH})

BAD_RATING_REASONS = (
    "等待时间长",
    "操作复杂看不懂",
    "材料要求不清楚",
    "设备出了故障",
    "工作人员服务不好",
)


# The guide's print states after which its job says no more: any later state of the
# session's papers is another paper's.
_GUIDE_OVER = frozenset({"done", "expired", "error", "no_printer"})


class JourneyViewModel(QObject):
    changed = Signal()
    printChanged = Signal()

    def __init__(self, kiosk: KioskViewModel, journey: Journey, parent: QObject | None = None):
        super().__init__(parent)
        self._kiosk = kiosk
        self._journey = journey
        self._generation = 0  # bumped by every wipe: late results of a gone session drop
        self._share_serial = 0  # each look-up's own: a late answer to an old one drops
        self._sample_reference = False  # the reference photo is the sandbox's sample data
        self._sharing = "idle"  # idle / pending / done / a Refusal's value
        self._signed = False
        self._strokes: list[signature.Stroke] = []
        self._print_state = ""
        self._guide_state = ""  # the printed one-time notice's, shown on the notice screen
        self._guide_printing = False  # its job still has states to tell
        self._kiosk_shown_problems = False  # problems show once the resident tried to go on
        # Elderly mode's pages: the questions whose page she tried to leave with 下一步.
        self._kiosk_shown_problems_of: set[str] = set()
        self._last_screen: Screen | None = None
        self._progress: dict[str, Any] = {"state": "idle", "applications": []}
        self._slots: dict[str, Any] = {"state": "idle", "days": []}
        self._booking: dict[str, Any] = {}
        self._credit_problem = ""
        self.camera = None  # set by attach_camera
        kiosk.sessionChanged.connect(self._on_session)
        kiosk.sessionWiped.connect(self._on_wiped)
        self._session_id = kiosk.session.id  # the session these screens serve
        journey.listen(self)

    # -- session hooks -----------------------------------------------------------------------

    @property
    def kiosk(self) -> KioskViewModel:
        return self._kiosk

    @property
    def _session(self):
        return self._kiosk.session

    @property
    def application(self) -> Application | None:
        return self._session.application

    def _on_wiped(self) -> None:
        ended, self._session_id = self._session_id, self._session.id
        self._journey.session_ended(ended)
        self._generation += 1
        self._share_serial += 1
        self._sample_reference = False
        self._progress = {"state": "idle", "applications": []}
        self._slots = {"state": "idle", "days": []}
        self._booking = {}
        self._credit_problem = ""
        self._sharing = "idle"
        self._strokes = []
        self._signed = False
        self._print_state = ""
        self._guide_state = ""
        self._guide_printing = False
        self._kiosk_shown_problems = False  # the next resident starts without red errors
        self._kiosk_shown_problems_of = set()
        self.changed.emit()
        self.printChanged.emit()

    def _on_session(self) -> None:
        app = self.application
        # An enterprise's records are looked up once its credit code is known.
        if (
            app is not None
            and self._sharing == "idle"
            and (app.credit_code or not app.is_enterprise)
        ):
            self._start_sharing(app)
        screen = self._session.screen
        if screen is Screen.PROGRESS and screen is not self._last_screen:
            self._load_progress()
        if screen is Screen.APPOINTMENT and screen is not self._last_screen:
            self._load_slots()
        self._last_screen = screen
        self.changed.emit()

    def _start_sharing(self, app: Application) -> None:
        self._sharing = "pending"
        self._share_serial += 1
        self._sample_reference = False
        serial = self._share_serial
        self._journey.share(app, lambda why: self._shared(serial, why))

    def _shared(self, serial: int, why: Refusal | None) -> None:
        if serial != self._share_serial:  # another session's, or another enterprise's
            return
        self._sharing = "done" if why is None else why.value
        self.changed.emit()
        app = self.application
        camera = self.camera
        if (
            why is None
            and app is not None
            and camera is not None
            and camera.compares_faces
            and Step.PHOTO in app.steps()
        ):
            # 人证比对: the card holder's photo on file, to compare the face with at the ID
            # photo; none (or no hub) and the camera checks liveness only. Asked for only
            # when it will be used.
            self._journey.reference_photo(app, lambda ref: self._reference(serial, ref))

    def _reference(self, serial: int, reference: Reference | None) -> None:
        if serial != self._share_serial or self.camera is None:  # a session gone since
            return
        # In memory; the camera drops it at the session's end.
        if reference is None:
            self.camera.set_reference(None)
        else:
            self.camera.set_reference(reference.image, sample=reference.sample)
        self._sample_reference = reference is not None and reference.sample

    def shared_for_render(self, answer: str = "done") -> None:
        """Renders teach the application sample records themselves: say what sharing
        answered (done, or a Refusal's value)."""
        self._sharing = answer
        self.changed.emit()

    # -- the form ----------------------------------------------------------------------------

    def _t(self, obj: Any, name: str) -> str:
        return localized(obj, name, self._kiosk.language)

    def _get_fields(self) -> list[dict[str, Any]]:
        app = self.application
        if app is None:
            return []
        problems = app.problems(date.today())
        if not self._kiosk_shown_problems:
            problems = {k: v for k, v in problems.items() if k in self._kiosk_shown_problems_of}
        out = []
        for f in app.onething.form:
            known = app.known.get(f.id)
            value = known.value if known else app.typed.get(f.id, "")
            options = list(f.options)
            shown_options = (
                list(f.options_en) if self._kiosk.language == "en" and f.options_en else options
            )
            out.append(
                {
                    "id": f.id,
                    "label": self._t(f, "label"),
                    "hint": self._t(f, "hint"),
                    "kind": f.kind.value,
                    "options": options,
                    "optionLabels": shown_options,
                    "required": f.required,
                    "value": value,
                    "shown": field_on_screen(f, value),
                    "personal": bool(f.personal),
                    "known": known is not None,
                    "source": known.source.value if known else Source.TYPED.value,
                    "recordName": known.record_name if known else "",
                    "problem": problems.get(f.id, "") if not known else "",
                    "maxLength": f.max_length,
                }
            )
        return out

    @Slot(str, str)
    def setValue(self, field_id: str, value: str) -> None:
        app = self.application
        if app is None or field_id in app.known:
            return
        app.typed[field_id] = value
        self._kiosk.touched()
        # A typed answer is not sent back: re-reading the fields would rebuild the form and
        # take the keyboard away mid-word. Choices and dates show their selection.
        kind = next((f.kind for f in app.onething.form if f.id == field_id), None)
        if kind in (FieldKind.CHOICE, FieldKind.DATE):
            self.changed.emit()

    @Slot(result=bool)
    def hasAnswers(self) -> bool:
        """Whether leaving now would throw away something the resident gave: an answer
        typed or chosen, a photo, a fingerprint, a scanned document or a signature."""
        app = self.application
        if app is None:
            return False
        return bool(
            any(v.strip() for v in app.typed.values())
            or app.photo
            or app.fingerprint is not None
            or app.documents
            or app.signature
            or self._strokes
        )

    @Slot(result=bool)
    def formDone(self) -> bool:
        """On from the form when every asked answer is right; else show what is not."""
        app = self.application
        if app is None or self._session.screen is not Screen.FORM:
            return False
        self._kiosk_shown_problems = True
        if app.problems(date.today()):
            self.changed.emit()
            return False
        self._kiosk_shown_problems = False
        self._kiosk_shown_problems_of = set()
        self._kiosk.move("next_step")
        return True

    @Slot("QVariantList", result=bool)
    def pageDone(self, field_ids: list[Any]) -> bool:
        """On from one page of the elderly form when its questions are answered right; else
        show what is wrong on that page only (the later pages' errors wait for their turn)."""
        app = self.application
        if app is None or self._session.screen is not Screen.FORM:
            return False
        ids = {str(i) for i in field_ids}
        self._kiosk.touched()
        if ids & app.problems(date.today()).keys():
            self._kiosk_shown_problems_of |= ids
            self.changed.emit()
            return False
        if self._kiosk_shown_problems_of & ids:  # put right: the marks go as she goes on
            self._kiosk_shown_problems_of -= ids
            self.changed.emit()
        return True

    def _get_sharing(self) -> str:
        return self._sharing

    def _get_materials(self) -> list[dict[str, Any]]:
        app = self.application
        if app is None:
            return []
        return [
            {"id": m.id, "name": self._t(m, "name"), "state": "form" if m.form else how}
            for m, how in app.received()
        ]

    # -- captures: the photo and paper materials (the camera's view model does the seeing) ----

    def attach_camera(self, camera) -> None:
        camera.materialFinished.connect(self._material_finished)
        self.camera = camera

    @Slot()
    def photoAccepted(self) -> None:
        """The resident keeps the photo the camera took."""
        app, photo = self.application, self.camera.photo if self.camera else None
        if app is None or photo is None or self._session.screen is not Screen.PHOTO:
            return
        app.photo = photo.jpeg()
        face = self.camera.face_result if self.camera else None
        app.face_check = (
            FaceCheck(
                band=FaceBand(face.band),
                liveness=face.liveness,
                # Said where it is recorded, so that a sandbox's match is never taken for a
                # real check: only a comparison made with the sample photo is marked.
                sample_reference=self._sample_reference and face.band in COMPARED,
            )
            if face
            else None
        )
        # Later, not now: the screen whose button called this is unloaded by the move.
        self._later(0, lambda: self._move_from(Screen.PHOTO))

    def _move_from(self, screen: Screen) -> None:
        if self._session.screen is screen:
            self._kiosk.move("next_step")

    def _paper_index(self) -> int:
        app = self.application
        if app is None:
            return -1
        return next(
            (
                i
                for i, m in enumerate(app.paper())
                if m.id not in app.documents and m.id not in app.later
            ),
            -1,
        )

    def _get_paper(self) -> dict[str, Any]:
        app = self.application
        index = self._paper_index()
        if app is None or index < 0:
            return {}
        paper = app.paper()
        m = paper[index]
        return {
            "id": m.id,
            "name": self._t(m, "name"),
            "note": self._t(m, "note"),
            "index": index + 1,
            "count": len(paper),
        }

    def _material_finished(self, material) -> None:
        app = self.application
        index = self._paper_index()
        if app is None or index < 0 or self._session.screen is not Screen.DOCUMENTS:
            return
        app.documents[app.paper()[index].id] = material.pdf()
        self._later(0, self._next_paper)

    @Slot()
    def handInLater(self) -> None:
        """The resident has not brought this paper: it is handed in at a window later."""
        app = self.application
        index = self._paper_index()
        if app is None or index < 0 or self._session.screen is not Screen.DOCUMENTS:
            return
        app.later.add(app.paper()[index].id)
        if self.camera is not None:
            self.camera.newMaterial()  # pages taken of this one do not go into the next
        self._next_paper()

    def _next_paper(self) -> None:
        if self._session.screen is not Screen.DOCUMENTS:
            return
        if self._paper_index() < 0:
            self._kiosk.move("next_step")
        else:
            self.changed.emit()

    # -- commitments and the signature -------------------------------------------------------

    def _get_commitments(self) -> list[dict[str, str]]:
        app = self.application
        if app is None:
            return []
        return [{"name": self._t(m, "name"), "text": m.commitment_text} for m in app.commitments()]

    @Slot("QVariantList")
    def addStroke(self, points: list) -> None:
        stroke = [(float(p["x"]), float(p["y"])) for p in points if "x" in p and "y" in p]
        if stroke:
            self._strokes.append(stroke)
            self._kiosk.touched()
            self.changed.emit()

    @Slot()
    def clearSignature(self) -> None:
        self._strokes = []
        self.changed.emit()

    def _get_signature_ok(self) -> bool:
        return signature.is_signature(self._strokes)

    def _get_strokes(self) -> list:
        return [[{"x": x, "y": y} for x, y in s] for s in self._strokes]

    @Slot(result=bool)
    def signDone(self) -> bool:
        app = self.application
        if (
            app is None
            or self._session.screen is not Screen.SIGN
            or not signature.is_signature(self._strokes)
        ):
            return False
        app.signature = signature.to_png(self._strokes)
        self._signed = True
        self._kiosk.move("next_step")
        return True

    # -- review and submission ---------------------------------------------------------------

    def _get_review(self) -> dict[str, Any]:
        app = self.application
        if app is None:
            return {}
        situation = self._t(app.situation, "name")
        delivery = app.delivery or Delivery(method="post", address=app.post_address())
        return {
            "onething": self._t(app.onething, "name"),
            "situation": situation,
            "items": [self._t(app.onething.item(i), "name") for i in app.situation.items],
            "days": time_limit_days(app.onething, app.situation),
            "delivery": delivery.method,
            "address": on_screen(Personal.ADDRESS, delivery.address),
            "place": self._kiosk.kiosk_place(),
            "photo": bool(app.photo),
            "signed": bool(app.signature),
            # 代办: who applies for the card holder, masked, with the relation.
            "agent": app.agent.words() if app.agent is not None else "",
        }

    @Slot(str)
    def setDelivery(self, method: str) -> None:
        app = self.application
        if app is None or method not in ("post", "pickup"):
            return
        app.delivery = (
            Delivery(method="post", address=app.post_address()[:300])
            if method == "post"
            else Delivery(method="pickup", place=self._kiosk.kiosk_place()[:300])
        )
        self.changed.emit()

    @Slot()
    def submit(self) -> None:
        app = self.application
        if app is None or self._session.screen is not Screen.REVIEW:
            return
        if app.delivery is None:
            self.setDelivery("post")
        self._kiosk.move("submitting")
        generation, session_id = self._generation, self._session.id
        self._journey.submit(
            app,
            session_id,
            lambda result: self._submitted(generation, result),
            lambda accepted: self._accepted(generation, accepted),
        )

    def _submitted(self, generation: int, result: Submitted | None) -> None:
        if generation != self._generation:
            return
        if result is None:  # not enrolled, or the outbox could not be written
            self._kiosk.fail(ErrorKind.SUBMIT)
            return
        self._session.submitted(result.local_number, result.entry_id, result.progress_token)

    def _accepted(self, generation: int, accepted: Accepted) -> None:
        if generation != self._generation:
            return
        if accepted.number:
            self._session.accepted(accepted.number, accepted.due_date)
        if self._session.screen is Screen.SUBMITTING:
            self._kiosk.move("show_receipt")
            self._print_receipt()
        self.changed.emit()

    def accepted_late(self, session_id: str, number: str) -> None:
        """The hub's number came after the receipt gave the local one."""
        if session_id == self._session.id and not self._session.acceptance_number:
            self._session.accepted(number)
            self.changed.emit()

    def _get_submission(self) -> dict[str, Any]:
        s = self._session
        app = s.application
        return {
            "local": s.local_number,
            "number": s.receipt_number,
            "offline": s.offline,
            "onething": self._t(app.onething, "name") if app else "",
            "days": time_limit_days(app.onething, app.situation) if app else 0,
            "due": s.due_date.isoformat() if s.due_date else "",
            "delivery": app.delivery.method if app and app.delivery else "",
            "progressUrl": self._kiosk.progress_url(s.progress_token),
        }

    # -- the receipt -------------------------------------------------------------------------

    def _print_receipt(self) -> None:
        self._guide_printing = False  # what is told from now on is the receipt's
        self._journey.print_receipt(self._session)

    def print_state(self, session_id: str, state: str) -> None:
        """A paper of this session changed (another session's, printing after its owner
        left, is not this resident's business). The one-time notice's states are its own,
        until its job is over: the receipt screen must not say a notice printed."""
        if session_id != self._session.id:
            return
        if self._guide_printing:
            self._guide_printing = state not in _GUIDE_OVER
            self._guide_state = state
            self.printChanged.emit()
            return
        self.set_print_state(state)

    def set_print_state(self, state: str) -> None:
        self._print_state = state
        self.printChanged.emit()

    def _get_print_state(self) -> str:
        return self._print_state

    def _get_guide_state(self) -> str:
        return self._guide_state

    @Slot()
    def printGuide(self) -> None:
        """The one-time notice (the simplified guide) on the receipt printer, to take home."""
        if self._session.screen is not Screen.NOTICE or self._guide_printing:
            return
        self._guide_printing = True
        self._guide_state = "printing"
        self.printChanged.emit()
        self._journey.print_guide(self._session)

    @Slot()
    def reprint(self) -> None:
        if self._session.screen is not Screen.RECEIPT:
            return
        self._journey.reprint(self._session.id)

    @Slot()
    def toRating(self) -> None:
        if self._session.screen is Screen.RECEIPT:
            self._kiosk.move("to_rating")

    # -- rating (好差评) ----------------------------------------------------------------------

    def _get_bad_reasons(self) -> list[str]:
        return list(BAD_RATING_REASONS)

    @Slot(int, "QVariantList", result=bool)
    def rate(self, level: int, reasons: list) -> bool:
        s = self._session
        if s.screen is not Screen.RATING or s.outbox_entry is None:
            return False
        try:
            rating = RatingRequest(level=level, reasons=[str(r) for r in reasons])
        except ValueError:
            return False  # a bad rating needs a reason: the screen asks for one
        self._journey.rate(s.outbox_entry, rating, s.id)
        s.rating_done()
        self._kiosk.home()
        return True

    @Slot()
    def skipRating(self) -> None:
        if self._session.screen is Screen.RATING:
            self._kiosk.home()

    # -- the enterprise (its credit code, typed or from an e-business licence) -------------

    @Slot(str, result=bool)
    def setCreditCode(self, text: str) -> bool:
        """The code typed, or read from a licence's QR code; on to the form when it is right."""
        app = self.application
        if app is None or self._session.screen is not Screen.ENTERPRISE:
            return False
        try:
            code = validate_credit_code(text)
        except InvalidNumber:
            self._credit_problem = "bad_credit_code"
            self.changed.emit()
            return False
        self._credit_problem = ""
        if code != app.credit_code:
            app.change_enterprise(code)  # nothing learnt of another enterprise stays
            self._share_serial += 1  # and a look-up still running for it is ignored
            self._sharing = "idle"
        self._kiosk.move("next_step")  # sharing starts on the move, now the code is known
        return True

    @Slot(str, result=bool)
    def scanned(self, text: str) -> bool:
        """A QR code the camera read on the enterprise step."""
        code = read_code(text)
        if code is None or code.kind != "licence":
            self._credit_problem = "not_a_licence"
            self.changed.emit()
            return False
        return self.setCreditCode(code.value)

    def _get_credit_problem(self) -> str:
        return self._credit_problem

    # -- 查询打印: a returning resident's applications ----------------------------------------

    def _load_progress(self) -> None:
        identity = self._session.identity
        if identity is None:
            self._progress = {"state": Refusal.OFFLINE.value, "applications": []}
            return
        self._progress = {"state": "loading", "applications": []}
        generation = self._generation
        self._journey.applications_of(
            identity, lambda views, why: self._progress_loaded(generation, views, why)
        )

    def _progress_loaded(
        self, generation: int, views: list[ApplicationView] | None, why: Refusal | None
    ) -> None:
        if generation != self._generation:
            return
        if why is not None or views is None:
            self._progress = {"state": (why or Refusal.OFFLINE).value, "applications": []}
        else:
            self._progress = {"state": "ready", "applications": [self._view(v) for v in views]}
        self.changed.emit()

    def _view(self, v) -> dict[str, Any]:
        catalog = self._kiosk.catalog
        try:
            name = self._t(catalog.onething(v.onething_id), "name")
        except StopIteration:
            name = v.onething_id
        return {
            "number": v.acceptance_number,
            "name": name,
            "state": v.state.value,
            "due": v.due_date.isoformat(),
            # The kiosk's day, as on its receipts (the hub answers in UTC).
            "submitted": v.submitted_at.astimezone(self._kiosk.config.kiosk.now().tzinfo)
            .date()
            .isoformat(),
            "items": [{"name": i.name, "state": i.state.value} for i in v.items],
            "documents": [{"id": d.id, "name": self._document_name(v, d)} for d in v.documents],
            "reason": v.reason,
        }

    def _document_name(self, view, document) -> str:
        """A result by what it is for: the single items of the flow step that made it (the
        sandbox and many departments name the file after the step), else its file name."""
        try:
            onething = self._kiosk.catalog.onething(view.onething_id)
        except StopIteration:
            return document.name
        stem = document.name.rsplit(".", 1)[0]
        step = next((f for f in onething.flow if f.id == stem), None)
        if step is None or not step.items:
            return document.name
        return "、".join(self._t(onething.item(i), "name") for i in step.items)

    def _get_progress(self) -> dict[str, Any]:
        return self._progress

    @Slot()
    def reloadProgress(self) -> None:
        self._load_progress()
        self.changed.emit()

    @Slot(str)
    def printDocument(self, document_id: str) -> None:
        """A result document that is ready: fetched from the hub (the card holder's, from
        whichever kiosk applied), printed on the office printer."""
        generation = self._generation
        self.set_print_state("printing")
        self._journey.print_result(
            document_id,
            self._session.identity,
            lambda state: self._result_printed(generation, state),
        )

    def _result_printed(self, generation: int, state: str) -> None:
        if generation == self._generation:
            self.set_print_state(state)

    # -- 预约 (§6.1.2) ------------------------------------------------------------------------

    def _load_slots(self) -> None:
        onething = self._session.onething
        if onething is None:
            self._slots = {"state": "offline", "days": []}
            return
        self._slots = {"state": "loading", "days": []}
        generation = self._generation
        self._journey.slots(
            onething.id, lambda slots, why: self._slots_loaded(generation, slots, why)
        )

    def _slots_loaded(
        self, generation: int, slots: list[TimeSlot] | None, why: Refusal | None
    ) -> None:
        if generation != self._generation:
            return
        if why is not None or slots is None:
            self._slots = {"state": "offline", "days": []}
        else:
            days: dict[str, list[dict[str, Any]]] = {}
            for slot in slots:
                days.setdefault(slot.day.isoformat(), []).append(
                    {
                        "id": slot.id,
                        "window": slot.window,
                        "time": f"{slot.start}–{slot.end}",
                        "free": max(0, slot.capacity - slot.booked),
                    }
                )
            self._slots = {
                "state": "ready",
                "days": [{"day": d, "slots": v} for d, v in sorted(days.items())],
            }
        self.changed.emit()

    def _get_slots(self) -> dict[str, Any]:
        return self._slots

    @Slot(str)
    def book(self, slot_id: str) -> None:
        s = self._session
        if s.screen is not Screen.APPOINTMENT or s.identity is None:
            return
        applicant = Applicant(number=s.identity.id_number, name=s.identity.name)
        generation = self._generation
        self._booking = {"state": "booking"}
        self.changed.emit()
        self._journey.book(
            slot_id,
            s.onething_id or "",
            applicant,
            lambda booking, why: self._booked(generation, booking, why),
        )

    def _booked(self, generation: int, booking: Booking | None, why: Refusal | None) -> None:
        if generation != self._generation:
            return
        if why is not None or booking is None:
            self._booking = {"state": "failed"}
        else:
            self._booking = {
                "state": "booked",
                "code": booking.code,
                "window": booking.slot.window,
                "day": booking.slot.day.isoformat(),
                "time": f"{booking.slot.start}–{booking.slot.end}",
            }
            self._journey.print_slip(self._session, booking)
        self.changed.emit()

    def _get_booking(self) -> dict[str, Any]:
        return self._booking

    # -- properties --------------------------------------------------------------------------

    fields = property(_get_fields)

    fieldsJson = json_property(_get_fields, changed)
    sharing = Property(str, _get_sharing, notify=changed)
    materials = property(_get_materials)
    materialsJson = json_property(_get_materials, changed)
    commitments = property(_get_commitments)
    commitmentsJson = json_property(_get_commitments, changed)
    signatureOk = Property(bool, _get_signature_ok, notify=changed)
    strokes = property(_get_strokes)
    strokesJson = json_property(_get_strokes, changed)
    review = property(_get_review)
    reviewJson = json_property(_get_review, changed)
    submission = property(_get_submission)
    submissionJson = json_property(_get_submission, changed)
    printState = Property(str, _get_print_state, notify=printChanged)
    guideState = Property(str, _get_guide_state, notify=printChanged)
    badReasons = Property("QVariantList", _get_bad_reasons, constant=True)
    creditProblem = Property(str, _get_credit_problem, notify=changed)
    paper = property(_get_paper)
    paperJson = json_property(_get_paper, changed)
    progress = property(_get_progress)
    progressJson = json_property(_get_progress, changed)
    slots = property(_get_slots)
    slotsJson = json_property(_get_slots, changed)
    booking = property(_get_booking)
    bookingJson = json_property(_get_booking, changed)

    # -- for tests ---------------------------------------------------------------------------

    def wait(self, timeout: float = 10.0) -> None:
        self._journey.wait(timeout)

    def _later(self, ms: int, fn) -> None:
        QTimer.singleShot(ms, fn)
