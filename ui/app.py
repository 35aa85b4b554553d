"""Build the Qt application, the QML engine and the view model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

from kiosk.catalog.model import Catalog
from kiosk.config import Config
from ui.i18n import Translations
from ui.qr import QrImageProvider
from ui.viewmodel import KioskViewModel

QML_DIR = Path(__file__).resolve().parent / "qml"
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]


@dataclass
class KioskApp:
    app: QGuiApplication
    engine: QQmlApplicationEngine
    viewmodel: KioskViewModel
    translations: Translations

    @property
    def window(self) -> QQuickWindow:
        return self.engine.rootObjects()[0]


def prepare_environment(offscreen: bool = False) -> None:
    """Settings that must be made before the QGuiApplication exists."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The software scene graph renders the same everywhere, needs no GPU, and is what
    # offscreen renders and low-end terminals both get.
    if offscreen or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "vnc")):
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def create_app(
    config: Config, catalog: Catalog, *, windowed: bool = False, argv: list[str] | None = None
) -> KioskApp:
    app = QGuiApplication.instance() or QGuiApplication(argv or ["kiosk"])
    app.setApplicationName("yijianshi-kiosk")
    app.setOrganizationName("yijianshi")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)

    translations = Translations(app)
    translations.set_language(config.ui.language)

    viewmodel = KioskViewModel(config, catalog, translations)
    app.installEventFilter(viewmodel)

    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    engine.addImportPath(str(QML_DIR))
    engine.rootContext().setContextProperty("kiosk", viewmodel)
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
    return KioskApp(app, engine, viewmodel, translations)
