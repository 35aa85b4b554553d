"""Render any screen, in a given state and mode, to PNG with no display.

Used by the tests, by reviewers, and by the demo on a machine without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.catalog.model import Catalog, answers_to
from kiosk.config import Config

SCREENS = ("attract", "browse", "questions", "outside", "notice")


class RenderError(Exception):
    """The requested state does not exist (unknown one-thing, unreachable situation...)."""


@dataclass(frozen=True)
class ScreenState:
    screen: str = "attract"
    audience: str = "personal"
    stage: str = ""
    onething: str = ""
    situation: str = ""
    answers: tuple[int, ...] = ()
    elderly: bool = False
    language: str = "zh_CN"
    idle_warning: int = 0  # seconds left on the idle countdown; 0: no warning
    size: tuple[int, int] = (1920, 1080)
    name: str = field(default="", compare=False)  # file name, for render_set


def render(config: Config, catalog: Catalog, state: ScreenState, out: Path) -> Path:
    """Bring the kiosk to `state` and write the window's pixels to `out`."""
    return render_set(config, catalog, Path(out).parent, [replace(state, name=Path(out).stem)])[0]


def render_set(
    config: Config, catalog: Catalog, out_dir: Path, states: list[ScreenState] | None = None
) -> list[Path]:
    """Render several states in one process: `<out_dir>/<state.name or screen>.png`."""
    from ui.app import create_app, prepare_environment

    prepare_environment(offscreen=True)
    written = []
    for state in states or review_set(catalog):
        kiosk = create_app(_config_for(config, state), catalog, windowed=True)
        try:
            drive(kiosk.viewmodel, catalog, state)
            written.append(_grab(kiosk, Path(out_dir) / f"{state.name or state.screen}.png"))
        finally:
            kiosk.close()
    return written


def review_set(catalog: Catalog) -> list[ScreenState]:
    """The screens a reviewer (or a headless demo) should look at."""
    base = ScreenState()
    birth = ScreenState(screen="notice", onething="birth", situation="newborn")
    states = [
        replace(base, name="01-attract"),
        replace(base, screen="browse", stage="birth", name="02-browse-personal"),
        replace(
            base,
            screen="browse",
            audience="enterprise",
            stage="company-setup",
            name="03-browse-enterprise",
        ),
        replace(base, screen="questions", onething="birth", name="04-questions-birth"),
        replace(base, screen="outside", onething="birth", answers=(1,), name="05-outside"),
        replace(birth, name="06-notice-birth"),
        replace(birth, idle_warning=12, name="07-idle-warning"),
        replace(base, elderly=True, name="08-attract-elderly"),
        replace(birth, elderly=True, name="09-notice-birth-elderly"),
        replace(base, screen="browse", stage="birth", elderly=True, name="10-browse-elderly"),
        replace(base, language="en", name="11-attract-en"),
        replace(birth, language="en", name="12-notice-birth-en"),
    ]
    known = {o.id for o in catalog.onethings}
    return [s for s in states if not s.onething or s.onething in known]


def _config_for(config: Config, state: ScreenState) -> Config:
    ui = config.ui.model_copy(
        update={
            "width": state.size[0],
            "height": state.size[1],
            "fullscreen": False,
            "elderly_mode": state.elderly,
            "language": state.language,
        }
    )
    return config.model_copy(update={"ui": ui})


def drive(vm, catalog: Catalog, state: ScreenState) -> None:
    if state.screen not in SCREENS:
        raise RenderError(f"unknown screen '{state.screen}'; choose one of {', '.join(SCREENS)}")
    if state.screen == "attract":
        pass
    elif state.screen == "browse":
        vm.browse(state.audience)
        if state.stage:
            if state.stage not in {s.id for s in catalog.stages}:
                raise RenderError(f"unknown stage '{state.stage}'")
            vm.chooseStage(state.stage)
    else:
        if state.onething not in {o.id for o in catalog.onethings}:
            raise RenderError(f"unknown one-thing '{state.onething or '(none given)'}'")
        vm.start()
        vm.chooseOnething(state.onething)
        answers = list(state.answers)
        if state.situation:
            path = answers_to(catalog.onething(state.onething), state.situation)
            if path is None:
                raise RenderError(
                    f"situation '{state.situation}' cannot be reached in '{state.onething}'"
                )
            answers = path
        for index in answers:
            vm.answer(index)
        if vm.screen != state.screen:
            raise RenderError(f"those answers lead to the {vm.screen} screen, not {state.screen}")
    if state.idle_warning:
        if not 0 < state.idle_warning <= vm.clock.warning_seconds:
            raise RenderError(
                f"--idle-warning must be between 1 and {vm.clock.warning_seconds:g} seconds"
            )
        vm.clock.idle_for(vm.clock.timeout_seconds - state.idle_warning)
        vm.check_idle(even_if_nothing_to_protect=True)


def _grab(kiosk, out: Path) -> Path:
    app, window = kiosk.app, kiosk.window
    # Let bindings settle and images load; the software renderer then draws on grab.
    for _ in range(5):
        app.processEvents()
    if not kiosk.screen_loaded():
        raise RenderError("the screen's QML could not be loaded (see the messages above)")
    image = window.grabWindow()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if image.isNull() or not image.save(str(out)):
        raise RenderError(f"could not write {out}")
    return out
