"""Kiosk configuration: embedded defaults in config/kiosk.toml, one override file per kiosk.

A file with a mistake is refused as a whole, with one plain line per problem naming the key;
the kiosk does not start on a half-understood configuration.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk import paths
from kiosk.hubclient import HubSettings
from kiosk.idle import IdlePolicy
from kiosk.tomlfile import FileProblem, describe_validation_error, read_toml

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from kiosk.printing.profiles import Profile

DEFAULTS = paths.DEFAULTS
SYSTEM_OVERRIDE = Path("/etc/yijianshi-kiosk/kiosk.toml")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskSection(_Section):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1)
    name_en: str = ""
    terminal_number: str = Field(min_length=1)
    data_dir: str = ""
    # Receipts, local numbers and slips tell the time of the place, as the hub does.
    timezone: str = "Asia/Shanghai"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{v}' is not a time zone this machine knows") from None
        return v

    def now(self) -> datetime:
        return datetime.now(ZoneInfo(self.timezone))


class UiSection(_Section):
    language: Literal["zh_CN", "en"] = "zh_CN"
    elderly_mode: bool = False
    fullscreen: bool = True
    width: int = Field(ge=640, le=7680)
    height: int = Field(ge=480, le=4320)
    # Voice prompts (services.speech): "espeak-ng", "mock" (tests: recorded, not spoken),
    # or empty for none.
    voice: str = Field(default="espeak-ng", pattern=r"^(espeak-ng|mock)?$")
    # Where the voice goes: "" the system's sound output; "dir:PATH" a WAV file per prompt
    # (machines without a sound card, tests).
    voice_output: str = Field(default="", pattern=r"^(dir:.+)?$")


class IdleSection(_Section):
    timeout_seconds: int = Field(ge=20, le=3600)
    warning_seconds: int = Field(ge=5, le=120)
    elderly_timeout_seconds: int = Field(ge=20, le=3600)

    @model_validator(mode="after")
    def _warning_fits(self) -> IdleSection:
        self.policy().check()
        return self

    def policy(self) -> IdlePolicy:
        return IdlePolicy(self.timeout_seconds, self.warning_seconds, self.elderly_timeout_seconds)


class CatalogSection(_Section):
    path: str = ""
    # The one-things this kiosk offers, by id; empty: every one in the catalog. A fleet
    # push may set it (kiosk.fleet).
    onethings: list[str] = Field(default_factory=list, max_length=500)

    @field_validator("onethings")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for item in v:
            if not item or len(item) > 64 or not item.replace("_", "").replace("-", "").isalnum():
                raise ValueError(f"'{item}' is not a one-thing id (letters, digits, - and _)")
        if len(set(v)) != len(v):
            raise ValueError("a one-thing is named twice")
        return v


class NoticeSection(_Section):
    """A notice the central admins show on the attract screen (a fleet push sets it)."""

    text: str = Field(default="", max_length=200)
    text_en: str = Field(default="", max_length=300)


class FleetSection(_Section):
    """Fleet configuration over TUF (services.fleet): the root of trust shipped with the
    kiosk, where the signed repository is, how often to look."""

    # The root metadata this kiosk trusts first (root.json from `kioskctl config keygen`);
    # empty: no fleet configuration.
    root: str = ""
    # The repository's address; empty: the hub's, at /fleet/.
    url: str = Field(default="", pattern=r"^(https?://[^\s]+)?$")
    refresh_seconds: float = Field(default=300, ge=1, le=86400)
    # Staff see a warning when the configuration could not be confirmed for this long, or
    # when its signed metadata expired (the kiosk keeps serving on it either way).
    stale_after_hours: float = Field(default=24, gt=0, le=24 * 90)

    def base_url(self, hub_url: str) -> str:
        return (self.url or hub_url.rstrip("/") + "/fleet").rstrip("/") + "/"


class HubSection(_Section):
    url: str = Field(pattern=r"^https?://[^\s]+$")
    ca_file: str = ""
    client_cert: str = ""
    client_key: str = ""
    connect_timeout_seconds: float = Field(gt=0, le=120)
    read_timeout_seconds: float = Field(gt=0, le=600)
    heartbeat_seconds: float = Field(ge=5, le=3600)
    catalog_refresh_seconds: float = Field(ge=10, le=86400)
    # Where a resident's phone follows progress (the QR code on the acceptance notice); the
    # hub's own address when empty. Kiosks often reach the hub on a private address.
    progress_url: str = Field(default="", pattern=r"^(https?://[^\s]+)?$")

    def progress_base(self) -> str:
        return self.progress_url or self.url

    def settings(self) -> HubSettings:
        return HubSettings(
            url=self.url,
            ca_file=self.ca_file,
            client_cert=self.client_cert,
            client_key=self.client_key,
            connect_timeout=self.connect_timeout_seconds,
            read_timeout=self.read_timeout_seconds,
        )


class DevicesSection(_Section):
    pcsc: bool = True
    pcsc_readers: list[str] = Field(default_factory=list, max_length=8)
    idreader: bool = True
    idreader_port: str = ""
    idreader_probe_ports: list[str] = Field(default_factory=list, max_length=32)
    idreader_baud: int = Field(default=115200, ge=9600, le=921600)
    # Read the card's fingerprint feature data too (0x30 0x10) where the module offers it, and
    # only while fingerprint_verify_card uses it (personal data is not read for nothing).
    idreader_fingerprints: bool = True
    fingerprint: bool = True
    fingerprint_port: str = ""
    fingerprint_probe_ports: list[str] = Field(default_factory=list, max_length=32)
    # The sensor's rate, N × 9600 as the sensor counts it, and the data packet size;
    # kiosk.calibration keeps what was set. The driver opens this rate first, so a sensor left
    # at another N × 9600 is found while this says so; only a new rate is held to those the
    # driver probes (drivers.fingerprint.codec.STANDARD_BAUDS), where a lost setting is found
    # again. Refusing the others here stopped a kiosk whose file already had one.
    fingerprint_baud: int = 57600
    fingerprint_packet_size: Literal[32, 64, 128, 256] = 128
    # 1:1 verification of the live finger against the ID card's fingerprint data (DownChar +
    # Match): only where the sensor matches the card's feature format (a sensor with the ID
    # card algorithm; the simulated one). The ZFM / R30x family's own format is not the card's.
    fingerprint_verify_card: bool = False

    @field_validator("fingerprint_baud")
    @classmethod
    def _sensor_rate(cls, v: int) -> int:
        if v % 9600 or not 9600 <= v <= 115200:
            raise ValueError(f"{v} is not a rate a sensor has: N × 9600, from 9600 to 115200")
        return v


class CameraSection(_Section):
    """The camera and how a technician calibrated it (drivers/camera)."""

    enabled: bool = True
    # A device index ("0"), a device path (/dev/video0), a video file or an image sequence
    # (img_%03d.jpg).
    source: str = "0"
    width: int = Field(default=1280, ge=160, le=7680)
    height: int = Field(default=720, ge=120, le=4320)
    rotation: Literal[0, 90, 180, 270] = 0
    mirror: bool = True
    # Manual exposure in the camera's own units; empty: automatic.
    exposure: float | None = None
    # Manual focus in the camera's own units (V4L2 focus_absolute); empty: autofocus where
    # the camera has it. White balance in kelvin; empty: automatic.
    focus: float | None = None
    white_balance: int | None = Field(default=None, ge=2000, le=10000)
    # Ask the camera for Motion-JPEG: over USB 2 most cameras give 1280 × 720 or more at a
    # full frame rate only compressed (raw YUYV is limited to a few frames a second).
    mjpg: bool = True
    # The part of the picture that matters, as fractions of the frame: [x, y, width, height].
    crop: list[float] = Field(default_factory=lambda: [0.0, 0.0, 1.0, 1.0])
    # Frames a second read from a file source (a device sets its own pace).
    fps: int = Field(default=25, ge=1, le=60)
    # How long the pose must stay right before the ID photo is taken by itself.
    hold_seconds: float = Field(default=3.0, ge=0.2, le=10.0)
    # Liveness for the ID photo (人证比对): the resident blinks before the photo takes itself,
    # and the application records that the blink was seen (and the band against a reference
    # photo when there is one). A photo held up to the camera never blinks.
    liveness: bool = False

    @model_validator(mode="after")
    def _crop_fits(self) -> CameraSection:
        if len(self.crop) != 4:
            raise ValueError("crop must be four fractions [x, y, width, height]")
        x, y, w, h = self.crop
        if not (0.0 <= x < 1.0 and 0.0 <= y < 1.0):
            raise ValueError("crop x and y must be fractions from 0 up to (not including) 1")
        # A sliver of the picture is a typing mistake, not a calibration.
        if w < 0.1 or h < 0.1:
            raise ValueError("crop width and height must be at least 0.1 of the frame")
        if x + w > 1.0 + 1e-9 or y + h > 1.0 + 1e-9:
            raise ValueError("crop must stay inside the frame (x + width and y + height ≤ 1)")
        return self


class DocumentCameraSection(CameraSection):
    """The document camera (高拍仪), when the kiosk has one apart from the face camera: paper
    materials and QR codes are read from it. Not enabled: the face camera does both."""

    enabled: bool = False
    source: str = "1"
    width: int = Field(default=2592, ge=160, le=7680)
    height: int = Field(default=1944, ge=120, le=4320)
    mirror: bool = False  # it looks down at the desk: nobody sees themselves in it


class PrinterSection(_Section):
    """The receipt printer (drivers/printer)."""

    enabled: bool = True
    # network (TCP 9100), usb or serial.
    connection: Literal["network", "usb", "serial"] = "network"
    host: str = "127.0.0.1"
    port: int = Field(default=9100, ge=1, le=65535)
    # A USB printer is found by its vendor and product ids (lsusb: "ID 0416:5011"), never as
    # "the first USB device": a kiosk has card readers and cameras on USB too.
    usb_vendor: int = Field(default=0, ge=0, le=0xFFFF)
    usb_product: int = Field(default=0, ge=0, le=0xFFFF)
    # Its endpoints; 0: read from the printer's own descriptors (which is nearly always right).
    usb_out_endpoint: int = Field(default=0, ge=0, le=0x0F)
    usb_in_endpoint: int = Field(default=0, ge=0, le=0x8F)
    serial_port: str = ""
    serial_baud: int = Field(default=115200, ge=9600, le=921600)
    # Flow control on a serial printer: a large raster image overruns a printer without it.
    serial_flow: Literal["none", "dsrdtr", "rtscts", "xonxoff"] = "dsrdtr"
    # The printer's model as python-escpos's printer database names it ("TM-T88V",
    # "TM-T20II", "POS-5890"): its width in dots, font columns, cutter and QR support.
    # Empty: a generic printer (python-escpos's "default") on `paper_mm` paper.
    profile: str = Field(default="", max_length=64)
    # 58 or 80 mm: the width of a profile that does not know its own (the generic one).
    # A profile that knows its width decides; a paper_mm that contradicts it is refused.
    paper_mm: Literal[58, 80] | None = None
    # raster: text drawn with a CJK font and sent as an image (every printer);
    # native: GB18030 text (only printers known to take it);
    # auto: native on a serial line slower than 115200 baud (a raster receipt of ~100 KB
    # takes 108 s at 9600 baud), raster otherwise.
    mode: Literal["auto", "raster", "native"] = "auto"
    cut: bool = True
    # Ask the printer its status (DLE EOT) before and after each job; off only for printers
    # that never answer one (a job is then done when its bytes are written).
    status_query: bool = True
    # How long a status answer may take before the printer counts as offline.
    status_timeout_seconds: float = Field(default=1.0, gt=0, le=30)
    # The A4 printer for result documents (查询打印), through CUPS: its name, empty for the
    # default printer; "pdf:DIR" saves each result as a PDF in DIR instead (demos, tests).
    office_printer: str = Field(default="", max_length=300)
    # A job not printed by then is given up and its document erased: a receipt printed
    # hours later is more likely to reach the next resident than its owner.
    job_expiry_minutes: int = Field(default=120, ge=1, le=7 * 24 * 60)

    @model_validator(mode="after")
    def _usable(self) -> PrinterSection:
        if not self.enabled:
            return self
        if self.connection == "usb":
            if not (self.usb_vendor and self.usb_product):
                raise ValueError(
                    "a USB printer needs usb_vendor and usb_product, as lsusb shows them "
                    "(ID 0416:5011 is usb_vendor = 0x0416, usb_product = 0x5011)"
                )
            if self.usb_in_endpoint and not self.usb_in_endpoint & 0x80:
                raise ValueError(
                    f"usb_in_endpoint 0x{self.usb_in_endpoint:02x} is an OUT address: IN "
                    "endpoints are 0x81 to 0x8f (or 0 to read it from the printer)"
                )
        if self.connection == "serial" and not self.serial_port:
            raise ValueError("a serial printer needs serial_port (e.g. /dev/ttyUSB0)")
        p = self.printer_profile()
        if self.print_mode() == "raster" and not p.raster:
            raise ValueError(
                f"profile {p.name} ({p.model}) cannot print raster images: "
                'set mode = "native" (or choose its profile again)'
            )
        return self

    def printer_profile(self) -> Profile:
        """The printer's profile; ValueError in words when it cannot be used."""
        from kiosk.printing.profiles import ProfileProblem, profile

        try:
            return profile(self.profile, self.paper_mm)
        except ProfileProblem as e:
            raise ValueError(str(e)) from None

    def print_mode(self) -> Literal["raster", "native"]:
        if self.mode != "auto":
            return self.mode
        slow = self.connection == "serial" and self.serial_baud < 115200
        return "native" if slow else "raster"


