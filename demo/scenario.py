"""The birth journey, scripted end to end: the fastest way to see the product work, and a test.

A sandbox hub on loopback (sample data, departments handled automatically), the ID-card
module on a pty, the camera reading a photograph from a file, the receipt printer on TCP,
and the kiosk offscreen. A resident taps through: the card, the birth one-thing, the
question, the notice, the form, the photo, the signature, the review, submission, the receipt,
the rating, and takes the card back; then comes back to follow the progress. Every screen is
saved as a PNG, with the printed receipt and the hub's progress page.
"""

from __future__ import annotations

import itertools
import json
import logging
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from central.process import HubProcess
from demo.render import BIRTH_ANSWERS
from drivers.idreader.samples import SAMPLE_RESIDENTS
from drivers.printer.sim import SimulatedPrinter
from kiosk.catalog.load import load_catalog
from kiosk.config import Config, load_config
from kiosk.credentials import write_secret

log = logging.getLogger(__name__)

MOTHER = "id:1"  # the sample resident who is the newborn's mother
STAFF = 4  # the sample resident who is the community staff member helping her (帮办)
STAFF_ID, STAFF_NAME, STAFF_PIN = "1024", "王丽华", "2468"


class ScenarioFailed(Exception):
    """A step did not happen; str() says which, and what the screen was."""


@dataclass
class Scenario:
    out: Path
    shots: list[Path] = field(default_factory=list)
    receipt: Path | None = None
    acceptance_number: str = ""
    progress_url: str = ""  # what the receipt's QR code and the screen's lead a phone to
    progress_page: Path | None = None
    waited: dict[str, float] = field(default_factory=dict)  # seconds the kiosk kept her waiting
    hub_record: dict = field(default_factory=dict)  # what the hub holds of the application
    results: list[Path] = field(default_factory=list)  # result documents printed (as PDFs)
    receipt_text: str = ""  # what the receipt says, when printed as text (native mode)
    # The shots whose top bar offered 读一读 and 静音 (every kiosk screen should).
    voice_buttons: list[str] = field(default_factory=list)


@contextmanager
def journey_kiosk(
    tmp: Path, *, elderly: bool = False, language: str = "zh_CN", printer_mode: str = "auto"
):
    """A kiosk as a terminal runs it, offscreen, with everything it talks to: the sandbox
    hub (departments handled at once), the ID module, the camera seeing a portrait, the TCP
    printer. Yields the walk that taps through it."""
    from demo.devices import DemoDevices
    from ui.app import kiosk_running, prepare_environment

    prepare_environment(offscreen=True)
    hub = HubProcess(tmp / "hub", auto_handle=0.2).start()
    devices = DemoDevices(tmp)
    try:
        config = devices.configure(_config(tmp, hub, elderly, language))
        config = config.model_copy(
            update={"printer": config.printer.model_copy(update={"mode": printer_mode})}
        )
        write_secret(config.token_path(), hub.enrol(config.kiosk.id, config.kiosk.name))
        with kiosk_running(config, load_catalog(), windowed=True) as kiosk:
            walk = _Walk(kiosk, devices, Scenario(tmp / "shots"))
            walk.hub, walk.printer_sim = hub, devices.printer
            walk.result.out.mkdir(parents=True, exist_ok=True)
            yield walk
    finally:
        devices.stop()
        hub.stop()


def run_birth_journey(
    out: Path,
    *,
    elderly: bool = False,
    language: str = "zh_CN",
    hub_down_at_submit: bool = False,
    paper_out_at_receipt: bool = False,
    assisted: bool = False,
) -> Scenario:
    """The birth journey; optionally with the hub unreachable when she submits (accepted
    offline, the local number replaced once the hub is back) or the printer out of paper at
    the receipt (she is told; it prints when paper is loaded)."""
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-journey-") as tmp,
        journey_kiosk(
            Path(tmp),
            elderly=elderly,
            language=language,
            # Text on paper, so that the receipt's 受理人员 can be read back.
            printer_mode="native" if assisted else "auto",
        ) as walk,
    ):
        walk.result.out = out
        walk.hub_down_at_submit = hub_down_at_submit
        walk.paper_out_at_receipt = paper_out_at_receipt
        if assisted:
            walk.staff_sign_in()
        walk.birth()
        result = walk.result
        result.receipt = _copy_receipt(walk.printer_sim, out)
        result.progress_page = _progress_page(result.progress_url, out)
        result.hub_record = hub_record(walk.hub, result.acceptance_number)
        if assisted:
            result.receipt_text = _receipt_text(walk.printer_sim)
            walk.staff_sign_out()
    return result


