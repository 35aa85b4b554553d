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
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from drivers.events import DriverEvent, StatusChanged
from kiosk.config import Config
from kiosk.devices import DeviceState, DeviceStatus


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"  # not configured on this kiosk


# What a verdict says, by its code: the shell's words (zh_CN). The maintenance screens say the
# same through Qt's translation (MaintenancePanel.qml's checkWords, kept equal by
# tests/test_maintenance_ui.py).
WORDS: dict[str, str] = {
    "error": "检查时出错",
    "not_configured": "本机未配置",
    "busy": "设备忙",
    "printer.none": "本机未配置凭条打印机",
    "printer.ok": "打印机正常",
    "printer.paper_low": "纸快用完了，请及时换纸",
    "printer.paper_out": "打印机缺纸，请装纸",
    "printer.cover_open": "打印机盖没有关好",
    "printer.offline": "打印机没有应答，请检查电源和连线",
    "printer.fault": "打印机故障（切刀或机芯）",
    "printer.test_page": "测试页已打印",
    "printer.test_page_failed": "测试页没有打印",
    "card.none": "本机未配置社保卡读卡器",
    "card.no_service": "读卡服务(pcscd)没有运行",
    "card.no_reader": "没有找到读卡器，请检查连线",
    "card.missing_reader": "配置的读卡器没有找到",
    "card.ok": "读卡器正常",
    "card.read": "读卡正常，已读到卡（信息已遮挡）",
    "card.no_card": "读卡器正常，但没有放卡：请放一张卡再测试",
    "card.unreadable": "读卡器正常，这张卡读不出：请换一张卡再试",
    "idreader.none": "本机未配置身份证阅读器",
    "idreader.ok": "身份证阅读器正常",
    "idreader.fail": "身份证阅读器没有应答",
    "idreader.read": "身份证阅读器读卡正常，已读到证件（信息已遮挡）",
    "fingerprint.none": "本机未配置指纹仪",
    "fingerprint.ok": "指纹仪正常",
    "fingerprint.silent": "指纹仪没有应答，请检查连线",
    "fingerprint.no_finger": "没有按手指",
    "fingerprint.good": "指纹清晰",
    "fingerprint.faint": "指纹太淡：请把手指放平、稍用力",
    "fingerprint.smudged": "指纹不清晰：请擦拭传感器和手指再试",
    "fingerprint.enrolled": "指纹仪正常：录入并比对成功",
    "fingerprint.no_match": "比对没有通过，请擦拭传感器再试",
    "fingerprint.not_same": "几次按的不像同一个手指，请再试",
    "fingerprint.baud_refused": "这个速率指纹仪不支持",
    "camera.none": "本机未配置摄像头",
    "camera.cannot_open": "摄像头打不开，请检查连线",
    "camera.no_frame": "摄像头没有画面",
    "camera.dark": "画面太暗，请检查镜头和照明",
    "camera.ok": "摄像头正常",
    "document_camera.none": "本机没有另配高拍仪，材料由摄像头拍",
    "document_camera.cannot_open": "高拍仪打不开，请检查连线",
    "document_camera.no_frame": "高拍仪没有画面",
    "document_camera.dark": "高拍仪画面太暗，请检查镜头和照明",
    "document_camera.ok": "高拍仪正常",
    "calibration.invalid": "校准没有保存：设置不对",
    "hub.not_enrolled": "本机还没有登记到中心",
    "hub.unreachable": "连不上中心，请检查网络",
    "hub.failing": "中心有应答，但出错了，请联系中心",
    "hub.ok": "中心连接正常",
    "hub.not_accepted": "中心不认本机的登记凭证，请重新登记",
    "hub.tls_expired": "中心的证书已过期",
    "hub.tls_not_yet_valid": "中心的证书还没有生效，请检查本机时钟",
    "hub.tls_untrusted": "中心的证书不受信任（不是本机配置的证书机构签发的）",
    "hub.tls_wrong_name": "中心的证书与中心地址不符",
    "hub.tls_revoked": "中心的证书已被吊销",
    "hub.tls_failed": "与中心的加密连接没有建立",
    "hub.tls_expiring": "中心的证书快到期了，请联系中心更换",
    "hub.clock_off": "本机时钟与中心相差超过一分钟，请校准时间",
    "hub.clock_wrong": "本机时钟与中心相差太大，加密连接和配置校验会出错，请校准时间",
    "hub.outbox_refused": "有申请被中心拒收，留在本机等人工处理",
    "hub.outbox_stuck": "有申请很久没有送到中心",
    "hub.sync_stale": "本机很久没有与中心同步",
    "fleet.none": "本机不接收中心下发的配置",
    "fleet.no_root": "中心配置的信任根文件读不出来",
    "fleet.ok": "中心下发的配置有效",
    "fleet.expired": "中心下发的配置已过期，未能与中心确认（本机照常服务）",
    "fleet.unconfirmed": "中心下发的配置很久没有与中心确认（本机照常服务）",
    "fleet.refused": "中心下发的新配置没有用上，仍按原配置运行",
    "voice.ok": "语音提示正常",
    "voice.fail": "语音提示不可用",
    "voice.said": "语音提示正常：中文、英文各说了一句",
    "voice.not_said": "测试语音没有说出来，请检查音箱和音量",
}
_CODES = {words: code for code, words in WORDS.items()}


