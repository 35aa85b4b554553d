"""Nothing a resident must read is cut off or spills out: every text fits its button and the
screen, in both languages, in normal and elderly mode."""

from __future__ import annotations

import contextlib
import json

import pytest
import shiboken6
from PySide6.QtCore import QMetaObject, QRectF, Qt
from PySide6.QtQml import QQmlExpression, qmlContext
from PySide6.QtQuick import QQuickItem

from demo.render import ScreenState, drive
from ui.app import create_app

STATES = [
    ScreenState(),
    ScreenState(screen="browse", stage="birth"),
    ScreenState(screen="browse", audience="enterprise", stage="premises"),
    ScreenState(screen="questions", onething="gaokao-preference"),
    ScreenState(screen="questions", onething="birth"),
    ScreenState(screen="outside", onething="birth", answers=(1,)),
    ScreenState(screen="notice", onething="birth", situation="newborn"),
    ScreenState(screen="notice", onething="company-setup", answers=(0,)),
    ScreenState(screen="identify", readers_down=True),
    ScreenState(screen="confirm", card="valid"),
    ScreenState(screen="card_problem", card="expired"),
    ScreenState(screen="card_problem", card="unreadable"),
    ScreenState(screen="card_problem", card="other_id"),  # the longest problem's words
    ScreenState(screen="card_problem", card="reader_down"),  # staff's button, not the card's
    ScreenState(screen="confirm", card="valid", card_taken_out=True),
    ScreenState(screen="take_card", card="valid"),
    # A foreigner's 43-letter English name, masked: it used to run off the confirm screen.
    ScreenState(screen="confirm", card="foreigner_2017"),
    ScreenState(
        screen="fingerprint", onething="military-discharge", situation="job-placement", card="valid"
    ),
    ScreenState(screen="form", onething="birth", situation="newborn", card="valid"),
    ScreenState(screen="review", onething="birth", situation="newborn", card="valid"),
    ScreenState(screen="rating", onething="birth", situation="newborn", card="valid"),
]


FIELD_BOXES = ("askedField_", "knownField_")


def _app(config, catalog, size, language="zh_CN", elderly=True, **ui):
    """The kiosk in a window of `size`, in `language`, elderly or not."""
    settings = {"fullscreen": False, "width": size[0], "height": size[1]}
    settings |= {"language": language, "elderly_mode": elderly, **ui}
    ui_config = config.ui.model_copy(update=settings)
    return create_app(config.model_copy(update={"ui": ui_config}), catalog, windowed=True)


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _ancestors(item: QQuickItem):
    parent = item.parentItem()
    while parent is not None:
        yield parent
        parent = parent.parentItem()


def _shown(item: QQuickItem, rect: QRectF) -> QRectF:
    """The part of `rect` (in the scene) that the panels `item` sits in let through."""
    for clip in (a for a in _ancestors(item) if a.clip()):
        rect = rect.intersected(_scene_rect(clip))
    return rect


def _number(item: QQuickItem, name: str) -> int:
    """An enum property's value (QObject.property cannot convert Text's alignments)."""
    value, _ = QQmlExpression(qmlContext(item), item, f"{name} + 0").evaluate()
    return int(value)


def _painted(item: QQuickItem) -> QRectF:
    """Where a Text's words are, in the scene: its box can be wider than what it says."""
    rect = _scene_rect(item)
    width, height = item.property("contentWidth"), item.property("contentHeight")
    h_align, v_align = (
        _number(item, p) for p in ("effectiveHorizontalAlignment", "verticalAlignment")
    )
    dx = rect.width() - width
    dy = rect.height() - height
    x = rect.x() + (dx / 2 if h_align & Qt.AlignmentFlag.AlignHCenter.value else 0)
    x += dx if h_align & Qt.AlignmentFlag.AlignRight.value else 0
    y = rect.y() + (dy / 2 if v_align & Qt.AlignmentFlag.AlignVCenter.value else 0)
    y += dy if v_align & Qt.AlignmentFlag.AlignBottom.value else 0
    return _shown(item, QRectF(x, y, min(width, rect.width()), min(height, rect.height())))


