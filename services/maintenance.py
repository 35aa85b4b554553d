"""Maintenance mode at the kiosk, with no Qt: the technician signs in with a one-time code
from the hub (or, when the hub cannot be reached, the offline day code), runs the checks of
services.doctor, and every action is audited — kept in the kiosk's data directory and
delivered to the hub (`deliver`). The maintenance screens show what this returns."""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from kiosk import calibration
from kiosk.config import CameraSection, Config
from kiosk.contract import (
    MAX_DIAGNOSTIC_BYTES,
    DiagnosticUpload,
    MaintenanceEvent,
    MaintenanceReport,
    TechnicianSignIn,
)
from kiosk.devices import DeviceState
from kiosk.hubclient import HubClient, HubError
from kiosk.hubtoken import HubToken
from kiosk.maintenance import WrongCodes, day_code_matches
from services import doctor
from services.tasks import Tasks

log = logging.getLogger(__name__)

# Devices the running kiosk's drivers hold: tested by the state their driver reports, with
# the words for ready and for a fault.
LIVE = {"idreader": ("身份证阅读器正常", "身份证阅读器没有应答")}

# What a technician prints from the printer's row: its code and words when printed, when not.
PRINTS = {
    "test_page": (
        "printer.test_page",
        "测试页已打印",
        "printer.test_page_failed",
        "测试页没有打印",
    ),
    "sample_receipt": (
        "printer.sample_printed",
        "测试小票已打印",
        "printer.sample_failed",
        "测试小票没有打印",
    ),
    "office_page": (
        "printer.office_printed",
        "A4 测试页已送到 A4 打印机",
        "printer.office_failed",
        "A4 测试页没有打印",
    ),
}
# A test print kept in the queue until the printer recovers (paper loaded): it then prints.
QUEUED = ("printer.test_queued", "还没有打印：打印机缺纸或出错；装好纸后会自动打出这一张")


class PrintQueued(RuntimeError):
    """The printer cannot print now; the job waits in the queue and prints when it recovers."""


# How long a print from the maintenance screen waits for the spooler's verdict.
PRINT_WAIT_S = 60.0
# A job's states in services.spooler.JobUpdate that end the wait: printed, or not.
_JOB_OVER = {"done", "waiting", "unknown", "stopped", "expired"}


@dataclass(frozen=True)
class SignedIn:
    ok: bool
    words: str  # plain words (zh_CN) for a log or a shell; the screens word `code`
    session: str = ""  # the hub's session, or "offline-YYYYMMDD"
    # "signed_in", "signed_in_offline", "wrong_code" (`count`: tries left), "locked"
    # (`count`: minutes), "hub_locked"
    code: str = ""
    count: int = 0


@dataclass(frozen=True)
class CameraChoice:
    """A camera the calibration screen offers for a section's `source`: a V4L2 device found
    on this machine ("v4l2"), or a source configured but not among them: a picture or video
    file, as the simulator and CI use ("file"), or a device that is not there ("missing")."""

    source: str  # what the section's `source` is set to when chosen
    kind: str  # "v4l2", "file", "missing"
    name: str = ""  # the camera's own name (a V4L2 device's)
    path: str = ""  # /dev/videoN, or the file
    formats: tuple[str, ...] = ()  # FourCC codes, () when not known
    mjpg: bool | None = None  # offers MJPG; None when not known


def camera_choices(config: Config, found: list[Any]) -> tuple[bool, list[CameraChoice]]:
    """What the calibration screen lists: the V4L2 devices `found` (v4l2.devices()), then each
    camera's configured source that is not one of them; and whether any V4L2 device was
    found (none: the screen says so plainly)."""
    from drivers.camera.source import SourceSpec

    choices = [
        CameraChoice(d.config_source, "v4l2", d.name, d.path, d.formats, d.mjpg) for d in found
    ]
    known = {c.source for c in choices} | {c.path for c in choices}
    for section in calibration.SECTIONS:
        source = getattr(config, section).source
        spec = SourceSpec.parse(source)
        # A bare index ("1") is OpenCV's /dev/video1: named as the technician looks for it.
        path = f"/dev/video{spec.target}" if isinstance(spec.target, int) else source
        if source in known or path in known:
            continue
        known.add(source)
        there = spec.kind == "sequence" or Path(source).exists()
        kind = "file" if spec.is_file and there else "missing"
        choices.append(CameraChoice(source, kind, path=path))
    return bool(found), choices


