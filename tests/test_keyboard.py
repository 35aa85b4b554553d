"""The on-screen keyboard never hides the field being typed, and Enter moves to the next field:
in the standard and the elderly mode, landscape and portrait."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from demo.render import ScreenState, drive
from ui.app import create_app


def _rect(item) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _inputs(app) -> list:
    fields = [
        i
        for i in app.items()
        if i.objectName().startswith("input_") and i.isVisible() and i.height() > 0
    ]
    return sorted(fields, key=lambda i: _rect(i).top())


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_the_typed_field_stays_above_the_keyboard(qapp, qtbot, config, catalog, elderly, size):
    width, height = size
    ui = config.ui.model_copy(
        update={
            "fullscreen": False,
            "width": width,
            "height": height,
            "elderly_mode": elderly,
            "voice": "mock",
        }
    )
    app = create_app(config.model_copy(update={"ui": ui}), catalog, windowed=True)
    try:
        # Without data sharing the birth form asks the most that is typed.
        state = ScreenState(
            screen="form", onething="birth", situation="newborn", card="valid", sharing="offline"
        )
        drive(app.viewmodel, catalog, state)
        qtbot.waitUntil(lambda: len(_inputs(app)) >= 2, timeout=5000)
        qtbot.waitUntil(lambda: app.find("inputPanel") is not None, timeout=5000)
        panel = app.find("inputPanel")
        fields = _inputs(app)
        visited = 0
        field = fields[0]
        field.forceActiveFocus()
        QGuiApplication.inputMethod().show()
        qtbot.waitUntil(lambda: panel.isVisible() and panel.height() > 300, timeout=5000)
        while True:
            name = field.objectName()

            def in_view(field=field):
                r = _rect(field)
                # Above the keyboard's whole height: the handwriting bar sits on the keys.
                return r.top() >= 0 and r.bottom() <= _rect(app.find("keyboard")).top() + 1

            qtbot.waitUntil(in_view, timeout=3000)
            visited += 1
            # Enter (the keyboard's 下一项) moves on.
            QTest.keyClick(app.window, Qt.Key.Key_Return)
            focused = [i for i in _inputs(app) if i.hasActiveFocus()]
            if not focused:
                break
            assert focused[0].objectName() != name, "Enter did not move to the next field"
            field = focused[0]
        assert visited == len(fields), f"Enter visited {visited} of {len(fields)} fields"
        qtbot.waitUntil(lambda: not panel.isVisible(), timeout=3000)  # after the last one
    finally:
        app.close()