@dataclass(frozen=True)
class Check:
    name: str  # one of NAMES
    verdict: Verdict
    words: str  # plain words for the technician (zh_CN): WORDS[code]
    detail: str = ""  # the technical detail (never personal data)
    seconds: float = 0.0
    code: str = ""  # what the screens word (WORDS' keys); found from `words` when not given

    def __post_init__(self) -> None:
        if not self.code and self.words in _CODES:
            object.__setattr__(self, "code", _CODES[self.words])

    @classmethod
    def of(cls, name: str, verdict: Verdict, code: str, detail: str = "") -> Check:
        return cls(name, verdict, WORDS[code], detail, code=code)

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
    "fleet",
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
        "fleet": check_fleet,
        "voice": check_voice,
    }
    out = []
    for name in names:
        started = time.monotonic()
        try:
            check = checks[name](config)
        except Exception as e:  # a check never stops the others; the type says enough
            check = Check.of(name, Verdict.FAIL, "error", f"{type(e).__name__}")
        out.append(replace(check, seconds=time.monotonic() - started))
    return out


def exit_status(checks: list[Check]) -> int:
    """0: all fine (or only warnings); 1: a check failed."""
    return 1 if any(c.verdict is Verdict.FAIL for c in checks) else 0


# The name column is never narrower than this (reports of one check keep their old look).
NAME_COLUMN = 11


def report_text(checks: list[Check], width: int | None = None) -> str:
    """One line per check, names in a column as wide as the longest; with `width` (a
    terminal's), a line longer than that goes on in indented continuation lines; with
    more than one check, a one-line summary at the end. Without `width` a line per check,
    whatever its length (files, grep)."""
    column = max([NAME_COLUMN, *(len(c.name) for c in checks)])
    lines = []
    for c in checks:
        lead = f"{c.verdict.value:<4}  {c.name:<{column}} "
        extra = f" ({c.detail})" if c.detail else ""
        text = f"{c.words}{extra}  [{c.seconds:.2f} s]"
        if width is None:
            lines.append(lead + text)
            continue
        # A narrow terminal: continuation lines indented a little rather than not at all.
        indent = len(lead) if width - len(lead) >= 30 else 6
        first, *rest = _wrap(text, width - len(lead), width - indent)
        lines.append(lead + first)
        lines.extend(" " * indent + line for line in rest)
    if len(checks) > 1:
        lines.append(summary(checks))
    return "\n".join(lines)


def summary(checks: list[Check]) -> str:
    """ "2 failed: printer, card; 1 warning: hub", or all well and how many."""
    failed = [c.name for c in checks if c.verdict is Verdict.FAIL]
    warned = [c.name for c in checks if c.verdict is Verdict.WARN]
    if not failed and not warned:
        ok = sum(c.verdict is Verdict.OK for c in checks)
        skipped = len(checks) - ok
        return f"all well: {ok} ok" + (f", {skipped} not configured" if skipped else "")
    parts = []
    if failed:
        parts.append(f"{len(failed)} failed: {', '.join(failed)}")
    if warned:
        plural = "s" if len(warned) > 1 else ""
        parts.append(f"{len(warned)} warning{plural}: {', '.join(warned)}")
    return "; ".join(parts)


def _columns(text: str) -> int:
    """The width `text` takes in a terminal: Chinese characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, first: int, later: int) -> list[str]:
    """`text` in lines of at most `first` columns, then `later`: broken after spaces (the
    detail's "; " first of all), and inside a word only when it is longer than a line."""
    import re

    first, later = max(first, 10), max(later, 10)  # a terminal too narrow still shows it
    lines: list[str] = []
    line = ""
    for word in re.findall(r"\[[\d.]+ s\]\s*|\S+\s*", text):  # "[0.01 s]" stays whole
        room = first if not lines else later
        if line and _columns(line + word.rstrip()) > room:
            lines.append(line.rstrip())
            line = ""
            room = later
        while _columns(word.rstrip()) > room:  # a word longer than a line: cut it
            cut = len(word)
            while _columns(line + word[:cut]) > room:
                cut -= 1
            if cut == 0:  # not even one character fits after what the line holds
                lines.append(line.rstrip())
                line, room = "", later
                continue
            lines.append((line + word[:cut]).rstrip())
            line, word, room = "", word[cut:], later
        line += word
    lines.append(line.rstrip())
    return lines


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
        return Check.of(name, Verdict.SKIP, "not_configured", state.detail)
    if state.status is DeviceStatus.BUSY:
        return Check.of(name, Verdict.WARN, "busy", state.detail)
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
        return Check.of("printer", Verdict.SKIP, "printer.none", "[printer] enabled = false")
    from drivers.printer.status import WORDS, PrinterStatus
    from services.print_service import printer_from_config

    printer = printer_from_config(cfg)
    status = printer.status()
    detail = f"{WORDS[status]}; {printer.paper.mm} mm, {printer.mode}, {cfg.connection}"
    if status is PrinterStatus.ONLINE:
        return Check.of("printer", Verdict.OK, "printer.ok", detail)
    if status is PrinterStatus.PAPER_LOW:
        return Check.of("printer", Verdict.WARN, "printer.paper_low", detail)
    code = {
        PrinterStatus.PAPER_OUT: "printer.paper_out",
        PrinterStatus.COVER_OPEN: "printer.cover_open",
        PrinterStatus.OFFLINE: "printer.offline",
    }.get(status, "printer.fault")
    return Check.of("printer", Verdict.FAIL, code, detail)


# -- card readers -------------------------------------------------------------------------------


def check_card(config: Config) -> Check:
    """pcscd and the readers it lists (no card is read: see read_card)."""
    if not config.devices.pcsc:
        return Check.of("card", Verdict.SKIP, "card.none", "[devices] pcsc = false")
    from drivers.pcsc.once import readers as listed
    from drivers.pcsc.scard import ServiceLost

    try:
        readers = listed()
    except ServiceLost as e:
        return Check.of("card", Verdict.FAIL, "card.no_service", f"pcscd: {e.detail}")
    if not readers:
        return Check.of("card", Verdict.FAIL, "card.no_reader", "pcscd running; no reader listed")
    wanted = config.devices.pcsc_readers
    missing = [w for w in wanted if not any(r.startswith(w) for r in readers)]
    detail = f"pcscd running; {len(readers)} reader(s): " + ", ".join(readers)
    if missing:
        detail += f"; missing: {', '.join(missing)}"
        return Check.of("card", Verdict.FAIL, "card.missing_reader", detail)
    return Check.of("card", Verdict.OK, "card.ok", detail)


def read_card(config: Config, wait: float = 20.0, idreader: Check | None = None) -> Check:
    """check_card, then one card read from any reader within `wait` seconds: its decoded
    fields masked as a screen shows them, the ATR and the timings. The serial ID module's
    state goes in the detail too (its cards are read by the idreader check's driver):
    `idreader`, its state as the running kiosk's driver sees it, when there is one (that
    driver holds the port exclusively: opening it again would blame the module); else, from
    a shell, the module asked on its port."""
    listing = check_card(config)
    if idreader is None:
        idreader = check_idreader(config)
    module = f"ID module: {idreader.verdict.value} {idreader.detail}".strip()
    if listing.verdict is not Verdict.OK:
        return replace(listing, detail=f"{listing.detail}; {module}")
    from drivers.pcsc.once import read_once
    from drivers.pcsc.scard import ServiceLost

    try:
        read = read_once(wait)
    except ServiceLost as e:
        return Check.of("card", Verdict.FAIL, "card.no_service", f"pcscd: {e.detail}; {module}")
    if read is None:
        detail = f"{listing.detail}; no card within {wait:.0f} s; {module}"
        return Check.of("card", Verdict.WARN, "card.no_card", detail)
    # What the technician looks for first: the card's fields (masked), then the timings.
    timings = (
        f"wait {read.wait_ms:.0f} ms, connect {read.connect_ms:.0f} ms, read {read.read_ms:.0f} ms"
    )
    atr = f"ATR {read.atr.hex(' ').upper()}" if read.atr else "no ATR"
    where = f"card in {read.reader}"
    if read.identity is None:
        parts = [read.problem, where, atr, timings, listing.detail, module]
        return Check.of("card", Verdict.WARN, "card.unreadable", "; ".join(parts))
    parts = [card_fields(read.identity), where, atr, timings, listing.detail, module]
    return Check.of("card", Verdict.OK, "card.read", "; ".join(parts))


def card_seen(identity) -> Check:
    """A card the kiosk's own drivers read while maintenance mode is open (the serial ID
    module is the kiosk's while it runs, so it is tested by putting a card on it): the
    reader's row, with the card's fields masked."""
    from kiosk.identity import CardType

    name = "card" if identity.card_type is CardType.SOCIAL_SECURITY else "idreader"
    code = "card.read" if name == "card" else "idreader.read"
    return Check.of(name, Verdict.OK, code, f"{card_fields(identity)}; read by {identity.reader}")


def card_fields(identity) -> str:
    """A card's decoded fields as the technician's screen shows them: masked, never whole."""
    i = identity
    fields = [
        f"type {i.card_type.value}",
        f"name {i.masked_name}",
        f"id {i.masked_number}",
    ]
    if i.card_number:
        fields.append(f"card no. {i.masked_card_number}")
    if i.valid_until is not None or i.valid_from is not None:
        fields.append(f"valid {i.valid_from or '?'} to {i.valid_until or 'long-term'}")
    return ", ".join(fields)


def check_idreader(config: Config) -> Check:
    d = config.devices
    if not d.idreader or not (d.idreader_port or d.idreader_probe_ports):
        return Check.of("idreader", Verdict.SKIP, "idreader.none", "no port configured")
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


def check_fingerprint(
    config: Config,
    port: str | None = None,
    image: Path | None = None,
    *,
    set_baud: int | None = None,
    packet_size: int | None = None,
    enrol: bool = False,
    sensor: Any = None,
    on_step: Callable[[str], None] = lambda words: None,
) -> Check:
    """Port, baud, packet size and a handshake; `set_baud` / `packet_size`: set the link once
    and keep it in the kiosk's calibration (kiosk.calibration); `image`: one capture written as
    PNG with its quality; `enrol`: the technician's own finger pressed twice (both judged),
    matched 1:1, and again against its template downloaded into the sensor (DownChar + Match),
    then the sensor's buffers cleared. `sensor`: the kiosk's running sensor, else one is opened
    here. `on_step`: what to ask the technician now, in words."""
    d = config.devices
    port = port or d.fingerprint_port or None
    if sensor is None and not port and not d.fingerprint_probe_ports:
        return Check.of("fingerprint", Verdict.SKIP, "fingerprint.none", "no port configured")
    from drivers.fingerprint.codec import FingerprintError
    from drivers.fingerprint.driver import FingerprintSensor
    from drivers.serialport import SerialError

    own = sensor is None
    if own:
        sensor = FingerprintSensor(
            port=port,
            probe_ports=d.fingerprint_probe_ports,
            baud=d.fingerprint_baud,
            packet_size=packet_size or d.fingerprint_packet_size,
            attempts=1,
        )
    try:
        sensor.open()
        sensor.handshake()
        if set_baud is not None or packet_size is not None:
            params = sensor.configure(baud=set_baud, packet_size=packet_size)
            from kiosk import calibration

            calibration.save_fingerprint(config.data_dir(), params.baud, params.packet_size)
        params = sensor.read_params()
        where, rate = sensor.port
        detail = f"port {where}, {rate} baud, {params.packet_size}-byte packets, handshake ok"
        if sensor.recovered:
            detail += f"; put back to calibration: {', '.join(sensor.recovered)}"
        if set_baud is not None or packet_size is not None:
            detail += "; saved in calibration.toml"
        if enrol:
            return _fingerprint_enrol(sensor, image, detail, on_step)
        if image is None:
            return Check.of("fingerprint", Verdict.OK, "fingerprint.ok", detail)
        return _fingerprint_image(sensor, image, detail, on_step)
    except ValueError as e:
        return Check.of("fingerprint", Verdict.FAIL, "fingerprint.baud_refused", str(e)[:200])
    except (SerialError, FingerprintError) as e:
        return Check.of("fingerprint", Verdict.FAIL, "fingerprint.silent", str(e)[:200])
    finally:
        if own:
            sensor.close()


# What drivers.fingerprint.enrol's steps ask of the technician, in the screens' words.
_STEP_WORDS = {
    "place": "请把手指平放在指纹仪上",
    "lift": "请抬起手指",
    "again": "请再按一次同一个手指",
    "working": "正在读取指纹",
}


def _press(sensor: Any, on_step: Callable[[str], None], words: str) -> bytes:
    """One press: its image (8-bit). CaptureTimeout when nobody presses."""
    from drivers.fingerprint.codec import unpack_image

    on_step(words)
    sensor.capture(timeout=15.0)
    on_step("正在读取指纹")
    return unpack_image(sensor.upload_image())


def _write_png(pixels: bytes, image: Path) -> None:
    import cv2
    import numpy as np

    from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH

    array = np.frombuffer(pixels, dtype=np.uint8).reshape(IMAGE_HEIGHT, IMAGE_WIDTH)
    cv2.imwrite(str(image), array)


def _fingerprint_image(
    sensor: Any, image: Path, detail: str, on_step: Callable[[str], None]
) -> Check:
    from drivers.fingerprint.driver import CaptureTimeout
    from drivers.fingerprint.enrol import assess

    try:
        pixels = _press(sensor, on_step, "请把手指平放在指纹仪上")
    except CaptureTimeout:
        return Check.of("fingerprint", Verdict.WARN, "fingerprint.no_finger", detail)
    quality = assess(pixels)
    _write_png(pixels, image)
    return Check.of(
        "fingerprint",
        Verdict.OK if quality.good else Verdict.WARN,
        f"fingerprint.{quality.verdict.value}",
        f"{detail}; quality {quality}; image {image}",
    )


def _fingerprint_enrol(
    sensor: Any, image: Path | None, detail: str, on_step: Callable[[str], None]
) -> Check:
    """The resident's enrolment (drivers.fingerprint.enrol: two presses judged, merged into
    one template), then what only the technician's test does: a third press matched 1:1
    against that template downloaded into the sensor, as a card's would be."""
    from drivers.fingerprint.codec import Code
    from drivers.fingerprint.driver import CaptureTimeout
    from drivers.fingerprint.enrol import enrol
    from drivers.fingerprint.link import SensorError

    try:
        taken = enrol(sensor, lambda step: on_step(_STEP_WORDS[step]), timeout=15.0)
        if image is not None:
            _write_png(taken.image, image)
        on_step("请抬起手指")
        sensor.wait_removed(timeout=15.0)
        _press(sensor, on_step, "请第三次按同一个手指")
        sensor.image_to_template(1)
        verified = sensor.verify(taken.template)
    except CaptureTimeout:
        return Check.of("fingerprint", Verdict.WARN, "fingerprint.no_finger", detail)
    except SensorError as e:
        unclear = e.code in (Code.TOO_MESSY, Code.FEW_FEATURES)
        code = "fingerprint.smudged" if unclear else "fingerprint.not_same"
        return Check.of("fingerprint", Verdict.WARN, code, f"{detail}; {e}")
    finally:
        on_step("")
        sensor.wipe()
    qualities = taken.qualities
    detail += (
        f"; presses: {', '.join(str(q) for q in qualities)}; third press 1:1 against the "
        f"downloaded template: {verified}"
    )
    if verified is None:
        return Check.of("fingerprint", Verdict.WARN, "fingerprint.no_match", detail)
    if taken.verdict.value != "good":  # the worse press says what to do
        return Check.of("fingerprint", Verdict.WARN, f"fingerprint.{taken.verdict.value}", detail)
    return Check.of("fingerprint", Verdict.OK, "fingerprint.enrolled", detail)


# -- camera -------------------------------------------------------------------------------------


def check_document_camera(config: Config, snapshot: Path | None = None) -> Check:
    """The document camera (高拍仪), when the kiosk has one apart from the face camera."""
    return check_camera(config, snapshot, section="document_camera")


def check_camera(config: Config, snapshot: Path | None = None, section: str = "camera") -> Check:
    cfg = getattr(config, section)
    name = section  # and the codes' prefix: camera.* or document_camera.*
    if not cfg.enabled:
        return Check.of(name, Verdict.SKIP, f"{name}.none", f"[{section}] enabled = false")
    import cv2

    from drivers.camera.source import Controls, SourceProblem, SourceSpec, open_source

    spec = SourceSpec.parse(cfg.source)
    try:
        source = open_source(spec, cfg.width, cfg.height, Controls.of(cfg))
    except SourceProblem as e:
        return Check.of(name, Verdict.FAIL, f"{name}.cannot_open", str(e)[:200])
    try:
        frame = None
        deadline = time.monotonic() + 5.0
        while frame is None and time.monotonic() < deadline:
            frame = source.read()
    finally:
        source.close()
    if frame is None:
        detail = f"{spec.describe()}: no frame in 5 s"
        return Check.of(name, Verdict.FAIL, f"{name}.no_frame", detail)
    from drivers.camera.frames import calibrate

    frame = calibrate(frame, cfg)  # as the kiosk's photos see it: size, rotation, crop
    h, w = frame.shape[:2]
    level = float(frame.mean())
    detail = f"{spec.describe()}: {w}x{h}, rotation {cfg.rotation}, brightness {level:.0f}"
    if snapshot is not None:
        cv2.imwrite(str(snapshot), frame)
        detail += f"; snapshot {snapshot}"
    if level < 8:
        return Check.of(name, Verdict.WARN, f"{name}.dark", detail)
    return Check.of(name, Verdict.OK, f"{name}.ok", detail)


# -- hub ----------------------------------------------------------------------------------------


# Clock skew between the kiosk and the hub: TLS and the signed fleet configuration check
# validity times against the kiosk's clock, so a clock off by minutes breaks them.
SKEW_WARN_SECONDS = 60.0
SKEW_FAIL_SECONDS = 300.0
TLS_EXPIRING_DAYS = 14.0  # time enough for the centre to replace its certificate
STUCK_SECONDS = 15 * 60  # an entry pending longer than this is not just waiting its turn

# The hub check's findings, worst first: the verdict words the first one found.
_HUB_ORDER = (
    "hub.not_enrolled",
    "hub.tls_expired",
    "hub.tls_not_yet_valid",
    "hub.tls_untrusted",
    "hub.tls_wrong_name",
    "hub.tls_revoked",
    "hub.tls_failed",
    "hub.unreachable",
    "hub.failing",
    "hub.not_accepted",
    "hub.clock_wrong",
    "hub.clock_off",
    "hub.tls_expiring",
    "hub.outbox_refused",
    "hub.outbox_stuck",
    "hub.sync_stale",
)
_HUB_FAILS = set(_HUB_ORDER[: _HUB_ORDER.index("hub.clock_wrong") + 1])  # the rest warn


def check_hub(config: Config, now: float | None = None) -> Check:
    """Reachability, TLS (certificate, expiry, version; a refusal named), the clock against
    the hub's, enrolment, the outbox, and what the sync worker last achieved (read from disk:
    this may run as a process of its own, beside the kiosk's). A kiosk not enrolled yet is
    checked as far as it can be (the hub's health, TLS, the clock) and then named so."""
    from kiosk.catalog_cache import CatalogCache
    from kiosk.hubclient import HubClient, HubError
    from kiosk.hubtoken import HubToken

    now = time.time() if now is None else now
    findings: list[str] = []
    facts: list[str] = [config.hub.url]
    token = HubToken(config.token_path())
    cached = CatalogCache(config.data_dir()).load()
    enrolled = bool(token.token())
    settings = config.hub.settings()
    # Not enrolled yet, the kiosk has no credential: the hub's health, which needs none, still
    # tells the installer whether the network, TLS and the clock are right before enrolling.
    client = HubClient(settings, token if enrolled else "")
    started = time.monotonic()
    try:
        if enrolled:
            client.catalog(cached[0] if cached else "")
            facts.append(f"enrolled, answered in {time.monotonic() - started:.2f} s")
        else:
            client.health()
            facts.append(f"not enrolled; health answered in {time.monotonic() - started:.2f} s")
    except HubError as e:
        if not enrolled:
            facts.append("not enrolled")
        if e.status in (401, 403) and enrolled:
            findings.append("hub.not_accepted")
        elif e.status is None:  # no HTTP answer at all
            findings.append("hub.unreachable")
        else:  # an answer, but an error (a proxy's 502, the hub's 500, 429…): not fine
            findings.append("hub.failing")
        # A refused certificate: the TLS probe below names it better than requests.
        facts.append("certificate refused" if e.code == "tls_error" else f"{e}"[:200])
    except OSError as e:
        # requests' own refusal of the kiosk's TLS files (a CA or client certificate path
        # that is not there) comes as a bare OSError: no request left; the probe names it.
        if not enrolled:
            facts.append("not enrolled")
        findings.append("hub.unreachable")
        facts.append(f"{type(e).__name__}: {e}"[:200])
    finally:
        client.close()
    if not enrolled:
        findings.append("hub.not_enrolled")
    if config.hub.url.startswith("https:"):
        facts.append(_tls(settings, findings, now))
    facts.append(_clock(client.hub_clock, findings))
    facts.extend(_sync_facts(config, cached, findings, now))
    if any(c.startswith("hub.tls_") for c in findings) and "hub.unreachable" in findings:
        findings.remove("hub.unreachable")  # the TLS refusal is why
    code = next((c for c in _HUB_ORDER if c in findings), "hub.ok")
    also = [c.removeprefix("hub.") for c in _HUB_ORDER if c in findings and c != code]
    if also:
        facts.append("also: " + ", ".join(also))
    verdict = Verdict.FAIL if code in _HUB_FAILS else Verdict.WARN
    if code == "hub.ok":
        verdict = Verdict.OK
    return Check.of("hub", verdict, code, "; ".join(f for f in facts if f))


def _tls(settings: Any, findings: list[str], now: float) -> str:
    from kiosk.tlsprobe import probe

    report = probe(
        settings.url,
        settings.ca_file,
        settings.client_cert,
        settings.client_key,
        timeout=settings.connect_timeout,
    )
    if report.problem == "unreachable":
        return report.describe(now)
    if report.problem:
        findings.append(f"hub.tls_{report.problem}")
        if report.problem in ("expired", "not_yet_valid"):  # often the kiosk's clock
            return f"{report.describe(now)}; kiosk clock {_when(now)}"
        return report.describe(now)
    days = report.days_left(now)
    if days is not None and days < TLS_EXPIRING_DAYS:
        findings.append("hub.tls_expiring")
    return report.describe(now)


def _clock(hub_clock: tuple[float, float] | None, findings: list[str]) -> str:
    if hub_clock is None:
        return "clock: the hub gave no time"
    hub, kiosk = hub_clock
    skew = kiosk - hub
    if abs(skew) > SKEW_FAIL_SECONDS:
        findings.append("hub.clock_wrong")
    elif abs(skew) > SKEW_WARN_SECONDS:
        findings.append("hub.clock_off")
    ahead = "ahead of" if skew >= 0 else "behind"
    return f"clock: kiosk {abs(skew):.0f} s {ahead} the hub (kiosk {_when(kiosk)})"


def _sync_facts(config: Config, cached: Any, findings: list[str], now: float) -> list[str]:
    """The outbox and the sync worker's last successes, from the data directory."""
    from kiosk import sync_state
    from kiosk.store import StoreError
    from services.storage import KioskData

    facts = []
    try:
        with KioskData(config.data_dir()) as data:
            outbox = data.outbox()
            counts = outbox.counts()
            delivered, oldest = outbox.times()
    except (StoreError, OSError) as e:
        facts.append(f"outbox unreadable ({type(e).__name__})")
    else:
        line = "outbox " + " ".join(f"{k}={v}" for k, v in counts.items())
        line += f", last delivered {_when(_epoch(delivered))}"
        if oldest:
            line += f", oldest pending {_when(_epoch(oldest), now)}"
            if now - _epoch(oldest) > STUCK_SECONDS:
                findings.append("hub.outbox_stuck")
        if counts.get("refused"):
            findings.append("hub.outbox_refused")
        facts.append(line)
    state = sync_state.load(config.data_dir())
    facts.append(
        f"last sync {_when(state.last_sync, now)} (heartbeat {_when(state.heartbeat_at, now)}, "
        f"catalog checked {_when(state.catalog_checked_at, now)})"
    )
    stale_after = max(STUCK_SECONDS, 10 * config.hub.heartbeat_seconds)
    if state.last_sync and now - state.last_sync > stale_after:
        findings.append("hub.sync_stale")
    version, adopted = state.catalog_version, state.catalog_adopted_at
    if not version and cached is not None:  # got before the kiosk kept its sync state
        version = cached[1].version
        adopted = (config.data_dir() / "catalog-cache.json").stat().st_mtime
    catalog = f"catalog {version or 'none from the hub'}"
    if version:
        catalog += f" (got {_when(adopted, now)})"
    if state.catalog_in_use:
        catalog += f", in use {state.catalog_in_use}"
    facts.append(catalog)
    return facts


def _epoch(iso: str) -> float:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).timestamp() if iso else 0.0
    except ValueError:
        return 0.0


