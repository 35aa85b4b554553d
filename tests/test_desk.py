"""The journey's desk against the real hub on loopback: data sharing fills the birth form,
the application goes through the outbox (also when the hub is down at submit time), the
rating follows its application, and the progress page knows the receipt's QR code."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import requests

from central.process import HubProcess, free_port
from demo.render import BIRTH_ANSWERS
from drivers.idreader.samples import sample
from kiosk.application import Application
from kiosk.catalog.load import load_catalog
from kiosk.codes import progress_link
from kiosk.contract import RatingRequest
from kiosk.hubclient import HubSettings
from kiosk.local_number import is_local_number
from services.desk import Desk, DeskError, Refusal
from services.sync import SyncOptions, SyncWorker
from tests.test_form import BIRTH_ASKED

KIOSK_ID = "kiosk-desk"


@pytest.fixture
def hub(tmp_path):
    hub = HubProcess(tmp_path / "hub", auto_handle=0.1).start()
    yield hub
    hub.stop()


def _birth() -> Application:
    o = load_catalog().onething("birth")
    app = Application(o, o.situation("newborn"), sample(1))
    return app


def _fill(app: Application) -> None:
    app.typed.update(BIRTH_ANSWERS)
    app.photo = b"\xff\xd8\xff\xe0 sample photo"
    from kiosk import signature

    app.signature = signature.to_png([[(0.1, 0.5), (0.9, 0.5)]])


def _desk(tmp_path, url: str, token: str) -> Desk:
    return Desk(tmp_path / "kiosk", HubSettings(url=url, read_timeout=5), token, KIOSK_ID, "01")


def _sync(tmp_path, url: str, token: str) -> SyncWorker:
    return SyncWorker(
        tmp_path / "kiosk", SyncOptions(hub=HubSettings(url=url, read_timeout=5), token=token)
    )


def test_birth_through_the_desk_shared_submitted_rated(tmp_path, hub):
    token = hub.enrol(KIOSK_ID)
    desk = _desk(tmp_path, hub.url, token)
    app = _birth()
    desk.share(app)
    assert {f.id for f in app.asked()} == BIRTH_ASKED
    _fill(app)
    submitted = desk.submit(app, "self-service", "session-1")
    assert is_local_number(submitted.local_number, KIOSK_ID)
    assert desk.acceptance_number(submitted.entry_id) is None  # nothing sent yet
    sync = _sync(tmp_path, hub.url, token)
    assert sync.deliver_all(timeout=30)
    number = desk.acceptance_number(submitted.entry_id)
    assert number and number.startswith("YJS-")
    view = desk.application(number)
    assert {s.material_id for s in view.shared} == {
        "parents-id-cards",
        "household-register",
        "marriage-certificate",
    }
    assert not view.rated
    desk.rate(submitted.entry_id, RatingRequest(level=5), "session-1")
    assert sync.deliver_all(timeout=30)
    assert desk.application(number).rated
    # Any kiosk finds it with the person's card.
    mine = desk.applications_of(sample(1))
    assert [v.acceptance_number for v in mine] == [number]
    desk.close()


def test_hub_down_at_submit_time_the_local_number_is_replaced_later(tmp_path, hub):
    token = hub.enrol(KIOSK_ID)
    dead = f"http://127.0.0.1:{free_port()}"
    desk = _desk(tmp_path, dead, token)
    app = _birth()
    with pytest.raises(DeskError):
        desk.share(app)
    app.learn([], "")  # the form goes on; departments check the shared materials
    assert {"spouse-name", "household-address"} <= {f.id for f in app.asked()}
    _fill(app)
    app.typed.update(
        {"spouse-name": "陈志远", "household-address": "浙江省杭州市西湖区文三路478号"}
    )
    submitted = desk.submit(app, "self-service", "session-2")
    # The rating is given at once, while the application is still offline: it waits.
    desk.rate(submitted.entry_id, RatingRequest(level=1, reasons=["等待时间长"]), "session-2")
    assert not _sync(tmp_path, dead, token).deliver_all(timeout=3)
    # The network is back: the application goes, then the rating that waited for it.
    sync = _sync(tmp_path, hub.url, token)
    deadline = time.monotonic() + 30
    while not sync.deliver_all(timeout=5) and time.monotonic() < deadline:
        time.sleep(0.5)  # entries wait out their back-off
    number = _desk(tmp_path, hub.url, token).acceptance_number(submitted.entry_id)
    view = _desk(tmp_path, hub.url, token).application(submitted.local_number)
    assert view.acceptance_number == number and view.rated
    assert not view.shared  # nothing shared was referenced: departments check
    # The receipt's QR code, printed offline, leads to the progress page with the hub's number.
    page = requests.get(progress_link(hub.url, submitted.progress_token), timeout=10)
    assert page.status_code == 200 and number in page.text and "林晓燕" not in page.text


def test_a_card_the_hub_does_not_know_is_told_as_such_not_as_an_outage(tmp_path):
    """A card whose details differ from the registry's (a forged or replaced card) gets no
    data, and the resident is told their card was not verified, not that the network is
    down; a rate limit is told as one too."""
    hub = HubProcess(
        tmp_path / "hub", settings={"kiosk_lookups_per_minute": 2, "subject_lookups_per_hour": 0}
    ).start()
    try:
        desk = _desk(tmp_path, hub.url, hub.enrol(KIOSK_ID))
        forged = replace(sample(1), issuer="杭州市公安局上城区分局")
        o = load_catalog().onething("birth")
        with pytest.raises(DeskError) as refused:
            desk.share(Application(o, o.situation("newborn"), forged))
        assert refused.value.refusal is Refusal.CARD
        desk.share(_birth())  # the genuine card: the kiosk's second use this minute
        with pytest.raises(DeskError) as busy:
            desk.applications_of(sample(1))
        assert busy.value.refusal is Refusal.BUSY
        desk.close()
    finally:
        hub.stop()