class Config(_Section):
    # The kiosk's own settings before a fleet push (with_fleet_settings), so that a later
    # push replaces an earlier one rather than piling on it.
    _before_fleet: dict[str, Any] = PrivateAttr(default_factory=dict)

    kiosk: KioskSection
    ui: UiSection
    idle: IdleSection
    catalog: CatalogSection
    hub: HubSection
    devices: DevicesSection
    camera: CameraSection = CameraSection()
    document_camera: DocumentCameraSection = DocumentCameraSection()
    printer: PrinterSection = PrinterSection()
    notice: NoticeSection = NoticeSection()
    fleet: FleetSection = FleetSection()

    def data_dir(self) -> Path:
        if self.kiosk.data_dir:
            return Path(self.kiosk.data_dir).expanduser()
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        return Path(base) / "yijianshi-kiosk"

    def token_path(self) -> Path:
        """This kiosk's hub credential, written by `kiosk enrol`."""
        return self.data_dir() / "hub.token"

    def maintenance_secret_path(self) -> Path:
        """The per-kiosk secret of the offline maintenance day code (root-only, provisioned)."""
        return self.data_dir() / "maintenance.key"

    def catalog_path(self) -> Path | None:
        return Path(self.catalog.path).expanduser() if self.catalog.path else None


def override_path(explicit: Path | None = None) -> Path | None:
    """The override file in force: --config, then $KIOSK_CONFIG, then the system file.
    KIOSK_CONFIG set and empty means none, the defaults alone, even on a machine where the
    package's system file exists (the tests, beside an installed kiosk)."""
    if explicit is not None:
        return explicit
    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    if env == "":
        return None
    return SYSTEM_OVERRIDE if SYSTEM_OVERRIDE.exists() else None