def _when(epoch: float, now: float | None = None) -> str:
    """A time for the detail: UTC (the hub's logs are), and how long ago."""
    from datetime import UTC, datetime

    if not epoch:
        return "never"
    text = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    if now is None:
        return text
    ago = now - epoch
    if ago < 120:
        return f"{text}, {ago:.0f} s ago"
    if ago < 7200:
        return f"{text}, {ago / 60:.0f} min ago"
    return f"{text}, {ago / 3600:.1f} h ago"


def check_fleet(config: Config, now: float | None = None) -> Check:
    """The signed fleet configuration in force, and a warning when it could not be confirmed
    with the centre for too long (the kiosk serves residents on it all the same)."""
    from services.fleet import FleetClient

    if not config.fleet.root:
        return Check.of("fleet", Verdict.SKIP, "fleet.none", "no [fleet] root")
    try:
        client = FleetClient(
            config.data_dir(),
            Path(config.fleet.root).read_bytes(),
            config.fleet.base_url(config.hub.url),
            kiosk_id=config.kiosk.id,
        )
    except OSError as e:
        return Check.of("fleet", Verdict.FAIL, "fleet.no_root", type(e).__name__)
    version = client.state.version or "none yet"
    stale = client.stale(now or time.time(), config.fleet.stale_after_hours)
    if stale:
        return Check.of("fleet", Verdict.WARN, f"fleet.{stale}", f"config {version}")
    if client.state.refused:
        detail = f"config {version}; {client.state.error}"[:300]
        return Check.of("fleet", Verdict.WARN, "fleet.refused", detail)
    if client.state.error:  # not reached this time: the hub's check says why
        return Check.of("fleet", Verdict.OK, "fleet.ok", f"config {version}; last look failed")
    return Check.of("fleet", Verdict.OK, "fleet.ok", f"config {version}")


