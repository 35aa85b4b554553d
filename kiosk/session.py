"""A resident's session, from the attract screen through the notice and the card.

The full journey (identify, form, capture, submit, receipt, rating) grows from this: one
explicit set of screens, moves that are only legal from where the resident is, and one
wipe that forgets everything the session learnt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kiosk.catalog.model import (
    Audience,
    Capture,
    Catalog,
    OneThing,
    Option,
    Question,
    Situation,
)
from kiosk.identity import Identity, IdentityProblem


class Screen(StrEnum):
    ATTRACT = "attract"
    BROWSE = "browse"  # life events: audience → stage → one-thing
    QUESTIONS = "questions"  # the situation question guide (情形引导)
    OUTSIDE = "outside"  # an answer put the resident outside the one-thing's scope
    NOTICE = "notice"  # one-time notice (一次告知)
    IDENTIFY = "identify"  # where to put the card, and the readers' state
    CONFIRM = "confirm"  # the masked identity read from the card
    CARD_PROBLEM = "card_problem"  # unreadable, expired, not valid yet
    TAKE_CARD = "take_card"  # the session is over but a card is still in a reader
    FINGERPRINT = "fingerprint"  # taken on site where a single item needs it (§6.1.4)


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
    # The card: who it says the resident is, whether one is in a reader now (which outlives
    # the session: the next one starts by asking for it to be taken), what was wrong with
    # the last one read, and where to go once the resident has confirmed who they are.
    identity: Identity | None = None
    cards: set[str] = field(default_factory=set)  # readers that hold a card now
    problem: IdentityProblem | None = None
    paused: bool = False  # the card was taken out mid-session
    wrong_card: bool = False  # ...and another one put back
    return_to: Screen | None = None
    # What was captured on site for this application (drivers' values, opaque here).
    fingerprint: object | None = None

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
        """Whether wiping matters: anything chosen or learnt beyond the starting state."""
        return (
            self.identity is not None
            or self.fingerprint is not None
            or self.problem is not None
            or self.onething_id is not None
            or self.stage_id is not None
            or bool(self.answers)
            or self.screen not in (Screen.ATTRACT, Screen.TAKE_CARD)
        )

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
        if self.screen in (Screen.ATTRACT, Screen.TAKE_CARD):
            return
        if self.screen is Screen.FINGERPRINT:
            self.fingerprint = None
            self.screen = Screen.CONFIRM
            return
        if self.screen in (Screen.IDENTIFY, Screen.CARD_PROBLEM, Screen.CONFIRM):
            if self.screen is Screen.CONFIRM:
                self._forget_identity()
            self.problem = None
            self.screen = Screen.NOTICE if self.return_to is Screen.NOTICE else Screen.ATTRACT
            self.return_to = None
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
        """A fresh session: nothing of this one survives but the fact that a card is still
        in a reader, so that the next screen asks for it to be taken."""
        return Session(
            self.catalog,
            cards=set(self.cards),
            screen=Screen.TAKE_CARD if self.cards else Screen.ATTRACT,
        )

    # -- the card ----------------------------------------------------------------------------

    def identify(self) -> None:
        """Ask for the card (from the notice, or from the attract screen's call)."""
        self._require(Screen.ATTRACT, Screen.NOTICE, Screen.CARD_PROBLEM)
        if self.screen is not Screen.CARD_PROBLEM:
            self.return_to = Screen.NOTICE if self.screen is Screen.NOTICE else Screen.BROWSE
        self.problem = None
        self.screen = Screen.IDENTIFY

    @property
    def card_in(self) -> bool:
        return bool(self.cards)

    def card_inserted(self, identity: Identity, today: date) -> None:
        self.cards.add(identity.reader)
        if self.screen is Screen.TAKE_CARD:
            return  # the last resident's card: it must be taken out first
        if self.paused:
            self.wrong_card = self.identity is None or identity.id_number != self.identity.id_number
            self.paused = self.wrong_card
            if not self.wrong_card:
                self.identity = identity  # the same person, perhaps in the other reader
            return
        if self.identity is not None:
            return  # already identified: a second card changes nothing
        try:
            identity.check(today)
        except IdentityProblem as problem:
            self._card_problem(problem)
            return
        self.identity = identity
        self.problem = None
        if self.return_to is None:
            self.return_to = Screen.NOTICE if self.screen is Screen.NOTICE else Screen.BROWSE
        self.screen = Screen.CONFIRM

    def card_unreadable(self, problem: IdentityProblem, reader: str) -> None:
        self.cards.add(reader)
        if self.screen is Screen.TAKE_CARD:
            return
        if self.identity is None:
            self._card_problem(problem)

    def card_removed(self, reader: str) -> None:
        self.cards.discard(reader)
        self.wrong_card = False  # whatever was put back wrongly is gone again
        if self.screen is Screen.TAKE_CARD:
            if not self.cards:
                self.screen = Screen.ATTRACT
        elif self.identity is not None and reader == self.identity.reader:
            self.paused = True  # mid-session: ask for it back, or to end

    @property
    def needs_fingerprint(self) -> bool:
        """Whether a single item of the chosen situation takes a fingerprint on site."""
        o, s = self.onething, self.situation
        return bool(o and s) and any(Capture.FINGERPRINT in o.item(i).captures for i in s.items)

    def confirm_identity(self) -> None:
        self._require(Screen.CONFIRM)
        if self.needs_fingerprint and self.fingerprint is None:
            self.screen = Screen.FINGERPRINT
            return
        self.screen = self.return_to or Screen.BROWSE

    def fingerprint_taken(self, fingerprint: object) -> None:
        self._require(Screen.FINGERPRINT)
        self.fingerprint = fingerprint

    def accept_fingerprint(self) -> None:
        self._require(Screen.FINGERPRINT)
        if self.fingerprint is None:
            raise IllegalMove("no fingerprint has been taken yet")
        self.screen = self.return_to or Screen.BROWSE

    def not_me(self) -> None:
        """The resident does not recognise the identity shown: forget it, ask again."""
        self._require(Screen.CONFIRM)
        self._forget_identity()
        self.screen = Screen.IDENTIFY

    def _forget_identity(self) -> None:
        self.identity = None
        self.paused = self.wrong_card = False

    def _card_problem(self, problem: IdentityProblem) -> None:
        if self.screen is not Screen.CARD_PROBLEM and self.return_to is None:
            self.return_to = Screen.NOTICE if self.screen is Screen.NOTICE else Screen.BROWSE
        self.problem = problem
        self.screen = Screen.CARD_PROBLEM

    # -- helpers -----------------------------------------------------------------------------

    def _require(self, *screens: Screen) -> None:
        if self.screen not in screens:
            raise IllegalMove(f"not possible on the {self.screen} screen")

    def _first_stage(self, audience: Audience) -> str | None:
        return next((s.id for s in self.catalog.stages if s.audience == audience), None)
