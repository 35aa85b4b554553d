"""A resident's session, from the attract screen to the one-time notice.

The full journey (identify, form, capture, submit, receipt, rating) grows from this: one
explicit set of screens, moves that are only legal from where the resident is, and one
wipe that forgets everything the session learnt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.catalog.model import Audience, Catalog, OneThing, Option, Question, Situation


class Screen(StrEnum):
    ATTRACT = "attract"
    BROWSE = "browse"  # life events: audience → stage → one-thing
    QUESTIONS = "questions"  # the situation question guide (情形引导)
    OUTSIDE = "outside"  # an answer put the resident outside the one-thing's scope
    NOTICE = "notice"  # one-time notice (一次告知)


class IllegalMove(Exception):
    """A move that is not possible from the current screen (a UI bug, never a user error)."""


@dataclass
class Session:
    catalog: Catalog
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    screen: Screen = Screen.ATTRACT
    audience: Audience = Audience.PERSONAL
    stage_id: str | None = None
    onething_id: str | None = None
    # The questions asked so far and the option chosen for each, in order.
    answers: list[tuple[str, int]] = field(default_factory=list)
    question_id: str | None = None
    situation_id: str | None = None
    outside_reason: Option | None = None

    # -- where the resident is -------------------------------------------------------------

    @property
    def onething(self) -> OneThing | None:
        return self.catalog.onething(self.onething_id) if self.onething_id else None

    @property
    def question(self) -> Question | None:
        o = self.onething
        return o.question(self.question_id) if o and self.question_id else None

    @property
    def situation(self) -> Situation | None:
        o = self.onething
        return o.situation(self.situation_id) if o and self.situation_id else None

    @property
    def has_personal_data(self) -> bool:
        """Whether wiping matters: anything beyond the default state was chosen or learnt."""
        return self != Session(self.catalog, id=self.id)

    # -- moves -------------------------------------------------------------------------------

    def browse(self, audience: Audience | None = None) -> None:
        self.screen = Screen.BROWSE
        if audience is not None and audience != self.audience:
            self.audience = audience
            self.stage_id = None
        if self.stage_id is None:
            self.stage_id = self._first_stage(self.audience)

    def choose_stage(self, stage_id: str) -> None:
        self._require(Screen.BROWSE)
        stage = self.catalog.stage(stage_id)
        self.audience = stage.audience
        self.stage_id = stage_id

    def choose_onething(self, onething_id: str) -> None:
        self._require(Screen.BROWSE, Screen.ATTRACT)
        onething = self.catalog.onething(onething_id)
        self.onething_id = onething.id
        self.stage_id = onething.stage
        self.audience = self.catalog.stage(onething.stage).audience
        self.answers = []
        self.situation_id = None
        self.outside_reason = None
        if onething.questions:
            self.question_id = onething.questions[0].id
            self.screen = Screen.QUESTIONS
        else:
            self.question_id = None
            self.situation_id = onething.situations[0].id
            self.screen = Screen.NOTICE

    def answer(self, option_index: int) -> None:
        self._require(Screen.QUESTIONS)
        question = self.question
        assert question is not None
        if not 0 <= option_index < len(question.options):
            raise IllegalMove(f"question {question.id} has no option {option_index}")
        option = question.options[option_index]
        self.answers.append((question.id, option_index))
        if option.next:
            self.question_id = option.next
        elif option.situation:
            self.situation_id = option.situation
            self.screen = Screen.NOTICE
        else:
            self.outside_reason = option
            self.screen = Screen.OUTSIDE

    def back(self) -> None:
        """One step back: the question last answered, else the list of life events."""
        if self.screen is Screen.ATTRACT:
            return
        if self.screen is Screen.BROWSE:
            # Back on the attract screen nothing chosen so far matters any more.
            self.screen = Screen.ATTRACT
            self.audience = Audience.PERSONAL
            self.stage_id = None
            return
        self.situation_id = None
        self.outside_reason = None
        if self.answers:
            self.question_id, _ = self.answers.pop()
            self.screen = Screen.QUESTIONS
            return
        self.onething_id = None
        self.question_id = None
        self.screen = Screen.BROWSE

    def wipe(self) -> Session:
        """A fresh session: nothing of this one survives (the caller drops its reference)."""
        return Session(self.catalog)

    # -- helpers -----------------------------------------------------------------------------

    def _require(self, *screens: Screen) -> None:
        if self.screen not in screens:
            raise IllegalMove(f"not possible on the {self.screen} screen")

    def _first_stage(self, audience: Audience) -> str | None:
        return next((s.id for s in self.catalog.stages if s.audience == audience), None)
