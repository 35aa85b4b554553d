"""The technicians' checks of every peripheral, with no Qt: `kiosk doctor` runs them from a
shell, and the maintenance screens show the same results. Each check opens the device as
configured, asks it one plain question, and closes it again; it gives a verdict in plain
words (zh_CN, for the technician's screen) and the technical detail (for the report).

No check reads or prints a resident's data: a card check lists readers, it does not read a
card; the camera check keeps the frame only when asked to write a snapshot."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from drivers.events import DriverEvent, StatusChanged
from kiosk.config import Config
from kiosk.devices import DeviceState, DeviceStatus


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"  # not configured on this kiosk


@dataclass(frozen=True)
class Check:
    name: str  # one of NAMES
    verdict: Verdict
    words: str  # plain words for the technician (zh_CN)
    detail: str = ""  # the technical detail (never personal data)
    seconds: float = 0.0

    def line(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return (
            f"{self.verdict.value:<4}  {self.name:<11} {self.words}{extra}  [{self.seconds:.2f} s]"
        )


NAMES = (
    "printer",
    "card",
    "idreader",
    "fingerprint",
    "camera",
    "document_camera",
    "hub",
    "voice",
)


def run_checks(config: Config, names: tuple[str, ...] | list[str] = NAMES) -> list[Check]:
    checks: dict[str, Callable[[Config], Check]] = {
        "printer": check_printer,
        "card": check_card,
        "idreader": check_idreader,
        "fingerprint": check_fingerprint,
        "camera": check_camera,
        "document_camera": check_document_camera,
        "hub": check_hub,
        "voice": check_voice,
    }
    out = []
    for name in names:
        started = time.monotonic()
        try:
            check = checks[name](config)
        except Exception as e:  # a check never stops the others; the type says enough
            check = Check(name, Verdict.FAIL, "检查时出错", f"{type(e).__name__}")
        out.append(
            Check(check.name, check.verdict, check.words, check.detail, time.monotonic() - started)
        )
    return out


def exit_status(checks: list[Check]) -> int:
    """0: all fine (or only warnings); 1: a check failed."""
    return 1 if any(c.verdict is Verdict.FAIL for c in checks) else 0


def report_text(checks: list[Check]) -> str:
    return "\n".join(c.line() for c in checks)


def report_json(checks: list[Check]) -> str:
    return json.dumps(
        {"ok": exit_status(checks) == 0, "checks": [asdict(c) for c in checks]},
        ensure_ascii=False,
        indent=2,
    )


def from_state(name: str, state: DeviceState, ok_words: str, fail_words: str) -> Check:
    """A driver's DeviceState as a verdict."""
    if state.status is DeviceStatus.READY:
        return Check(name, Verdict.OK, ok_words, state.detail)
    if state.status is DeviceStatus.ABSENT:
        return Check(name, Verdict.SKIP, "本机未配置", state.detail)
    if state.status is DeviceStatus.BUSY:
        return Check(name, Verdict.WARN, "设备忙", state.detail)
    return Check(name, Verdict.FAIL, fail_words, state.detail)


class _LastState:
    def __init__(self, name: str) -> None:
        self.state = DeviceState(name, DeviceStatus.OFFLINE, "no answer")

    def __call__(self, event: DriverEvent) -> None:
        if isinstance(event, StatusChanged) and event.state.name == self.state.name:
            self.state = event.state


# -- printer ------------------------------------------------------------------------------------


def check_printer(config: Config) -> Check:
    cfg = config.printer
    if not cfg.enabled:
        return Check("printer", Verdict.SKIP, "本机未配置凭条打印机", "[printer] enabled = false")
    from drivers.printer.status import WORDS, PrinterStatus
    from services.print_service import printer_from_config

    printer = printer_from_config(cfg)
    status = printer.status()
    detail = f"{WORDS[status]}; {printer.paper.mm} mm, {printer.mode}, {cfg.connection}"
    if status is PrinterStatus.ONLINE:
        return Check("printer", Verdict.OK, "打印机正常", detail)
    if status is PrinterStatus.PAPER_LOW:
        return Check("printer", Verdict.WARN, "纸快用完了，请及时换纸", detail)
    words = {
        PrinterStatus.PAPER_OUT: "打印机缺纸，请装纸",
        PrinterStatus.COVER_OPEN: "打印机盖没有关好",
        PrinterStatus.OFFLINE: "打印机没有应答，请检查电源和连线",
    }.get(status, "打印机故障（切刀或机芯）")
    return Check("printer", Verdict.FAIL, words, detail)


