"""Render any screen, in a given state and mode, to PNG with no display.

Used by the tests, by reviewers, and by the demo on a machine without a screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from drivers.events import CardInserted, CardRemoved, CardUnreadable, DriverEvent, StatusChanged
from drivers.idreader.samples import SAMPLE_FOREIGNER_2017, SAMPLE_FOREIGNER_2023, SAMPLE_PERMIT
from kiosk.catalog.model import Catalog, answers_to
from kiosk.codes import SAMPLE_PROGRESS_TOKEN
from kiosk.config import Config
from kiosk.devices import DeviceState, DeviceStatus
from kiosk.identity import CardType, Identity, OtherCard, ReadFailure, Sex
from kiosk.ids import id_check_character

SCREENS = (
    "attract",
    "browse",
    "questions",
    "outside",
    "notice",
    "identify",
    "confirm",
    "card_problem",
    "take_card",
    "fingerprint",
    "form",
    "sign",
    "review",
    "receipt",
    "rating",
    "error",
)
# The screens of an application, in the order a resident meets them.
APPLICATION_SCREENS = ("form", "photo", "sign", "review", "receipt", "rating")

# SAMPLE DATA: what a resident would type into the birth form.
BIRTH_ANSWERS = {
    "relation": "母亲",
    "child-name": "陈小满",
    "child-sex": "女",
    "child-birth-date": "2026-11-18",
    "birth-place": "杭州市妇产科医院",
    "phone": "13800138000",
}
# A card as a driver reports it: read, or one per cause of a card that cannot be used.
CARDS = (
    "",
    "valid",
    "expired",
    "not_yet_valid",
    "bad_number",
    "bank",
    "other_card",
    "other_id",
    "pulled",
    "pulled_pad",
    "reader_down",
    "damaged",
    "unreadable",
    "unreadable_pad",
    "permit",
    "foreigner",
    "foreigner_2017",
)
# The 2017 layout's English name at its longest (43 letters fit the card's 120 bytes).
_LONG_ENGLISH_NAME = "MONTGOMERY-FITZWILLIAM ALEXANDRA CATHERINE"
# The driver's observation behind each unreadable sample card.
_UNREADABLE: dict[str, tuple[str, ReadFailure, OtherCard | None]] = {
    "bank": ("Virtual PCD 00", ReadFailure.OTHER_CARD, OtherCard.BANK),
    "other_card": ("Virtual PCD 00", ReadFailure.OTHER_CARD, OtherCard.UNKNOWN),
    "other_id": ("idreader", ReadFailure.OTHER_CARD, OtherCard.ID_DOCUMENT),
    "pulled": ("Virtual PCD 00", ReadFailure.LEFT, None),
    "pulled_pad": ("idreader", ReadFailure.LEFT, None),
    "reader_down": ("Virtual PCD 00", ReadFailure.READER_LOST, None),
    "damaged": ("Virtual PCD 00", ReadFailure.BAD_DATA, None),
    "unreadable": ("Virtual PCD 00", ReadFailure.NO_ANSWER, None),
    "unreadable_pad": ("idreader", ReadFailure.NO_ANSWER, None),
}

# SAMPLE DATA for renders: not a real person.
_SAMPLE_NUMBER = "33010619940312062"


def _sample_card(kind: str) -> DriverEvent:
    from datetime import date

    reader = "Virtual PCD 00"
    if kind in _UNREADABLE:
        where, failure, other = _UNREADABLE[kind]
        return CardUnreadable(where, f"a sample card: {failure.value}", failure, other)
    until = date(2020, 3, 12) if kind == "expired" else date(2036, 3, 12)
    since = date(2040, 3, 12) if kind == "not_yet_valid" else date(2016, 3, 12)
    number = _SAMPLE_NUMBER + id_check_character(_SAMPLE_NUMBER)
    if kind == "bad_number":  # the check character is off by one
        number = number[:17] + ("1" if number[17] != "1" else "2")
    if kind in ("permit", "foreigner", "foreigner_2017"):  # from the serial ID module
        holder = {
            "permit": SAMPLE_PERMIT,
            "foreigner": SAMPLE_FOREIGNER_2023,
            "foreigner_2017": replace(SAMPLE_FOREIGNER_2017, name=_LONG_ENGLISH_NAME),
        }[kind]
        return CardInserted("idreader", replace(holder, reader="idreader", valid_until=until))
    return CardInserted(
        reader,
        Identity(
            name="林晓燕",
            id_number=number,
            card_type=CardType.SOCIAL_SECURITY,
            reader=reader,
            sex=Sex.FEMALE,
            valid_from=since,
            valid_until=until,
        ),
    )


class RenderError(Exception):
    """The requested state does not exist (unknown one-thing, unreachable situation...)."""


@dataclass(frozen=True)
class ScreenState:
    screen: str = "attract"
    audience: str = "personal"
    stage: str = ""
    onething: str = ""
    situation: str = ""
    answers: tuple[int, ...] = ()
    elderly: bool = False
    language: str = "zh_CN"
    idle_warning: int = 0  # seconds left on the idle countdown; 0: no warning
    card: str = ""  # a sample card read on arrival: "valid", "expired" or "unreadable"
    card_taken_out: bool = False  # ...and then taken out (the paused prompt)
    readers_down: bool = False  # every reader unavailable
    sharing: str = "done"  # what data sharing answered: done, offline, card_refused, busy
    print_state: str = ""  # the receipt's print state (ui.journey printState), if not its own
    maintenance: str = ""  # maintenance mode over the screen: "code" or "menu" (sample results)
    size: tuple[int, int] = (1920, 1080)
    name: str = field(default="", compare=False)  # file name, for render_set


def render(config: Config, catalog: Catalog, state: ScreenState, out: Path) -> Path:
    """Bring the kiosk to `state` and write the window's pixels to `out`."""
    return render_set(config, catalog, Path(out).parent, [replace(state, name=Path(out).stem)])[0]


