"""The sandbox dataset is well-formed SAMPLE DATA, and the generated results are real PDFs."""

from __future__ import annotations

import tomllib

from central.sandbox.dataset import DATASET, load_dataset
from kiosk.ids import validate_credit_code, validate_id_number
from tests.hub.data import FATHER, MOTHER


def test_the_file_says_it_is_sample_data():
    text = DATASET.read_text("utf-8")
    assert text.startswith("# SAMPLE DATA")
    assert tomllib.loads(text)["sample_data"] is True


def test_every_number_has_a_valid_check_character():
    dataset = load_dataset()
    assert len(dataset.people) >= 8 and len(dataset.enterprises) >= 3
    for number in dataset.people:
        assert validate_id_number(number) == number
    for code in dataset.enterprises:
        assert validate_credit_code(code) == code


def test_the_newborns_parents_have_the_three_shared_materials_and_name_each_other():
    dataset = load_dataset()
    for parent, spouse in ((MOTHER, FATHER), (FATHER, MOTHER)):
        records = {r.kind: r for r in dataset.records("person", parent)}
        assert {"resident_id", "household_register", "marriage_certificate"} <= set(records)
        assert records["marriage_certificate"].fields["spouse_id_number"] == spouse
    households = {
        dataset.records("person", p)[1].fields["household_number"] for p in (MOTHER, FATHER)
    }
    assert len(households) == 1


def test_the_other_residents_include_a_retiree_an_unemployed_person_and_a_disability():
    kinds = {r.kind for records in load_dataset().people.values() for r in records}
    assert {
        "retirement_certificate",
        "unemployment_registration",
        "disability_certificate",
    } <= kinds


def test_the_simulators_cards_are_the_registrys_except_the_expired_ones():
    """The demo's cards open their holders' data: the simulated ID module's samples and the
    virtual social security cards are the registry's current cards, read as a kiosk reads
    them. The expired ones are not: their holders have newer cards."""
    from pathlib import Path

    from drivers.idreader.samples import SAMPLE_RESIDENTS
    from drivers.pcsc.cardfile import load_card
    from tests.test_pcsc_codec import read

    dataset = load_dataset()
    cards = [r.evidence() for r in SAMPLE_RESIDENTS]
    files = sorted((Path(__file__).resolve().parents[2] / "assets" / "sim").glob("ssc-*.toml"))
    cards += [read(load_card(f)).evidence() for f in files]
    matching = {(c.card_type.value, c.holder_number) for c in cards if dataset.card_matches(c)}
    expired = {(c.card_type.value, c.holder_number) for c in cards} - matching
    assert expired == {
        ("resident_id", "330105198911020441"),
        ("social_security", "330102196601150170"),
    }
    assert ("social_security", MOTHER) in matching and ("resident_id", FATHER) in matching
