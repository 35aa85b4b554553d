"""Test set-up: Qt offscreen with the software renderer, and no writes outside tmp."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="kiosk-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CACHE_HOME"] = str(_HOME / "cache")
# Set and empty: the defaults alone, never the system file of a kiosk installed on the same
# machine (its data directory is the installed kiosk's; tests/test_package.py installs one).
os.environ["KIOSK_CONFIG"] = ""

ROOT = Path(__file__).resolve().parents[1]

# Before pytest-qt creates the application: offscreen, software scene graph.
from ui.app import prepare_environment  # noqa: E402

prepare_environment(offscreen=True)


class FakeTime:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.t = 10_000.0

    def __call__(self) -> float:
        return self.t


def run_kiosk(*args: str) -> subprocess.CompletedProcess:
    """The `kiosk` command in a child process, as a person or a service manager runs it."""
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="session")
def catalog():
    from kiosk.catalog import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def config():
    from kiosk.config import load_config

    return load_config()


@pytest.fixture(autouse=True)
def _face_processes_end_with_their_test() -> Iterator[None]:
    """A kiosk's face analysis child (the models, some 200 MB) ends with the test that started
    it, even when the test only stopped the camera."""
    from drivers.camera import faceproc

    before = faceproc.running()
    yield
    faceproc.stop_all(keep=before)


@pytest.fixture
def kiosk_app(qapp, config, catalog) -> Iterator:
    """The real kiosk (QML, view model, translations) in an offscreen window."""
    from ui.app import create_app

    # The mock speech engine: voice prompts are "spoken" and recorded, without a sound card.
    ui = config.ui.model_copy(
        update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
    )
    app = create_app(config.model_copy(update={"ui": ui}), catalog, windowed=True)
    yield app
    # The input method is one per process: a keyboard a test left up would greet the next
    # kiosk in this process.
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.inputMethod().hide()
    app.close()


@pytest.fixture(scope="session")
def qapp_cls():
    # The kiosk is a Qt Quick application: no widgets.
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication
