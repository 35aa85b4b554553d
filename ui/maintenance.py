"""Maintenance mode's screens: the code pad, then one row per peripheral with 开始测试, its
verdict in plain words and the technical detail, 导出诊断包 and 退出维护. The work is
services.maintenance's, on its worker thread; the screens only show what it returns."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import calibration
from services.doctor import NAMES, Check
from services.maintenance import SignedIn, maintenance_tasks
from ui.qtjson import json_property

if TYPE_CHECKING:
    from services.maintenance import Maintenance
    from services.tasks import Tasks

# The USB stick's mount point, else the kiosk's data directory.
USB_MOUNTS = (Path("/media/usb"), Path("/mnt/usb"))


class MaintenanceViewModel(QObject):
    changed = Signal()
    # A camera's calibration was saved: (section, CameraSection) for the camera's view model.
    calibrated = Signal(str, object)

    def __init__(
        self,
        tasks: Tasks[Maintenance] | None,
        parent: QObject | None = None,
        cameras: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        # The cameras' calibration in force, as the camera screen shows it: section → settings.
        self._cameras: dict[str, dict[str, Any]] = {
            section: _settings(camera) for section, camera in (cameras or {}).items()
        }
        self._step = ""  # "", "code", "menu"
        self._busy = ""  # what is running: "sign_in", a check's name, "export"
        self._problem = ""
        self._exported = ""
        self._results: dict[str, dict[str, Any]] = {}

    # -- what QML reads -----------------------------------------------------------------------

    @Property(str, notify=changed)
    def step(self) -> str:
        return self._step

    @Property(str, notify=changed)
    def busy(self) -> str:
        return self._busy

    @Property(str, notify=changed)
    def problem(self) -> str:
        return self._problem

    @Property(str, notify=changed)
    def exported(self) -> str:
        return self._exported

    @Property("QVariantList", notify=changed)
    def devices(self) -> list[dict[str, Any]]:
        return [
            {"name": n, **self._results.get(n, {"verdict": "", "words": "", "detail": ""})}
            for n in NAMES
        ]

    # -- what QML calls -----------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """The hidden corner on the attract screen."""
        if self._step == "":
            self._set(step="code", problem="")

    @Slot()
    def cancel(self) -> None:
        if self._step == "code":
            self._set(step="", problem="")

    @Slot(str)
    def enterCode(self, code: str) -> None:
        if self._tasks is None or self._busy:
            return
        self._set(busy="sign_in", problem="")
        self._tasks.run(lambda m: m.sign_in(code), self._signed_in)

    def _signed_in(self, result: object) -> None:
        if isinstance(result, SignedIn) and result.ok:
            self._results.clear()
            self._set(busy="", step="menu", problem="", exported="")
        else:
            words = result.words if isinstance(result, SignedIn) else "登录时出错，请再试"
            self._set(busy="", problem=words)

    @Slot(str)
    def test(self, name: str) -> None:
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._set(busy=name)
        self._tasks.run(lambda m: m.test(name), lambda r: self._tested(name, r))

    def _tested(self, name: str, result: object) -> None:
        if isinstance(result, Check):
            self.show_result(result)
        else:
            self._results[name] = {"verdict": "fail", "words": "检查时出错", "detail": ""}
        self._set(busy="")

    def show_result(self, check: Check) -> None:
        self._results[check.name] = {
            "verdict": check.verdict.value,
            "words": check.words,
            "detail": check.detail,
        }
        self.changed.emit()

    cameras = json_property(lambda self: self._cameras, changed)

    @Slot(str, str)
    def calibrate(self, section: str, changes_json: str) -> None:
        """Save one camera's calibration ("camera" or "document_camera") with the changes
        (JSON: rotation, mirror, crop, exposure, focus, white_balance, mjpg, source) over the
        one in force; in effect for the next photo or page, without a restart."""
        if self._tasks is None or self._busy or self._step != "menu":
            return
        if section not in self._cameras:
            return
        try:
            changes = json.loads(changes_json)
        except ValueError:
            return
        if not isinstance(changes, dict):
            return
        self._set(busy=f"calibrate:{section}", problem="")

        def work(m):
            current = getattr(m.config, section)
            camera = type(current).model_validate({**current.model_dump(), **dict(changes)})
            m.save_calibration(camera, section)
            return camera

        self._tasks.run(work, lambda r: self._calibrated(section, r))

    def _calibrated(self, section: str, result: object) -> None:
        if isinstance(result, Exception):
            self._set(busy="", problem="校准没有保存：设置不对")
            return
        self._cameras[section] = _settings(result)
        self._set(busy="")
        self.calibrated.emit(section, result)

    @Slot()
    def exportBundle(self) -> None:
        if self._tasks is None or self._busy or self._step != "menu":
            return
        self._set(busy="export", exported="")

        def work(m) -> Path:
            usb = next((p for p in USB_MOUNTS if p.is_dir()), m.config.data_dir() / "diagnostics")
            return m.export(usb)

        self._tasks.run(work, self._exported_to)

    def _exported_to(self, result: object) -> None:
        self._set(busy="", exported=str(result) if isinstance(result, Path) else "")

    @Slot()
    def signOut(self) -> None:
        if self._tasks is not None:
            self._tasks.run(lambda m: (m.sign_out(), m.deliver_soon()), lambda r: None)
        self._results.clear()
        self._set(step="", busy="", problem="", exported="")

    def _set(self, **values: str) -> None:
        for key, value in values.items():
            setattr(self, f"_{key}", value)
        self.changed.emit()

    def close(self) -> None:
        if self._tasks is not None:
            self._tasks.close()


def _settings(camera: Any) -> dict[str, Any]:
    data = camera.model_dump()
    return {k: data[k] for k in (*calibration.KEYS, "enabled")}


def build(config, post: Callable[[Callable[[], None]], None], parent: QObject):
    from services.maintenance import Maintenance

    cameras = {"camera": config.camera, "document_camera": config.document_camera}
    return MaintenanceViewModel(maintenance_tasks(Maintenance(config), post), parent, cameras)