def _key(item: QQuickItem) -> int:
    return shiboken6.getCppPointer(item)[0]


def _overlays(item: QQuickItem) -> set[int]:
    return {_key(a) for a in _ancestors(item) if a.objectName().endswith("Overlay")}


def _button_areas(app) -> list[tuple[int, set[int], QRectF, str]]:
    """Each visible button once: its key, its overlays, the part of it shown, its name."""
    return [
        (
            _key(b),
            _overlays(b),
            _shown(b, _scene_rect(b)),
            b.objectName() or repr(b.property("text")),
        )
        for b in app.items()
        if b.property("primary") is not None and b.isVisible() and b.opacity() > 0
    ]


def _covering(buttons: list[tuple[int, set[int], QRectF, str]], text: QQuickItem) -> str | None:
    """The button lying over some of `text` (the staff's corner door over the attract
    screen's words did), if any. The text's own button does not count, nor one on another
    layer: an overlay (the card taken out, 还在吗?) hides the screen beneath on purpose."""
    own = {_key(a) for a in _ancestors(text)}
    layers = _overlays(text)
    words = _painted(text).adjusted(2, 2, -2, -2)
    for key, overlays, area, name in buttons:
        if key not in own and overlays == layers and area.intersects(words):
            return name
    return None


def _problems(app) -> list[str]:
    window = QRectF(0, 0, app.window.width(), app.window.height())
    problems = []
    buttons = _button_areas(app)
    for item in app.items():
        text = item.property("text")
        if not isinstance(text, str) or not text.strip() or not item.isVisible():
            continue
        if item.property("truncated"):
            problems.append(f"{text!r} is cut off")
            continue
        rect = _scene_rect(item).adjusted(1, 1, -1, -1)
        content_width = item.property("contentWidth")
        if content_width is None:  # not a Text (a keyboard key, a field)
            continue
        if content_width > item.width() + 1 and item.width() > 0:
            problems.append(
                f"{text!r} is wider than its box ({content_width:.0f} > {item.width():.0f})"
            )
        ancestors = list(_ancestors(item))
        button = next((a for a in ancestors if a.property("primary") is not None), None)
        if button is not None and not _scene_rect(button).contains(rect):
            problems.append(f"{text!r} spills out of its button")
        if not any(a.clip() for a in ancestors) and not window.contains(rect):
            problems.append(f"{text!r} runs off the screen")
        covering = _covering(buttons, item)
        if covering is not None:
            problems.append(f"{text!r} is covered by {covering}")
        # A scrolling panel scrolls up and down, never sideways: nothing sticks out to the side.
        for clip in (a for a in ancestors if a.clip()):
            box = _scene_rect(clip)
            if rect.left() < box.left() or rect.right() > box.right():
                where = clip.objectName() or "a panel"
                problems.append(f"{text!r} sticks out of the side of {where}")
                break
        # Nor out of the framed box of its question.
        field = next((a for a in ancestors if a.objectName().startswith(FIELD_BOXES)), None)
        if field is not None:
            box = _scene_rect(field)
            if rect.left() < box.left() or rect.right() > box.right():
                problems.append(f"{text!r} spills out of {field.objectName()}")
    return problems


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_every_text_fits(qapp, qtbot, config, catalog, language, elderly, size):
    failures = []
    for state in STATES:
        app = _app(config, catalog, size, language, elderly)
        try:
            drive(app.viewmodel, catalog, state)
            _settled(qtbot, lambda app=app: app.screen_loaded() and not _problems(app))
            assert app.screen_loaded(), f"{state.screen} did not load"
            failures += [
                f"{state.screen}/{state.onething or state.stage}: {p}" for p in _problems(app)
            ]
        finally:
            app.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_top_bar_fits_with_the_voice_warning(qapp, qtbot, config, catalog, language, size):
    """语音提示暂不可用 takes its room in the top bar: the kiosk's name gives way rather than
    be squeezed into lines that run off the bar (elderly English did)."""
    from drivers.events import StatusChanged
    from kiosk.devices import DeviceState, DeviceStatus

    app = _app(config, catalog, size, language, True, voice="mock")
    try:
        state = DeviceState("voice", DeviceStatus.ERROR, "no Chinese (Mandarin) voice")
        app.viewmodel.driverEvent.emit(StatusChanged(state))
        qtbot.waitUntil(lambda: app.find("voiceProblem").isVisible(), timeout=5000)
        title = app.find("topBarTitle")

        def fits() -> bool:
            return not title.isVisible() or title.property("contentHeight") <= title.height() + 1

        _settled(qtbot, lambda: app.screen_loaded() and fits() and not _problems(app))
        assert fits(), (
            f"the name takes {title.property('contentHeight'):.0f} px of {title.height():.0f}"
        )
        assert not _problems(app)
    finally:
        app.close()