def render_set(
    config: Config, catalog: Catalog, out_dir: Path, states: list[ScreenState] | None = None
) -> list[Path]:
    """Render several states in one process: `<out_dir>/<state.name or screen>.png`."""
    from ui.app import create_app, prepare_environment

    prepare_environment(offscreen=True)
    # The sample states include an unreadable card on purpose: not worth a warning here.
    logging.getLogger("ui.viewmodel").setLevel(logging.ERROR)
    written = []
    for state in states or review_set(catalog):
        kiosk = create_app(_config_for(config, state), catalog, windowed=True)
        try:
            drive(kiosk.viewmodel, catalog, state, kiosk.journey)
            if state.maintenance:
                _maintenance(kiosk.maintenance, state.maintenance)
            written.append(_grab(kiosk, Path(out_dir) / f"{state.name or state.screen}.png"))
        finally:
            kiosk.close()
    return written


def _maintenance(vm, step: str) -> None:
    """Maintenance mode in `step`; "menu" with sample results, a healthy device and broken ones
    (SAMPLE DATA: no real kiosk's)."""
    from services.doctor import Check, Verdict

    vm.open()
    if step == "pin":  # a technician's card was read, and a wrong PIN typed
        vm._problem_count = 4
        vm._set(step="pin", problem="wrong_pin")
    if step == "menu":
        vm._set(
            exported="/media/usb/diagnostics-kiosk-01-20261205-101500.tar.gz",
            uploaded="diag-3f9a1c0b5e7d2a64-48213",
        )
        vm._set(step="menu")
        for check in (
            Check(
                "printer",
                Verdict.FAIL,
                "打印机缺纸，请装纸",
                "out of paper; 80 mm, raster, network",
            ),
            Check.of(
                "card",
                Verdict.OK,
                "card.read",
                "type social_security, name 林*燕, id 3301**********0622, card no. *******12, "
                "valid 2021-06-01 to 2031-06-01; card in ACS ACR39U 00 00; "
                "ATR 3B 0A 4B 49 4F 53 4B 2D 53 53 43 31; "
                "wait 2140 ms, connect 31 ms, read 412 ms; "
                "pcscd running; 1 reader(s): ACS ACR39U 00 00; "
                "ID module: ok on /dev/ttyUSB0 at 115200 baud",
            ),
            Check.of(
                "hub", Verdict.FAIL, "hub.unreachable", "https://hub.example.invalid: timed out"
            ),
            Check(
                "idreader", Verdict.OK, "身份证阅读器正常", "ID module on /dev/ttyUSB0 at 115200"
            ),
            Check(
                "camera", Verdict.OK, "摄像头正常", "camera 0: 1280x720, rotation 0, brightness 112"
            ),
            Check("voice", Verdict.OK, "语音提示正常", "Chinese sit/cmn, English gmw/en-US"),
            Check(
                "fingerprint",
                Verdict.OK,
                "指纹仪正常：录入并比对成功",
                "port /dev/ttyUSB1, 57600 baud, 128-byte packets, handshake ok; match score 200",
            ),
        ):
            vm.show_result(check)


