"""Voice prompts: the voice is chosen by what it speaks, whatever the engine calls it; the real
engine (espeak-ng, installed by scripts/setup.sh) speaks Mandarin into WAV files; the kiosk's
"读一读" reads the screen's main text, the mute switch silences it, and a kiosk without a
Chinese voice says so."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.devices import DeviceStatus
from services.speech import Speaker, Voice, parse_voices, pick_voice

# `espeak-ng --voices` as espeak-ng 1.51 (Debian 12) prints it, abridged (spaces shortened).
LISTING_151 = """\
Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  bpy  --/M  Bishnupriya_Manipuri inc/bpy
 5  cmn  --/M  Chinese_(Mandarin,_latin_as_English) sit/cmn  (zh-cmn 5)(zh 5)
 5  cmn-latn-pinyin --/M  Chinese_(Mandarin,_latin_as_Pinyin) sit/cmn-Latn-pinyin  (zh-cmn 5)(zh 5)
 5  en-029  --/M  English_(Caribbean) gmw/en-029  (en 10)
 2  en-gb  --/M  English_(Great_Britain) gmw/en  (en 2)
 2  en-us  --/M  English_(America)  gmw/en-US  (en 3)
 5  yue  --/M  Chinese_(Cantonese) sit/yue  (zh-yue 5)(zh 8)
"""
# Older espeak-ng (1.49) called Mandarin "zh".
LISTING_149 = """\
Pty Language Age/Gender VoiceName          File          Other Languages
 5  en-029          M  en-westindies      other/en-029         (en 10)
 5  yue             M  cantonese          sit/yue              (zh-yue 5)
 5  zh              M  Mandarin           sit/zh