@dataclass(frozen=True)
class Exported:
    """Where the diagnostic bundle went: the file (on the USB stick), and the hub's id for it,
    or why it is not at the hub ("unreachable", "refused", "too_large")."""

    path: Path
    bundle_id: str = ""
    problem: str = ""


@dataclass(frozen=True)
class TestPrint:
    """The last image the fingerprint test's presses uploaded, with its quality measures
    (drivers.fingerprint.enrol.assess): shown on the maintenance screen from memory, never
    written anywhere (it is the technician's own finger)."""

    image: bytes  # 8-bit greyscale, IMAGE_WIDTH × IMAGE_HEIGHT
    quality: Any  # drivers.fingerprint.enrol.Quality


class _Seeing:
    """The sensor as the test uses it, keeping the last image it uploads (the test's own
    presses: services.doctor reads them, judges them and drops them)."""

    def __init__(self, sensor: Any) -> None:
        self._sensor = sensor
        self.last: bytes | None = None

    def upload_image(self, *args: Any, **kwargs: Any) -> bytes:
        data = self._sensor.upload_image(*args, **kwargs)
        self.last = data
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sensor, name)


class Maintenance:
    def __init__(
        self,
        config: Config,
        *,
        client: HubClient | None = None,
        now: Callable[[], datetime] | None = None,
        live: Callable[[str], DeviceState | None] | None = None,
        fingerprint_sensor: Callable[[], Any] = lambda: None,
        print_service: Callable[[], Any] = lambda: None,
    ) -> None:
        """`fingerprint_sensor`: the kiosk's running sensor, if any (its test uses it rather
        than opening the port a second time); `print_service`: the kiosk's running print
        service (services.print_service), if any: a test print goes through its spooler, in
        turn with the residents' receipts, rather than open the printer beside it."""
        self.config = config
        # The running kiosk's own view of a device, when maintenance mode runs inside it: its
        # drivers hold the serial ports (exclusively), so a test must not open them again.
        self._live = live or (lambda name: None)
        self._inside_kiosk = live is not None
        self._fingerprint_sensor = fingerprint_sensor
        self._print_service = print_service
        self._jobs_heard: dict[int, Any] = {}  # a test print's job id → its last JobUpdate
        # A test print the printer could not print yet (out of paper): it prints once the printer
        # recovers, so another tap meanwhile adds no second copy.
        self._queued_test: int | None = None
        self._jobs_changed = threading.Condition()
        self._listening: Any = None  # the print service this listens to
        self._client = client or HubClient(config.hub.settings(), HubToken(config.token_path()))
        self._now = now or (lambda: datetime.now(UTC))
        self._wrong_codes: WrongCodes | None = None  # read from the trail at the first try
        self._lock = threading.Lock()
        self.session = ""
        self.audit_path = config.data_dir() / "maintenance-audit.jsonl"
        self.card_wait = 20.0  # seconds the card test waits for a card
        self._print: TestPrint | None = None  # the fingerprint test's last press

    @property
    def active(self) -> bool:
        return bool(self.session)

    @property
    def _wrong(self) -> WrongCodes:
        """Wrong codes since the last sign-in, those before a restart too: the trail keeps
        them (offline, where this bound is the only one, it is not delivered)."""
        if self._wrong_codes is None:
            trail = ((e.action, e.outcome, e.at) for e in self.pending())
            self._wrong_codes = WrongCodes.from_trail(trail, self._now())
        return self._wrong_codes

    # -- sign-in ------------------------------------------------------------------------------

    def sign_in(self, code: str) -> SignedIn:
        now = self._now()
        code = code.strip()
        locked = self._wrong.locked_until(now)
        if locked is not None:
            self._audit("", "sign_in", "locked")
            minutes = max(1, math.ceil((locked - now).total_seconds() / 60))
            return SignedIn(False, f"错误次数太多，请 {minutes} 分钟后再试", "", "locked", minutes)
        if not (code.isdigit() and len(code) == 8):
            return self._refused(now)
        try:
            view = self._client.technician_sign_in(code)
        except HubError as e:
            if e.status is not None:  # the hub answered: a wrong, used or expired code
                if e.status == 429:
                    self._audit("", "sign_in", "locked")
                    words = "错误次数太多，中心已暂停登录，请稍后再试"
                    return SignedIn(False, words, "", "hub_locked")
                return self._refused(now)
            return self._offline(code, now)
        self._wrong.clear()
        self.session = view.session
        self._audit(self.session, "sign_in", "ok")
        self.deliver_soon()  # what waited from an earlier visit (or refusals) goes now
        return SignedIn(True, "已进入维护模式", self.session, "signed_in")

    def sign_in_card(self, card_number: str, pin: str) -> SignedIn:
        """A technician's own card (registered at the hub as staff with the role technician)
        and PIN; the hub checks both and bounds wrong PINs. Without the hub a card cannot be
        checked: the day code is for that."""

        try:
            TechnicianSignIn(card_number=card_number, pin=pin)
        except ValueError:
            self._audit("", "sign_in_card", "bad_input")
            return SignedIn(False, "这张卡不是技术人员的卡", code="not_technician")
        try:
            view = self._client.technician_sign_in(card_number=card_number, pin=pin)
        except HubError as e:
            if e.status is None:
                self._audit("", "sign_in_card", "offline")
                words = "连不上中心，不能刷卡登录：请用当日离线码"
                return SignedIn(False, words, code="card_offline")
            self._audit("", "sign_in_card", e.code[:64] or "refused")
            if e.code == "wrong_pin":
                left = e.tries_left or 0
                words = f"密码不对，还可以试 {left} 次"
                return SignedIn(False, words, code="wrong_pin", count=left)
            if e.code == "staff_locked":
                words = "密码错误次数太多，这张卡暂时不能登录"
                return SignedIn(False, words, code="card_locked")
            return SignedIn(False, "这张卡不是技术人员的卡", code="not_technician")
        self._wrong.clear()
        self.session = view.session
        self._audit(self.session, "sign_in_card", "ok")
        self.deliver_soon()
        return SignedIn(True, "已进入维护模式", self.session, "signed_in")

    def _offline(self, code: str, now: datetime) -> SignedIn:
        secret = self._secret()
        today = now.astimezone(ZoneInfo(self.config.kiosk.timezone)).date()
        if secret is None or not day_code_matches(secret, self.config.kiosk.id, today, code):
            return self._refused(now, offline=True)
        self._wrong.clear()
        self.session = f"offline-{today:%Y%m%d}"
        self._audit(self.session, "sign_in", "ok_offline")
        words = "连不上中心，已用当日离线码进入维护模式"
        return SignedIn(True, words, self.session, "signed_in_offline")

    def _refused(self, now: datetime, offline: bool = False) -> SignedIn:
        left = self._wrong.wrong(now)
        self._audit("", "sign_in", "wrong_code_offline" if offline else "wrong_code")
        return SignedIn(False, f"维护码不对，还可以试 {left} 次", "", "wrong_code", left)

    def _secret(self) -> bytes | None:
        path = self.config.maintenance_secret_path()
        try:
            secret = path.read_bytes().strip()
        except OSError:
            return None
        return secret or None

    def sign_out(self, reason: str = "ok") -> None:
        """`reason`: "ok" (the technician's 退出维护) or "idle" (the menu was left untouched)."""
        if self.session:
            self._audit(self.session, "sign_out", reason)
        self.session = ""

    # -- the checks ---------------------------------------------------------------------------

    def test(self, name: str, on_step: Callable[[str], None] = lambda words: None) -> doctor.Check:
        """One peripheral's check, audited; only in maintenance mode. The fingerprint sensor's:
        port, baud, packet size, handshake, then the technician's own finger pressed twice
        (each press's quality), matched 1:1 and against its template downloaded into the
        sensor; `on_step` says what to do meanwhile."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        state = self._live(name) if name in LIVE else None
        if name == "card":  # the technician's own card, read once
            check = doctor.read_card(self.config, wait=self.card_wait, idreader=self._module())
        elif name == "fingerprint":  # the running kiosk's sensor, or the configured port
            check = self._timed(lambda: self._fingerprint_test(on_step))
        elif state is not None:
            check = doctor.from_state(name, state, *LIVE[name])
            check = replace(check, detail=f"as the running kiosk's driver sees it: {check.detail}")
        elif name == "voice":  # the technician listens: a sentence in each language
            check = doctor.check_voice(self.config, say=True)
        elif name == "idreader" and (held := self._module()) is not None:
            check = held  # inside the kiosk, its driver has not reported yet: its port
        else:
            (check,) = doctor.run_checks(self.config, [name])
        self._audit(self.session, f"test:{name}", check.verdict.value)
        self._report()
        return check

    def fleet_check(self) -> doctor.Check:
        """The fleet configuration's line, shown as the menu opens (no tap needed): a stale
        or refused configuration is a warning staff must not have to look for. Files only."""
        return doctor.check_fleet(self.config)

    def _fingerprint_test(self, on_step: Callable[[str], None]) -> doctor.Check:
        """doctor's enrolment test, on a sensor that keeps the last image uploaded: the
        screen shows it (`take_print`)."""
        self._print = None
        running = self._fingerprint_sensor()
        sensor = running if running is not None else self._own_sensor()
        if sensor is None:  # no port configured: doctor says so
            return doctor.check_fingerprint(self.config, enrol=True, on_step=on_step)
        seeing = _Seeing(sensor)
        try:
            check = doctor.check_fingerprint(
                self.config, enrol=True, sensor=seeing, on_step=on_step
            )
        finally:
            if running is None:
                sensor.close()
        if seeing.last is not None:
            from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH, unpack_image
            from drivers.fingerprint.enrol import assess

            pixels = unpack_image(seeing.last)
            if len(pixels) == IMAGE_WIDTH * IMAGE_HEIGHT:  # a short upload: nothing to show
                self._print = TestPrint(pixels, assess(pixels))
        return check

    def _own_sensor(self) -> Any:
        """The sensor on the configured port, opened by the test (as doctor would open it)."""
        d = self.config.devices
        if not (d.fingerprint_port or d.fingerprint_probe_ports):
            return None
        from drivers.fingerprint.driver import FingerprintSensor

        return FingerprintSensor(
            port=d.fingerprint_port or None,
            probe_ports=d.fingerprint_probe_ports,
            baud=d.fingerprint_baud,
            packet_size=d.fingerprint_packet_size,
            attempts=1,
        )

    def take_print(self) -> TestPrint | None:
        """The fingerprint test's last image, handed over once (then gone from here)."""
        taken, self._print = self._print, None
        return taken

    def _module(self) -> doctor.Check | None:
        """The ID module as the running kiosk's driver sees it (None: no running kiosk, the
        card test asks the module on its port)."""
        state = self._live("idreader")
        if state is None:
            d = self.config.devices
            configured = d.idreader and (d.idreader_port or d.idreader_probe_ports)
            if self._inside_kiosk and configured:  # its driver holds the port, not reported yet
                detail = "running kiosk's driver has not reported the module yet"
                return doctor.Check.of("idreader", doctor.Verdict.WARN, "busy", detail)
            return None
        check = doctor.from_state("idreader", state, *LIVE["idreader"])
        return replace(check, detail=f"running kiosk's driver: {check.detail}")

    def card_seen(self, check: doctor.Check) -> None:
        """A card the kiosk's own drivers read during maintenance (doctor.card_seen), audited."""
        if self.session:
            self._audit(self.session, f"test:{check.name}", check.verdict.value)
            self._report()

    def test_all(self) -> list[doctor.Check]:
        """Every peripheral's check at once (the card readers listed, no card read), each
        audited."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        checks = self._all_checks()
        for check in checks:
            self._audit(self.session, f"test:{check.name}", check.verdict.value)
        self._report()
        return checks

    def _all_checks(self) -> list[doctor.Check]:
        """doctor.run_checks, except what the running kiosk's drivers hold: the ID module by
        its driver's state, the fingerprint sensor through the kiosk's own (a second open of
        a port they hold exclusively would fail and blame a healthy device)."""
        checks = []
        for name in doctor.NAMES:
            state = self._live(name) if name in LIVE else None
            if state is not None:
                check = doctor.from_state(name, state, *LIVE[name])
                check = replace(
                    check, detail=f"as the running kiosk's driver sees it: {check.detail}"
                )
            elif name == "idreader" and (held := self._module()) is not None:
                check = held  # inside the kiosk, its driver has not reported yet
            elif name == "fingerprint" and (sensor := self._fingerprint_sensor()) is not None:
                check = self._timed(lambda: doctor.check_fingerprint(self.config, sensor=sensor))
            else:
                (check,) = doctor.run_checks(self.config, [name])
            checks.append(check)
        return checks

    def set_fingerprint_link(self, baud: int, packet_size: int | None = None) -> doctor.Check:
        """Set the fingerprint sensor's link once (SetSysPara), proved, and kept in the
        kiosk's calibration (kiosk.calibration); audited."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        check = self._timed(
            lambda: doctor.check_fingerprint(
                self.config,
                set_baud=baud,
                packet_size=packet_size,
                sensor=self._fingerprint_sensor(),
            )
        )
        if check.verdict is doctor.Verdict.OK:
            devices = self.config.devices.model_copy(
                update={"fingerprint_baud": baud}
                | ({"fingerprint_packet_size": packet_size} if packet_size else {})
            )
            self.config = self.config.model_copy(update={"devices": devices})
        self._audit(self.session, f"calibrate:fingerprint:{baud}", check.verdict.value)
        return check

    def print_test(self, what: str) -> doctor.Check:
        """打印测试页 (the receipt printer's test page), 打印测试小票 (a sample acceptance
        notice marked 测试, sample data) or the A4 printer's test page ("office_page"); the
        verdict in plain words, the printer's profile in the detail; audited."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        ok_code, ok_words, fail_code, fail_words = PRINTS[what]
        started = time.monotonic()
        printer = self.config.printer
        if what == "office_page":
            detail = f"A4: {printer.office_printer or 'CUPS default printer'}"
            try:
                from services.receipts import print_result

                print_result(printer, "application/pdf", office_test_page(self.config))
                check = doctor.Check("printer", doctor.Verdict.OK, ok_words, detail, code=ok_code)
            except Exception as e:  # a test print never takes maintenance mode down
                why = f"{detail}: {type(e).__name__}: {e}"[:300]
                check = doctor.Check(
                    "printer", doctor.Verdict.FAIL, fail_words, why, code=fail_code
                )
        elif not printer.enabled:
            check = doctor.Check.of("printer", doctor.Verdict.SKIP, "printer.none")
        else:
            detail = _printer_setup(self.config)
            try:
                self._print_receipt(_receipt_test(self.config, what))
                check = doctor.Check("printer", doctor.Verdict.OK, ok_words, detail, code=ok_code)
            except PrintQueued as e:
                code, words = QUEUED
                check = doctor.Check(
                    "printer", doctor.Verdict.FAIL, words, f"{detail}; {e}"[:300], code=code
                )
            except Exception as e:
                why = f"{detail}; {e}"[:300]
                check = doctor.Check(
                    "printer", doctor.Verdict.FAIL, fail_words, why, code=fail_code
                )
        check = replace(check, seconds=time.monotonic() - started)
        self._audit(self.session, f"print:{what}", check.verdict.value)
        self._report()
        return check

    def _print_receipt(self, document: Any) -> None:
        """Through the running kiosk's print service (its spooler, in turn with the residents'
        receipts), waiting for the job's verdict; without one (the kiosk's shell), straight to
        the printer as `kiosk print-test` does. Raises in words when it did not print."""
        service = self._print_service()
        if service is None:
            from services.print_service import printer_from_config

            printer_from_config(self.config.printer).print_document(document)
            return
        if self._listening is not service:
            self._listening = service
            service.listen(self._heard)
        with self._jobs_changed:
            if self._queued_test is not None:
                raise PrintQueued(f"job {self._queued_test} still waits for the printer")
        job = service.submit(document)
        deadline = time.monotonic() + PRINT_WAIT_S
        with self._jobs_changed:
            while True:
                update = self._jobs_heard.get(job)
                if update is not None and update.state in _JOB_OVER:
                    del self._jobs_heard[job]
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"job {job} not printed after {PRINT_WAIT_S:.0f} s")
                self._jobs_changed.wait(left)
        if update.state == "waiting":
            # It prints when the printer recovers (paper loaded), as a receipt would.
            with self._jobs_changed:
                self._queued_test = job
            raise PrintQueued(f"job {job} waiting: {update.code} {update.detail}".strip())
        if update.state != "done":
            raise RuntimeError(f"job {job} {update.state}: {update.code} {update.detail}".strip())

    def _heard(self, update: Any) -> None:
        """The print service's job changes (on its threads): a test print's are kept."""
        if update.session_id is None and update.kind == "test_page":
            with self._jobs_changed:
                if update.job_id == self._queued_test and update.state != "waiting":
                    self._queued_test = None  # printed at last, or given up
                else:
                    self._jobs_heard[update.job_id] = update
                self._jobs_changed.notify_all()

    @staticmethod
    def _timed(run: Callable[[], doctor.Check]) -> doctor.Check:
        started = time.monotonic()
        try:
            check = run()
        except Exception as e:  # a check never takes maintenance mode down; the type says enough
            check = doctor.Check("fingerprint", doctor.Verdict.FAIL, "检查时出错", type(e).__name__)
        return replace(check, seconds=time.monotonic() - started)

    def camera_devices(self) -> tuple[bool, list[CameraChoice]]:
        """The cameras a technician can choose from (camera_choices), enumerated now; no
        camera is opened for streaming."""
        from drivers.camera import v4l2

        return camera_choices(self.config, v4l2.devices())

    def save_calibration(self, camera: CameraSection, section: str = "camera") -> Path:
        """One camera's calibration ("camera", the face camera, or "document_camera", the
        高拍仪), for the next photo or page (the config is loaded again)."""
        if not self.session:
            raise PermissionError("not in maintenance mode")
        path = calibration.save(self.config.data_dir(), camera, section)
        self.config = self.config.model_copy(update={section: camera})
        self._audit(self.session, f"calibrate:{section}", "ok")
        self._report()
        return path

    def export(
        self, dest_dir: Path, checks: list[doctor.Check] | None = None, upload: bool = True
    ) -> Exported:
        """导出诊断包: written to `dest_dir` (a USB stick) and sent to the hub; both audited."""
        import base64

        from services import diagnostics

        if not self.session:
            raise PermissionError("not in maintenance mode")
        if checks is None:
            checks = self._all_checks()
        path = diagnostics.export(self.config, dest_dir, checks)
        self._audit(self.session, "export", "ok")
        if not upload:
            return Exported(path)
        data = path.read_bytes()
        if len(data) > MAX_DIAGNOSTIC_BYTES:
            self._audit(self.session, "upload", "too_large")
            return Exported(path, problem="too_large")
        try:
            view = self._client.upload_diagnostics(
                DiagnosticUpload(session=self.session, data_base64=base64.b64encode(data).decode())
            )
        except HubError as e:
            self._audit(self.session, "upload", "failed")
            return Exported(path, problem="refused" if e.status is not None else "unreachable")
        self._audit(self.session, "upload", view.bundle_id)
        self._report()
        return Exported(path, view.bundle_id)

    # -- the audit trail ----------------------------------------------------------------------

    def _audit(self, session: str, action: str, outcome: str) -> None:
        event = MaintenanceEvent(
            session=session or "none", action=action, outcome=outcome, at=self._now()
        )
        with self._lock:
            self.audit_path.parent.mkdir(parents=True, exist_ok=True)
            with self.audit_path.open("a+b") as f:
                # After a line cut by a power loss, this one starts a line of its own.
                cut = False
                if f.seek(0, os.SEEK_END) > 0:
                    f.seek(-1, os.SEEK_END)
                    cut = f.read(1) != b"\n"  # appending ("a") writes at the end whatever
                f.write((("\n" if cut else "") + event.model_dump_json() + "\n").encode())

    def pending(self) -> list[MaintenanceEvent]:
        with self._lock:
            return _read(self.audit_path)

    def _report(self) -> None:
        """Each action reaches the hub as it is done, in a session the hub let in (an offline
        session's trail waits for sign-out, or for the next sign-in, rather than wait for a
        hub that is away at every test)."""
        if not self.session.startswith("offline-"):
            self.deliver_soon()

    def deliver_soon(self) -> int:
        """deliver(), or 0 when the hub cannot take it now (the trail waits in its file for
        the next sign-out or sign-in)."""
        try:
            return self.deliver()
        except HubError:
            return 0

    def deliver(self) -> int:
        """Send the audit trail to the hub; what was sent leaves the file. HubError if not."""
        with self._lock:
            events = _read(self.audit_path)
            if not events:
                return 0
            self._client.maintenance_events(MaintenanceReport(events=events[:200]))
            rest = events[200:]
            # Replaced whole: a power cut here leaves the old trail or the new one, never half.
            tmp = self.audit_path.with_name(self.audit_path.name + ".tmp")
            tmp.write_text("".join(e.model_dump_json() + "\n" for e in rest), encoding="utf-8")
            os.replace(tmp, self.audit_path)
            return len(events) - len(rest)


def _printer_setup(config: Config) -> str:
    """The receipt printer as the kiosk is set up for it: profile, paper, mode, connection."""
    cfg = config.printer
    where = {
        "network": f"{cfg.host}:{cfg.port}",
        "usb": f"USB {cfg.usb_vendor:04x}:{cfg.usb_product:04x}",
        "serial": cfg.serial_port,
    }[cfg.connection]
    try:
        p = cfg.printer_profile()
        profile = f"profile {p.name} ({p.model})"
    except ValueError as e:
        profile = f"profile {cfg.profile or '?'}: {e}"
    return f"{profile}, {cfg.paper_mm} mm, {cfg.print_mode()}, {where}"


def _receipt_test(config: Config, what: str) -> Any:
    """The receipt printer's test page (kiosk.printing.builders.build_test_page), or a sample
    acceptance notice with sample data, marked 测试 at its top and its foot: never taken for a
    resident's receipt."""
    from kiosk.printing.builders import build_test_page

    now = config.kiosk.now()
    setup = _printer_setup(config)
    if what == "test_page":
        return build_test_page(config.kiosk.name, now, setup)
    from kiosk.contract import Delivery
    from kiosk.printing.builders import (
        AcceptanceNoticeData,
        Received,
        ReceivedMaterial,
        build_acceptance_notice,
    )
    from kiosk.printing.document import Document, SmallPrint, Title

    sample = AcceptanceNoticeData(
        acceptance_number="TEST-00000000-000000",
        onething_name="测试事项（示例）",
        kiosk_name=config.kiosk.name,
        terminal_number=config.kiosk.terminal_number,
        materials=(
            ReceivedMaterial("示例材料一", Received.CAPTURED),
            ReceivedMaterial("示例材料二", Received.SHARED),
        ),
        time_limit_days=1,
        due_date=None,
        delivery=Delivery(method="pickup", place="示例窗口"),
        accepted_at=now,
    )
    notice = build_acceptance_notice(sample, "")
    mark = "测试小票 · 示例数据 · 不是受理凭证"
    return Document(
        "test_page", (Title("【测试】"), SmallPrint(mark), *notice.blocks, SmallPrint(mark))
    )


