"""The screens' side of 人证比对's reference photo: once the card is confirmed and data sharing
has answered, the journey's view model has the reference fetched on the journey's worker and
hands it to the camera's view model; the session's end drops it. The real hub over HTTP."""

from __future__ import annotations

from dataclasses import replace

import pytest

from central.process import HubProcess
from demo.render import ScreenState, drive
from drivers.events import CardInserted, CardRemoved
from drivers.idreader.samples import sample
from kiosk.catalog.load import load_catalog
from kiosk.config import load_config
from kiosk.hubclient import HubSettings
from services.desk import Desk
from services.journey import Journey


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    yield running
    running.stop()


def _reference_uses(hub: HubProcess, kiosk_id: str) -> int:
    from sqlalchemy import func, select

    from central.tables import ConsentRecord

    engine, _ = hub.stored()
    try:
        with engine.connect() as c:
            return c.scalar(
                select(func.count()).where(
                    ConsentRecord.kiosk_id == kiosk_id, ConsentRecord.action == "reference_photo"
                )
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("resident", "liveness", "fetched"), [(1, True, True), (2, True, False), (1, False, False)]
)
def test_the_reference_reaches_the_camera_only_when_used(
    qtbot, qapp, tmp_path, hub, resident, liveness, fetched
):
    from ui.camera import CameraViewModel
    from ui.i18n import Translations
    from ui.journey import JourneyViewModel
    from ui.post import Poster
    from ui.viewmodel import KioskViewModel

    config = load_config()
    catalog = load_catalog()
    kiosk_id = f"kiosk-face-ui-{resident}-{liveness}"
    desk = Desk(
        tmp_path / "kiosk",
        HubSettings(url=hub.url, read_timeout=10),
        hub.enrol(kiosk_id),
        kiosk_id,
        "01",
    )
    poster = Poster()
    journey = Journey(poster.post, desk)
    vm = KioskViewModel(config, catalog, Translations(qapp), journey)
    screens = JourneyViewModel(vm, journey)
    camera = CameraViewModel(config.camera.model_copy(update={"liveness": liveness}))
    screens.attach_camera(camera)
    vm.sessionWiped.connect(camera.clear)  # as ui.app wires them
    try:
        drive(vm, catalog, ScreenState(screen="identify", onething="birth", situation="newborn"))
        card = replace(sample(resident), reader="Virtual PCD 00")
        vm.driverEvent.emit(CardInserted("Virtual PCD 00", card))
        qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10000)
        vm.confirmIdentity()
        qtbot.waitUntil(lambda: screens.sharing == "done", timeout=30000)
        qtbot.waitUntil(lambda: journey.wait(0.1), timeout=30000)  # its answer posted too
        if fetched:
            qtbot.waitUntil(lambda: camera._reference is not None, timeout=30000)
            assert camera._reference.ndim == 3
            # The sandbox's sample photo: the face check made with it will say so.
            assert screens._sample_reference
            vm.home()  # the resident leaves, and takes the card
            vm.driverEvent.emit(CardRemoved("Virtual PCD 00"))
            qtbot.waitUntil(lambda: camera._reference is None, timeout=10000)
            assert not screens._sample_reference
        else:
            assert camera._reference is None
        # Asked of the hub only when it is used: a consent record each time, found or not.
        assert _reference_uses(hub, kiosk_id) == (1 if liveness else 0)
    finally:
        journey.close()
        desk.close()
