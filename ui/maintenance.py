"""Maintenance mode's screens: the code pad, then one row per peripheral with 开始测试, its
verdict in plain words and the technical detail, 导出诊断包 and 退出维护. The work is
services.maintenance's, on its worker thread; the screens only show what it returns."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk import calibration
from services.doctor import NAMES, Check, card_seen
from services.maintenance import PRINTS, Exported, SignedIn, TestPrint, maintenance_tasks
from ui.presence import IDLE_CHECK_MS, PRESENCE
from ui.qtjson import json_property

if TYPE_CHECKING:
    from kiosk.identity import Identity
    from services.maintenance import Maintenance
    from services.tasks import Tasks

log = logging.getLogger(__name__)

# The USB stick's mount point, else the kiosk's data directory.
USB_MOUNTS = (Path("/media/usb"), Path("/mnt/usb"))
# The code pad (and the PIN step after a technician's card) closes by itself after this long
# untouched, and forgets the card's number: a technician called away does not leave a
# card number in memory nor the pad in residents' way (as ui.staff.PANEL_IDLE_S).
PANEL_IDLE_S = 60.0
_INVALID = object()  # a calibration the settings' own rules refuse (not a write failure)
# The signed-in menu signs out by itself after this long untouched (never while a test or an
# export runs): a technician who walks away does not leave calibration and USB export open to
# the next person at the kiosk.
MENU_IDLE_S = 300.0
# The fingerprint test's image (the technician's own finger) is shown this long after the
# test, then dropped from memory; the next test or signing out drops it sooner.
PRINT_SHOWN_S = 60.0


class MaintenanceViewModel(QObject):
    changed = Signal()
    # A camera's calibration was saved: (section, CameraSection) for the camera's view model.
    calibrated = Signal(str, object)

    def __init__(
        self,
        tasks: Tasks[Maintenance] | None,
        parent: QObject | None = None,
        post: Callable[[Callable[[], None]], None] | None = None,
        cameras: dict[str, Any] | None = None,
        office_printer: bool = False,
    ) -> None:
        super().__init__(parent)
        self._office_printer = office_printer
        self._tasks = tasks
        self._post = post
        self._prompt = ""  # what a test asks the technician to do now (the fingerprint's)
        # The cameras' calibration in force, as the camera screen shows it: section → settings.
        self._in_force: dict[str, dict[str, Any]] = {
            section: _settings(camera) for section, camera in (cameras or {}).items()
        }
        # What the calibration screen shows: in force, with the taps not saved yet over it.
        self._cameras: dict[str, dict[str, Any]] = dict(self._in_force)
        self._queued: dict[str, dict[str, Any]] = {}  # section → changes waiting their turn
        self._step = ""  # "", "code", "pin" (a technician's card was read), "menu"
        self._card = ""  # the technician card's number, between the card and the PIN
        self._busy = ""  # what is running: "sign_in", a check's name, "export"
        self._problem = ""  # a sign-in refusal's code (SignedIn.code), worded by the QML
        self._problem_count = 0
        self._exported = ""  # the bundle's file
        self._uploaded = ""  # the hub's id for it, or "" (then `uploadProblem` says why)
        self._upload_problem = ""
        self._results: dict[str, dict[str, Any]] = {}
        # The cameras to choose from on the calibration screen: None until enumerated.
        self._camera_choices: dict[str, Any] | None = None
        self._finding_cameras = False
        self._print: TestPrint | None = None  # the fingerprint test's image, memory only
        self._print_serial = 0
        self._print_shown = 0.0
        self.clock: Callable[[], float] = time.monotonic  # tests move it on
        self._panel_touched = 0.0
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_CHECK_MS)
        self._idle.timeout.connect(self._check_idle)
        self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in PRESENCE:
            self._panel_touched = self.clock()
        return False

    def _check_idle(self) -> None:
        now = self.clock()
        if self._print is not None and now - self._print_shown > PRINT_SHOWN_S:
            self._drop_print()
        if self._busy or self._finding_cameras:
            # Work running is not the technician gone: the idle time counts from its end.
            self._panel_touched = now
            return
        idle = now - self._panel_touched
        if self._step in ("code", "pin") and idle > PANEL_IDLE_S:
            log.info("the maintenance code pad closed after a while without a touch")
            self.cancel()  # the technician card's number goes with it
        elif self._step == "menu" and idle > MENU_IDLE_S:
            log.info("maintenance mode signed out after %d s without a touch", int(idle))
            self.signOut(reason="idle")

    # -- what QML reads -----------------------------------------------------------------------

    @Property(str, notify=changed)
    def step(self) -> str:
        return self._step

    @Property(str, notify=changed)
    def busy(self) -> str:
        return self._busy

    @Property(str, notify=changed)
    def prompt(self) -> str:
        return self._prompt

    @Property(str, notify=changed)
    def problem(self) -> str:
        return self._problem

    @Property(int, notify=changed)
    def problemCount(self) -> int:
        return self._problem_count

    @Property(str, notify=changed)
    def exported(self) -> str:
        return self._exported

    @Property(str, notify=changed)
    def uploaded(self) -> str:
        return self._uploaded

    @Property(str, notify=changed)
    def uploadProblem(self) -> str:
        return self._upload_problem

    @Property("QVariantList", notify=changed)
    def devices(self) -> list[dict[str, Any]]:
        return [
            {
                "name": n,
                **self._results.get(n, {"verdict": "", "code": "", "words": "", "detail": ""}),
            }
            for n in NAMES
        ]

    # -- what QML calls -----------------------------------------------------------------------

    def take_card(self, identity: Identity) -> bool:
        """While maintenance mode is open every card is its own: on the code pad, a
        technician's card (the PIN comes next); in the tests, the card the card test reads
        itself. None of them starts a resident's session."""
        if self._step == "":
            return False
        if self._step == "code" and not self._busy:
            self._card = identity.id_number
            self._panel_touched = self.clock()  # a minute for the PIN from the card
            self._set(step="pin", problem="")
        elif self._step == "menu" and self._busy != "card":
            # The ID module (and the card readers) as the running kiosk reads them; the
            # card test, while it runs, reads its card itself.
            check = card_seen(identity)
            self.show_result(check)
            if self._tasks is not None:
                self._tasks.run(lambda m: m.card_seen(check), lambda r: None)
        return True

    @Slot()
    def open(self) -> None:
        """The hidden corner on the attract screen."""
        if self._step == "":
            self._panel_touched = self.clock()
            self._set(step="code", problem="")

    @Slot()
    def cancel(self) -> None:
        if self._step in ("code", "pin"):
            self._card = ""
            self._set(step="", problem="")

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        if self._tasks is None or self._busy or self._step != "pin":
            return
        card = self._card
        self._set(busy="sign_in", problem="")
        self._tasks.run(lambda m: m.sign_in_card(card, pin), self._signed_in)

    @Slot(str)
    def enterCode(self, code: str) -> None:
        if self._tasks is None or self._busy:
            return
        self._set(busy="sign_in", problem="")
        self._tasks.run(lambda m: m.sign_in(code), self._signed_in)

    def _signed_in(self, result: object) -> None:
        if isinstance(result, SignedIn) and result.ok:
            self._results.clear()
            self._card = ""
            self._panel_touched = self.clock()  # the menu's idle time starts now
            self._set(busy="", step="menu", problem="", exported="", uploaded="", upload_problem="")
            self._tasks.run(lambda m: m.fleet_check(), self._fleet_checked)
        else:
            signed = result if isinstance(result, SignedIn) else SignedIn(False, "", code="error")
            self._problem_count = signed.count
            if self._step == "pin" and signed.code != "wrong_pin":
                self._card = ""  # this card will not do: back to the code pad
                self._step = "code"
            self._set(busy="", problem=signed.code or "error")

    def _fleet_checked(self, result: object) -> None:
        """The fleet line as the menu opens, unless a test of it came first."""
        if isinstance(result, Check) and self._step == "menu" and "fleet" not in self._results:
            self.show_result(result)

    @Slot(str)
    def test(self, name: str) -> None:
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._drop_print()
        self._set(busy=name, prompt="")
        if name == "fingerprint":  # its image comes with it
            self._tasks.run(
                lambda m: (m.test(name, self._prompted), m.take_print()), self._fingerprint_tested
            )
            return
        self._tasks.run(lambda m: m.test(name, self._prompted), lambda r: self._tested(name, r))

    def _fingerprint_tested(self, result: object) -> None:
        if isinstance(result, tuple):
            check, taken = result
            if isinstance(taken, TestPrint):
                self._print = taken
                self._print_serial += 1
                self._print_shown = self.clock()
            self._tested("fingerprint", check)
        else:
            self._tested("fingerprint", result)

    def _drop_print(self) -> None:
        if self._print is not None:
            self._print = None
            self.changed.emit()

    @Property(str, notify=changed)
    def fingerprintUrl(self) -> str:
        """The fingerprint test's last press (`image://maintenance/fingerprint/<n>`), "" when
        there is none (not tested, dropped after the test)."""
        return f"image://maintenance/fingerprint/{self._print_serial}" if self._print else ""

    fingerprintQuality = json_property(
        lambda self: _quality(self._print.quality) if self._print else {}, changed
    )

    def fingerprint_image(self) -> bytes | None:
        """For the image provider: the pixels, from memory."""
        taken = self._print
        return taken.image if taken is not None else None

    def _prompted(self, words: str) -> None:
        """From the worker: what the technician is to do now (said on this object's thread)."""
        if self._post is not None:
            self._post(lambda: self._set(prompt=words))

    @Slot(str)
    def printTest(self, what: str) -> None:
        """打印测试页 ("test_page"), 打印测试小票 ("sample_receipt") or the A4 printer's test
        page ("office_page"), on the worker; the printer's row shows the verdict."""
        if self._tasks is None or self._busy or self._step != "menu" or what not in PRINTS:
            return
        self._set(busy="printer", prompt="正在打印")
        self._tasks.run(lambda m: m.print_test(what), lambda r: self._tested("printer", r))

    @Property(bool, constant=True)
    def officePrinter(self) -> bool:
        """An A4 printer is configured: its test page is offered."""
        return self._office_printer

    @Slot(int)
    def setFingerprintBaud(self, baud: int) -> None:
        """Set the fingerprint sensor's link to `baud` once, and keep it (calibration)."""
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._set(busy="fingerprint", prompt="")
        self._tasks.run(
            lambda m: m.set_fingerprint_link(baud), lambda r: self._tested("fingerprint", r)
        )

    @Slot()
    def testAll(self) -> None:
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._set(busy="all")
        self._tasks.run(lambda m: m.test_all(), self._tested_all)

    def _tested_all(self, result: object) -> None:
        if isinstance(result, list):
            for check in result:
                if isinstance(check, Check):
                    self.show_result(check)
        self._set(busy="")

    def _tested(self, name: str, result: object) -> None:
        if isinstance(result, Check):
            self.show_result(result)
        else:
            self._results[name] = {"verdict": "fail", "code": "error", "words": "", "detail": ""}
        self._set(busy="", prompt="")

    def show_result(self, check: Check) -> None:
        self._results[check.name] = {
            "verdict": check.verdict.value,
            "code": check.code,
            "words": check.words,
            "detail": check.detail,
        }
        self.changed.emit()

    cameras = json_property(lambda self: self._cameras, changed)

    cameraDevices = json_property(
        lambda self: {
            "searching": self._finding_cameras,
            **(self._camera_choices or {"found": False, "choices": []}),
        },
        changed,
    )

    @Slot()
    def findCameras(self) -> None:
        """Enumerate the V4L2 cameras, on the worker (sysfs and an ioctl per node: never on
        the GUI thread); `cameraDevices` has them."""
        if self._tasks is None or self._finding_cameras or self._step != "menu":
            return
        self._finding_cameras = True
        self.changed.emit()
        self._tasks.run(lambda m: m.camera_devices(), self._found_cameras)

    def _found_cameras(self, result: object) -> None:
        self._finding_cameras = False
        if isinstance(result, tuple):
            found, choices = result
            self._camera_choices = {
                "found": found,
                "choices": [
                    {
                        "source": c.source,
                        "kind": c.kind,
                        "name": c.name,
                        "path": c.path,
                        "formats": list(c.formats),
                        "mjpg": c.mjpg,
                    }
                    for c in choices
                ],
            }
        else:  # the enumeration failed: nothing found, said plainly
            self._camera_choices = {"found": False, "choices": []}
        self.changed.emit()

    @Slot(str, str)
    def calibrate(self, section: str, changes_json: str) -> None:
        """Save one camera's calibration ("camera" or "document_camera") with the changes
        (JSON: rotation, mirror, crop, exposure, focus, white_balance, mjpg, source) over the
        one in force; in effect for the next photo or page, without a restart. A tap while
        one is being saved is not lost: it is shown at once and saved right after (a
        technician taps 旋转 twice and expects 180°); `problem` says why one was not saved."""
        if self._tasks is None or self._step != "menu" or section not in self._cameras:
            return
        try:
            changes = json.loads(changes_json)
        except ValueError:
            log.warning("a calibration change that is not JSON is ignored")
            return
        if not isinstance(changes, dict):
            return
        if self._busy and not self._busy.startswith("calibrate:"):
            self._set(problem="calibration.wait")  # a test or an export: said, not dropped
            return
        # Shown at once: the screen's next tap (rotation + 90, mirror toggled) builds on it.
        shown = self._cameras[section]
        self._cameras[section] = {**shown, **{k: v for k, v in changes.items() if k in shown}}
        if self._busy:
            self._queued[section] = {**self._queued.get(section, {}), **changes}
            self.changed.emit()
            return
        self._save_calibration(section, changes)

    def _save_calibration(self, section: str, changes: dict[str, Any]) -> None:
        self._set(busy=f"calibrate:{section}", problem="")

        def work(m):
            current = getattr(m.config, section)
            try:
                camera = type(current).model_validate({**current.model_dump(), **changes})
            except ValueError:  # pydantic's refusal: the settings, not the disk
                return _INVALID
            m.save_calibration(camera, section)  # raises when it could not be written
            return camera

        self._tasks.run(work, lambda r: self._calibrated(section, r))

    def _calibrated(self, section: str, result: object) -> None:
        if result is _INVALID or isinstance(result, Exception):
            if isinstance(result, Exception):
                log.warning("a camera calibration was not saved: %s", type(result).__name__)
            # What the screen shows goes back to what is in force; later taps built on the
            # refused one are not saved either.
            self._queued.clear()
            self._cameras = dict(self._in_force)
            code = "calibration.invalid" if result is _INVALID else "calibration.not_saved"
            self._set(busy="", problem=code)  # worded by the QML
            return
        self._in_force[section] = _settings(result)
        self._cameras[section] = {**_settings(result), **self._pending_shown(section)}
        self.calibrated.emit(section, result)
        if self._queued and self._step == "menu":
            following, changes = next(iter(self._queued.items()))
            del self._queued[following]
            self._save_calibration(following, changes)
        else:
            self._set(busy="")

    def _pending_shown(self, section: str) -> dict[str, Any]:
        shown = self._in_force[section]
        return {k: v for k, v in self._queued.get(section, {}).items() if k in shown}

    @Slot()
    def exportBundle(self) -> None:
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._set(busy="export", exported="", uploaded="", upload_problem="")

        def work(m) -> Exported:
            usb = next((p for p in USB_MOUNTS if p.is_dir()), m.config.data_dir() / "diagnostics")
            return m.export(usb)

        self._tasks.run(work, self._exported_to)

    def _exported_to(self, result: object) -> None:
        if isinstance(result, Exported):
            self._set(
                busy="",
                exported=str(result.path),
                uploaded=result.bundle_id,
                upload_problem=result.problem,
            )
        else:
            self._set(busy="", exported="", uploaded="", upload_problem="error")

    @Slot()
    def signOut(self, reason: str = "ok") -> None:
        """退出维护, or (`reason` "idle") the menu left untouched; audited either way."""
        if self._tasks is not None:
            self._tasks.run(lambda m: (m.sign_out(reason), m.deliver_soon()), lambda r: None)
        self._results.clear()
        self._print = None
        self._card = ""
        self._queued.clear()
        self._cameras = dict(self._in_force)
        self._set(step="", busy="", problem="", exported="", uploaded="", upload_problem="")

    def _set(self, **values: str) -> None:
        for key, value in values.items():
            setattr(self, f"_{key}", value)
        self.changed.emit()

    def close(self) -> None:
        self._idle.stop()
        if self._tasks is not None:
            self._tasks.close()


