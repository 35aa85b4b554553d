"""Handwriting: the real Zinnia engine with the Tegaki simplified Chinese model (Debian's
libzinnia0 and tegaki-zinnia-simplified-chinese) reads characters written as strokes, and
the keyboard's pad puts the one tapped into the field being filled."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.handwriting import Handwriting


def _line(x0: int, y0: int, x1: int, y1: int, n: int = 8) -> list[tuple[int, int]]:
    return [(x0 + (x1 - x0) * k // n, y0 + (y1 - y0) * k // n) for k in range(n + 1)]


# Characters as a hand writes them in a 300 × 300 box, stroke by stroke in the usual order.
WRITTEN = {
    "一": [_line(40, 150, 260, 150)],
    "二": [_line(70, 100, 230, 100), _line(40, 210, 260, 210)],
    "三": [_line(70, 70, 230, 70), _line(90, 150, 210, 150), _line(40, 240, 260, 240)],
    "十": [_line(40, 150, 260, 150), _line(150, 40, 150, 260)],
}


@pytest.fixture(scope="module")
def hw():
    engine = Handwriting.shared()
    problem = engine.available()
    assert problem == "", problem
    return engine


@pytest.mark.parametrize("character", list(WRITTEN))
def test_written_characters_are_read_first(hw, character):
    assert hw.recognize(WRITTEN[character], 300, 300)[0] == character


def test_a_square_and_a_king_are_among_the_first_few(hw):
    mouth = [_line(60, 60, 60, 240), _line(60, 60, 240, 60) + _line(240, 60, 240, 240)[1:]]
    mouth.append(_line(60, 240, 240, 240))
    assert "口" in hw.recognize(mouth, 300, 300)[:3]
    king = [_line(60, 60, 240, 60), _line(150, 60, 150, 240), _line(80, 150, 220, 150)]
    king.append(_line(40, 240, 260, 240))
    assert "王" in hw.recognize(king, 300, 300)[:5]


def test_nothing_drawn_is_nothing_read(hw):
    assert hw.recognize([], 300, 300) == [] and hw.recognize([[]], 300, 300) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6)), max_size=50
        ),
        max_size=80,
    ),
    st.integers(-5, 2000),
)
def test_any_scribble_gives_a_list_of_characters_and_never_crashes(hw, strokes, size):
    found = hw.recognize(strokes, size, size)
    assert isinstance(found, list) and all(isinstance(c, str) and c for c in found)


def test_a_missing_model_is_said_in_plain_words(tmp_path):
    engine = Handwriting(model=tmp_path / "none.model")
    assert "tegaki-zinnia-simplified-chinese" in engine.available()
    missing = Handwriting(library="libnotzinnia.so.9")
    assert "libzinnia0" in missing.available()


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_a_character_written_on_the_pad_goes_into_the_field(qapp, qtbot, config, catalog, elderly):
    from PySide6.QtCore import Q_ARG, QMetaObject
    from PySide6.QtGui import QGuiApplication

    from demo.render import ScreenState, drive
    from tests.test_keyboard import _inputs, _rect
    from ui.app import create_app

    ui = config.ui.model_copy(
        update={"fullscreen": False, "width": 1920, "height": 1080, "elderly_mode": elderly}
    )
    app = create_app(config.model_copy(update={"ui": ui}), catalog, windowed=True)
    try:
        state = ScreenState(
            screen="form", onething="birth", situation="newborn", card="valid", sharing="offline"
        )
        drive(app.viewmodel, catalog, state)
        qtbot.waitUntil(lambda: len(_inputs(app)) >= 1, timeout=5000)
        qtbot.waitUntil(lambda: app.find("keyboard") is not None, timeout=5000)
        field = next(i for i in _inputs(app) if i.property("text") == "")
        field.forceActiveFocus()
        QGuiApplication.inputMethod().show()
        qtbot.waitUntil(lambda: app.find("handwritingButton") is not None, timeout=5000)
        button = app.find("handwritingButton")
        qtbot.waitUntil(lambda: button.isVisible() and _settled(app, button), timeout=5000)
        qtbot.waitUntil(_stable(button), timeout=5000)
        _click(app, button)
        box = app.find("handwritingBox")
        pad = app.find("handwritingPad")
        qtbot.waitUntil(lambda: box.isVisible() and box.width() > 100, timeout=5000)
        qtbot.waitUntil(_stable(box), timeout=5000)
        assert field.hasActiveFocus()
        # A 十, stroke by stroke, handed to the pad as its touch handler does when a finger
        # lifts (synthetic mouse moves are not dependable on a loaded machine).
        width, height = box.width(), box.height()
        for (x0, y0), (x1, y1) in (((0.15, 0.5), (0.85, 0.5)), ((0.5, 0.15), (0.5, 0.85))):
            stroke = [
                [
                    round((x0 + (x1 - x0) * k / 10) * width),
                    round((y0 + (y1 - y0) * k / 10) * height),
                ]
                for k in range(11)
            ]
            QMetaObject.invokeMethod(pad, "addStroke", Q_ARG("QVariant", stroke))

        # The first stroke's answer (一) may come first: wait for the whole character's.
        def read_as_ten() -> bool:
            first = app.find("candidate_0")
            return first is not None and first.property("text") == "十"

        qtbot.waitUntil(read_as_ten, timeout=10000)
        candidate = app.find("candidate_0")
        qtbot.waitUntil(_stable(candidate), timeout=5000)
        # The field being filled is still in view above the pad.
        assert _rect(field).bottom() <= _rect(app.find("keyboard")).top() + 1
        assert field.hasActiveFocus()
        _click(app, candidate)
        qtbot.waitUntil(lambda: field.property("text") == "十", timeout=5000)
        assert app.find("candidate_0") is None  # the pad is clear for the next character
        _click(app, app.find("handwritingBackspace"))
        qtbot.waitUntil(lambda: field.property("text") == "", timeout=5000)
        _click(app, app.find("keysButton"))
        qtbot.waitUntil(lambda: not app.find("handwritingPad").isVisible(), timeout=5000)
        # Done with the field: the keyboard goes (the input method is the process's, and the
        # next kiosk in this process must not start with it up).
        app.window.contentItem().forceActiveFocus()
        QGuiApplication.inputMethod().hide()
        qtbot.waitUntil(lambda: not app.find("inputPanel").isVisible(), timeout=5000)
    finally:
        app.close()


def _settled(app, item) -> bool:
    """The keyboard has come up to its full height and `item` is on the screen."""
    from tests.test_keyboard import _rect

    keyboard = _rect(app.find("keyboard"))
    return keyboard.height() > 300 and _rect(item).bottom() <= keyboard.bottom() <= 1081


def _stable(item):
    """A condition: `item` is where it was at the last look (its layout has settled)."""
    from tests.test_keyboard import _rect

    seen: list = []

    def same_as_before() -> bool:
        seen.append(_rect(item))
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    return same_as_before


def _click(app, item) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtTest import QTest

    r = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, pos=QPointF(r.center()).toPoint())