# A screen's primary action and its first open question, by name: each must be on screen
# without scrolling (inside the window and inside any scrolling panel that holds it).
ON_SCREEN = [
    # Every stage of life at once: 养老 and 身后 included.
    (ScreenState(screen="browse", stage="birth"), ["stage_* all"]),
    # A question's answers are its actions: every one on screen, two (the most common),
    # four and five (the most, and the longest words in English).
    (ScreenState(screen="questions", onething="birth"), ["questionText", "option* all"]),
    (ScreenState(screen="questions", onething="credit-repair"), ["questionText", "option* all"]),
    (
        ScreenState(screen="questions", onething="gaokao-preference"),
        ["questionText", "option* all"],
    ),
    (ScreenState(screen="outside", onething="birth", answers=(1,)), ["outsideText"]),
    (ScreenState(screen="card_problem", card="expired"), ["retryButton"]),
    (ScreenState(screen="card_problem", card="reader_down"), ["problemHelpButton"]),
    (ScreenState(screen="notice", onething="birth", situation="newborn"), ["startButton"]),
    (ScreenState(screen="confirm", card="valid"), ["confirmButton"]),
    (
        ScreenState(screen="form", onething="birth", situation="newborn", card="valid"),
        ["nextButton", "askedField_*"],
    ),
    (
        ScreenState(
            screen="form", onething="birth", situation="newborn", card="valid", sharing="offline"
        ),
        ["nextButton", "askedField_*"],
    ),
    (
        ScreenState(screen="review", onething="birth", situation="newborn", card="valid"),
        ["submitButton", "deliveryPost", "deliveryPickup"],
    ),
    (
        ScreenState(screen="sign", onething="birth", situation="newborn", card="valid"),
        ["nextButton"],
    ),
    (
        ScreenState(screen="receipt", onething="birth", situation="newborn", card="valid"),
        ["nextButton"],
    ),
    (
        ScreenState(screen="rating", onething="birth", situation="newborn", card="valid"),
        ["rateButton"],
    ),
]


def _first(app, pattern: str):
    items = [
        i
        for i in app.items()
        if i.isVisible()
        and (
            i.objectName() == pattern
            or (pattern.endswith("*") and i.objectName().startswith(pattern[:-1]))
        )
    ]
    return min(items, key=lambda i: _scene_rect(i).top(), default=None)