# -- card readers -------------------------------------------------------------------------------


def check_card(config: Config) -> Check:
    if not config.devices.pcsc:
        return Check("card", Verdict.SKIP, "本机未配置社保卡读卡器", "[devices] pcsc = false")
    from drivers.pcsc.daemon import listed_readers

    readers = listed_readers()
    if readers is None:
        return Check("card", Verdict.FAIL, "读卡服务(pcscd)没有运行", "pcscd does not answer")
    if not readers:
        return Check("card", Verdict.FAIL, "没有找到读卡器，请检查连线", "pcscd lists no reader")
    wanted = config.devices.pcsc_readers
    missing = [w for w in wanted if not any(r.startswith(w) for r in readers)]
    detail = "readers: " + ", ".join(readers)
    if missing:
        return Check(
            "card", Verdict.FAIL, "配置的读卡器没有找到", f"{detail}; missing: {', '.join(missing)}"
        )
    return Check("card", Verdict.OK, f"读卡器正常（{len(readers)} 台）", detail)


def check_idreader(config: Config) -> Check:
    d = config.devices
    if not d.idreader or not (d.idreader_port or d.idreader_probe_ports):
        return Check("idreader", Verdict.SKIP, "本机未配置身份证阅读器", "no port configured")
    from drivers.idreader.driver import IdReader

    last = _LastState("idreader")
    reader = IdReader(
        last,
        port=d.idreader_port or None,
        baud=d.idreader_baud,
        probe_ports=d.idreader_probe_ports,
        attempts=1,
    )
    try:
        reader.connect()
    finally:
        reader.close()
    return from_state("idreader", reader.state, "身份证阅读器正常", "身份证阅读器没有应答")


# -- fingerprint --------------------------------------------------------------------------------


def check_fingerprint(config: Config, port: str | None = None, image: Path | None = None) -> Check:
    """Handshake and the sensor's parameters; with `image`, one capture written as PNG with its
    quality (the technician's own finger)."""
    d = config.devices
    port = port or d.fingerprint_port or None
    if not port and not d.fingerprint_probe_ports:
        return Check("fingerprint", Verdict.SKIP, "本机未配置指纹仪", "no port configured")
    from drivers.fingerprint.codec import FingerprintError
    from drivers.fingerprint.driver import FingerprintSensor
    from drivers.serialport import SerialError

    sensor = FingerprintSensor(port=port, probe_ports=d.fingerprint_probe_ports, attempts=1)
    try:
        sensor.open()
        sensor.handshake()
        params = sensor.read_params()
        detail = f"{sensor.state.detail}; {params}"
        if image is None:
            return Check("fingerprint", Verdict.OK, "指纹仪正常", detail)
        return _fingerprint_image(sensor, image, detail)
    except (SerialError, FingerprintError) as e:
        return Check("fingerprint", Verdict.FAIL, "指纹仪没有应答，请检查连线", str(e)[:200])
    finally:
        sensor.close()


def _fingerprint_image(sensor, image: Path, detail: str) -> Check:
    import cv2
    import numpy as np

    from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH, unpack_image
    from drivers.fingerprint.driver import CaptureTimeout
    from drivers.fingerprint.enrol import Verdict as Quality
    from drivers.fingerprint.enrol import verdict

    try:
        sensor.capture(timeout=15.0)
    except CaptureTimeout:
        return Check("fingerprint", Verdict.WARN, "没有按手指", detail)
    pixels = unpack_image(sensor.upload_image())
    quality = verdict(pixels)
    array = np.frombuffer(pixels, dtype=np.uint8).reshape(IMAGE_HEIGHT, IMAGE_WIDTH)
    cv2.imwrite(str(image), array)
    words = {
        Quality.GOOD: "指纹清晰",
        Quality.FAINT: "指纹太淡：请把手指放平、稍用力",
        Quality.SMUDGED: "指纹不清晰：请擦拭传感器和手指再试",
    }[quality]
    good = quality is Quality.GOOD
    return Check(
        "fingerprint",
        Verdict.OK if good else Verdict.WARN,
        words,
        f"{detail}; quality {quality.value}; image {image}",
    )


