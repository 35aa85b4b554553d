"""The card reader test reads one card once, through the real stack (our pcscd, vsmartcard's
vpcd and a virtual social security card): the readers, pcscd's state, the ATR, the timings and
the card's fields masked — never a whole ID number or name. With pcscd stopped the verdict
names the service, not the card. Run under `flock /work/pcscd.lock` where pcscd is shared."""

from __future__ import annotations

import json
import tarfile
import threading

import pytest

from drivers.pcsc.cardfile import DEFAULT_CARD, load_card
from drivers.pcsc.vcard import VirtualCard
from kiosk.config import load_config
from kiosk.ids import mask, mask_card_number, mask_name
from services.doctor import Verdict
from services.maintenance import Maintenance
from tests.pcscd import VPCD_PORTS, VPCD_READER, Pcscd, pcscd_fixture  # noqa: F401
from ui.cli import main

CARD = load_card(DEFAULT_CARD)


def _config(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "kiosk-card"\ndata_dir = "{tmp_path / "data"}"\n'
        "[devices]\nidreader = false\n"
    )
    return path


def _no_personal_data(text: str) -> None:
    assert CARD.id_number not in text and CARD.name not in text
    assert CARD.card_number not in text
    assert CARD.id_number[6:14] not in text  # not even the birth date inside the number


def test_kiosk_doctor_card_reads_a_card_once_and_masks_it(tmp_path, pcscd: Pcscd, capsys):
    with VirtualCard(CARD, VPCD_PORTS[VPCD_READER]):
        status = main(["--config", str(_config(tmp_path)), "doctor", "card", "--json"])
    out = capsys.readouterr().out
    assert status == 0, out
    (check,) = json.loads(out)["checks"]
    assert (check["verdict"], check["code"]) == ("ok", "card.read")
    detail = check["detail"]
    assert "pcscd running" in detail and VPCD_READER in detail
    assert "ATR 3B" in detail and "connect" in detail and " ms" in detail
    assert mask_name(CARD.name) in detail and mask(CARD.id_number) in detail
    assert f"card no. {mask_card_number(CARD.card_number)}" in detail
    assert CARD.card_number not in detail
    assert "type social_security" in detail and "ID module: skip" in detail
    _no_personal_data(out)


def test_in_maintenance_mode_a_card_then_none_then_pcscd_stopped(tmp_path, pcscd: Pcscd):
    m = Maintenance(load_config(_config(tmp_path)))
    m.session = "offline-20261205"  # signed in (tests/test_maintenance.py signs in)
    m.card_wait = 10.0
    card = VirtualCard(CARD, VPCD_PORTS[VPCD_READER])
    # The technician taps 开始测试 first and puts the card down after.
    later = threading.Timer(0.5, card.insert)
    later.start()
    try:
        read = m.test("card")
    finally:
        later.join()
        card.remove()
    assert (read.verdict, read.code) == (Verdict.OK, "card.read"), read.detail
    _no_personal_data(read.detail)

    m.card_wait = 3.0  # the card just taken out leaves pcscd's list within it
    none = m.test("card")
    assert (none.verdict, none.code) == (Verdict.WARN, "card.no_card"), none.detail

    pcscd.stop()
    try:
        stopped = m.test("card")
    finally:
        pcscd.start()
    assert (stopped.verdict, stopped.code) == (Verdict.FAIL, "card.no_service")
    assert "pcscd" in stopped.words and "card" not in stopped.words
    assert "pcscd" in stopped.detail
    outcomes = [(e.action, e.outcome) for e in m.pending()]
    assert outcomes == [("test:card", "ok"), ("test:card", "warn"), ("test:card", "fail")]

    # The diagnostic bundle exported after the card test holds nothing of the card.
    exported = m.export(tmp_path / "usb", upload=False)
    with tarfile.open(exported.path) as tar:
        everything = b"".join(tar.extractfile(f).read() for f in tar.getmembers() if f.isfile())
    for value in (CARD.id_number, CARD.name, CARD.card_number, mask(CARD.id_number)):
        assert value.encode() not in everything, value
    assert mask_name(CARD.name).encode() not in everything


@pytest.mark.parametrize("wait", ["0"])
def test_kiosk_doctor_card_without_waiting_only_lists(tmp_path, pcscd: Pcscd, capsys, wait):
    status = main(["--config", str(_config(tmp_path)), "doctor", "card", "--wait", wait])
    out = capsys.readouterr().out
    assert status == 0 and out.startswith("ok    card        读卡器正常"), out


def test_the_card_test_reads_beside_the_kiosks_own_watcher(tmp_path, pcscd: Pcscd):
    """In the running kiosk the PC/SC driver watches the same readers: both read the card,
    and neither spoils the other's read."""
    from drivers.events import CardInserted, CardRemoved
    from drivers.pcsc import PcscDriver
    from tests.test_pcsc_driver import Events

    events = Events()
    driver = PcscDriver(events, retry_interval=0.2, poll_interval=0.5).start()
    try:
        m = Maintenance(load_config(_config(tmp_path)))
        m.session = "offline-20261205"
        m.card_wait = 10.0
        for _ in range(3):
            with VirtualCard(CARD, VPCD_PORTS[VPCD_READER]):
                read = m.test("card")
                seen = events.card(CardInserted, timeout=10)
            assert read.code == "card.read", read.detail
            assert seen.identity.id_number == CARD.id_number
            events.card(CardRemoved, timeout=10)  # taken out before the next try
    finally:
        driver.stop()