def review_set(catalog: Catalog) -> list[ScreenState]:
    """The screens a reviewer (or a headless demo) should look at."""
    base = ScreenState()
    birth = ScreenState(screen="notice", onething="birth", situation="newborn")
    states = [
        replace(base, name="01-attract"),
        replace(base, screen="browse", stage="birth", name="02-browse-personal"),
        replace(
            base,
            screen="browse",
            audience="enterprise",
            stage="company-setup",
            name="03-browse-enterprise",
        ),
        replace(base, screen="questions", onething="birth", name="04-questions-birth"),
        replace(base, screen="outside", onething="birth", answers=(1,), name="05-outside"),
        replace(birth, name="06-notice-birth"),
        replace(birth, idle_warning=12, name="07-idle-warning"),
        replace(base, elderly=True, name="08-attract-elderly"),
        replace(birth, elderly=True, name="09-notice-birth-elderly"),
        replace(base, screen="browse", stage="birth", elderly=True, name="10-browse-elderly"),
        replace(base, language="en", name="11-attract-en"),
        replace(birth, language="en", name="12-notice-birth-en"),
        replace(base, screen="identify", name="13-identify"),
        replace(base, screen="identify", readers_down=True, name="14-identify-readers-down"),
        replace(base, screen="confirm", card="valid", name="15-confirm"),
        replace(base, screen="confirm", card="foreigner", name="15-confirm-foreigner"),
        replace(base, screen="confirm", card="foreigner_2017", name="15-confirm-foreigner-2017"),
        replace(base, screen="card_problem", card="expired", name="16-card-expired"),
        replace(base, screen="card_problem", card="unreadable", name="17-card-unreadable"),
        *(
            replace(base, screen="card_problem", card=card, name=f"17-card-{card}")
            for card in CARDS
            if card
            not in ("", "valid", "expired", "unreadable", "permit", "foreigner", "foreigner_2017")
        ),
        replace(
            base, screen="confirm", card="valid", card_taken_out=True, name="18-card-taken-out"
        ),
        replace(base, screen="take_card", card="valid", name="19-take-card"),
        replace(base, screen="confirm", card="valid", elderly=True, name="20-confirm-elderly"),
        replace(
            base,
            screen="fingerprint",
            onething="military-discharge",
            situation="job-placement",
            card="valid",
            name="21-fingerprint",
        ),
        replace(birth, screen="form", card="valid", name="22-form-birth"),
        replace(birth, screen="form", card="valid", elderly=True, name="23-form-birth-elderly"),
        replace(birth, screen="sign", card="valid", name="24-sign"),
        replace(birth, screen="review", card="valid", name="25-review"),
        replace(birth, screen="receipt", card="valid", name="26-receipt"),
        replace(birth, screen="rating", card="valid", name="27-rating"),
        replace(birth, screen="review", card="valid", elderly=True, name="28-review-elderly"),
        replace(base, screen="error", name="29-error"),
        replace(birth, screen="receipt", card="valid", elderly=True, name="30-receipt-elderly"),
        replace(
            birth,
            screen="form",
            card="valid",
            elderly=True,
            sharing="card_refused",
            name="31-form-card-refused-elderly",
        ),
        replace(
            birth,
            screen="receipt",
            card="valid",
            elderly=True,
            print_state="may_have_printed",
            name="32-receipt-may-have-printed-elderly",
        ),
        replace(base, maintenance="code", name="33-maintenance-code"),
        replace(base, maintenance="menu", name="34-maintenance-tests"),
        replace(base, maintenance="pin", name="35-maintenance-card-pin"),
    ]
    known = {o.id for o in catalog.onethings}
    return [s for s in states if not s.onething or s.onething in known]


def _config_for(config: Config, state: ScreenState) -> Config:
    ui = config.ui.model_copy(
        update={
            "width": state.size[0],
            "height": state.size[1],
            "fullscreen": False,
            "elderly_mode": state.elderly,
            "language": state.language,
            "voice": "mock",  # renders are silent, and show the voice buttons a kiosk has
        }
    )
    # Renders show screens, not pictures: no camera is opened.
    camera = config.camera.model_copy(update={"enabled": False})
    return config.model_copy(update={"ui": ui, "camera": camera})


