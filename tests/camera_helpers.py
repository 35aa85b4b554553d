"""Helpers for the camera tests: scenes written to real files, and a worker run until a
condition holds (with a deadline, never a hang)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers.camera import scenes
from drivers.camera.worker import CameraWorker, Mode
from drivers.events import StatusChanged
from kiosk.config import CameraSection
from kiosk.devices import DeviceStatus


def scene_file(tmp_path: Path, name: str, suffix: str = ".png") -> Path:
    return scenes.write_image(scenes.draw(name), tmp_path / f"{name}{suffix}")


def config(source: Path | str, **kw: Any) -> CameraSection:
    kw.setdefault("fps", 30)
    kw.setdefault("hold_seconds", 0.3)
    return CameraSection(source=str(source), **kw)


class Recorder:
    """Collects what a worker reports, from its threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.frames = 0
        self.last_frame = None
        self.analyses: list[Any] = []
        self.states: list[tuple[DeviceStatus, str]] = []

    def on_frame(self, frame) -> None:
        with self.lock:
            self.frames += 1
            self.last_frame = frame

    def on_analysis(self, result) -> None:
        with self.lock:
            self.analyses.append(result)

    def on_event(self, event) -> None:
        assert isinstance(event, StatusChanged)
        assert event.state.name == "camera"
        with self.lock:
            self.states.append((event.state.status, event.state.detail))

    def worker(self, cfg: CameraSection, mode: Mode = Mode.PREVIEW, **kw: Any) -> CameraWorker:
        kw.setdefault("backoff", (0.05, 0.2))
        return CameraWorker(
            cfg,
            on_frame=self.on_frame,
            on_analysis=self.on_analysis,
            on_event=self.on_event,
            mode=mode,
            **kw,
        )

    def _last(self) -> tuple[DeviceStatus | None, str]:
        """The last state before the worker was stopped."""
        with self.lock:
            states = [s for s in self.states if s[1] != "stopped"]
        return states[-1] if states else (None, "")

    def status(self) -> DeviceStatus | None:
        return self._last()[0]

    def detail(self) -> str:
        return self._last()[1]


def wait_for(condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError(f"not within {timeout} s: {condition}")
