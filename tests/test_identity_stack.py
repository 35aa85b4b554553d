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


def pcsc_reader(vm, status: str) -> bool:
    """A PC/SC reader is in this state, as the kiosk knows it."""
    return any(d["name"].startswith("pcsc:") and d["status"] == status for d in vm.devices)


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
    qtbot.waitUntil(lambda: pcsc_reader(vm, "ready"), timeout=10_000)
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


# -- one truthful problem per cause, as the resident sees it ------------------------------------


def shown_problem(app, qtbot) -> tuple[str, str, str]:
    """(kind, title, advice) of the card problem screen the resident has in front of her."""
    vm = app.viewmodel
    qtbot.waitUntil(lambda: vm.screen == "card_problem", timeout=10_000)
    title, advice = app.find("problemTitle"), app.find("problemText")
    assert title is not None and advice is not None
    return vm.problem["kind"], title.property("text"), advice.property("text")


def assert_told(shown: tuple[str, str, str], kind: str, title: str, *advice: str) -> None:
    got_kind, got_title, got_advice = shown
    assert (got_kind, got_title) == (kind, title), shown
    for words in advice:
        assert words in got_advice, shown
    # Cleaning helps a card that does not answer, and nothing else.
    assert ("擦" in got_advice) == (kind == "unreadable" and "插" in got_advice), shown


def told_for_each(app, qtbot, cases) -> None:
    """For each (put, kind, title, advice): from the identify screen, `put` a card in (it
    returns how to take it out); the resident is told `title` and `advice` as a `kind`
    problem; the card taken out, the session ends as usual."""
    vm = app.viewmodel
    for put, kind, title, advice in cases:
        vm.start()
        vm.identify()
        take = put()
        try:
            assert_told(shown_problem(app, qtbot), kind, title, advice)
        finally:
            take()
        qtbot.waitUntil(lambda: not vm.session.cards, timeout=10_000)
        vm.home()
        assert vm.screen == "attract"


def test_each_social_security_card_problem_has_its_own_screen(qtbot, stack, pcscd):
    from dataclasses import replace
    from datetime import date, timedelta

    from drivers.pcsc.cardfile import DEFAULT_CARD, Fault, load_card, samples
    from drivers.pcsc.vcard import VirtualCard

    app, _demo = stack(pcsc=True)
    vm = app.viewmodel
    qtbot.waitUntil(lambda: pcsc_reader(vm, "ready"), timeout=10_000)
    good = load_card(DEFAULT_CARD)
    expired = load_card(next(p for p in samples() if "expired" in p.name))
    later = replace(good, issue_date=date.today() + timedelta(days=30))
    cases = [
        (replace(good, fault=Fault.BANK_CARD), {}, "not_this_card", "这是银行卡，不是社保卡"),
        (replace(good, fault=Fault.NO_APPLICATION), {}, "not_this_card", "这不是社保卡"),
        (replace(good, fault=Fault.BAD_ID_CHECK), {}, "invalid_number", "证件号码无法核对"),
        (expired, {}, "expired", "证件已过期"),
        (later, {}, "not_yet_valid", "证件尚未生效"),
        (good, {"remove_after": 4}, "pulled", "证件还没读完就拿开了"),
        (replace(good, fault=Fault.GARBAGE), {}, "damaged", "卡里的信息读不出来"),
        (replace(good, fault=Fault.MUTE), {}, "unreadable", "无法读取这张卡"),
    ]
    advice = {
        "not_this_card": "请插入社会保障卡",
        "invalid_number": "到窗口办理",
        "expired": "请使用有效证件",
        "not_yet_valid": "请使用有效证件",
        "pulled": "读好之前不要拔出来",
        "damaged": "到窗口办理",
        "unreadable": "把芯片擦干净",
    }

    def insert(data, options):
        card = VirtualCard(data, **options)
        card.insert()
        return card.remove

    told_for_each(
        app,
        qtbot,
        [
            (lambda d=data, o=options: insert(d, o), kind, title, advice[kind])
            for data, options, kind, title in cases
        ],
    )

    # pcscd stops under a read: the reader is at fault, and the card is not mentioned.
    vm.start()
    vm.identify()
    card = VirtualCard(good, hold_after=2)
    card.insert()
    assert card.held.wait(5)
    import threading

    stopping = threading.Thread(target=pcscd.stop)
    stopping.start()
    try:
        shown = shown_problem(app, qtbot)
        assert_told(shown, "reader_down", "读卡器出了故障", "请联系工作人员")
        assert app.find("problemHelpButton").property("visible")
        assert not app.find("retryButton").property("visible")
    finally:
        card.release()
        stopping.join()
        card.remove()
    pcscd.start()
    # The reader is back: the card is asked for again.
    qtbot.waitUntil(lambda: vm.screen == "identify", timeout=15_000)


