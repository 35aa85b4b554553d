"""What a technician calibrated, saved from the maintenance screens (or `kiosk doctor`) rather
than by editing TOML: the face camera ([camera]), the document camera ([document_camera]), each
calibrated on its own, and the fingerprint sensor's link ([devices] fingerprint_baud and
fingerprint_packet_size), in `calibration.toml` in the kiosk's data directory, laid over the
override file by kiosk.config.load_config. Written atomically (a temporary file renamed over
it), the previous one kept as `calibration.previous.toml`; saving one part keeps the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from kiosk.config import DEVICE_CALIBRATION, CameraSection, DevicesSection
from kiosk.contract import DeviceHealth
from kiosk.devices import DeviceStatus
from kiosk.tomlfile import FileProblem, read_toml

FILE = "calibration.toml"
PREVIOUS = "calibration.previous.toml"
# What a technician calibrates; the rest of [camera] stays the override file's.
HEALTH_NAME = "camera:calibration"  # in the heartbeat's devices
HEALTH_NAMES = {"camera": HEALTH_NAME, "document_camera": "document_camera:calibration"}
FINGERPRINT_HEALTH = "fingerprint:calibration"
KEYS = (
    "source",
    "width",
    "height",
    "rotation",
    "mirror",
    "exposure",
    "focus",
    "white_balance",
    "mjpg",
    "crop",
)
SECTIONS = ("camera", "document_camera")
# Whether a document camera is fitted is the technician's to say; whether the face camera is used
# at all stays the configuration's (the kiosk's file or the admins').
SECTION_KEYS = {"camera": KEYS, "document_camera": (*KEYS, "enabled")}


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__}")


def _section(name: str, values: dict[str, Any]) -> list[str]:
    keys = SECTION_KEYS[name]
    return [f"[{name}]"] + [f"{k} = {_value(values[k])}" for k in keys if values.get(k) is not None]


def _text(sections: dict[str, dict[str, Any]]) -> str:
    lines = ["# Written by the maintenance screens (calibration); do not edit."]
    for name in SECTIONS:
        if name in sections:
            lines += ["", *_section(name, sections[name])]
    devices = {k: v for k, v in sections.get("devices", {}).items() if k in DEVICE_CALIBRATION}
    if devices:
        lines += ["", "[devices]", *(f"{k} = {_value(v)}" for k, v in devices.items())]
    return "\n".join(lines) + "\n"


def saved(data_dir: Path) -> dict[str, dict[str, Any]]:
    """The sections saved so far ({} when none)."""
    path = data_dir / FILE
    if not path.exists():
        return {}
    return {k: v for k, v in read_toml(path).items() if k in (*SECTIONS, "devices")}


def save(data_dir: Path, camera: CameraSection, section: str = "camera") -> Path:
    """Write one camera's calibration atomically, the other parts kept as they were saved and
    the file before kept as the previous one; its path."""
    if section not in SECTIONS:
        raise ValueError(f"no camera section {section!r}")
    type(camera).model_validate(camera.model_dump())  # never write what would not load
    sections = saved(data_dir)
    sections[section] = camera.model_dump()
    return _write(data_dir, _text(sections))


def save_fingerprint(data_dir: Path, baud: int, packet_size: int) -> Path:
    """The fingerprint sensor's link as the technician set it; the cameras' parts are kept."""
    devices = {"fingerprint_baud": baud, "fingerprint_packet_size": packet_size}
    DevicesSection.model_validate(devices)  # never write what would not load
    sections = saved(data_dir)
    sections["devices"] = devices
    return _write(data_dir, _text(sections))


def _write(data_dir: Path, content: str) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILE
    tmp = data_dir / (FILE + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    if path.exists():
        # Copied, not moved: the file in force is never missing, even for an instant (a power
        # loss then would start the kiosk uncalibrated).
        kept = data_dir / (PREVIOUS + ".tmp")
        shutil.copyfile(path, kept)
        os.replace(kept, data_dir / PREVIOUS)
    os.replace(tmp, path)
    return path


def health(data_dir: Path) -> list[DeviceHealth]:
    """The calibration in force, for the hub's heartbeat (none saved: nothing)."""
    path = data_dir / FILE
    if not path.exists():
        return []
    try:
        sections = saved(data_dir)
    except FileProblem:
        return [DeviceHealth(name=HEALTH_NAME, status=DeviceStatus.ERROR, detail="unreadable")]
    out = []
    for section, name in ((s, HEALTH_NAMES[s]) for s in SECTIONS):
        camera = sections.get(section)
        if not camera:
            continue
        detail = ", ".join(f"{k} {camera[k]}" for k in KEYS if k in camera and k != "source")
        out.append(DeviceHealth(name=name, status=DeviceStatus.READY, detail=detail[:500]))
    devices = sections.get("devices", {})
    if devices.get("fingerprint_baud"):
        detail = (
            f"baud {devices['fingerprint_baud']}, "
            f"packet size {devices.get('fingerprint_packet_size', '')}"
        )
        out.append(DeviceHealth(name=FINGERPRINT_HEALTH, status=DeviceStatus.READY, detail=detail))
    return out
