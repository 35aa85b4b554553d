"""The app shell: the Qt application, the QML engine and the view models, and the kiosk
running with the services beside its screens (services.runtime)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow, QSGRendererInterface
from shiboken6 import Shiboken

from kiosk.catalog.model import Catalog
from kiosk.config import Config
from services.handwriting import Handwriting
from services.journey import Journey
from services.speech import Speaker
from services.tasks import Tasks
from ui import gcguard
from ui.camera import CameraViewModel
from ui.fingerprint_image import FingerprintImageProvider
from ui.handwriting import build_handwriting
from ui.i18n import Translations
from ui.journey import JourneyViewModel
from ui.maintenance import MaintenanceViewModel
from ui.maintenance import build as build_maintenance
from ui.post import Poster
from ui.qr import QrImageProvider
from ui.staff import StaffViewModel
from ui.viewmodel import KioskViewModel

if TYPE_CHECKING:
    from services.runtime import Runtime

QML_DIR = Path(__file__).resolve().parent / "qml"
PRELOAD_MS = 3000  # after start-up, when the face analysis process starts (CameraViewModel)
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]


@dataclass
class KioskApp:
    app: QGuiApplication
    engine: QQmlApplicationEngine
    viewmodel: KioskViewModel
    translations: Translations
    # Kept, not looked up each time: shiboken invalidates the wrappers of children found
    # through a temporary window wrapper once that wrapper is collected. And looked up again
    # when shiboken has invalidated the kept one (PySide6 6.11 does, when a screen holding
    # a Python-defined item is unloaded) while the window itself lives on.
    _window: QQuickWindow
    journey: JourneyViewModel | None = None
    # A speaker of the screens' own (no runtime): stopped with them.
    own_speaker: Speaker | None = None
    staff: StaffViewModel | None = None
    maintenance: MaintenanceViewModel | None = None
    handwriting: Tasks[Handwriting] | None = None

    @property
    def window(self) -> QQuickWindow:
        if not Shiboken.isValid(self._window):
            self._window = self.engine.rootObjects()[0]
        return self._window

    def items(self) -> Iterator[QQuickItem]:
        """Every item on screen. Views parent their delegates visually only, so this
        walks the item tree rather than QObject children."""
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.childItems()))

    def find(self, name: str) -> QQuickItem | None:
        return next((i for i in self.items() if i.objectName() == name), None)

    def screen_loaded(self) -> bool:
        loader = self.find("screenLoader")
        return loader is not None and loader.property("item") is not None

    def close(self) -> None:
        """Close the window and free the engine (and the view model it owns); the
        QGuiApplication stays, ready for another kiosk (renders, tests)."""
        self.app.removeEventFilter(self.viewmodel)
        if self.maintenance is not None:
            self.maintenance.close()
        if self.staff is not None:
            self.app.removeEventFilter(self.staff)
            self.staff.close()
        if self.handwriting is not None:
            self.handwriting.close()
        if self.own_speaker is not None:
            self.own_speaker.stop()
        if self.journey is not None and self.journey.camera is not None:
            self.journey.camera.shutdown()
        self.translations.close()
        self.window.close()
        self.engine.deleteLater()
        self.app.processEvents()
        gcguard.release()


def prepare_environment(offscreen: bool = False) -> None:
    """Settings that only take effect before the QGuiApplication exists; later calls
    change nothing (the first one decided)."""
    if QGuiApplication.instance() is not None:
        return
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The software scene graph renders the same everywhere and needs no GPU: what offscreen
    # renders and VNC get.
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "vnc")):
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def qt_application(argv: list[str] | None = None) -> QGuiApplication:
    """The one QGuiApplication, made on first call."""
    app = QGuiApplication.instance() or QGuiApplication(argv or ["kiosk"])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("yijianshi-kiosk")
    app.setOrganizationName("yijianshi")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)
    return app


@contextmanager
def kiosk_running(
    config: Config,
    catalog: Catalog,
    *,
    windowed: bool = False,
    demo: QObject | None = None,
) -> Iterator[KioskApp]:
    """The kiosk's screens with the services beside them (the desk to the hub, the print
    service, the peripherals, the sync worker), started; on leaving, the services stop
    first (their work in flight finishes), then the screens close."""
    from services.runtime import Runtime

    app = qt_application()
    gcguard.hold()  # before the services start their threads
    poster = Poster(app)
    kiosk: KioskApp | None = None
    try:
        runtime = Runtime(config, poster.post, catalog_version=catalog.version).start()
        try:
            kiosk = create_app(config, catalog, windowed=windowed, demo=demo, runtime=runtime)
            yield kiosk
        finally:
            runtime.stop()
            if kiosk is not None:
                kiosk.close()
    finally:
        poster.deleteLater()
        gcguard.release()


def create_app(
    config: Config,
    catalog: Catalog,
    *,
    windowed: bool = False,
    argv: list[str] | None = None,
    demo: QObject | None = None,
    runtime: Runtime | None = None,
) -> KioskApp:
    """The screens. With `runtime`, they work through its services; without (renders,
    tests of the screens alone), nothing is sent, printed or captured. Until they close,
    Python's garbage is collected on the GUI thread only (ui.gcguard)."""
    app = qt_application(argv)
    gcguard.hold()
    try:
        return _create_app(app, config, catalog, windowed=windowed, demo=demo, runtime=runtime)
    except BaseException:
        gcguard.release()
        raise


