"""Simulated peripherals inside the kiosk, for demos and technicians: the ID-card module on a
pty and virtual social security cards through pcscd and vpcd, driven by the real drivers,
with a small panel of sample residents (SAMPLE DATA) to put a card in and take it out; the
fingerprint sensor on a pty; a receipt printer on TCP that keeps each receipt as a PNG; and
a camera that sees a sample resident, who blinks (the liveness challenge is on, as on a
terminal)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from drivers.camera import scenes
from drivers.fingerprint.sim import SimulatedSensor, template_of
from drivers.idreader.samples import SAMPLE_RESIDENTS
from drivers.idreader.sim import SimulatedModule
from drivers.pcsc.cardfile import load_card, samples
from drivers.pcsc.vcard import VirtualCard
from drivers.printer.sim import SimulatedPrinter
from kiosk.config import Config

log = logging.getLogger(__name__)
DEMO_FINGER = "demo-finger"


class DemoDevices(QObject):
    changed = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.module = SimulatedModule(link=Path(data_dir) / "idreader-sim")
        self.module.remove()
        self.sensor = SimulatedSensor(link=Path(data_dir) / "fingerprint-sim")
        self.receipts = Path(data_dir) / "demo-receipts"
        self.results = Path(data_dir) / "demo-results"  # A4 results, saved as PDFs
        self.printer = SimulatedPrinter(self.receipts).start()
        # A video, looped by the camera: the resident blinks now and then.
        self.camera_source = str(Path(data_dir) / "demo-camera.avi")
        # The resident before the kiosk's white backdrop, as a terminal for ID photos has one.
        self.show_camera("id-portrait")
        self._cards = [load_card(p) for p in samples()]
        self._inserted: VirtualCard | None = None
        self._placed = ""
        self._lock = threading.Lock()  # one card movement at a time

    @property
    def idreader_port(self) -> str:
        return self.module.path

    @Slot(str)
    def act(self, action: str) -> None:
        """The panel's printer and camera buttons: paper_out, paper_in, offline, online, or
        scene:<name> for what the camera sees the next time it opens."""
        match action.partition(":"):
            case ("paper_out", _, _):
                self.printer.paper_out()
            case ("paper_in", _, _):
                self.printer.paper_in()
            case ("offline", _, _):
                self.printer.offline()
            case ("online", _, _):
                self.printer.online()
            case ("scene", _, scene):
                self.show_camera(scene)
            case _:
                log.warning("the demo panel has no action %r", action)

    def configure(self, config: Config) -> Config:
        """`config` with these devices in place of the terminal's own."""
        return config.model_copy(
            update={
                "devices": config.devices.model_copy(
                    update={
                        "idreader_port": self.idreader_port,
                        "fingerprint_port": self.fingerprint_port,
                        # The simulated sensor matches the simulated cards' fingerprint data.
                        "fingerprint_verify_card": True,
                    }
                ),
                "camera": config.camera.model_copy(
                    update={"source": self.camera_source, "liveness": True}
                ),
                "printer": config.printer.model_copy(
                    update={
                        "connection": "network",
                        "host": "127.0.0.1",
                        "port": self.printer_port,
                        "office_printer": f"pdf:{self.results}",
                    }
                ),
            }
        )

    def show_camera(self, scene: str) -> None:
        """What the camera sees from now on (the next time it starts): a scene of
        drivers.camera.scenes, e.g. "qr-licence" for a licence held up to it. Written aside
        and renamed over the old one: a camera reading it never sees half a video."""
        path = Path(self.camera_source)
        if scene in ("portrait", "id-portrait"):
            frames = scenes.blinking_portrait(still=scenes.draw(scene))
        else:
            frames = scenes.draw(scene)
        fresh = scenes.write_video(frames, path.with_name("demo-camera.new.avi"))
        os.replace(fresh, path)

    @property
    def printer_port(self) -> int:
        return self.printer.port

    @property
    def fingerprint_port(self) -> str:
        return str(self.sensor.link)

    @Slot()
    def pressFinger(self) -> None:
        self.sensor.place(DEMO_FINGER)

    @Slot()
    def liftFinger(self) -> None:
        self.sensor.remove()

    def _get_residents(self) -> list[dict[str, Any]]:
        people = [
            {
                "key": f"id:{n}",
                "name": p.name,
                "card": "resident_id",
                "expired": p.valid_until is not None and p.valid_until.year < 2026,
            }
            for n, p in enumerate(SAMPLE_RESIDENTS, start=1)
        ]
        people += [
            {
                "key": f"ssc:{n}",
                "name": c.name,
                "card": "social_security",
                "expired": c.expiry_date is not None and c.expiry_date.year < 2026,
            }
            for n, c in enumerate(self._cards)
        ]
        return people

    def _get_placed(self) -> str:
        return self._placed

    residents = Property("QVariantList", _get_residents, constant=True)
    placed = Property(str, _get_placed, notify=changed)

    @Slot(str)
    def place(self, key: str) -> None:
        """Put a sample card in, off the GUI thread (a virtual card connects over TCP)."""
        self._placed = key
        self.changed.emit()
        threading.Thread(target=self._place, args=(key,), daemon=True).start()

    @Slot()
    def take(self) -> None:
        self._placed = ""
        self.changed.emit()
        threading.Thread(target=self._take, daemon=True).start()

    def _place(self, key: str) -> None:
        with self._lock:
            self._take_now()
            kind, _, index = key.partition(":")
            try:
                if kind == "id":
                    # Each sample card carries the demo finger's template (SAMPLE DATA), in the
                    # simulated sensor's own format, so the 1:1 check can be seen to work.
                    self.module.place(
                        SAMPLE_RESIDENTS[int(index) - 1], fingerprints=template_of(DEMO_FINGER)
                    )
                else:
                    card = VirtualCard(self._cards[int(index)])
                    card.insert()
                    self._inserted = card
            except Exception as e:  # a demo control must not take the kiosk down
                log.warning("the sample card could not be put in: %s", e)

    def _take(self) -> None:
        with self._lock:
            self._take_now()

    def _take_now(self) -> None:
        self.module.remove()
        if self._inserted is not None:
            self._inserted.remove()
            self._inserted = None

    def stop(self) -> None:
        self._take()
        self.module.close()
        self.sensor.close()
        self.printer.stop()