def _settled(qtbot, fits) -> None:
    """Views lay out their delegates over a few frames, more on a busy machine: wait until
    the screen fits, or a while; the caller then reports what does not."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(fits, timeout=3000)


def _off_screen(app, names: list[str]) -> list[str]:
    window = QRectF(0, 0, app.window.width(), app.window.height())
    problems = []
    for name in names:
        if name.endswith(" all"):
            prefix = name.removesuffix(" all").removesuffix("*")
            every = [i for i in app.items() if i.objectName().startswith(prefix)]
            if prefix == "stage_":
                wanted = len(json.loads(app.viewmodel.stagesJson))
            elif prefix == "option":
                wanted = len(json.loads(app.viewmodel.questionJson)["options"])
            else:
                wanted = 1
            if len(every) < wanted:
                problems.append(f"only {len(every)} of {wanted} {prefix}* made")
            problems += _off_screen(app, [i.objectName() for i in every])
            continue
        item = _first(app, name)
        if item is None:
            problems.append(f"{name} is not shown")
            continue
        rect = _scene_rect(item)
        if name.endswith("*"):  # a question: its first line at least (label and control)
            rect.setHeight(min(rect.height(), 220 * app.window.height() / 1080))
        rect = rect.adjusted(1, 1, -1, -1)
        clips = [a for a in _ancestors(item) if a.clip()]
        if not window.contains(rect) or not all(_scene_rect(c).contains(rect) for c in clips):
            problems.append(f"{item.objectName()} is off screen at {rect.getRect()}")
    return problems


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_primary_actions_and_open_questions_are_on_screen(
    qapp, qtbot, config, catalog, language, elderly, size
):
    failures = []
    for state, names in ON_SCREEN:
        app = _app(config, catalog, size, language, elderly)
        try:
            drive(app.viewmodel, catalog, state)
            _settled(
                qtbot,
                lambda app=app, names=names: app.screen_loaded() and not _off_screen(app, names),
            )
            assert app.screen_loaded(), f"{state.screen} did not load"
            failures += [f"{state.screen}/{state.sharing}: {p}" for p in _off_screen(app, names)]
        finally:
            app.close()
    assert not failures, "\n".join(failures)


def _whole_rows(app) -> set[str]:
    """The review's rows shown whole (not cut by the page's edge) right now."""
    view = _scene_rect(app.find("reviewList"))
    return {
        i.objectName()
        for i in app.items()
        if i.isVisible()
        and i.objectName().startswith(("reviewRow_", "reviewMaterial_"))
        and view.contains(_scene_rect(i).adjusted(1, 1, -1, -1))
    }


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_elderly_review_shows_every_row_whole_page_by_page(qapp, qtbot, config, catalog, size):
    """Large type over as many pages as it needs: turning the pages shows every answer and
    every material whole, a few rows a page, and 确认提交 all along."""
    from tests.test_ui import tap

    app = _app(config, catalog, size)
    try:
        state = ScreenState(screen="review", onething="birth", situation="newborn", card="valid")
        drive(app.viewmodel, catalog, state)
        qtbot.waitUntil(lambda: app.screen_loaded() and bool(_whole_rows(app)), timeout=5000)
        every = {
            i.objectName()
            for i in app.items()
            if i.objectName().startswith(("reviewRow_", "reviewMaterial_"))
        }
        screen = app.find("screenLoader").property("item")
        rows = [i for i in app.items() if i.objectName() in every]
        qtbot.waitUntil(
            lambda: screen.property("pageCount") > 1 and all(r.height() > 0 for r in rows),
            timeout=5000,
        )
        # The pages as the rows now lie (the screen does this itself on every change of
        # height; on a busy machine the last change may still be on its way).
        QMetaObject.invokeMethod(screen, "paginate", Qt.ConnectionType.DirectConnection)
        seen: set[str] = set()
        for page in range(screen.property("pageCount")):
            assert screen.property("page") == page
            shown = _whole_rows(app)
            assert shown, f"page {page + 1} shows no whole row"
            seen |= shown
            assert not _off_screen(app, ["submitButton"])
            if page + 1 < screen.property("pageCount"):
                tap(qtbot, app, "reviewNextPage")
        assert seen == every, f"never shown whole: {sorted(every - seen)}"
        tap(qtbot, app, "reviewPreviousPage")
        assert screen.property("page") == screen.property("pageCount") - 2
    finally:
        app.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_elderly_notice_has_one_scrolling_panel(qapp, qtbot, config, catalog, language, size):
    """One scroll area a screen: the notice's side panel (the guide's QR code, booking,
    printing) fits whole in elderly type; only the notice itself scrolls."""
    app = _app(config, catalog, size, language, True)
    try:
        state = ScreenState(screen="notice", onething="birth", situation="newborn")
        drive(app.viewmodel, catalog, state)

        def scrolling() -> list[str]:
            return [
                i.objectName() or type(i).__name__
                for i in app.items()
                if i.isVisible()
                and i.inherits("QQuickFlickable")
                and i.property("contentHeight") > i.height() + 1
            ]

        _settled(qtbot, lambda: app.screen_loaded() and len(scrolling()) <= 1)
        assert len(scrolling()) <= 1, scrolling()
    finally:
        app.close()


def _question_rows(app) -> list[QQuickItem]:
    return [
        i
        for i in app.items()
        if i.objectName().startswith(FIELD_BOXES) and i.isVisible() and i.height() > 0
    ]


def _form_page(app) -> tuple[set[str], list[str]]:
    """The open questions the elderly form's page shows whole, and any it shows cut."""
    window = QRectF(0, 0, app.window.width(), app.window.height())
    view = _scene_rect(app.find("formList")).intersected(window)
    whole, cut = set(), []
    for row in _question_rows(app):
        rect = _scene_rect(row).adjusted(1, 1, -1, -1)
        if not rect.intersects(view):
            continue
        if view.contains(rect):
            if row.objectName().startswith("askedField_"):
                whole.add(row.objectName())
        else:
            cut.append(row.objectName())
    return whole, cut


