"""What a technician calibrated, saved from the maintenance screens (or `kiosk doctor`) rather
than by editing TOML: the camera ([camera]) and the fingerprint sensor's link ([devices]
fingerprint_baud and fingerprint_packet_size), in `calibration.toml` in the kiosk's data
directory, laid over the override file by kiosk.config.load_config. Written atomically (a
temporary file renamed over it), the previous one kept as `calibration.previous.toml`; saving
one part keeps the other."""

from __future__ import annotations

import os
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
FINGERPRINT_HEALTH = "fingerprint:calibration"
KEYS = ("source", "width", "height", "rotation", "mirror", "exposure", "crop")


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


def text(camera: CameraSection | None, devices: dict[str, Any] | None = None) -> str:
    lines = ["# Written by the maintenance screens (calibration); do not edit."]
    if camera is not None:
        data = camera.model_dump()
        lines += ["[camera]", *(f"{k} = {_value(data[k])}" for k in KEYS if data[k] is not None)]
    if devices:
        lines += ["[devices]", *(f"{k} = {_value(v)}" for k, v in devices.items())]
    return "\n".join(lines) + "\n"


def _saved(data_dir: Path) -> tuple[CameraSection | None, dict[str, Any]]:
    path = data_dir / FILE
    if not path.exists():
        return None, {}
    data = read_toml(path)
    camera = CameraSection.model_validate(data["camera"]) if data.get("camera") else None
    devices = {k: v for k, v in data.get("devices", {}).items() if k in DEVICE_CALIBRATION}
    return camera, devices


def save(data_dir: Path, camera: CameraSection) -> Path:
    """Write the camera's calibration atomically, keeping the one before; its path."""
    CameraSection.model_validate(camera.model_dump())  # never write what would not load
    _, devices = _saved(data_dir)
    return _write(data_dir, text(camera, devices))


def save_fingerprint(data_dir: Path, baud: int, packet_size: int) -> Path:
    """The fingerprint sensor's link as the technician set it; the camera's part is kept."""
    devices = {"fingerprint_baud": baud, "fingerprint_packet_size": packet_size}
    DevicesSection.model_validate(devices)  # never write what would not load
    camera, _ = _saved(data_dir)
    return _write(data_dir, text(camera, devices))


def _write(data_dir: Path, content: str) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILE
    tmp = data_dir / (FILE + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    if path.exists():
        os.replace(path, data_dir / PREVIOUS)
    os.replace(tmp, path)
    return path


def health(data_dir: Path) -> list[DeviceHealth]:
    """The calibration in force, for the hub's heartbeat (none saved: nothing)."""
    path = data_dir / FILE
    if not path.exists():
        return []
    try:
        camera = read_toml(path).get("camera", {})
    except FileProblem:
        return [DeviceHealth(name=HEALTH_NAME, status=DeviceStatus.ERROR, detail="unreadable")]
    devices = read_toml(path).get("devices", {})
    out = []
    if camera:
        detail = ", ".join(f"{k} {camera[k]}" for k in KEYS if k in camera and k != "source")
        out.append(DeviceHealth(name=HEALTH_NAME, status=DeviceStatus.READY, detail=detail[:500]))
    if devices.get("fingerprint_baud"):
        detail = (
            f"baud {devices['fingerprint_baud']}, "
            f"packet size {devices.get('fingerprint_packet_size', '')}"
        )
        out.append(DeviceHealth(name=FINGERPRINT_HEALTH, status=DeviceStatus.READY, detail=detail))
    return out