"""


def test_mandarin_is_found_whatever_it_is_called():
    assert pick_voice(parse_voices(LISTING_151), "zh_CN").identifier == "sit/cmn"
    assert pick_voice(parse_voices(LISTING_149), "zh_CN").identifier == "sit/zh"
    zh_cn = [Voice("zh-CN-x", "Mandarin (China)", ("zh-cn",))]
    assert pick_voice(zh_cn, "zh_CN").identifier == "zh-CN-x"


def test_cantonese_never_stands_in_for_mandarin():
    only_cantonese = [v for v in parse_voices(LISTING_151) if "cmn" not in v.identifier]
    assert pick_voice(only_cantonese, "zh_CN") is None


def test_english_is_american_or_british_not_caribbean():
    assert pick_voice(parse_voices(LISTING_151), "en").identifier == "gmw/en-US"
    # With no en-US or en-GB, any English will do.
    assert pick_voice(parse_voices(LISTING_149), "en").identifier == "other/en-029"


def _wait_ready(qtbot, speaker: Speaker) -> None:
    qtbot.waitUntil(speaker.ready.is_set, timeout=20000)


def test_the_real_engine_speaks_mandarin_into_a_wav_file(qtbot, tmp_path):
    events = []
    speaker = Speaker("espeak-ng", output=f"dir:{tmp_path}", on_event=events.append).start()
    try:
        _wait_ready(qtbot, speaker)
        assert speaker.state.status is DeviceStatus.READY, speaker.state
        assert "cmn" in speaker.voices["zh_CN"].languages
        assert speaker.voices["en"].identifier.lower().endswith(("en-us", "/en"))
        assert events and events[-1].state.name == "voice"

        speaker.say("请刷身份证或社保卡", "zh_CN")
        qtbot.waitUntil(lambda: len(speaker.spoken) == 1, timeout=20000)
        speaker.say("Please take your card", "en")
        qtbot.waitUntil(lambda: len(speaker.spoken) == 2, timeout=20000)
    finally:
        speaker.stop()
    (zh_text, zh_voice, zh_wav), (_, en_voice, en_wav) = speaker.spoken
    assert zh_text == "请刷身份证或社保卡" and zh_voice == speaker.voices["zh_CN"].identifier
    assert en_voice == speaker.voices["en"].identifier
    for wav in (zh_wav, en_wav):
        with wave.open(wav) as w:  # real audio: a second or more of it
            assert w.getnframes() / w.getframerate() > 0.8


def test_muted_it_says_nothing(qtbot, tmp_path):
    speaker = Speaker("espeak-ng", output=f"dir:{tmp_path}").start()
    try:
        _wait_ready(qtbot, speaker)
        speaker.muted = True
        speaker.say("请刷身份证或社保卡", "zh_CN")
        speaker.muted = False
        speaker.say("请取走您的证件", "zh_CN")
        qtbot.waitUntil(lambda: len(speaker.spoken) == 1, timeout=20000)
    finally:
        speaker.stop()
    assert [text for text, _, _ in speaker.spoken] == ["请取走您的证件"]
    assert len(list(tmp_path.glob("*.wav"))) == 1


def test_a_missing_engine_or_chinese_voice_is_a_device_state(qtbot, tmp_path):
    missing = Speaker("espeak-ng", command="no-such-espeak").start()
    _wait_ready(qtbot, missing)
    missing.stop()
    assert missing.state.status is DeviceStatus.OFFLINE

    fake = tmp_path / "espeak-no-chinese"
    english_only = LISTING_151.splitlines()
    fake.write_text(
        "#!/bin/sh\ncat <<'EOF'\n"
        + "\n".join(line for line in english_only if "sit/" not in line)
        + "\nEOF\n"
    )
    fake.chmod(0o755)
    no_chinese = Speaker("espeak-ng", command=str(fake)).start()
    _wait_ready(qtbot, no_chinese)
    no_chinese.stop()
    assert no_chinese.state.status is DeviceStatus.ERROR
    assert "Chinese" in no_chinese.state.detail


@pytest.fixture
def speaking_kiosk(qapp, config, catalog, tmp_path):
    """The kiosk with the real engine, its voice into WAV files in tmp_path/voice."""
    from ui.app import create_app

    ui = config.ui.model_copy(
        update={
            "fullscreen": False,
            "width": 1920,
            "height": 1080,
            "voice": "espeak-ng",
            "voice_output": f"dir:{tmp_path / 'voice'}",
        }
    )
    app = create_app(config.model_copy(update={"ui": ui}), catalog, windowed=True)
    yield app, tmp_path / "voice"
    app.close()


def _tap(qtbot, kiosk, name):
    from tests.test_ui import tap

    tap(qtbot, kiosk, name)


def test_read_aloud_reads_the_whole_notice_with_the_real_engine(qtbot, speaking_kiosk):
    kiosk, folder = speaking_kiosk
    vm = kiosk.viewmodel
    speaker = vm.voice.speaker
    qtbot.waitUntil(lambda: vm.voiceOn and speaker.ready.is_set(), timeout=20000)
    _tap(qtbot, kiosk, "personalButton")
    _tap(qtbot, kiosk, "onething_birth")
    _tap(qtbot, kiosk, "option0")
    assert vm.screen == "notice" and not vm.elderly
    _tap(qtbot, kiosk, "readAloudButton")  # in the standard mode too
    qtbot.waitUntil(lambda: len(speaker.spoken) == 1, timeout=30000)
    text, voice, wav = speaker.spoken[-1]
    for element in ("办什么", "谁可以办", "申请材料", "咨询途径", "办公地址和时间"):
        assert element in text
    for element in ("办结时限", "收费标准", "办好后怎么拿", "部门已有，您不用带"):
        assert element in text
    assert voice == speaker.voices["zh_CN"].identifier
    assert Path(wav).parent == folder and Path(wav).stat().st_size > 100_000

    _tap(qtbot, kiosk, "muteButton")
    assert vm.muted and not kiosk.find("readAloudButton").isVisible()
    vm.setElderly(True)
    vm.back()  # a new screen in elderly mode: said, but not while muted
    assert vm.screen == "questions"
    assert len(speaker.spoken) == 1 and not speaker.speaking
    vm.home()  # she is still here: still muted
    assert vm.muted
    # The idle reset: the next resident hears again.
    from tests.test_ui import _frozen_clock

    now = _frozen_clock(vm)
    now.t += vm.clock.timeout_seconds + 1
    vm.checkIdle()
    assert not vm.muted and kiosk.find("readAloudButton").isVisible()


def test_the_screens_say_when_there_is_no_chinese_voice(qtbot, kiosk_app):
    from drivers.events import StatusChanged
    from kiosk.devices import DeviceState

    vm = kiosk_app.viewmodel
    assert not kiosk_app.find("voiceProblem").isVisible()
    state = DeviceState("voice", DeviceStatus.ERROR, "no Chinese (Mandarin) voice is installed")
    vm.driverEvent.emit(StatusChanged(state))
    qtbot.waitUntil(lambda: kiosk_app.find("voiceProblem").isVisible(), timeout=5000)
    assert vm.voiceProblem == "no Chinese (Mandarin) voice is installed"
    assert not kiosk_app.find("readAloudButton").isVisible()
    assert any(d["name"] == "voice" and d["status"] == "error" for d in vm.devices)


def _screens_and_prompts(kiosk) -> dict[str, str]:
    """Every screen the kiosk loads, and the prompt it says there (Main.qml's spokenFor)."""
    import re

    from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt

    main = (Path(__file__).resolve().parents[1] / "ui" / "qml" / "Kiosk" / "Main.qml").read_text()
    screens = [*re.findall(r'case "(\w+)": return "\w+Screen\.qml"', main), "attract"]
    prompts = {}
    for screen in screens:
        prompts[screen] = QMetaObject.invokeMethod(
            kiosk.window,
            "spokenFor",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("QVariant"),
            Q_ARG("QVariant", screen),
        )
    return prompts


def test_the_chinese_voice_speaks_every_screens_prompt(qtbot, speaking_kiosk):
    """Each screen's instruction, as elderly mode says it on arrival, spoken by the real
    engine's Mandarin voice into audio of a plausible length."""
    kiosk, _ = speaking_kiosk
    vm = kiosk.viewmodel
    speaker = vm.voice.speaker
    qtbot.waitUntil(lambda: vm.voiceOn and speaker.ready.is_set(), timeout=20000)
    # The question screen says its question (the next test); every other screen its prompt.
    prompts = {s: p for s, p in _screens_and_prompts(kiosk).items() if s != "questions"}
    assert len(prompts) >= 20, prompts
    assert all(prompts.values()), [s for s, p in prompts.items() if not p]
    mandarin = speaker.voices["zh_CN"].identifier
    for screen, prompt in prompts.items():
        before = speaker.spoken[-1] if speaker.spoken else None  # it keeps the last 20
        vm.readAloud(prompt)
        qtbot.waitUntil(
            lambda b=before: bool(speaker.spoken) and speaker.spoken[-1] is not b, timeout=30000
        )
        text, voice, wav = speaker.spoken[-1]
        assert (text, voice) == (prompt, mandarin), screen
        with wave.open(wav) as w:  # about 4 syllables a second at espeak-ng's default rate
            seconds = w.getnframes() / w.getframerate()
        assert seconds > len(prompt) / 8, f"{screen}: {seconds:.1f} s for {prompt!r}"


def test_elderly_mode_says_each_new_screens_prompt_with_the_real_engine(qtbot, speaking_kiosk):
    """Walked by taps in elderly mode: each new screen says its instruction (a question
    screen its question), in the Mandarin voice."""
    kiosk, _ = speaking_kiosk
    vm = kiosk.viewmodel
    speaker = vm.voice.speaker
    qtbot.waitUntil(lambda: vm.voiceOn and speaker.ready.is_set(), timeout=20000)
    vm.setElderly(True)
    prompts = _screens_and_prompts(kiosk)

    def said(expected: str) -> None:
        qtbot.waitUntil(
            lambda: bool(speaker.spoken) and expected in speaker.spoken[-1][0], timeout=30000
        )
        assert speaker.spoken[-1][1] == speaker.voices["zh_CN"].identifier

    _tap(qtbot, kiosk, "personalButton")
    said(prompts["browse"])
    _tap(qtbot, kiosk, "onething_birth")
    said(json_text(vm.questionJson))
    _tap(qtbot, kiosk, "option0")
    said(prompts["notice"])


def json_text(question_json: str) -> str:
    import json

    return json.loads(question_json)["text"]


# -- the technicians' speech test (services.doctor.check_voice) --------------------------------


def _voice_config(tmp_path: Path, voice: str, output: str = ""):
    from kiosk.config import load_config

    path = tmp_path / "kiosk.toml"
    out = f'voice_output = "{output}"\n' if output else ""
    path.write_text(
        f'[kiosk]\nid = "kiosk-voice"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[ui]\nvoice = "{voice}"\n{out}'
    )
    return load_config(path)


def test_kiosk_doctor_voice_says_a_sentence_in_each_language(tmp_path, capsys, monkeypatch):
    """`kiosk doctor voice` on its own says the test sentence in Chinese, then English, and
    names the engine and each voice; the full run only finds the voices (quick, silent)."""
    from services import doctor
    from ui.cli import main

    config = _voice_config(tmp_path, "mock")
    said: list[tuple[str, str]] = []
    real = Speaker.say_now

    def heard(speaker: Speaker, text: str, language: str) -> bool:
        ok = real(speaker, text, language)
        said.append((language, speaker.spoken[-1][0] if ok else ""))
        return ok

    monkeypatch.setattr(Speaker, "say_now", heard)
    check = doctor.check_voice(config, say=True)
    assert (check.verdict, check.code) == (doctor.Verdict.OK, "voice.said"), check.detail
    assert said == list(doctor.TEST_SENTENCES)
    assert check.detail.startswith("engine mock; mock voice")
    assert check.detail.endswith("said zh_CN by mock-zh, en by mock-en")

    said.clear()
    (quiet,) = doctor.run_checks(config, ["voice"])
    assert (quiet.code, said) == ("voice.ok", [])

    override = tmp_path / "kiosk.toml"
    assert main(["--config", str(override), "doctor", "voice"]) == 0
    assert doctor.WORDS["voice.said"] in capsys.readouterr().out and len(said) == 2
    assert main(["--config", str(override), "doctor", "voice", "--silent"]) == 0
    assert len(said) == 2


def test_the_speech_test_through_the_real_engine_writes_both_sentences(tmp_path):
    from services import doctor

    out = tmp_path / "said"
    check = doctor.check_voice(_voice_config(tmp_path, "espeak-ng", f"dir:{out}"), say=True)
    assert (check.verdict, check.code) == (doctor.Verdict.OK, "voice.said"), check.detail
    assert "engine espeak-ng; Chinese " in check.detail and "said zh_CN by " in check.detail
    wavs = sorted(out.glob("*.wav"))
    assert [w.stem.rsplit("-", 1)[1] for w in wavs] == ["zh_CN", "en"]
    for wav in wavs:
        with wave.open(str(wav)) as w:  # real audio, a second or more of it
            assert w.getnframes() / w.getframerate() > 0.8


def test_a_speech_test_that_cannot_be_heard_says_so(tmp_path):
    """espeak-ng runs but cannot open the sound output (no sound card): not said, and why."""

    fake = tmp_path / "espeak-ng"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--voices" ]; then\n'
        '  echo "Pty Language Age/Gender VoiceName File Other Languages"\n'
        '  echo " 5  cmn  --/M  Chinese_(Mandarin) sit/cmn  (zh 5)"\n'
        "  exit 0\nfi\n"
        'echo "error: no sound output" >&2\n'
    )
    fake.chmod(0o755)
    speaker = Speaker("espeak-ng", command=str(fake))
    assert speaker.check().status is DeviceStatus.READY
    assert speaker.say_now("您好", "zh_CN") is False
    assert speaker.state.detail == "no sound output (check the audio device)"
