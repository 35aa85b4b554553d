"""The whole identity stack at once: simulated devices, the real drivers (the pty module and
pcscd with vpcd), the view model and the screens, as the demo and a technician use them."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from demo.devices import DemoDevices
from tests.pcscd import pcscd_fixture  # noqa: F401 (the pcscd fixture)
from ui.app import kiosk_running


@pytest.fixture
def stack(qapp, config, catalog, tmp_path):
    """Start the kiosk with simulated devices; `stack(pcsc=...)` gives (app, demo)."""
    running = ExitStack()

    def start(pcsc: bool):
        demo = DemoDevices(tmp_path)
        running.callback(demo.stop)
        devices = config.devices.model_copy(
            update={
                "idreader_port": demo.idreader_port,
                "pcsc": pcsc,
                "fingerprint_port": demo.fingerprint_port,
                "fingerprint_verify_card": True,  # the simulated sensor reads the cards' format
            }
        )
        ui = config.ui.model_copy(update={"fullscreen": False, "voice": "mock"})
        # The kiosk as the terminal runs it: its runtime starts the drivers on these ports.
        kiosk = kiosk_running(
            config.model_copy(update={"devices": devices, "ui": ui}),
            catalog,
            windowed=True,
            demo=demo,
        )
        return running.enter_context(kiosk), demo

    with running:
        yield start


def test_a_sample_id_card_on_the_simulated_module_reaches_the_confirm_screen(qtbot, stack):
    app, demo = stack(pcsc=False)
    vm = app.viewmodel
    qtbot.waitUntil(lambda: vm.readersReady >= 1, timeout=10_000)
    assert app.find("demoPanel") is not None
    demo.place("id:1")
    qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
    assert vm.identity["cardType"] == "resident_id"
    vm.confirmIdentity()
    assert vm.screen == "browse"
    demo.take()  # lifted off the contactless pad once read: the session goes on
    qtbot.waitUntil(lambda: vm.readersReady >= 1 and not vm.session.cards, timeout=10_000)
    assert not vm.paused and vm.screen == "browse"
    vm.home()
    assert vm.screen == "attract"  # nothing left to take


def test_a_sample_social_security_card_through_pcscd(qtbot, stack, pcscd):
    app, demo = stack(pcsc=True)
    vm = app.viewmodel
    qtbot.waitUntil(
        lambda: any(d["name"].startswith("pcsc:") and d["status"] == "ready" for d in vm.devices),
        timeout=10_000,
    )
    demo.place("ssc:0")
    qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
    assert vm.identity["cardType"] == "social_security"
    vm.home()
    assert vm.screen == "take_card"  # the card is still in the reader
    demo.take()
    qtbot.waitUntil(lambda: vm.screen == "attract", timeout=10_000)


def test_no_demo_panel_without_simulated_devices(kiosk_app):
    assert kiosk_app.find("demoPanel") is None


def test_a_fingerprint_is_taken_where_the_one_thing_needs_it(qtbot, stack, catalog):
    from kiosk.catalog.model import answers_to

    app, demo = stack(pcsc=False)
    vm = app.viewmodel
    qtbot.waitUntil(lambda: vm.readersReady >= 1, timeout=10_000)
    # The resident's finger follows the guidance on the screen.
    vm.fingerprintStep.connect(
        lambda step: (
            demo.pressFinger()
            if step in ("place", "again")
            else demo.liftFinger()
            if step == "lift"
            else None
        )
    )
    vm.start()
    vm.chooseOnething("military-discharge")
    for i in answers_to(catalog.onething("military-discharge"), "job-placement"):
        vm.answer(i)
    vm.identify()
    demo.place("id:1")
    qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
    vm.confirmIdentity()
    assert vm.screen == "photo"  # the photo comes first in this one-thing; taken elsewhere
    vm.session.application.photo = b"\xff\xd8 sample"
    vm.move("next_step")
    assert vm.screen == "fingerprint"
    qtbot.waitUntil(lambda: vm.fingerprint["step"] == "done", timeout=30_000)
    assert vm.fingerprint["verdict"] == "good"
    image = app.find("fingerprintImage")
    qtbot.waitUntil(lambda: image.property("progress") == 1.0)
    app.find("acceptFingerprintButton")
    vm.acceptFingerprint()
    assert vm.screen == "documents" and vm.session.application.fingerprint is not None
    # Checked 1:1 against the card's fingerprint data (read with the card, 0x30 0x10).
    assert vm.session.identity.fingerprints
    assert vm.session.application.fingerprint.check == "match"
    vm.home()
    assert vm.session.fingerprint is None  # wiped with the session
    # and the sensor keeps nothing of her
    qtbot.waitUntil(lambda: demo.sensor.char_buffer(1) == bytes(512), timeout=30_000)
    qtbot.waitUntil(lambda: demo.sensor.image_buffer == b"\xff" * 36864, timeout=30_000)