# -- camera -------------------------------------------------------------------------------------


def check_document_camera(config: Config, snapshot: Path | None = None) -> Check:
    """The document camera (高拍仪), when the kiosk has one apart from the face camera."""
    return check_camera(config, snapshot, section="document_camera")


def check_camera(config: Config, snapshot: Path | None = None, section: str = "camera") -> Check:
    cfg = getattr(config, section)
    name = section
    if not cfg.enabled:
        if section == "document_camera":
            return Check(name, Verdict.SKIP, "本机没有另配高拍仪，材料由摄像头拍", "not enabled")
        return Check("camera", Verdict.SKIP, "本机未配置摄像头", "[camera] enabled = false")
    what = "高拍仪" if section == "document_camera" else "摄像头"
    import cv2

    from drivers.camera.source import Controls, SourceProblem, SourceSpec, open_source

    spec = SourceSpec.parse(cfg.source)
    try:
        source = open_source(spec, cfg.width, cfg.height, Controls.of(cfg))
    except SourceProblem as e:
        return Check(name, Verdict.FAIL, f"{what}打不开，请检查连线", str(e)[:200])
    try:
        frame = None
        deadline = time.monotonic() + 5.0
        while frame is None and time.monotonic() < deadline:
            frame = source.read()
    finally:
        source.close()
    if frame is None:
        return Check(name, Verdict.FAIL, f"{what}没有画面", f"{spec.describe()}: no frame in 5 s")
    from drivers.camera.frames import calibrate

    frame = calibrate(frame, cfg)  # as the kiosk's photos see it: size, rotation, crop
    h, w = frame.shape[:2]
    level = float(frame.mean())
    detail = f"{spec.describe()}: {w}x{h}, rotation {cfg.rotation}, brightness {level:.0f}"
    if snapshot is not None:
        cv2.imwrite(str(snapshot), frame)
        detail += f"; snapshot {snapshot}"
    if level < 8:
        return Check(name, Verdict.WARN, "画面太暗，请检查镜头和照明", detail)
    return Check(name, Verdict.OK, f"{what}正常", detail)


# -- hub ----------------------------------------------------------------------------------------


def check_hub(config: Config) -> Check:
    from kiosk.hubclient import HubClient, HubError
    from kiosk.hubtoken import HubToken

    token = HubToken(config.token_path())
    outbox = _outbox(config)
    if not token.token():
        return Check("hub", Verdict.FAIL, "本机还没有登记到中心", f"not enrolled; {outbox}")
    client = HubClient(config.hub.settings(), token)
    try:
        client.catalog()
    except HubError as e:
        return Check("hub", Verdict.FAIL, "连不上中心，请检查网络", f"{e}; {outbox}"[:300])
    finally:
        client.close()
    return Check("hub", Verdict.OK, "中心连接正常", f"{config.hub.url}; {outbox}")


def _outbox(config: Config) -> str:
    from kiosk.store import StoreError
    from services.storage import KioskData

    try:
        with KioskData(config.data_dir()) as data:
            counts = data.outbox().counts()
    except (StoreError, OSError) as e:
        return f"outbox unreadable ({type(e).__name__})"
    return "outbox " + " ".join(f"{k}={v}" for k, v in counts.items())


# -- voice --------------------------------------------------------------------------------------


def check_voice(config: Config) -> Check:
    from services.speech import Speaker

    state = Speaker(config.ui.voice, output=config.ui.voice_output).check()
    return from_state("voice", state, "语音提示正常", "语音提示不可用")