def _elderly_form(config, catalog, size, language="zh_CN", sharing="offline"):
    app = _app(config, catalog, size, language, True)
    # Without data sharing the birth form asks the most.
    state = ScreenState(
        screen="form", onething="birth", situation="newborn", card="valid", sharing=sharing
    )
    drive(app.viewmodel, catalog, state)
    return app


def _settle_form(qtbot, app):
    screen = app.find("screenLoader").property("item")
    qtbot.waitUntil(
        lambda: app.screen_loaded() and bool(_form_page(app)[0]) and not _form_page(app)[1],
        timeout=5000,
    )
    return screen


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_elderly_form_turns_pages_of_whole_questions(
    qapp, qtbot, config, catalog, language, size
):
    """Issue 18: every open question and 下一步 without scrolling. Each page shows its
    questions whole, 下一步 turns to the next page, and the pages visit every question."""
    from demo.render import _sample_answers
    from tests.test_ui import tap

    app = _elderly_form(config, catalog, size, language)
    try:
        application = app.journey.application
        every = {f"askedField_{f.id}" for f in application.asked()}
        for field_id, value in _sample_answers(application).items():
            app.journey.setValue(field_id, value)
        screen = _settle_form(qtbot, app)
        assert screen.property("pageCount") > 1
        seen: set[str] = set()
        for page in range(screen.property("pageCount")):
            assert screen.property("page") == page
            whole, cut = _form_page(app)
            assert whole or page > 0, f"page {page + 1} shows no whole question"
            assert not cut, f"page {page + 1} cuts {cut}"
            assert not _off_screen(app, ["nextButton"])
            # Each question counted among all the open ones, whatever its page.
            for name in whole:
                badge = app.find("questionCount_" + name.removeprefix("askedField_"))
                assert badge.property("text").endswith(
                    (f"共 {len(every)} 问", f"of {len(every)}")
                ), badge.property("text")
            seen |= whole
            if page + 1 < screen.property("pageCount"):
                tap(qtbot, app, "nextButton")
                qtbot.waitUntil(lambda page=page: screen.property("page") == page + 1, timeout=3000)
        assert seen == every, f"never shown whole: {sorted(every - seen)}"
        # 上一步 turns back a page; from the first, back a step.
        tap(qtbot, app, "backButton")
        assert screen.property("page") == screen.property("pageCount") - 2
        assert app.viewmodel.screen == "form"
        tap(qtbot, app, "nextButton")
        tap(qtbot, app, "nextButton")  # on from the last page: as 下一步 always did
        qtbot.waitUntil(lambda: app.viewmodel.screen != "form", timeout=3000)
    finally:
        app.close()