# What the maintenance screens and `kiosk doctor` may calibrate in [devices] (kiosk.calibration).
DEVICE_CALIBRATION = ("fingerprint_baud", "fingerprint_packet_size")


def load_config(override: Path | None = None) -> Config:
    """Defaults merged with the override file; FileProblem if either is wrong."""
    data = read_toml(DEFAULTS)
    source = str(DEFAULTS)
    path = override_path(override)
    if path is not None:
        data = merge(data, _anchored(read_toml(path), path.parent))
        source = str(path)
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        raise FileProblem(describe_validation_error(source, e)) from None
    # The calibration saved from the maintenance screens and `kiosk doctor` (kiosk.calibration):
    # the cameras, and the fingerprint sensor's link.
    calibration = config.data_dir() / "calibration.toml"
    if calibration.exists():
        saved = read_toml(calibration)
        devices = {k: v for k, v in saved.get("devices", {}).items() if k in DEVICE_CALIBRATION}
        cameras = {k: saved[k] for k in ("camera", "document_camera") if k in saved}
        data = merge(data, {**cameras, "devices": devices})
        try:
            config = Config.model_validate(data)
        except ValidationError as e:
            raise FileProblem(describe_validation_error(str(calibration), e)) from None
    # The fleet configuration last adopted (services.fleet keeps it checked and signed); a
    # push sets only what kiosk.fleet.PUSHABLE allows, so the calibration and the wiring
    # above stay local.
    if not config.fleet.root:  # fleet configuration off: a kept push from before stays unused
        return config
    return with_fleet_settings(config, fleet_settings(config.data_dir()))


