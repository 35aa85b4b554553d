"""A kiosk is not a look-up oracle: an ID number alone opens nothing, a card that is not the
holder's current one is refused and reported, every use is recorded with a purpose from a
fixed list, and kiosks and subjects have rate limits. Each attack is made for real, over
HTTP, against the running hub."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from central.process import HubProcess
from tests.hub.data import (
    ENTERPRISE,
    FATHER,
    MOTHER,
    card_of,
    error_of,
    lookup_body,
    search_body,
)
from tests.hub.fixtures import Caller, enrol
from tests.hub.test_ctl import kioskctl


def _alerts(admin: Caller, kiosk: Caller) -> list[dict]:
    alerts = admin.get("/admin/alerts")
    assert alerts.status_code == 200
    return [a for a in alerts.json() if a["kiosk_id"] == kiosk.name]


def test_an_id_number_alone_opens_nothing(kiosk):
    for path, body in (
        ("/sharing/lookup", lookup_body(MOTHER)),
        ("/applications/search", search_body(MOTHER)),
        ("/documents/0123456789abcdef/for-card-holder", search_body(MOTHER)),
    ):
        del body["card"]
        status, code, message = error_of(kiosk.post(path, json=body))
        assert (status, code) == (422, "invalid_request") and message.startswith("card")


def test_someone_elses_card_does_not_open_a_persons_data(kiosk):
    """The father's own, genuine card, with the mother's number: refused by the contract."""
    body = lookup_body(MOTHER, card=card_of(FATHER))
    status, code, message = error_of(kiosk.post("/sharing/lookup", json=body))
    assert (status, code) == (422, "invalid_request")
    assert "card.holder_number: the card in the reader is not the card" in message


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("resident_id", {"issuer": "北京市公安局朝阳分局"}),
        ("resident_id", {"valid_from": "2014-03-21"}),
        ("resident_id", {"valid_until": "2044-03-20"}),
        ("social_security", {"card_identifier": "330100D156000005A1B2C3D4E5F60709"}),
        ("social_security", {"card_number": "A33010624"}),
    ],
)
def test_a_made_up_card_is_refused_and_the_admins_alerted(kiosk, admin, kind, change):
    """What a kiosk could make up from the number (the issuing office from the area code, a
    plausible date) is not the card: look-up, search and download are all refused."""
    card = {**card_of(MOTHER, kind), **change}
    for path, body in (
        ("/sharing/lookup", lookup_body(MOTHER, card=card)),
        ("/applications/search", search_body(MOTHER, card=card)),
        ("/documents/0123456789abcdef/for-card-holder", search_body(MOTHER, card=card)),
    ):
        status, code, message = error_of(kiosk.post(path, json=body))
        assert (status, code) == (403, "card_not_verified"), path
        assert "admins have been alerted" in message
    alerts = _alerts(admin, kiosk)
    assert [a["kind"] for a in alerts] == ["card_mismatch"] * 3
    assert {a["subject_masked"] for a in alerts} == {"3301**********0623"}
    assert all(MOTHER not in str(a) for a in alerts)
    assert [a["detail"].split()[0] for a in alerts] == ["lookup", "search", "download"]


def test_an_expired_card_is_refused_without_an_alert(kiosk, admin):
    card = {**card_of(MOTHER), "valid_until": "2024-03-20"}
    status, code, message = error_of(
        kiosk.post("/sharing/lookup", json=lookup_body(MOTHER, card=card))
    )
    assert (status, code) == (403, "card_expired") and "2024-03-20" in message
    assert _alerts(admin, kiosk) == []


def test_an_enterprise_opens_with_its_representatives_card_only(kiosk, admin):
    mothers_card = lookup_body(ENTERPRISE, "enterprise", card=card_of(MOTHER))
    mothers_card["purpose"] = "company-deregistration"
    status, code, _ = error_of(kiosk.post("/sharing/lookup", json=mothers_card))
    assert (status, code) == (403, "not_representative")
    assert [a["kind"] for a in _alerts(admin, kiosk)] == ["not_representative"]
    # The legal representative's card opens it.
    representative = {**mothers_card, "card": card_of(ENTERPRISE)}
    assert kiosk.post("/sharing/lookup", json=representative).status_code == 200


@pytest.mark.parametrize("purpose", ["anything", "progress_query", "birth "])
def test_a_lookup_is_for_a_one_thing_of_the_catalog(kiosk, purpose):
    status, code, message = error_of(
        kiosk.post("/sharing/lookup", json=lookup_body(MOTHER, purpose=purpose))
    )
    assert status == 422 and code in ("unknown_purpose", "invalid_request")
    assert message.startswith("purpose")


def test_the_alerts_are_listed_by_kioskctl(hub, kiosk):
    card = {**card_of(FATHER), "issuer": "假的公安局"}
    kiosk.post("/sharing/lookup", json=lookup_body(FATHER, card=card))
    listed = kioskctl(hub, "alerts")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if kiosk.name in line)
    assert "card_mismatch" in line and "3301**********0310" in line
    assert FATHER not in listed.stdout
    last = int(listed.stdout.splitlines()[-1].split()[0])
    assert kioskctl(hub, "alerts", "--since", str(last)).stdout.strip() == "no alerts"


# -- rate limits -------------------------------------------------------------------------------


@pytest.fixture
def strict_hub(tmp_path) -> Iterator[HubProcess]:
    """A hub of its own with small limits: three uses a minute per kiosk, four an hour per
    card holder."""
    running = HubProcess(
        tmp_path / "hub",
        settings={"kiosk_lookups_per_minute": 3, "subject_lookups_per_hour": 4},
    ).start()
    yield running
    running.stop()


def test_a_kiosk_over_its_rate_is_held_back_and_the_admins_told(strict_hub):
    kiosk, admin = enrol(strict_hub), Caller(strict_hub.url, strict_hub.admin_token)
    answers = [kiosk.post("/sharing/lookup", json=lookup_body(FATHER)) for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    _, code, message = error_of(answers[3])
    assert code == "rate_limited" and "at most 3" in message
    assert answers[3].headers["Retry-After"] == "60"
    # One alert for the burst, not one per request.
    assert [a["kind"] for a in _alerts(admin, kiosk)] == ["kiosk_rate_limited"]


def test_a_card_holder_over_their_rate_is_held_back_at_every_kiosk(strict_hub):
    kiosks = [enrol(strict_hub) for _ in range(3)]
    admin = Caller(strict_hub.url, strict_hub.admin_token)
    statuses = [
        k.post("/applications/search", json=search_body(MOTHER)).status_code
        for k in (*kiosks[:2], *kiosks[:2])
    ]
    assert statuses == [200] * 4
    held = kiosks[2].post("/sharing/lookup", json=lookup_body(MOTHER))
    status, code, message = error_of(held)
    assert (status, code) == (429, "rate_limited") and "4 times in the last hour" in message
    assert [a["kind"] for a in _alerts(admin, kiosks[2])] == ["subject_rate_limited"]
    # Someone else's data is still open to that kiosk.
    assert kiosks[2].post("/sharing/lookup", json=lookup_body(FATHER)).status_code == 200

    engine = create_engine(f"sqlite:///{strict_hub.data_dir / 'hub.db'}")
    with engine.connect() as c:
        rows = c.execute(text("SELECT action, purpose FROM consent_records")).all()
    engine.dispose()
    assert sorted(tuple(r) for r in rows) == [
        ("lookup", "birth"),
        *[("search", "progress_query")] * 4,
    ]