def test_each_id_card_problem_has_its_own_screen(qtbot, stack):
    import dataclasses
    import time
    from datetime import date, timedelta

    from drivers.idreader.codec import TYPE_OFFSET, Command, encode_base_info
    from drivers.idreader.samples import sample
    from drivers.idreader.sim import Fault
    from kiosk.ids import id_check_character

    app, demo = stack(pcsc=False)
    vm = app.viewmodel
    module = demo.module
    # The kiosk reads a card with its fingerprint data where the module offers it (0x30 0x10).
    read = Command.READ_FINGERPRINT_INFO if module.offers_fingerprints else Command.READ_BASE_INFO
    qtbot.waitUntil(lambda: vm.readersReady >= 1, timeout=10_000)
    other = bytearray(encode_base_info(sample(1)))
    other[4 + TYPE_OFFSET : 4 + TYPE_OFFSET + 2] = "Q".encode("utf-16-le")
    first17 = sample(2).id_number[:17]
    wrong = str((int(id_check_character(first17).replace("X", "10")) + 1) % 10)
    bad_check = dataclasses.replace(sample(2), id_number=first17 + wrong)
    cases = [
        (
            lambda: module.place_raw(bytes(other)),
            "not_this_card",
            "本机读不了这种证件",
            "换一张证件",
        ),
        (lambda: module.place(bad_check), "invalid_number", "证件号码无法核对", "到窗口办理"),
        (lambda: module.place(sample(4)), "expired", "证件已过期", "2019年11月30日"),
        (
            lambda: module.place(
                dataclasses.replace(sample(1), valid_from=date.today() + timedelta(days=30))
            ),
            "not_yet_valid",
            "证件尚未生效",
            "请使用有效证件",
        ),
        (
            lambda: (
                module.inject(Fault.LIFTED, command=read),
                module.place(sample(1)),
            ),
            "pulled",
            "证件还没读完就拿开了",
            "放回读卡区",
        ),
        (module.place_garbage, "damaged", "卡里的信息读不出来", "到窗口办理"),
        (
            lambda: (
                module.inject(Fault.CHECKSUM, command=read),
                module.place(sample(1)),
            ),
            "unreadable",
            "没能读出这张证件",
            "平放在读卡区",
        ),
    ]

    def on_pad(put):
        def go():
            put()
            return module.remove

        return go

    told_for_each(app, qtbot, [(on_pad(put), *rest) for put, *rest in cases])

    # The module goes away while it reads a card: a reader problem, nothing about the card.
    vm.start()
    vm.identify()
    module.inject(Fault.SILENCE, count=10_000, command=read)
    seen = len(module.commands_seen)
    module.place(sample(1))
    deadline = time.monotonic() + 5
    while read not in module.commands_seen[seen:]:
        assert time.monotonic() < deadline
        qtbot.wait(10)
    module.close()
    assert_told(shown_problem(app, qtbot), "reader_down", "读卡器出了故障", "请联系工作人员")


