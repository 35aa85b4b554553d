"""The camera's calibration, saved from the maintenance screens rather than by editing TOML:
`calibration.toml` in the kiosk's data directory, laid over the override file by
kiosk.config.load_config. Written atomically (a temporary file renamed over it), the previous
one kept as `calibration.previous.toml`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kiosk.config import CameraSection
from kiosk.contract import DeviceHealth
from kiosk.devices import DeviceStatus
from kiosk.tomlfile import FileProblem, read_toml

FILE = "calibration.toml"
PREVIOUS = "calibration.previous.toml"
# What a technician calibrates; the rest of [camera] stays the override file's.
HEALTH_NAME = "camera:calibration"  # in the heartbeat's devices
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


def text(camera: CameraSection) -> str:
    data = camera.model_dump()
    lines = ["# Written by the maintenance screens (camera calibration); do not edit.", "[camera]"]
    lines += [f"{k} = {_value(data[k])}" for k in KEYS if data[k] is not None]
    return "\n".join(lines) + "\n"


def save(data_dir: Path, camera: CameraSection) -> Path:
    """Write the calibration atomically, keeping the one before; its path."""
    CameraSection.model_validate(camera.model_dump())  # never write what would not load
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILE
    tmp = data_dir / (FILE + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text(camera))
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
    if not camera:
        return []
    detail = ", ".join(f"{k} {camera[k]}" for k in KEYS if k in camera and k != "source")
    return [DeviceHealth(name=HEALTH_NAME, status=DeviceStatus.READY, detail=detail[:500])]