# -- voice --------------------------------------------------------------------------------------


# What the speech test says, in each of the kiosk's languages in turn.
TEST_SENTENCES = (
    ("zh_CN", "您好，这是语音提示测试。"),
    ("en", "Hello, this is a test of the voice prompts."),
)


def check_voice(config: Config, say: bool = False) -> Check:
    """The engine and its voices; with `say`, a test sentence in each language said through
    them (the technician listens), each waited for: seconds, so not in a full run."""
    from services.speech import Speaker

    started = time.monotonic()  # timed here: the maintenance screen calls this directly
    speaker = Speaker(config.ui.voice, output=config.ui.voice_output)
    state = speaker.check()
    check = from_state("voice", state, "语音提示正常", "语音提示不可用")
    if not say or check.verdict is not Verdict.OK:
        return check
    said, unsaid = [], []
    for language, text in TEST_SENTENCES:
        voice = speaker.voices.get(language)
        if voice is not None and speaker.say_now(text, language):
            said.append(f"{language} by {voice.identifier}")
        else:
            unsaid.append(language)
    detail = f"engine {speaker.engine}; {state.detail}"
    if said:
        detail += f"; said {', '.join(said)}"
    if unsaid:
        # The state says why when the engine knows (no sound output, no voice).
        why = speaker.state.detail if speaker.state.status is not DeviceStatus.READY else ""
        detail += f"; not said: {', '.join(unsaid)}" + (f" ({why})" if why else "")
        check = Check.of("voice", Verdict.FAIL, "voice.not_said", detail)
    else:
        check = Check.of("voice", Verdict.OK, "voice.said", detail)
    return replace(check, seconds=time.monotonic() - started)
