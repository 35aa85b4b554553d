"""The handwriting pad's view model: strokes drawn on the pad go to the recogniser on a
worker (services.handwriting through services.tasks), and the candidates come back for the
resident to tap. A newer drawing's answer replaces an older one's; an older answer that
arrives late is dropped."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from services.handwriting import Handwriting
from services.tasks import Tasks

log = logging.getLogger(__name__)

MAX_CANDIDATES = 8


class HandwritingViewModel(QObject):
    # Apart: a new list of candidates rebuilds the buttons, nothing else may.
    candidatesChanged = Signal()
    availableChanged = Signal()

    def __init__(
        self,
        tasks: Tasks[Handwriting],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._candidates: list[str] = []
        self._problem = ""
        self._asked = 0  # the drawing last sent; answers to older ones are dropped
        self._tasks.run(lambda hw: hw.available(), self._checked)

    @Property("QStringList", notify=candidatesChanged)
    def candidates(self) -> list[str]:
        return self._candidates

    @Property(str, notify=availableChanged)
    def problem(self) -> str:
        """Why handwriting cannot be offered here ("" when it can); for the log and staff."""
        return self._problem

    @Property(bool, notify=availableChanged)
    def available(self) -> bool:
        return not self._problem

    @Slot(str, int, int)
    def recognize(self, strokes_json: str, width: int, height: int) -> None:
        """`strokes_json`: [[[x, y], ...], ...] as the pad drew them."""
        try:
            strokes = [[(int(p[0]), int(p[1])) for p in s] for s in json.loads(strokes_json)]
        except (ValueError, TypeError, IndexError):
            return
        self._asked += 1
        asked = self._asked
        self._tasks.run(
            lambda hw: hw.recognize(strokes, width, height, MAX_CANDIDATES),
            lambda found: self._found(asked, found),
        )

    @Slot()
    def clear(self) -> None:
        self._asked += 1
        self._set_candidates([])

    def _found(self, asked: int, found: Any) -> None:
        if asked != self._asked:
            return
        self._set_candidates(found if isinstance(found, list) else [])

    def _checked(self, problem: Any) -> None:
        self._problem = problem if isinstance(problem, str) else type(problem).__name__
        if self._problem:
            log.warning("handwriting is not offered: %s", self._problem)
        self.availableChanged.emit()

    def _set_candidates(self, candidates: list[str]) -> None:
        if candidates != self._candidates:
            self._candidates = candidates
            self.candidatesChanged.emit()


def build_handwriting(
    post: Callable[[Callable[[], None]], None], parent: QObject
) -> tuple[HandwritingViewModel, Tasks[Handwriting]]:
    tasks = Tasks(Handwriting.shared(), post, "handwriting")
    return HandwritingViewModel(tasks, parent), tasks