def _create_app(
    app: QGuiApplication,
    config: Config,
    catalog: Catalog,
    *,
    windowed: bool,
    demo: QObject | None,
    runtime: Runtime | None,
) -> KioskApp:
    translations = Translations(app)
    translations.set_language(config.ui.language)

    engine = QQmlApplicationEngine()
    # Without a runtime, a journey with no desk, printer or sensor: it answers "offline".
    work = runtime.journey if runtime is not None else Journey(Poster(engine).post)
    # The voice: the runtime's, or one of the screens' own, started once the event loop runs
    # (its look for voices is on its own thread anyway: the first frame never waits for it).
    events: list = []
    speaker = (
        runtime.speaker
        if runtime is not None
        else Speaker(
            config.ui.voice,
            output=config.ui.voice_output,
            on_event=lambda event: events[0](event) if events else None,
        )
    )
    # Owned by the engine, so it outlives the QML that binds to it, whatever the exit path.
    viewmodel = KioskViewModel(config, catalog, translations, work, parent=engine, speaker=speaker)
    if runtime is None:
        events.append(viewmodel.driverEvent.emit)
        QTimer.singleShot(0, speaker.start)
    app.installEventFilter(viewmodel)
    if runtime is not None:
        runtime.listen_devices(viewmodel.driverEvent.emit)
        runtime.listen_catalogs(viewmodel.hubCatalog.emit)
        runtime.listen_configs(viewmodel.hubConfig.emit)
        viewmodel.catalogAdopted.connect(runtime.using_catalog)
    engine.addImageProvider("qr", QrImageProvider())
    engine.addImageProvider("fingerprint", FingerprintImageProvider(viewmodel.fingerprint_image))
    engine.addImportPath(str(QML_DIR))
    engine.rootContext().setContextProperty("kiosk", viewmodel)
    staff = StaffViewModel(
        runtime.staff_tasks if runtime is not None else None, Poster(engine).post, engine
    )
    app.installEventFilter(staff)
    engine.rootContext().setContextProperty("staff", staff)
    maintenance = build_maintenance(
        config,
        Poster(engine).post,
        engine,
        live=viewmodel.device_state,
        fingerprint_sensor=lambda: (
            runtime.peripherals.fingerprint if runtime and runtime.peripherals else None
        ),
        print_service=lambda: runtime.print_service if runtime is not None else None,
    )
    app.installEventFilter(maintenance)  # a touch keeps its code pad open
    # The fingerprint test's image, from memory (the technician's own finger).
    engine.addImageProvider("maintenance", FingerprintImageProvider(maintenance.fingerprint_image))
    # Maintenance mode takes every card while it is open (a technician's card, a test card);
    # else the staff panel takes the one it waits for; else it is a resident's.
    viewmodel.staff_card = lambda identity: (
        maintenance.take_card(identity) or staff.take_card(identity)
    )
    # Characters written by hand on the keyboard's pad, for those who do not type Pinyin.
    handwriting, handwriting_tasks = build_handwriting(Poster(engine).post, engine)
    engine.rootContext().setContextProperty("handwriting", handwriting)
    engine.rootContext().setContextProperty("maintenance", maintenance)
    journey = JourneyViewModel(viewmodel, work, parent=engine)
    engine.rootContext().setContextProperty("journey", journey)
    # The camera's status goes through the runtime too: the hub's heartbeat reports it.
    on_camera_event = runtime.device_event if runtime is not None else viewmodel.driverEvent.emit
    camera = CameraViewModel(
        config.camera,
        parent=engine,
        on_event=on_camera_event,
        document_config=config.document_camera,
    )
    maintenance.calibrated.connect(camera.reconfigure)
    # The face analysis process loads dlib's models (a second and a half) by itself: started a
    # moment after start-up, so that it does not compete with the first screen for the CPU,
    # and is ready before a resident's first photo. The screens never wait for it.
    QTimer.singleShot(PRELOAD_MS, camera, camera.warm_up)
    engine.addImageProvider("camera", camera.image_provider())
    engine.rootContext().setContextProperty("kioskCamera", camera)
    viewmodel.sessionWiped.connect(camera.clear)
    camera.elderly = viewmodel.elderly
    viewmodel.modeChanged.connect(lambda: setattr(camera, "elderly", viewmodel.elderly))
    journey.attach_camera(camera)
    # The demo's sample-card panel, where simulated devices run (None: no panel).
    engine.rootContext().setContextProperty("demo", demo)
    engine.setInitialProperties(
        {
            "width": config.ui.width,
            "height": config.ui.height,
            "fullScreen": config.ui.fullscreen and not windowed,
        }
    )
    # Language switches re-evaluate every qsTr binding.
    viewmodel.languageChanged.connect(engine.retranslate)
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Kiosk" / "Main.qml")))
    if not engine.rootObjects():
        raise RuntimeError("the kiosk's QML could not be loaded (see the messages above)")
    return KioskApp(
        app,
        engine,
        viewmodel,
        translations,
        engine.rootObjects()[0],
        journey,
        own_speaker=speaker if runtime is None else None,
        staff=staff,
        maintenance=maintenance,
        handwriting=handwriting_tasks,
    )