def _quality(quality: Any) -> dict[str, Any]:
    """drivers.fingerprint.enrol.Quality's measures, for the screen."""
    return {
        "verdict": quality.verdict.value,
        "area": round(quality.area, 2),
        "contrast": round(quality.contrast),
        "coherence": round(quality.coherence, 2),
        "period": round(quality.period, 1),
        "ridges": round(quality.ridge_share, 2),
        "spread": round(quality.spread, 2),
    }


def _settings(camera: Any) -> dict[str, Any]:
    data = camera.model_dump()
    return {k: data[k] for k in (*calibration.KEYS, "enabled")}


def build(
    config,
    post: Callable[[Callable[[], None]], None],
    parent: QObject,
    live=None,
    fingerprint_sensor: Callable[[], Any] = lambda: None,
    print_service: Callable[[], Any] = lambda: None,
):
    """`live`: the running kiosk's device states by name (KioskViewModel.device_state);
    `fingerprint_sensor`: its running sensor, if any; `print_service`: its print service."""
    from services.maintenance import Maintenance

    maintenance = Maintenance(
        config, live=live, fingerprint_sensor=fingerprint_sensor, print_service=print_service
    )
    cameras = {"camera": config.camera, "document_camera": config.document_camera}
    return MaintenanceViewModel(
        maintenance_tasks(maintenance, post),
        parent,
        post,
        cameras,
        office_printer=bool(config.printer.office_printer),
    )