def test_the_elderly_form_shows_a_pages_errors_when_she_tries_to_leave_it(
    qapp, qtbot, config, catalog
):
    from tests.test_ui import tap

    app = _elderly_form(config, catalog, (1920, 1080))
    try:
        screen = _settle_form(qtbot, app)

        def red_marks() -> set[str]:
            return {
                i.objectName().removeprefix("problem_")
                for i in app.items()
                if i.objectName().startswith("problem_") and i.isVisible()
            }

        def problems() -> set[str]:
            return {f["id"] for f in json.loads(app.journey.fieldsJson) if f["problem"]}

        first = {n.removeprefix("askedField_") for n in _form_page(app)[0]}
        assert not red_marks() and not problems()  # none on arrival
        tap(qtbot, app, "nextButton")
        qtbot.waitUntil(lambda: bool(red_marks()), timeout=3000)
        assert screen.property("page") == 0  # she stays on the page
        assert problems() == first, "only this page's questions are marked"
        qtbot.waitUntil(lambda: not _form_page(app)[1], timeout=3000)
        # Answered, the page lets her on; the next page's empty questions are not yet red.
        for field in json.loads(app.journey.fieldsJson):
            if field["id"] in first:
                if field["kind"] == "choice":
                    tap(qtbot, app, f"choice_{field['id']}_0")
                else:
                    from demo.render import _sample_answers

                    answers = _sample_answers(app.journey.application)
                    app.journey.setValue(field["id"], answers[field["id"]])
        tap(qtbot, app, "nextButton")
        qtbot.waitUntil(lambda: screen.property("page") == 1, timeout=3000)
        qtbot.waitUntil(lambda: bool(_form_page(app)[0]), timeout=3000)
        assert not red_marks() and not problems()
        second = {n.removeprefix("askedField_") for n in _form_page(app)[0]}
        tap(qtbot, app, "nextButton")
        qtbot.waitUntil(lambda: bool(red_marks()), timeout=3000)
        assert screen.property("page") == 1 and problems() == second
        assert app.viewmodel.screen == "form"
    finally:
        app.close()


def test_the_elderly_forms_last_page_sends_her_back_to_a_wrong_answer_passed_by(
    qapp, qtbot, config, catalog
):
    """Enter on the keyboard can pass from one page to the next without 下一步: on the last
    page 下一步 checks the whole form, as always, and turns to the page of the wrong answer."""
    from demo.render import _sample_answers
    from tests.test_ui import tap

    app = _elderly_form(config, catalog, (1080, 1920))
    try:
        application = app.journey.application
        for field_id, value in _sample_answers(application).items():
            app.journey.setValue(field_id, value)
        screen = _settle_form(qtbot, app)
        last = screen.property("pageCount") - 1
        for page in range(last):
            tap(qtbot, app, "nextButton")
            qtbot.waitUntil(lambda page=page: screen.property("page") == page + 1, timeout=3000)
        app.journey.setValue("spouse-name", "")  # the first page's, emptied
        tap(qtbot, app, "nextButton")
        qtbot.waitUntil(lambda: screen.property("page") == 0, timeout=3000)
        qtbot.waitUntil(lambda: "askedField_spouse-name" in _form_page(app)[0], timeout=3000)
        assert app.viewmodel.screen == "form"
        assert app.find("problem_spouse-name").isVisible()
    finally:
        app.close()
