"""The view model: exposes the core's session to QML and turns touches into moves.

Presentation glue only. Every rule (which moves are legal, what the notice holds, when the
idle reset comes) lives in the core; this object reads it out as plain lists and maps.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from drivers.events import CardInserted, CardRemoved, CardUnreadable, DriverEvent, StatusChanged
from kiosk.catalog.model import Audience, Catalog, localized
from kiosk.codes import progress_link
from kiosk.config import Config, with_fleet_settings
from kiosk.contract import Relation
from kiosk.devices import DeviceState, DeviceStatus
from kiosk.fleet import Bundle
from kiosk.identity import Identity, offer_elderly_mode, problem_for
from kiosk.idle import IdleClock, IdlePhase
from kiosk.notice import build_notice
from kiosk.session import ErrorKind, IllegalMove, Purpose, Screen, Session
from kiosk.timelimit import time_limit_days
from services.journey import Journey
from services.speech import DEVICE as VOICE_DEVICE
from services.speech import Speaker
from ui.i18n import Translations
from ui.presence import PRESENCE
from ui.qtjson import json_property
from ui.voice import Voice

log = logging.getLogger(__name__)

TAKE_CARD_REPEAT_SECONDS = 8.0
SAY_AGAIN_SECONDS = 6.0


def _device_kind(name: str) -> str:
    if name.startswith("idreader"):
        return "idcard"
    if name.startswith("pcsc:"):
        return "ssc"
    return name.split(":", 1)[0]


def _card_reader_kind(reader: str) -> str:
    """A card's reader as events name it: the ID module ("idreader…") or a PC/SC reader."""
    return "idcard" if reader.startswith("idreader") else "ssc"