def drive(vm, catalog: Catalog, state: ScreenState, journey=None) -> None:
    if state.screen not in SCREENS:
        raise RenderError(f"unknown screen '{state.screen}'; choose one of {', '.join(SCREENS)}")
    if state.card not in CARDS:
        raise RenderError(f"unknown card '{state.card}'; choose one of {', '.join(CARDS[1:])}")
    reader_state = DeviceStatus.OFFLINE if state.readers_down else DeviceStatus.READY
    for name in ("idreader", "pcsc:Virtual PCD 00"):
        vm.driverEvent.emit(StatusChanged(DeviceState(name, reader_state)))
    if state.onething:
        if state.onething not in {o.id for o in catalog.onethings}:
            raise RenderError(f"unknown one-thing '{state.onething}'")
        vm.start()
        vm.chooseOnething(state.onething)
        answers = list(state.answers)
        if state.situation:
            path = answers_to(catalog.onething(state.onething), state.situation)
            if path is None:
                raise RenderError(
                    f"situation '{state.situation}' cannot be reached in '{state.onething}'"
                )
            answers = path
        for index in answers:
            vm.answer(index)
    elif state.screen == "browse":
        vm.browse(state.audience)
        if state.stage:
            if state.stage not in {s.id for s in catalog.stages}:
                raise RenderError(f"unknown stage '{state.stage}'")
            vm.chooseStage(state.stage)
    elif state.screen not in (
        "attract",
        "identify",
        "confirm",
        "card_problem",
        "take_card",
        "error",
    ):
        raise RenderError(f"the {state.screen} screen needs --onething")
    if (
        state.screen in ("identify", "fingerprint") and state.onething
    ) or state.screen == "identify":
        vm.identify()
    if state.card:
        vm.driverEvent.emit(_sample_card(state.card))
    if state.screen == "fingerprint" or state.screen in APPLICATION_SCREENS:
        vm.confirmIdentity()
        _walk_application(vm, state.screen, journey, state.sharing)
    if state.screen == "error":
        from kiosk.session import ErrorKind

        vm.fail(ErrorKind.HUB)
    if state.screen == "take_card":
        vm.home()
    if state.card_taken_out:
        vm.driverEvent.emit(CardRemoved("Virtual PCD 00"))
    if vm.screen != state.screen:
        raise RenderError(f"that state is the {vm.screen} screen, not {state.screen}")
    if state.idle_warning:
        try:
            vm.clock.warn_at(state.idle_warning)
        except ValueError as e:
            raise RenderError(f"--idle-warning {e}") from None
        vm.check_idle(even_if_nothing_to_protect=True)
    if state.print_state:
        if state.screen != "receipt" or journey is None:
            raise RenderError("a print state is shown on the receipt screen")
        journey.set_print_state(state.print_state)


def _walk_application(vm, screen: str, journey=None, sharing: str = "done") -> None:
    """Through the application's steps to `screen`, as a resident with the sample card
    would go, with the sandbox's shared records for that card."""
    from central.sandbox.dataset import load_dataset
    from kiosk import signature
    from kiosk.session import Screen

    session = vm.session
    app = session.application
    if app is None:
        raise RenderError("no application was started: choose a one-thing and a valid card")
    if sharing == "done":
        app.learn(load_dataset().records("person", app.applicant.id_number), "sample-consent")
    else:
        app.learn([], "")
    if journey is not None:
        journey.shared_for_render(sharing)
    while session.screen.value != screen and session.screen is not Screen.REVIEW:
        match session.screen:
            case Screen.FORM:
                app.typed.update(_sample_answers(app))
            case Screen.PHOTO:
                app.photo = _sample_photo()
            case Screen.FINGERPRINT:
                raise RenderError("the sample walk does not take a fingerprint")
            case Screen.SIGN:
                strokes = [[(0.1, 0.6), (0.3, 0.4), (0.5, 0.6), (0.8, 0.4)]]
                app.signature = signature.to_png(strokes)
        vm.move("next_step")
    if screen in ("receipt", "rating"):
        vm.move("submitting")
        session.submitted("L-sandbox-0001-20261125-0001", 1, SAMPLE_PROGRESS_TOKEN)
        session.accepted("YJS-20261125-000042")
        vm.move("show_receipt")
    if screen == "rating":
        vm.move("to_rating")


def _sample_answers(app) -> dict[str, str]:
    """SAMPLE DATA for every asked field: the birth answers, else one well-formed value."""
    from kiosk.catalog.model import FieldKind

    samples = {
        FieldKind.DATE: "2026-11-18",
        FieldKind.PHONE: "13800138000",
        FieldKind.NUMBER: "1",
        FieldKind.ID_NUMBER: "11010519491231002X",
        FieldKind.CREDIT_CODE: "913301063157284697",
    }
    return {
        f.id: BIRTH_ANSWERS.get(f.id)
        or (f.options[0] if f.kind is FieldKind.CHOICE else samples.get(f.kind, "示例"))
        for f in app.asked()
    }


def _sample_photo() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (358, 441), (235, 240, 245)).save(out, format="JPEG")
    return out.getvalue()


def _grab(kiosk, out: Path) -> Path:
    app, window = kiosk.app, kiosk.window
    # Let bindings settle and images load; the software renderer then draws on grab.
    for _ in range(5):
        app.processEvents()
    if not kiosk.screen_loaded():
        raise RenderError("the screen's QML could not be loaded (see the messages above)")
    image = window.grabWindow()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if image.isNull() or not image.save(str(out)):
        raise RenderError(f"could not write {out}")
    return out