ELDER, DAUGHTER = "id:5", "id:6"  # 代办: the daughter applies for her mother


def run_proxy_journey(out: Path) -> Scenario:
    """代办: a daughter applies for her mother's benefits for older people. The mother's card
    is read, then the daughter's; she says she is the daughter; the photo is the mother's;
    the review and the receipt name both, masked, and the hub holds both."""
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-journey-") as tmp,
        journey_kiosk(Path(tmp), printer_mode="native") as walk,
    ):
        walk.result.out = out
        walk.proxy()
        result = walk.result
        result.receipt = _copy_receipt(walk.printer_sim, out)
        result.receipt_text = _receipt_text(walk.printer_sim)
        result.hub_record = hub_record(walk.hub, result.acceptance_number, rated=False)
    return result


class _Walk:
    """The resident's taps, and a picture of every screen on the way."""

    def __init__(self, kiosk, devices, result: Scenario) -> None:
        self.kiosk = kiosk
        self.vm = kiosk.viewmodel
        self.journey = kiosk.journey
        self.camera = kiosk.journey.camera
        self.devices = devices
        self.result = result
        self.hub = self.printer_sim = None
        self.hub_down_at_submit = self.paper_out_at_receipt = False

    def birth(self) -> None:
        vm, journey = self.vm, self.journey
        self.wait(lambda: vm.readersReady >= 1, "the ID-card reader is ready", 15)
        self.shot("attract")
        self.tap("personalButton")
        self.tap("stage_birth")
        self.shot("browse")
        self.tap("onething_birth")
        self.shot("question")
        self.tap("option0")
        self.shot("notice")
        self.tap("startButton")
        self.shot("identify")
        self.devices.place(MOTHER)
        self.wait(lambda: vm.screen == "confirm", "the card is read", 15)
        self.shot("confirm")
        self.tap("confirmButton")
        self.timed("sharing", lambda: journey.sharing in ("done", "offline"), "data sharing")
        if journey.sharing != "done":
            raise ScenarioFailed("data sharing did not answer: the sandbox hub is not reachable")
        self.shot("form")
        self.tap("choice_relation_0")
        self.tap("choice_child-sex_1")
        for field_id, value in BIRTH_ANSWERS.items():
            if field_id not in ("relation", "child-sex"):  # those two were tapped above
                journey.setValue(field_id, value)  # typed on the on-screen keyboard
        self.shot("form-filled")
        self.leave_form()
        self.wait(lambda: vm.screen == "photo", "the photo step", 5)
        self.wait(lambda: self.camera.photoTaken, "the photo takes itself", 20)
        self.shot("photo")
        self.tap("confirmPhotoButton")
        self.wait(lambda: vm.screen == "sign", "the signature step", 5)
        self.sign()
        self.shot("sign")
        self.tap("nextButton")
        self.wait(lambda: vm.screen == "review", "the review", 5)
        self.tap("deliveryPost")
        self.shot("review")
        if self.hub_down_at_submit:
            self.hub.stop()
        if self.paper_out_at_receipt:
            self.printer_sim.paper_out()
        self.tap("submitButton")
        self.timed("submission", lambda: vm.screen == "receipt", "the receipt screen", 20)
        if self.paper_out_at_receipt:
            self.wait(lambda: journey.printState == "paper_out", "the paper-out message", 20)
            self.shot("receipt-paper-out")
            self.printer_sim.paper_in()  # staff load a new roll
        if self.hub_down_at_submit:
            self.wait(lambda: journey.printState == "done", "the offline receipt printed", 20)
            if not journey.submission.get("offline"):
                raise ScenarioFailed("the hub was down, yet the receipt has no local number")
            self.shot("receipt-offline")
            self.hub.start()  # the network is back: the outbox delivers by itself
            self.wait(
                lambda: not journey.submission.get("offline"),
                "the hub's number replacing the local one",
                60,
            )
        self.timed("printing", lambda: journey.printState == "done", "the receipt printed", 30)
        self.result.acceptance_number = journey.submission.get("number", "")
        self.result.progress_url = journey.submission.get("progressUrl", "")
        if not self.result.acceptance_number.startswith("YJS-"):
            raise ScenarioFailed(f"no acceptance number from the hub: {journey.submission}")
        self.shot("receipt")
        self.leave_receipt()
        self.tap("level5")
        self.shot("rating")
        self.tap("rateButton")
        self.wait(lambda: vm.screen == "take_card", "the card reminder", 5)
        self.shot("take-card")
        self.devices.take()
        self.wait(lambda: vm.screen == "attract", "back on the attract screen", 10)
        self.shot("end")
        self.progress()

    def leave_receipt(self) -> None:
        """下一步 on the receipt screen, unless its own timer has already moved on to the rating
        (a long wait for the hub, as in the hub-down walk, outlasts the receipt's seconds)."""
        if self.vm.screen == "receipt":
            try:
                self.tap("nextButton")
            except ScenarioFailed:
                if self.vm.screen != "rating":
                    raise
        self.wait(lambda: self.vm.screen == "rating", "the rating", 5)

    def staff_sign_in(self) -> None:
        """A community staff member signs in with her own card and PIN before helping."""
        register_staff(self.hub, SAMPLE_RESIDENTS[STAFF - 1].id_number)
        staff = self.kiosk.staff
        self.wait(lambda: self.vm.readersReady >= 1, "the ID-card reader is ready", 15)
        self.tap("staffSignInButton")
        self.shot("staff-card")
        self.devices.place(f"id:{STAFF}")
        self.wait(lambda: staff.step == "pin", "the staff card is read", 15)
        for digit in STAFF_PIN:
            self.tap(f"pinKey_{digit}")
        self.shot("staff-pin")
        self.tap("pinKey_OK")
        self.wait(lambda: staff.signedIn, "the staff sign-in", 15)
        self.devices.take()
        self.wait(lambda: not self.vm.session.cards, "the staff card taken", 10)
        self.shot("staff-signed-in")

    def staff_sign_out(self) -> None:
        self.tap("staffSignOutButton")
        self.wait(lambda: not self.kiosk.staff.signedIn, "the staff sign-out", 10)
        self.shot("staff-signed-out")

    def proxy(self) -> None:
        vm, journey = self.vm, self.journey
        self.wait(lambda: vm.readersReady >= 1, "the ID-card reader is ready", 15)
        self.tap("personalButton")
        self.tap("stage_elderly-care")
        self.tap("onething_elderly-allowances")
        for option in ("option0", "option1", "option1"):  # 60 or over, neither, not yet 80
            self.tap(option)
        self.shot("notice")
        self.tap("startButton")
        self.devices.place(ELDER)
        self.wait(lambda: vm.screen == "confirm", "the mother's card is read", 15)
        self.shot("confirm-elderly")
        self.tap("declineElderlyButton")  # her daughter reads the screen for her
        self.tap("agentButton")
        self.shot("agent-card")
        self.devices.place(DAUGHTER)
        self.wait(lambda: json.loads(vm.agentJson)["read"], "the daughter's card is read", 15)
        self.tap("relation_child")
        self.shot("agent")
        self.tap("confirmButton")
        self.wait(lambda: vm.screen == "photo", "the photo step", 10)
        self.wait(lambda: self.camera.photoTaken, "the photo takes itself", 20)
        self.tap("confirmPhotoButton")
        # The mother signs the authorisation (授权委托书) on screen.
        self.wait(lambda: vm.screen == "sign", "the signature step", 10)
        self.sign()
        self.shot("sign")
        self.tap("nextButton")
        self.wait(lambda: vm.screen == "review", "the review", 10)
        self.tap("deliveryPost")
        self.shot("review")
        self.tap("submitButton")
        self.timed("submission", lambda: vm.screen == "receipt", "the receipt screen", 20)
        self.timed("printing", lambda: journey.printState == "done", "the receipt printed", 30)
        self.result.acceptance_number = journey.submission.get("number", "")
        if not self.result.acceptance_number.startswith("YJS-"):
            raise ScenarioFailed(f"no acceptance number from the hub: {journey.submission}")
        self.shot("receipt")

    def progress(self) -> None:
        """She comes back later: the card, 查询打印, each item's state."""
        vm, journey = self.vm, self.journey
        self.tap("progressButton")
        self.devices.place(MOTHER)
        self.wait(lambda: vm.screen == "confirm", "the card is read again", 15)
        self.tap("confirmButton")
        self.wait(
            lambda: (
                journey.progress.get("state") == "ready"
                and all(
                    a["state"] == "completed"
                    for a in journey.progress.get("applications", [])
                    if a["number"] == self.result.acceptance_number
                )
            ),
            "the application completed by the departments",
            30,
            poll=lambda: journey.reloadProgress(),
        )
        self.shot("progress")
        # 查询打印: the first result document that is ready, on the A4 printer.
        mine = next(
            a
            for a in journey.progress["applications"]
            if a["number"] == self.result.acceptance_number
        )
        if not mine["documents"]:
            raise ScenarioFailed("the completed application has no result document to print")
        self.tap(f"printDocument_{mine['documents'][0]['id']}")
        self.wait(lambda: journey.printState == "done", "the result document printed", 20)
        self.shot("result-printed")
        for n, pdf in enumerate(sorted(self.devices.results.glob("*.pdf")), start=1):
            self.result.results.append(Path(shutil.copy(pdf, self.result.out / f"result-{n}.pdf")))
        self.kiosk.viewmodel.home()
        self.devices.take()
        self.wait(lambda: vm.screen == "attract", "back on the attract screen", 10)

    def enterprise(self) -> str:
        """The owner of a small shop closes it: 企业注销, the individual business. The
        enterprise comes from its e-business licence's QR code; returns the 受理编号."""
        from kiosk.catalog.model import answers_to

        vm, journey = self.vm, self.journey
        self.wait(lambda: vm.readersReady >= 1, "the ID-card reader is ready", 15)
        self.tap("enterpriseButton")
        self.tap("stage_closure")
        self.tap("onething_company-deregistration")
        onething = vm.catalog.onething("company-deregistration")
        for index in answers_to(onething, "individual"):
            self.tap(f"option{index}")
        self.tap("startButton")
        self.devices.place(MOTHER)
        self.wait(lambda: vm.screen == "confirm", "the card is read", 15)
        self.tap("confirmButton")
        self.wait(lambda: vm.screen == "enterprise", "the enterprise step", 5)
        self.shot("enterprise")
        self.devices.show_camera("qr-licence")  # she holds up the licence's QR code
        self.tap("scanLicenceButton")
        self.wait(lambda: vm.screen == "form", "the licence read from its QR code", 20)
        self.timed("sharing", lambda: journey.sharing in ("done", "offline"), "data sharing")
        self.shot("enterprise-form")
        self.tap("choice_reason_2")
        self.tap("choice_licence-returned_0")
        journey.setValue("phone", "13800138000")
        self.devices.show_camera("page")  # the licence laid on the desk under the camera
        self.tap("nextButton")
        self.wait(lambda: vm.screen == "documents", "the paper materials step", 5)
        self.wait(lambda: self.camera.guidance == "page_ok", "the page found", 30)
        self.tap("capturePageButton")
        self.wait(lambda: len(self.camera.pages) == 1, "the page taken", 10)
        self.shot("enterprise-documents")
        self.tap("finishMaterialButton")
        self.wait(lambda: journey.paper.get("index") != 1, "the next material", 5)
        while vm.screen == "documents":  # the other papers go to the window
            self.tap("handInLaterButton")
        self.wait(lambda: vm.screen == "review", "the review", 5)
        self.shot("enterprise-review")
        self.tap("deliveryPickup")
        self.tap("submitButton")
        self.wait(lambda: vm.screen == "receipt", "the receipt screen", 20)
        self.wait(lambda: journey.printState == "done", "the receipt printed", 20)
        number = journey.submission.get("number", "")
        self.tap("nextButton")
        self.tap("skipButton")
        self.devices.take()
        self.wait(lambda: vm.screen == "attract", "back on the attract screen", 10)
        return number

    def appointment(self) -> dict:
        """From the birth notice: a visit to the window booked instead; returns the booking."""
        vm, journey = self.vm, self.journey
        self.wait(lambda: vm.readersReady >= 1, "the ID-card reader is ready", 15)
        self.tap("personalButton")
        self.tap("stage_birth")
        self.tap("onething_birth")
        self.tap("option0")
        self.tap("appointmentButton")
        self.devices.place(MOTHER)
        self.wait(lambda: vm.screen == "confirm", "the card is read", 15)
        self.tap("confirmButton")
        self.wait(
            lambda: vm.screen == "appointment" and journey.slots.get("state") == "ready",
            "the time slots",
            10,
        )
        free = [s for day in journey.slots["days"] for s in day["slots"] if s["free"] > 0]
        if not free:
            raise ScenarioFailed("the sandbox hub offers no free time slot")
        self.shot("appointment")
        self.tap(f"slot_{free[0]['id']}")
        self.wait(lambda: journey.booking.get("state") == "booked", "the booking", 10)
        self.wait(lambda: journey.printState == "done", "the slip printed", 20)
        self.shot("appointment-booked")
        return dict(journey.booking)

    def leave_form(self) -> None:
        """下一步 until the form is left: in elderly mode it turns the form's pages first."""
        vm = self.vm
        form = self.kiosk.find("screenLoader").property("item")
        for _ in range(1 + (form.property("pageCount") or 1)):
            page = form.property("page")
            self.tap("nextButton")
            # The screen is checked first: once it has changed, the form may be gone.
            self.wait(
                lambda page=page: vm.screen != "form" or form.property("page") != page,
                "下一步 to turn the page or leave the form",
                5,
            )
            if vm.screen != "form":
                return

    # -- the resident's hands ------------------------------------------------------------------

    def tap(self, name: str) -> None:
        self.settle()
        item = self.kiosk.find(name)
        if item is None or not item.isVisible():
            raise ScenarioFailed(f"no '{name}' to tap on the {self.vm.screen} screen")
        self.scroll_to(item)
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(
            self.kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        self.settle()

    def scroll_to(self, item) -> None:
        """Swipe the panel that holds `item` until it is in view, as she would."""
        parent = item.parentItem()
        while parent is not None and parent.property("contentY") is None:
            parent = parent.parentItem()
        if parent is None:
            return
        content = parent.property("contentItem")
        y = item.mapToItem(content, QPointF(0, 0)).y()
        top = max(0.0, parent.property("contentHeight") - parent.height())
        parent.setProperty("contentY", min(max(0.0, y - parent.height() / 3), top))
        self.settle()

    def sign(self) -> None:
        """Her name, drawn with a finger on the pad: a few strokes."""
        self.settle()
        pad = self.kiosk.find("signaturePad")
        w, h = pad.width(), pad.height()
        window = self.kiosk.window
        for stroke in (
            [(0.12, 0.55), (0.2, 0.35), (0.28, 0.6), (0.34, 0.4)],
            [(0.42, 0.5), (0.55, 0.3), (0.6, 0.65), (0.7, 0.45), (0.82, 0.55)],
        ):
            points = [pad.mapToScene(QPointF(x * w, y * h)).toPoint() for x, y in stroke]
            QTest.mousePress(
                window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0]
            )
            for a, b in itertools.pairwise(points):
                for i in range(1, 6):
                    QTest.mouseMove(
                        window,
                        QPoint(a.x() + (b.x() - a.x()) * i // 5, a.y() + (b.y() - a.y()) * i // 5),
                    )
            QTest.mouseRelease(
                window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
            )
            self.settle()
        if not self.journey.signatureOk:
            raise ScenarioFailed("the drawn signature was not taken")

    # -- waiting and looking -------------------------------------------------------------------

    def settle(self) -> None:
        for _ in range(5):
            self.kiosk.app.processEvents()
        # As the event loop would: unloaded screens are deleted, not kept for exec().
        self.kiosk.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def wait(self, done, what: str, timeout: float, poll=None) -> float:
        start = time.monotonic()
        last_poll = start
        while not done():
            if time.monotonic() - start > timeout:
                raise ScenarioFailed(
                    f"waited {timeout:g} s for {what}; the screen is {self.vm.screen}"
                )
            if poll is not None and time.monotonic() - last_poll > 1.0:
                poll()
                last_poll = time.monotonic()
            self.kiosk.app.processEvents()
            time.sleep(0.01)
        return time.monotonic() - start

    def timed(self, name: str, done, what: str, timeout: float = 15) -> None:
        self.result.waited[name] = self.wait(done, what, timeout)

    def shot(self, name: str) -> Path:
        self.settle()
        time.sleep(0.05)  # the camera's newest frame reaches the preview
        self.settle()
        path = self.result.out / f"{len(self.result.shots) + 1:02d}-{name}.png"
        if not self.kiosk.window.grabWindow().save(str(path)):
            raise ScenarioFailed(f"could not write {path}")
        self.result.shots.append(path)
        buttons = [self.kiosk.find(n) for n in ("readAloudButton", "muteButton")]
        if all(b is not None and b.isVisible() for b in buttons):
            self.result.voice_buttons.append(name)
        return path


def _config(tmp: Path, hub: HubProcess, elderly: bool, language: str) -> Config:
    base = load_config()
    return base.model_copy(
        update={
            "kiosk": base.kiosk.model_copy(
                update={"id": "journey-kiosk", "data_dir": str(tmp / "kiosk")}
            ),
            "hub": base.hub.model_copy(update={"url": hub.url, "heartbeat_seconds": 3600}),
            "ui": base.ui.model_copy(
                update={
                    "fullscreen": False,
                    "width": 1920,
                    "height": 1080,
                    # Silent, but the screens show the voice's buttons as a terminal's do.
                    "voice": "mock",
                    "elderly_mode": elderly,
                    "language": language,
                }
            ),
            "devices": base.devices.model_copy(update={"pcsc": False, "fingerprint": False}),
            "camera": base.camera.model_copy(update={"fps": 15}),
        }
    )


def register_staff(hub: HubProcess, card_number: str) -> None:
    """The staff member in the hub's registry, as `kioskctl staff add` puts her there."""
    import requests

    r = requests.post(
        f"{hub.url}/v1/admin/staff",
        headers={"Authorization": f"Bearer {hub.admin_token}"},
        json={
            "staff_id": STAFF_ID,
            "name": STAFF_NAME,
            "service_centre": "示例街道便民服务中心",
            "card_number": card_number,
            "pin": STAFF_PIN,
        },
        timeout=30,
    )
    if r.status_code != 201:
        raise ScenarioFailed(f"the staff member could not be registered: {r.text}")


def _receipt_text(printer_sim: SimulatedPrinter) -> str:
    receipts = [r for r in printer_sim.receipts if not r.spoiled]
    return receipts[0].text if receipts else ""


def _copy_receipt(printer_sim: SimulatedPrinter, out: Path) -> Path:
    """The one receipt printed (a paper-out leaves a torn-off piece, not a second receipt)."""
    receipts = [r for r in printer_sim.receipts if r.path is not None and not r.spoiled]
    if len(receipts) != 1:
        raise ScenarioFailed(f"the printer made {len(receipts)} receipts, not one")
    target = out / "receipt.png"
    shutil.copy(receipts[0].path, target)
    return target


def _progress_page(url: str, out: Path) -> Path:
    reply = requests.get(url, timeout=10)
    reply.raise_for_status()
    page = out / "progress.html"
    page.write_text(reply.text, encoding="utf-8")
    return page


def hub_record(hub: HubProcess, number: str, timeout: float = 30, rated: bool = True) -> dict:
    """What the hub stored: the form's fields, the shared materials referenced, the files
    uploaded, and the rating (which follows the application through the outbox)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from central.tables import Application, Document, Rating, SharedMaterialRef

    engine, _documents = hub.stored()
    deadline = time.monotonic() + timeout
    try:
        while True:
            with Session(engine) as db:
                app = db.scalars(
                    select(Application).where(Application.acceptance_number == number)
                ).one()
                rating = db.scalars(select(Rating).where(Rating.application_id == app.id)).first()
                if rating is not None or not rated or time.monotonic() > deadline:
                    return {
                        "form": sorted(app.form),
                        "form_values": dict(app.form),
                        "applicant": app.applicant_type,
                        "shared": sorted(
                            db.scalars(
                                select(SharedMaterialRef.material_id).where(
                                    SharedMaterialRef.application_id == app.id
                                )
                            )
                        ),
                        "uploaded": sorted(
                            db.scalars(
                                select(Document.material_id).where(
                                    Document.application_id == app.id, Document.kind == "material"
                                )
                            )
                        ),
                        "rating": rating.level if rating else None,
                        "state": app.state,
                        "accepted_by": app.accepted_by,
                        "agent": app.agent,
                    }
            time.sleep(0.3)
    finally:
        engine.dispose()