class KioskViewModel(QObject):
    sessionChanged = Signal()
    modeChanged = Signal()
    languageChanged = Signal()
    idleChanged = Signal()
    # Emitted after the session was wiped (idle reset or the resident going home).
    sessionWiped = Signal()
    # A new catalog from the hub (services.runtime posts it to this thread).
    hubCatalog = Signal(object)
    # A fleet configuration (kiosk.fleet.Bundle) the sync worker adopted, posted to this thread.
    hubConfig = Signal(object)
    configChanged = Signal()
    # The catalog the sessions now use (its version), once a new one is adopted.
    catalogAdopted = Signal(str)
    # A driver's event (drivers.events), posted to this thread by services.runtime.
    driverEvent = Signal(object)
    devicesChanged = Signal()
    voiceChanged = Signal()

    # The fingerprint capture's step (place, lift, again, working), as the sensor asks.
    fingerprintStep = Signal(str)

    def __init__(
        self,
        config: Config,
        catalog: Catalog,
        translations: Translations,
        journey: Journey,
        parent: QObject | None = None,
        *,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__(parent)
        self._journey = journey
        self._config = config
        self._full_catalog = catalog  # as the hub sent it; _catalog: what this kiosk offers
        self._catalog = catalog.offering(config.catalog.onethings)
        self._translations = translations
        self._session = Session(self._catalog)
        self._elderly = config.ui.elderly_mode
        self._elderly_offered = False  # switched on by itself for a card holder of 60 or more
        self._language = config.ui.language
        self._clock = IdleClock(self._idle_timeout(), config.idle.warning_seconds)
        self._idle_phase = IdlePhase.ACTIVE
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self.checkIdle)
        self._tick.start()
        self._next_catalog: Catalog | None = None
        self.hubCatalog.connect(self._adopt_catalog)
        self._next_config: Config | None = None
        self.hubConfig.connect(self._adopt_config)
        self._devices: dict[str, DeviceState] = {}
        self.driverEvent.connect(self._on_driver_event)
        # The speaker runs on its own thread (services.speech); without one, a silent one.
        self.voice = Voice(speaker or Speaker(""), self)
        self.voice.mutedChanged.connect(self.voiceChanged)
        self.devicesChanged.connect(self.voiceChanged)
        self._last_prompt = 0.0
        self._recently_said: dict[str, float] = {}  # text → when it was said
        self._fp_cancel: threading.Event | None = None
        self._fp_step = ""
        self._fp_problem = ""
        self._fp_serial = 0
        # Since when the resident has been on the screen they are on: a call for help says.
        self._screen_seen = ""
        self._screen_since = time.monotonic()
        self.sessionChanged.connect(self._note_screen)
        # A card the staff sign-in panel takes goes no further (ui.staff).
        self.staff_card: Callable[[Identity], bool] = lambda identity: False

    # -- presence and idle -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in PRESENCE:
            self.touched()
        return False

    @Slot()
    def touched(self) -> None:
        self._clock.touched()
        if self._idle_phase is not IdlePhase.ACTIVE:
            self._idle_phase = IdlePhase.ACTIVE
            self.idleChanged.emit()

    @Slot()
    def checkIdle(self) -> None:
        self.check_idle()

    def check_idle(self, even_if_nothing_to_protect: bool = False) -> None:
        self._prompt_take_card()
        if self._nothing_to_protect() and not even_if_nothing_to_protect:
            self._clock.touched()
            return
        phase = self._clock.phase()
        if phase is IdlePhase.EXPIRED:
            log.info("idle timeout: session wiped")
            self._reset(keep_modes=False)
            return
        if phase is not self._idle_phase or phase is IdlePhase.WARNING:
            self._idle_phase = phase
            self.idleChanged.emit()

    def between_residents(self) -> bool:
        """Nobody is using the kiosk (it may restart, e.g. for a new version)."""
        return self._nothing_to_protect()

    def _nothing_to_protect(self) -> bool:
        """An untouched attract screen in the default modes: the next resident finds the
        kiosk as it should be, so there is nothing to count down."""
        return (
            self._session.screen in (Screen.ATTRACT, Screen.TAKE_CARD)
            and not self._session.has_personal_data
            and self._elderly == self._config.ui.elderly_mode
            and self._language == self._config.ui.language
        )

    def _adopt_catalog(self, catalog: Catalog) -> None:
        """Nobody's session changes under their feet: a new catalog waits for the next one."""
        self._next_catalog = catalog
        if self._session.screen is Screen.ATTRACT and not self._session.has_personal_data:
            self._reset(keep_modes=True)

    def _adopt_config(self, bundle: Bundle) -> None:
        """A fleet push waits for the next resident, like a catalog."""
        self._next_config = with_fleet_settings(self._config, bundle.settings)
        if self._session.screen is Screen.ATTRACT and not self._session.has_personal_data:
            self._reset(keep_modes=True)

    def _reset(self, keep_modes: bool) -> None:
        self._cancel_fingerprint()
        self._journey.clear_sensor()  # the sensor's buffers too, if a finger was taken
        self._session = self._session.wipe()
        config_changed = self._next_config is not None
        if self._next_config is not None:
            self._config, self._next_config = self._next_config, None
            log.info("fleet configuration in force on the screens")
        if self._next_catalog is not None:
            log.info("catalog %s adopted", self._next_catalog.version)
            self._full_catalog, self._next_catalog = self._next_catalog, None
            self.catalogAdopted.emit(self._full_catalog.version)
        # What this kiosk offers of the catalog (a push may name the one-things).
        self._catalog = self._full_catalog.offering(self._config.catalog.onethings)
        self._session.catalog = self._catalog  # a fresh session: nothing chosen from the old
        self._idle_phase = IdlePhase.ACTIVE
        self._clock.set_timeout(self._idle_timeout())
        self._clock.touched()
        self._elderly_offered = False
        if not keep_modes:  # the next resident starts from the kiosk's own modes
            self.setElderly(self._config.ui.elderly_mode)
            self.setLanguage(self._config.ui.language)
            self.setMuted(False)
        if config_changed:
            self.configChanged.emit()
            self.modeChanged.emit()  # the idle policy's seconds
        self.sessionChanged.emit()
        self.idleChanged.emit()
        self.sessionWiped.emit()
        self._prompt_take_card()

    def _get_idle_warning(self) -> bool:
        return self._idle_phase is IdlePhase.WARNING

    def _get_idle_remaining(self) -> int:
        return self._clock.remaining()

    idleWarning = Property(bool, _get_idle_warning, notify=idleChanged)
    idleRemaining = Property(int, _get_idle_remaining, notify=idleChanged)

    def _get_receipt_seconds(self) -> int:
        return self._config.idle.policy().receipt_seconds(self._elderly)

    receiptSeconds = Property(int, _get_receipt_seconds, notify=modeChanged)

    # -- cards and devices ------------------------------------------------------------------

    def _on_driver_event(self, event: DriverEvent) -> None:
        session = self._session
        match event:
            case StatusChanged(state=state):
                self._devices[state.name] = state
                self.devicesChanged.emit()
                # A card's reader is named in events without the device's "pcsc:" prefix.
                reader = state.name.removeprefix("pcsc:")
                if state.status is DeviceStatus.READY and session.reader_back(reader):
                    self.sessionChanged.emit()
                return
            case CardInserted(identity=identity):
                log.info("card read: %r", identity)
                if self.staff_card(identity):
                    self.touched()
                    return
                session.card_inserted(identity, date.today())
                # 60 or older: elderly mode comes by itself, with one tap to decline.
                if not self._elderly and offer_elderly_mode(identity, date.today()):
                    self.setElderly(True)
                    self._elderly_offered = True
            case CardUnreadable(reader=reader, problem=problem, failure=failure, other=other):
                log.warning("unreadable card in %s (%s): %s", reader, failure.value, problem)
                session.card_unreadable(
                    problem_for(failure, problem, other=other, reader=reader), reader
                )
            case CardRemoved(reader=reader):
                session.card_removed(reader)
        self.touched()
        self.sessionChanged.emit()
        self._prompt_take_card()

    def _prompt_take_card(self) -> None:
        """While a card is left in a reader at the end, say so aloud every few seconds."""
        if self._session.screen is not Screen.TAKE_CARD:
            self._last_prompt = 0.0
            return
        now = self._clock.now()
        if now - self._last_prompt >= TAKE_CARD_REPEAT_SECONDS:
            self._last_prompt = now
            text = "请取走您的证件" if self._language == "zh_CN" else "Please take your card"
            self.voice.say(text, self._language)

    @Slot(str)
    def say(self, text: str) -> None:
        """A voice prompt (the screens ask for them in elderly mode); the same words are
        not repeated within a few seconds, however often a screen asks."""
        now = self._clock.now()
        self._recently_said = {
            t: at for t, at in self._recently_said.items() if now - at < SAY_AGAIN_SECONDS
        }
        if not text or text in self._recently_said:
            return
        self._recently_said[text] = now
        self.voice.say(text, self._language)

    @Slot(str)
    def readAloud(self, text: str) -> None:
        """ "读一读": the screen's main text, in any mode, even if it was just said."""
        self._recently_said[text] = self._clock.now()
        self.voice.say(text, self._language)

    @Slot()
    def stopSpeaking(self) -> None:
        self.voice.stop()

    @Slot(bool)
    def setMuted(self, on: bool) -> None:
        self.voice.muted = on

    def _get_muted(self) -> bool:
        return self.voice.muted

    def device_state(self, name: str) -> DeviceState | None:
        """A device's last state as its driver reported it (maintenance mode's tests read the
        ports the running kiosk holds through this)."""
        return self._devices.get(name)

    def _voice_state(self) -> DeviceState | None:
        return self._devices.get(VOICE_DEVICE)

    def _get_voice_on(self) -> bool:
        """Voice prompts are configured and can speak Chinese (or are still starting)."""
        state = self._voice_state()
        if not self.voice.speaker.engine:
            return False
        return state is None or state.status in (DeviceStatus.READY, DeviceStatus.BUSY)

    def _get_voice_problem(self) -> str:
        """For technicians and the status line: why the kiosk cannot speak ("" when it can,
        or when voice prompts are off in the settings)."""
        state = self._voice_state()
        if state is None or state.status not in (DeviceStatus.ERROR, DeviceStatus.OFFLINE):
            return ""
        return state.detail or state.status.value

    muted = Property(bool, _get_muted, setMuted, notify=voiceChanged)
    voiceOn = Property(bool, _get_voice_on, notify=voiceChanged)
    voiceProblem = Property(str, _get_voice_problem, notify=voiceChanged)

    def _get_devices(self) -> list[dict[str, Any]]:
        return [
            {
                "name": d.name,
                "kind": _device_kind(d.name),
                "status": d.status.value,
                "detail": d.detail,
            }
            for d in sorted(self._devices.values(), key=lambda d: d.name)
        ]

    def _get_readers_ready(self) -> int:
        return sum(
            d.status is DeviceStatus.READY and _device_kind(d.name) in ("idcard", "ssc")
            for d in self._devices.values()
        )

    # -- fingerprint (on site, §6.1.4) ------------------------------------------------------

    def _get_fingerprint(self) -> dict[str, Any]:
        fp = self._session.fingerprint
        return {
            "step": self._fp_step,
            "problem": self._fp_problem,
            "verdict": fp.verdict.value if fp is not None else "",
            "image": f"image://fingerprint/{self._fp_serial}" if fp is not None else "",
            "available": self._journey.has_fingerprint_sensor,
        }

    @Slot()
    def startFingerprint(self) -> None:
        """Take the fingerprint (services.journey works the sensor); steps and the result
        come back to this thread."""
        if self._fp_cancel is not None:
            return
        self._session.fingerprint = None
        self._fp_problem = ""
        holder: list[threading.Event | None] = []
        identity = self._session.identity
        cancel = self._journey.capture_fingerprint(
            lambda step: self._on_fingerprint_step(holder[0], step),
            lambda result, problem: self._on_fingerprint_done(holder[0], result, problem),
            identity.fingerprints if identity is not None else b"",
        )
        holder.append(cancel)
        self._fp_cancel = cancel

    def _on_fingerprint_step(self, cancel: threading.Event, step: str) -> None:
        if cancel is not self._fp_cancel:
            return  # from a capture that has been cancelled
        self._fp_step = step
        self.fingerprintStep.emit(step)
        self.touched()
        self.sessionChanged.emit()

    def _on_fingerprint_done(self, cancel: threading.Event, result: Any, problem: str) -> None:
        if cancel is not self._fp_cancel:
            return  # a capture from a session that has since been wiped
        self._fp_cancel = None
        if result is not None and self._session.screen is Screen.FINGERPRINT:
            self._session.fingerprint_taken(result)
            self._fp_serial += 1
            self._fp_step = "done"
        else:
            log.warning("fingerprint not taken: %s", problem)
            self._fp_step, self._fp_problem = "failed", problem
        self.sessionChanged.emit()

    def _cancel_fingerprint(self) -> None:
        """Stop a capture under way; whatever it still reports is dropped."""
        if self._fp_cancel is not None:
            self._fp_cancel.set()
            self._fp_cancel = None
        self._fp_step = self._fp_problem = ""

    def fingerprint_image(self) -> bytes | None:
        fp = self._session.fingerprint
        return fp.image if fp is not None else None

    @Slot()
    def acceptFingerprint(self) -> None:
        self._move("accept_fingerprint")

    fingerprint = property(_get_fingerprint)

    fingerprintJson = json_property(_get_fingerprint, sessionChanged)

    devices = property(_get_devices)

    devicesJson = json_property(_get_devices, devicesChanged)
    readersReady = Property(int, _get_readers_ready, notify=devicesChanged)

    # -- modes -------------------------------------------------------------------------------

    def _get_elderly(self) -> bool:
        return self._elderly

    @Slot(bool)
    def setElderly(self, on: bool) -> None:
        if on == self._elderly:
            return
        self._elderly = on
        self._clock.set_timeout(self._idle_timeout())
        self.modeChanged.emit()

    elderly = Property(bool, _get_elderly, setElderly, notify=modeChanged)

    def _get_elderly_offered(self) -> bool:
        return self._elderly_offered and self._elderly

    @Slot()
    def declineElderly(self) -> None:
        """The resident did not want elderly mode that came by itself."""
        self._elderly_offered = False
        self.setElderly(False)

    # True while elderly mode is on because the card holder is 60 or older.
    elderlyOffered = Property(bool, _get_elderly_offered, notify=modeChanged)

    def _get_language(self) -> str:
        return self._language

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language == self._language:
            return
        self._translations.set_language(language)
        self._language = language
        self.languageChanged.emit()
        self.sessionChanged.emit()  # catalog texts are localized too

    language = Property(str, _get_language, setLanguage, notify=languageChanged)

    # -- moves -------------------------------------------------------------------------------

    def _move(self, action: str, *args: Any) -> None:
        getattr(self._session, action)(*args)
        if self._session.screen is not Screen.FINGERPRINT:
            self._cancel_fingerprint()  # the resident left the capture screen
        self._clock.set_timeout(self._idle_timeout())
        self.touched()
        self.sessionChanged.emit()

    def move(self, action: str, *args: Any) -> None:
        """A move of the session, for the other view models. One that is not possible from
        here (a double tap arriving after the first moved on) changes nothing."""
        try:
            self._move(action, *args)
        except IllegalMove as e:
            log.warning("move %s ignored: %s", action, e)

    def fail(self, kind: ErrorKind) -> None:
        """Something failed on the way: the error screen remembers where."""
        self._move("failed", kind)

    def _idle_timeout(self) -> int:
        return self._config.idle.policy().timeout(self._session.screen, self._elderly)

    def progress_url(self, token: str) -> str:
        """Where a phone follows an application: the QR code of the receipt and screen."""
        return progress_link(self._config.hub.progress_base(), token) if token else ""

    def kiosk_place(self) -> str:
        """Where results are collected when not posted: this kiosk's service centre."""
        return self._t(self._config.kiosk, "name")

    @Slot()
    def retry(self) -> None:
        self._move("retry")

    @Slot(str)
    def want(self, purpose: str) -> None:
        self._move("want", Purpose(purpose))

    @Slot()
    def startApplication(self) -> None:
        self._move("start_application")

    @Slot()
    def start(self) -> None:
        self._move("browse")

    @Slot(str)
    def browse(self, audience: str) -> None:
        self._move("browse", Audience(audience))

    @Slot(str)
    def chooseStage(self, stage_id: str) -> None:
        self._move("choose_stage", stage_id)

    @Slot(str)
    def chooseOnething(self, onething_id: str) -> None:
        self._move("choose_onething", onething_id)

    @Slot(int)
    def answer(self, option_index: int) -> None:
        self._move("answer", option_index)

    @Slot()
    def identify(self) -> None:
        self._move("identify")

    @Slot()
    def confirmIdentity(self) -> None:
        self._move("confirm_identity")

    @Slot()
    def notMe(self) -> None:
        self._move("not_me")

    # -- 代办: someone applies for the card holder ------------------------------------------

    @Slot(bool)
    def wantAgent(self, wanted: bool) -> None:
        self.move("want_agent", wanted)

    @Slot(str)
    def chooseRelation(self, relation: str) -> None:
        self.move("choose_relation", Relation(relation))

    def _get_agent(self) -> dict[str, Any]:
        s = self._session
        agent = s.agent
        return {
            "allowed": s.allows_agent,
            "wanted": s.agent_wanted,
            "read": agent is not None,
            "name": agent.masked_name if agent is not None else "",
            "number": agent.masked_number if agent is not None else "",
            "relation": s.agent_relation.value if s.agent_relation is not None else "",
        }

    agentJson = json_property(_get_agent, sessionChanged)

    @Slot()
    def back(self) -> None:
        self._move("back")

    @Slot()
    def home(self) -> None:
        """The resident ends the session: everything is wiped, as on an idle reset, but
        the modes they chose stay: they are still at the kiosk."""
        self._reset(keep_modes=True)

    # -- what the screens show ---------------------------------------------------------------

    def _t(self, obj: Any, name: str) -> str:
        return localized(obj, name, self._language)

    def _note_screen(self) -> None:
        screen = self._get_screen()
        if screen != self._screen_seen:
            self._screen_seen, self._screen_since = screen, time.monotonic()

    @Slot(result=int)
    def secondsOnScreen(self) -> int:
        return int(time.monotonic() - self._screen_since)

    def _get_screen(self) -> str:
        return self._session.screen.value

    def _get_kiosk_name(self) -> str:
        return self._t(self._config.kiosk, "name")

    def _get_notice_text(self) -> str:
        return self._t(self._config.notice, "text")

    def _get_audience(self) -> str:
        return self._session.audience.value

    def _get_stage_id(self) -> str:
        return self._session.stage_id or ""

    def _get_stages(self) -> list[dict[str, Any]]:
        return [
            {
                "id": s.id,
                "name": self._t(s, "name"),
                "icon": s.icon,
                "count": len(self._catalog.onethings_in(s.id)),
            }
            for s in self._catalog.stages
            if s.audience == self._session.audience
        ]

    def _get_onethings(self) -> list[dict[str, Any]]:
        if not self._session.stage_id:
            return []
        return [
            {
                "id": o.id,
                "name": self._t(o, "name"),
                "summary": self._t(o, "summary"),
                "items": len(o.items),
                "days": time_limit_days(o),
            }
            for o in self._catalog.onethings_in(self._session.stage_id)
        ]

    def _get_onething_name(self) -> str:
        o = self._session.onething
        return self._t(o, "name") if o else ""

    def _get_question(self) -> dict[str, Any]:
        q = self._session.question
        if q is None:
            return {}
        total = self._session.questions_total
        return {
            "text": self._t(q, "text"),
            "step": self._session.questions_asked + 1,
            # The fewest and the most in all: the way on branches (Session.questions_total).
            "total": total[0],
            "totalMost": total[1],
            "options": [self._t(opt, "label") for opt in q.options],
        }

    def _get_outside(self) -> str:
        reason = self._session.outside_reason
        return self._t(reason, "outside") if reason else ""

    def _get_notice(self) -> dict[str, Any]:
        o, s = self._session.onething, self._session.situation
        if o is None or s is None:
            return {}
        n = build_notice(self._catalog, o, s, self._language)
        return {
            "name": n.name,
            "situation": n.situation,
            "scope": n.scope,
            "timeLimit": n.time_limit_days,
            "fee": n.fee,
            "delivery": n.delivery,
            "consultation": n.consultation,
            "office": n.office,
            "url": n.full_guide_url,
            "leadUnit": n.lead_unit,
            "coUnits": list(n.co_units),
            "sharedCount": n.shared_count,
            "materials": [
                {
                    "name": m.name,
                    "source": m.source.value,
                    "dataset": m.dataset,
                    "original": m.original_required,
                    "note": m.note,
                }
                for m in n.materials
            ],
            "items": [{"name": i.name, "unit": i.unit, "days": i.time_limit_days} for i in n.items],
        }

    def _get_identity(self) -> dict[str, Any]:
        i = self._session.identity
        if i is None:
            return {}
        return {
            "name": i.masked_name,
            "number": i.masked_number,
            "cardType": i.card_type.value,
            "sex": i.sex.value,
            "reader": i.reader,
        }

    def _get_problem(self) -> dict[str, Any]:
        p = self._session.problem
        if p is None:
            return {}
        return {
            "kind": p.kind.value,
            "date": p.date.isoformat() if p.date else "",
            "other": p.other.value if p.other else "",
            # Which reader: a contact chip can be cleaned, a card on the contactless pad not.
            "reader": _card_reader_kind(p.reader) if p.reader else "",
        }

    def _get_paused(self) -> bool:
        return self._session.paused

    def _get_wrong_card(self) -> bool:
        return self._session.wrong_card

    def _get_resume_problem(self) -> str:
        p = self._session.resume_problem
        return p.kind.value if p is not None else ""

    def _get_error(self) -> str:
        return self._session.error.value if self._session.error else ""

    def _get_has_application(self) -> bool:
        return self._session.application is not None

    def _get_step(self) -> dict[str, Any]:
        app = self._session.application
        step = self._session.step
        if app is None or step is None:
            return {}
        steps = app.steps()
        return {"index": steps.index(step) + 1, "count": len(steps), "name": step.value}

    error = Property(str, _get_error, notify=sessionChanged)
    hasApplication = Property(bool, _get_has_application, notify=sessionChanged)
    step = property(_get_step)
    stepJson = json_property(_get_step, sessionChanged)
    identity = property(_get_identity)
    identityJson = json_property(_get_identity, sessionChanged)
    problem = property(_get_problem)
    problemJson = json_property(_get_problem, sessionChanged)
    paused = Property(bool, _get_paused, notify=sessionChanged)
    wrongCard = Property(bool, _get_wrong_card, notify=sessionChanged)
    resumeProblem = Property(str, _get_resume_problem, notify=sessionChanged)
    screen = Property(str, _get_screen, notify=sessionChanged)
    kioskName = Property(str, _get_kiosk_name, notify=languageChanged)
    # The central admins' notice on the attract screen (a fleet push sets it); "" for none.
    noticeText = Property(str, _get_notice_text, notify=configChanged)
    audience = Property(str, _get_audience, notify=sessionChanged)
    stageId = Property(str, _get_stage_id, notify=sessionChanged)
    stages = property(_get_stages)
    stagesJson = json_property(_get_stages, sessionChanged)
    onethings = property(_get_onethings)
    onethingsJson = json_property(_get_onethings, sessionChanged)
    onethingName = Property(str, _get_onething_name, notify=sessionChanged)
    question = property(_get_question)
    questionJson = json_property(_get_question, sessionChanged)
    outsideText = Property(str, _get_outside, notify=sessionChanged)
    notice = property(_get_notice)
    noticeJson = json_property(_get_notice, sessionChanged)

    # -- for tests and the renderer ----------------------------------------------------------

    @property
    def session(self) -> Session:
        return self._session

    @property
    def config(self) -> Config:
        return self._config

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @property
    def clock(self) -> IdleClock:
        return self._clock
