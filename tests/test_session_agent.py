"""代办 in the session (no Qt): where a one-thing allows an agent, the agent's own card is
read on the confirm screen after the applicant's and the relation chosen; the application
then carries them, and the agent's material is listed only then."""

from __future__ import annotations

from datetime import date

import pytest

from drivers.idreader.samples import sample
from kiosk.catalog.model import Audience
from kiosk.contract import AgentBasis, Relation
from kiosk.session import IllegalMove, Screen, Session

TODAY = date(2026, 12, 5)
MOTHER, DAUGHTER = sample(5), sample(6)


def _confirming(catalog, onething: str, answers: tuple[int, ...], card) -> Session:
    s = Session(catalog)
    s.browse(Audience.PERSONAL)
    s.choose_onething(onething)
    for a in answers:
        s.answer(a)
    s.identify()
    s.card_inserted(card, TODAY)
    assert s.screen is Screen.CONFIRM
    return s


def test_a_daughter_applies_for_her_mother(catalog):
    s = _confirming(catalog, "elderly-allowances", (0, 1, 1), MOTHER)
    assert s.allows_agent
    s.want_agent()
    with pytest.raises(IllegalMove):
        s.confirm_identity()  # not before the agent's card and the relation
    s.card_inserted(MOTHER, TODAY)  # her own card again is not an agent
    assert s.agent is None
    s.card_inserted(DAUGHTER, TODAY)
    assert s.agent is DAUGHTER and s.identity is MOTHER
    s.choose_relation(Relation.CHILD)
    s.confirm_identity()
    app = s.application
    assert app is not None and app.applicant is MOTHER
    assert app.agent is not None and app.agent.basis is AgentBasis.AUTHORISATION
    assert {"agent-id", "agent-authorisation"} <= {m.id for m in app.materials()}
    assert [m.id for m in app.commitments()] == ["agent-authorisation"]  # she signs it
    assert app.agent.words() == "周*娟（子女，3301**********0622）"
    submit = app.to_submit("01", "self-service", "")
    assert submit.agent is not None and submit.agent.number == DAUGHTER.id_number
    assert submit.applicant.number == MOTHER.id_number


def test_without_an_agent_the_agents_card_is_not_asked_for(catalog):
    s = _confirming(catalog, "elderly-allowances", (0, 1, 1), MOTHER)
    s.confirm_identity()
    assert not {"agent-id", "agent-authorisation"} & {m.id for m in s.application.materials()}
    assert s.application.to_submit("01", "self-service", "").agent is None


def test_a_one_thing_without_agents_takes_none(catalog):
    s = _confirming(catalog, "birth", (0,), sample(1))
    assert not s.allows_agent
    with pytest.raises(IllegalMove):
        s.want_agent()


def test_an_expired_card_is_no_agent(catalog):
    s = _confirming(catalog, "elderly-allowances", (0, 1, 1), MOTHER)
    s.want_agent()
    s.card_inserted(sample(4), TODAY)  # expired in 2019
    assert s.agent is None
    with pytest.raises(IllegalMove):
        s.choose_relation(Relation.CHILD)


def test_the_contract_refuses_an_agent_who_is_the_applicant(catalog):
    from pydantic import ValidationError

    from kiosk.contract import Agent, ApplicationSubmit

    s = _confirming(catalog, "elderly-allowances", (0, 1, 1), MOTHER)
    s.confirm_identity()
    body = s.application.to_submit("01", "self-service", "").model_dump()
    body["agent"] = Agent(
        number=MOTHER.id_number, name="沈秀英", relation=Relation.CHILD, basis="household"
    ).model_dump()
    with pytest.raises(ValidationError, match="agent applies for someone else"):
        ApplicationSubmit.model_validate(body)