def office_test_page(config: Config) -> bytes:
    """The A4 printer's test page: a one-page PDF (fpdf2's own font: no CJK font to load)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 16, "A4 printer test page", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    for line in (
        f"Kiosk: {config.kiosk.id}",
        f"Printed: {config.kiosk.now():%Y-%m-%d %H:%M}",
        f"Printer: {config.printer.office_printer or 'CUPS default printer'}",
        "If this page is straight, complete and clear, the A4 printer is fine.",
    ):
        pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    pdf.rect(10, 10, 190, 277)  # the page's edges: a margin cut off shows at once
    return bytes(pdf.output())


def _read(path: Path) -> list[MaintenanceEvent]:
    """The trail's events; a line that cannot be read (the last one, cut by a power loss while
    it was appended) is left out, never an error that keeps technicians out."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    events = []
    for line in lines:
        if not line.strip():
            continue
        try:
            events.append(MaintenanceEvent.model_validate(json.loads(line)))
        except (ValueError, ValidationError):
            log.warning("an unreadable line of the maintenance audit trail is left out")
    return events


def maintenance_tasks(
    maintenance: Maintenance, post: Callable[[Callable[[], None]], None]
) -> Tasks[Maintenance]:
    """Maintenance mode's work on a worker of its own (a check may take seconds)."""
    return Tasks(maintenance, post, "maintenance")