def test_every_card_holder_reaches_the_confirm_screen_masked(qtbot, stack):
    from drivers.idreader.samples import (
        SAMPLE_FOREIGNER_2017,
        SAMPLE_FOREIGNER_2023,
        SAMPLE_PERMIT,
    )

    app, demo = stack(pcsc=False)
    vm = app.viewmodel
    qtbot.waitUntil(lambda: vm.readersReady >= 1, timeout=10_000)
    for card, label, name, number in [
        (SAMPLE_PERMIT, "港澳台居民居住证", "陈*明", "8100**********0012"),
        (SAMPLE_FOREIGNER_2017, "外国人永久居留身份证", "S********N", "USA1*******0812"),
        (SAMPLE_FOREIGNER_2023, "外国人永久居留身份证", "史*斯", "9338**********0013"),
    ]:
        vm.start()
        vm.identify()
        demo.module.place(card)
        qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
        assert vm.identity["cardType"] == card.card_type.value
        assert (vm.identity["name"], vm.identity["number"]) == (name, number)
        texts = [i.property("text") for i in app.items() if isinstance(i.property("text"), str)]
        assert label in texts
        assert not any(card.id_number in t or card.name in t for t in texts)
        demo.module.remove()
        qtbot.waitUntil(lambda: not vm.session.cards, timeout=10_000)
        vm.home()


def test_pcscd_stopping_with_a_card_in_is_a_reader_problem_not_a_removal(qtbot, stack, pcscd):
    from drivers.pcsc.cardfile import DEFAULT_CARD, load_card
    from drivers.pcsc.vcard import VirtualCard

    app, _demo = stack(pcsc=True)
    vm = app.viewmodel

    qtbot.waitUntil(lambda: pcsc_reader(vm, "ready"), timeout=10_000)
    vm.start()
    vm.identify()
    card = VirtualCard(load_card(DEFAULT_CARD))
    card.insert()
    try:
        qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
        vm.confirmIdentity()
        here = vm.screen
        pcscd.stop()
        qtbot.waitUntil(lambda: pcsc_reader(vm, "offline"), timeout=10_000)
        # Not "your card was taken out": the resident did nothing, the session goes on.
        assert not vm.paused and vm.screen == here and vm.session.identity is not None
        pcscd.start()
        card.insert()  # a vpcd card reconnects to the new pcscd, as a card left in does
        qtbot.waitUntil(lambda: pcsc_reader(vm, "ready"), timeout=10_000)
        assert not vm.paused and vm.screen == here
    finally:
        card.remove()
    qtbot.waitUntil(lambda: vm.paused, timeout=10_000)  # now it is taken out


def test_a_paused_session_does_not_resume_on_the_same_persons_expired_card(qtbot, stack, pcscd):
    from dataclasses import replace
    from datetime import date, timedelta

    from drivers.pcsc.cardfile import DEFAULT_CARD, load_card
    from drivers.pcsc.vcard import VirtualCard

    app, _demo = stack(pcsc=True)
    vm = app.viewmodel
    qtbot.waitUntil(lambda: pcsc_reader(vm, "ready"), timeout=10_000)
    good = load_card(DEFAULT_CARD)
    vm.start()
    vm.identify()
    card = VirtualCard(good)
    card.insert()
    qtbot.waitUntil(lambda: vm.screen == "confirm", timeout=10_000)
    vm.confirmIdentity()
    card.remove()
    qtbot.waitUntil(lambda: vm.paused, timeout=10_000)
    # The same person's card, expired yesterday: the session stays paused and says why.
    old = VirtualCard(replace(good, expiry_date=date.today() - timedelta(days=1)))
    old.insert()
    try:
        qtbot.waitUntil(lambda: vm.resumeProblem == "expired", timeout=10_000)
        texts = [i.property("text") for i in app.items() if isinstance(i.property("text"), str)]
        assert "这张证件已过有效期" in texts
        assert "请放回您有效期内的证件继续办理，或结束办理。" in texts
        assert vm.paused
    finally:
        old.remove()
    qtbot.waitUntil(lambda: vm.resumeProblem == "", timeout=10_000)
    card.insert()
    try:
        qtbot.waitUntil(lambda: not vm.paused, timeout=10_000)
    finally:
        card.remove()
