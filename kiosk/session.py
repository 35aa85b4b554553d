"""A resident's session: one explicit machine from the attract screen to the wipe.

attract → browse → questions → notice → identify → confirm → [enterprise] → form → [photo]
→ [fingerprint] → [documents] → [sign] → review → submitting → receipt → rating → end.
A card on the attract screen may also lead to 查询打印 (progress) or, from the notice, to an
appointment. Moves are only legal from where the resident is; an error remembers where it
happened so the resident can retry, go back or ask staff; one wipe forgets everything.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kiosk.application import ActingFor, Application, Step
from kiosk.catalog.model import (
    Audience,
    Catalog,
    OneThing,
    Option,
    Question,
    Situation,
)
from kiosk.contract import AgentBasis, Relation
from kiosk.identity import CardType, Identity, IdentityProblem, ProblemKind, age_on
from kiosk.retirement import reached_statutory_retirement_age


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
    ENTERPRISE = "enterprise"  # which enterprise: credit code typed or its licence scanned
    FORM = "form"  # the one form (一表申请)
    PHOTO = "photo"
    DOCUMENTS = "documents"  # paper materials through the camera
    SIGN = "sign"  # written commitments (告知承诺) and the signature
    REVIEW = "review"
    SUBMITTING = "submitting"  # written to the outbox, waiting a moment for the hub's number
    RECEIPT = "receipt"  # the acceptance number; the notice prints
    RATING = "rating"  # 好差评 (§8.2)
    PROGRESS = "progress"  # 查询打印: a returning resident's applications
    APPOINTMENT = "appointment"  # 预约 (§6.1.2)
    ERROR = "error"  # something failed on the way; remembers where


# Each step of the application has its screen.
STEP_SCREENS = {
    Step.ENTERPRISE: Screen.ENTERPRISE,
    Step.FORM: Screen.FORM,
    Step.PHOTO: Screen.PHOTO,
    Step.FINGERPRINT: Screen.FINGERPRINT,
    Step.DOCUMENTS: Screen.DOCUMENTS,
    Step.SIGN: Screen.SIGN,
    Step.REVIEW: Screen.REVIEW,
}


class Purpose(StrEnum):
    """What the card is read for."""

    APPLY = "apply"
    PROGRESS = "progress"
    APPOINTMENT = "appointment"


class ErrorKind(StrEnum):
    SHARING = "sharing"  # data sharing did not answer (the form goes on without it)
    SUBMIT = "submit"  # the application could not even be written down
    HUB = "hub"  # the hub did not answer a question (progress, slots, booking)
    DEVICE = "device"  # a camera or sensor failed mid-capture


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
    # ...of which these the card answered (an age), never put to the resident.
    card_answered: set[str] = field(default_factory=set)
    question_id: str | None = None
    situation_id: str | None = None
    outside_reason: Option | None = None
    # The card: who it says the resident is, whether one is in a reader now (which outlives
    # the session: the next one starts by asking for it to be taken), what was wrong with
    # the last one read, and where to go once the resident has confirmed who they are.
    identity: Identity | None = None
    identity_read_on: date | None = None  # the day the card was checked (its holder's age)
    cards: set[str] = field(default_factory=set)  # readers that hold a card now
    problem: IdentityProblem | None = None
    paused: bool = False  # the card was taken out mid-session
    wrong_card: bool = False  # ...and another one put back
    # ...or the same person's card put back, but one that cannot be used today (expired).
    resume_problem: IdentityProblem | None = None
    return_to: Screen | None = None
    # 代办: a relative or authorised person applies for the card holder; their own card is
    # read on the confirm screen after the applicant's, and they say how they are related.
    agent_wanted: bool = False
    agent: Identity | None = None
    agent_relation: Relation | None = None
    # What was captured on site for this application (drivers' values, opaque here).
    fingerprint: object | None = None
    purpose: Purpose = Purpose.APPLY
    application: Application | None = None
    # After submission: the local number (at once) and the hub's 受理编号 (when it answers).
    local_number: str = ""
    progress_token: str = ""  # the secret of the progress page's address
    acceptance_number: str = ""
    due_date: date | None = None  # the hub's, once it accepted
    outbox_entry: int | None = None
    rated: bool = False
    error: ErrorKind | None = None
    error_from: Screen | None = None

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
            or self.application is not None
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
        self.card_answered = set()
        self.situation_id = None
        self.outside_reason = None
        if onething.questions:
            self.question_id = onething.questions[0].id
            self.screen = Screen.QUESTIONS
            self._answer_from_card()
        else:
            self.question_id = None
            self.situation_id = onething.situations[0].id
            self.screen = Screen.NOTICE

    def answer(self, option_index: int) -> None:
        self._require(Screen.QUESTIONS)
        self._take_answer(option_index)
        self._answer_from_card()

    @property
    def questions_asked(self) -> int:
        """The questions put to the resident so far (not those the card answered)."""
        return sum(qid not in self.card_answered for qid, _ in self.answers)

    @property
    def questions_total(self) -> tuple[int, int]:
        """How many questions the resident is asked in all, this one and those before it
        included, on her way to a situation: the fewest and the most (the same when every way
        on from her answers so far is as long). The questions still ahead are those her next
        answers can reach; the card's answers are followed and not counted; a way that ends
        outside the one-thing's scope is no way to a situation, so not counted either."""
        asked = self.questions_asked
        o, question = self.onething, self.question
        if o is None or question is None or self.screen is not Screen.QUESTIONS:
            return asked, asked
        ahead = self._questions_ahead(o, question, frozenset())
        return (asked + ahead[0], asked + ahead[1]) if ahead else (asked + 1, asked + 1)

    def _questions_ahead(
        self, o: OneThing, question: Question, seen: frozenset[str]
    ) -> tuple[int, int] | None:
        """The fewest and most questions put to the resident from `question` on (itself
        included) to a situation; None when every way ends outside the scope."""
        if question.id in seen:  # the catalog's check refuses loops; never count one twice
            return None
        seen = seen | {question.id}
        by_card = self._card_answer(question)
        put = 0 if by_card is not None else 1
        options = question.options if by_card is None else (question.options[by_card],)
        ways: list[tuple[int, int]] = []
        for option in options:
            if option.situation:
                ways.append((put, put))
            elif option.next:
                after = self._questions_ahead(o, o.question(option.next), seen)
                if after is not None:
                    ways.append((put + after[0], put + after[1]))
        if not ways:
            return None
        return min(w[0] for w in ways), max(w[1] for w in ways)

    def _card_answer(self, question: Question) -> int | None:
        """The option the card answers `question` with, or None when it is to be asked."""
        if self.identity is None:
            return None
        today = self.identity_read_on or date.today()
        if question.card_retirement_age:
            # Only "yes": short of the highest age, the card cannot tell (kiosk.retirement).
            return 0 if reached_statutory_retirement_age(self.identity, today) else None
        if question.card_age_at_least is None:
            return None
        age = age_on(self.identity, today)
        if age is None:
            return None
        return 0 if age >= question.card_age_at_least else 1

    def _answer_from_card(self) -> None:
        """Questions the card already answers (the holder's age, from the birth date on the
        card; a retirement age reached, from the birth date and sex) are answered from it
        rather than asked."""
        while self.screen is Screen.QUESTIONS:
            question = self.question
            answer = None if question is None else self._card_answer(question)
            if question is None or answer is None:
                return
            self.card_answered.add(question.id)
            self._take_answer(answer)

    def _take_answer(self, option_index: int) -> None:
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
        """One step back: the step before, the question last answered, else the list of
        life events. Nothing goes back once the application is submitted."""
        if self.screen in (
            Screen.ATTRACT,
            Screen.TAKE_CARD,
            Screen.SUBMITTING,
            Screen.RECEIPT,
            Screen.RATING,
        ):
            return
        if self.screen is Screen.ERROR:
            self.screen = self.error_from or Screen.ATTRACT
            self.error = self.error_from = None
            return
        if self.screen in (Screen.PROGRESS, Screen.APPOINTMENT):
            self.screen = Screen.NOTICE if self.onething_id else Screen.ATTRACT
            return
        if self.screen in STEP_SCREENS.values():
            self._step_back()
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
        # Back to the last question she was asked: those the card answered go back with it.
        while self.answers and self.answers[-1][0] in self.card_answered:
            self.answers.pop()
        if self.answers:
            self.question_id, _ = self.answers.pop()
            self.screen = Screen.QUESTIONS
            return
        self.card_answered = set()
        self.onething_id = None
        self.question_id = None
        self.screen = Screen.BROWSE

    def wipe(self) -> Session:
        """A fresh session: nothing of this one survives but the fact that a card is still
        in a reader, so that the next screen asks for it to be taken."""
        if self.application is not None:
            self.application.wipe()
        self.identity = None
        self.agent = None
        self.fingerprint = None
        return Session(
            self.catalog,
            cards=set(self.cards),
            screen=Screen.TAKE_CARD if self.cards else Screen.ATTRACT,
        )

    # -- the card ----------------------------------------------------------------------------

    def identify(self) -> None:
        """Ask for the card (from the notice, or from the attract screen's call)."""
        self._require(Screen.ATTRACT, Screen.NOTICE, Screen.CARD_PROBLEM, Screen.BROWSE)
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
            self.resume_problem = None
            if not self.wrong_card:
                # The same person, perhaps with another of their cards in the other reader:
                # that card is checked like any first one (an old, expired card resumes nothing).
                try:
                    identity.check(today)
                except IdentityProblem as problem:
                    self.resume_problem = problem
                else:
                    self.identity = identity
            self.paused = self.wrong_card or self.resume_problem is not None
            return
        if self.identity is not None:
            if self.agent_wanted and self.screen is Screen.CONFIRM:
                self._agent_card(identity, today)
            return  # already identified: a second card changes nothing else
        try:
            identity.check(today)
        except IdentityProblem as problem:
            self._card_problem(problem)
            return
        self.identity = identity
        self.identity_read_on = today
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

    def reader_back(self, reader: str) -> bool:
        """The reader `reader` works again: a problem that was the reader's is over, and the
        card is asked for again. True if that changed the screen."""
        p = self.problem
        if (
            self.screen is Screen.CARD_PROBLEM
            and p is not None
            and p.kind is ProblemKind.READER_DOWN
            and p.reader == reader
        ):
            self.problem = None
            self.screen = Screen.IDENTIFY
            return True
        return False

    def card_removed(self, reader: str) -> None:
        self.cards.discard(reader)
        self.wrong_card = False  # whatever was put back wrongly is gone again
        self.resume_problem = None
        if self.screen is Screen.TAKE_CARD:
            if not self.cards:
                self.screen = Screen.ATTRACT
        elif (
            self.identity is not None
            and reader == self.identity.reader
            and self.identity.card_type is CardType.SOCIAL_SECURITY
        ):
            # Mid-session: ask for it back, or to end. A resident ID card is read without
            # contact, once, on the module's pad: it may be lifted as soon as it is read.
            # A social security card sits in a contact reader for the whole session.
            self.paused = True

    # -- 代办: someone applies for the card holder ----------------------------------------------

    @property
    def allows_agent(self) -> bool:
        """Whether the chosen one-thing lets a relative or authorised person apply."""
        o, s = self.onething, self.situation
        if o is None or s is None or self.purpose is not Purpose.APPLY:
            return False
        return any(o.material(m).agent for m in s.materials)

    def want_agent(self, wanted: bool = True) -> None:
        self._require(Screen.CONFIRM)
        if wanted and not self.allows_agent:
            raise IllegalMove("this one-thing takes no agent")
        self.agent_wanted = wanted
        if not wanted:
            self.agent, self.agent_relation = None, None

    def _agent_card(self, identity: Identity, today: date) -> None:
        if self.identity is None or identity.id_number == self.identity.id_number:
            return  # the applicant's own card again
        try:
            identity.check(today)
        except IdentityProblem:
            return  # the screen keeps asking for a card that can be used
        self.agent = identity

    def choose_relation(self, relation: Relation) -> None:
        self._require(Screen.CONFIRM)
        if self.agent is None:
            raise IllegalMove("the agent's card has not been read yet")
        self.agent_relation = relation

    def confirm_identity(self) -> None:
        self._require(Screen.CONFIRM)
        if self.agent_wanted and (self.agent is None or self.agent_relation is None):
            raise IllegalMove("the agent's card and relation are still missing")
        if self.purpose is Purpose.PROGRESS:
            self.screen = Screen.PROGRESS
        elif self.purpose is Purpose.APPOINTMENT and self.onething_id:
            self.screen = Screen.APPOINTMENT
        elif self.return_to is Screen.NOTICE and self.situation is not None:
            self.start_application()
        else:
            self.screen = self.return_to or Screen.BROWSE

    def fingerprint_taken(self, fingerprint: object) -> None:
        self._require(Screen.FINGERPRINT)
        self.fingerprint = fingerprint
        if self.application is not None:
            self.application.fingerprint = fingerprint

    def accept_fingerprint(self) -> None:
        self._require(Screen.FINGERPRINT)
        if self.fingerprint is None:
            raise IllegalMove("no fingerprint has been taken yet")
        self.next_step()

    # -- the application -------------------------------------------------------------------

    def start_application(self) -> None:
        """The card is confirmed and the situation known: the first step of the form (an
        application already started resumes, with what was filled in)."""
        self._require(Screen.CONFIRM, Screen.NOTICE)
        onething, situation = self.onething, self.situation
        if onething is None or situation is None or self.identity is None:
            raise IllegalMove("an application needs a one-thing, its situation and a card")
        if self.application is None:
            self.application = Application(
                onething,
                situation,
                self.identity,
                audience=self.catalog.stage(onething.stage).audience,
            )
            self.application.refill()
        if self.agent is not None and self.agent_relation is not None:
            # Declared here and signed for on the review: the authorisation path (委托书).
            self.application.agent = ActingFor(
                self.agent, self.agent_relation, AgentBasis.AUTHORISATION
            )
        self.screen = STEP_SCREENS[self.application.steps()[0]]

    @property
    def step(self) -> Step | None:
        return next((k for k, v in STEP_SCREENS.items() if v is self.screen), None)

    def next_step(self) -> None:
        """On to the next step; the caller has checked this one is complete."""
        steps = self._steps()
        index = steps.index(self._current_step())
        if index + 1 >= len(steps):
            raise IllegalMove("the review is the last step: submit instead")
        self.screen = STEP_SCREENS[steps[index + 1]]

    def _step_back(self) -> None:
        steps = self._steps()
        index = steps.index(self._current_step())
        if index == 0:
            self.screen = Screen.NOTICE  # the application stays: going forward resumes it
            return
        self.screen = STEP_SCREENS[steps[index - 1]]

    def submitting(self) -> None:
        self._require(Screen.REVIEW)
        self.screen = Screen.SUBMITTING

    def submitted(self, local_number: str, outbox_entry: int, progress_token: str = "") -> None:
        """Written to the outbox, durably: nothing can lose it now."""
        self._require(Screen.SUBMITTING)
        self.local_number = local_number
        self.progress_token = progress_token
        self.outbox_entry = outbox_entry

    @property
    def receipt_number(self) -> str:
        """The number the receipt carries: the hub's 受理编号 once it came, else the local one."""
        return self.acceptance_number or self.local_number

    @property
    def offline(self) -> bool:
        """Submitted, and the hub's number not here yet: the receipt says the local one is
        temporary."""
        return bool(self.local_number) and not self.acceptance_number

    def accepted(self, acceptance_number: str, due_date: date | None = None) -> None:
        """The hub's 受理编号 (now, or later while the receipt or rating shows)."""
        self.acceptance_number = acceptance_number
        self.due_date = due_date or self.due_date

    def show_receipt(self) -> None:
        self._require(Screen.SUBMITTING)
        self.screen = Screen.RECEIPT

    def to_rating(self) -> None:
        self._require(Screen.RECEIPT)
        self.screen = Screen.RATING

    def rating_done(self) -> None:
        self._require(Screen.RATING)
        self.rated = True

    # -- purposes and errors ---------------------------------------------------------------

    def want(self, purpose: Purpose) -> None:
        """Read the card for progress (from the attract screen) or an appointment (from the
        notice); an identified resident goes straight there."""
        self._require(Screen.ATTRACT, Screen.NOTICE, Screen.BROWSE)
        self.purpose = purpose
        if self.identity is not None:
            self.screen = Screen.PROGRESS if purpose is Purpose.PROGRESS else Screen.APPOINTMENT
            return
        self.identify()

    def failed(self, kind: ErrorKind) -> None:
        if self.screen is Screen.ERROR:
            return
        # A failed submission is retried from the review, where the button is.
        came_from = Screen.REVIEW if self.screen is Screen.SUBMITTING else self.screen
        self.error, self.error_from = kind, came_from
        self.screen = Screen.ERROR

    def retry(self) -> Screen | None:
        """Back where the error happened; the caller repeats what failed there."""
        self._require(Screen.ERROR)
        came_from = self.error_from
        self.screen = came_from or Screen.ATTRACT
        self.error = self.error_from = None
        return came_from

    def _steps(self) -> list[Step]:
        if self.application is None:
            raise IllegalMove("no application has been started")
        return self.application.steps()

    def _current_step(self) -> Step:
        step = self.step
        if step is None:
            raise IllegalMove(f"not possible on the {self.screen} screen")
        return step

    def not_me(self) -> None:
        """The resident does not recognise the identity shown: forget it, ask again."""
        self._require(Screen.CONFIRM)
        self._forget_identity()
        self.screen = Screen.IDENTIFY

    def _forget_identity(self) -> None:
        self.identity = None
        self.paused = self.wrong_card = False
        self.resume_problem = None

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