def fleet_settings(data_dir: Path) -> dict[str, Any]:
    """The settings of the fleet configuration kept in `data_dir` ({} when none, or when it is
    no longer usable: the kiosk then runs on its own file, and says why in the log)."""
    from kiosk.fleet import Bundle, BundleProblem, checked

    try:
        kept = (data_dir / "fleet" / "current.json").read_bytes()
        return checked(Bundle.from_bytes(kept)).settings
    except FileNotFoundError:
        return {}
    except (OSError, BundleProblem) as e:
        log.warning("the kept fleet configuration is not used: %s", e)
        return {}


def with_fleet_settings(config: Config, settings: dict[str, Any]) -> Config:
    """`config` with a fleet push's settings in force, in place of an earlier push's: what
    the new push leaves out goes back to the kiosk's own value. A push that does not fit this
    kiosk (services.fleet refuses those before adopting them) leaves it as it is, and the
    log says why."""
    try:
        return fleet_applied(config, settings)
    except ValueError as e:
        log.warning("the fleet configuration is not used: %s", e)
        return config


def fleet_applied(config: Config, settings: dict[str, Any]) -> Config:
    """`config` with the push's settings in force; ValueError in plain words when they do not
    fit this kiosk's own settings (e.g. an elderly time-out shorter than its own time-out)."""
    from kiosk.fleet import pushable_part

    own = config._before_fleet or config.model_dump()
    try:
        new = Config.model_validate(merge(merge(config.model_dump(), pushable_part(own)), settings))
    except ValidationError as e:
        raise ValueError(describe_validation_error("the push, on this kiosk", e)) from None
    new._before_fleet = own
    return new


# Settings that name files: relative to the file that sets them, not to wherever the kiosk
# happens to be started from.
_PATH_KEYS = (
    ("kiosk", "data_dir"),
    ("catalog", "path"),
    ("fleet", "root"),
    ("hub", "ca_file"),
    ("hub", "client_cert"),
    ("hub", "client_key"),
)


def _anchored(data: dict[str, Any], base: Path) -> dict[str, Any]:
    for section, key in _PATH_KEYS:
        value = data.get(section, {}).get(key) if isinstance(data.get(section), dict) else None
        if isinstance(value, str) and value and not Path(value).expanduser().is_absolute():
            data[section][key] = str((base / value).resolve())
    return data


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over`'s keys over `base`'s, section by section."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out
