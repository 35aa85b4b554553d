"""Voice prompts: espeak-ng, driven from a worker thread beside the screens.

    speaker = Speaker("espeak-ng", on_event=runtime.device_event).start()
    speaker.say("请刷身份证或社保卡", "zh_CN")   # returns at once; the newest prompt wins
    speaker.muted = True                       # the resident's mute switch
    speaker.stop()

At start the worker asks espeak-ng for its voices (`espeak-ng --voices`) and picks one for
each language by what the voice *speaks*, whatever it is called: Mandarin is `cmn` in
espeak-ng 1.51, `zh` in older ones, `zh-CN` or `cmn-Hans` elsewhere; English prefers en-US
or en-GB over the Caribbean voice that sorts first. What it found is a device state
("voice": ready, or error when no Chinese voice exists, offline when espeak-ng is missing),
so the technician's and status screens and the hub's heartbeat show it.

Each prompt is one espeak-ng process: it plays through the system's audio itself (PulseAudio
or ALSA, through pcaudio), or, with `output="dir:PATH"`, writes a WAV file per prompt (tests,
CI and machines without a sound card). A newer prompt, or the mute switch, ends the one
playing. Nothing here waits on the screens' thread: `say` only hands the text over.

Why not Qt's QTextToSpeech: its speech-dispatcher backend starts (or connects to) the
speech-dispatcher daemon in its constructor, on the thread that makes it — 1.4 to 3.3 s on a
2-core terminal — and names espeak-ng's Mandarin `cmn`, a locale Qt does not map to zh_CN,
so `setLocale(zh_CN)` fell back to an arbitrary voice. A process per prompt costs about
15 ms, has no daemon to hang, and its audio can be checked.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from drivers.events import DriverEvent, StatusChanged
from kiosk.background import Background
from kiosk.devices import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

DEVICE = "voice"
ENGINES = ("espeak-ng", "mock", "")

# The language codes a voice may speak, for each of the kiosk's languages, best first.
_WANTED = {
    "zh_CN": ("cmn", "zh-cmn", "zh-cn", "cmn-hans", "cmn-hans-cn", "zh-hans", "zh"),
    "en": ("en-us", "en-gb", "en", "en-gb-x-rp"),
}
# Not Mandarin though their codes start with zh: Cantonese and the like.
_NOT_MANDARIN = ("yue", "zh-yue", "hak", "nan", "zh-min-nan", "wuu")


@dataclass(frozen=True)
class Voice:
    identifier: str  # what espeak-ng's -v takes ("cmn", "gmw/en-US")
    name: str  # "Chinese_(Mandarin,_latin_as_English)"
    languages: tuple[str, ...]  # lower case, the voice's own first ("cmn", "zh-cmn", "zh")


def parse_voices(listing: str) -> list[Voice]:
    """`espeak-ng --voices`: Pty Language Age/Gender VoiceName File Other-languages."""
    voices = []
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5:
            continue
        language, name, file = parts[1].lower(), parts[3], parts[4]
        others = tuple(m.lower() for m in re.findall(r"\(([^\s()]+) \d+\)", line))
        voices.append(Voice(file, name, (language, *others)))
    return voices


def pick_voice(voices: list[Voice], language: str) -> Voice | None:
    """The voice for one of the kiosk's languages: the first wanted code that a voice speaks
    as its own language wins over one it only also speaks; Cantonese never stands in for
    Mandarin, nor a variant such as Mandarin-with-pinyin-letters for plain Mandarin."""
    wanted = _WANTED["zh_CN" if language == "zh_CN" else "en"]
    for own_only in (True, False):
        for code in wanted:
            for voice in voices:
                if voice.languages[0] in _NOT_MANDARIN or "latn" in voice.languages[0]:
                    continue
                spoken = voice.languages[:1] if own_only else voice.languages
                if code in spoken:
                    return voice
    return None


class Speaker(Background):
    """One prompt at a time, the newest first; `spoken` keeps what was said (text, voice,
    and the WAV file when writing to a directory), newest last."""

    def __init__(
        self,
        engine: str,
        *,
        output: str = "",
        on_event: Callable[[DriverEvent], None] | None = None,
        command: str = "espeak-ng",
    ) -> None:
        super().__init__("speech")
        if engine not in ENGINES:
            raise ValueError(f"unknown speech engine {engine!r}")
        self.engine = engine
        self._output = output
        self._on_event = on_event or (lambda event: None)
        self._command = command
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._muted = False
        self._count = 0
        self.voices: dict[str, Voice | None] = {}
        self.state = DeviceState(DEVICE, DeviceStatus.BUSY, "starting")
        self.spoken: list[tuple[str, str, str]] = []  # (text, voice, wav file or "")
        self.ready = threading.Event()  # set once the voices are known (or known missing)

    # -- what the screens call (any thread) ------------------------------------------------

    def say(self, text: str, language: str) -> None:
        if not text or self._muted or not self.engine:
            return
        # The newest prompt is the one that matters: drop the ones not yet begun.
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put((text, language))
        self._interrupt()
        self.wake()

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, on: bool) -> None:
        self._muted = on
        if on:
            self._interrupt()

    @property
    def speaking(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    # -- the worker ----------------------------------------------------------------------------

    def run(self) -> None:
        if not self.ready.is_set():
            self._find_voices()
            self.ready.set()
        while self.running:
            try:
                text, language = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if not self._muted:
                self._speak(text, language)

    def stopped(self) -> None:
        self._interrupt()

    def check(self) -> DeviceState:
        """Find the voices now, on the calling thread (`kiosk doctor`), and say the state."""
        self._find_voices()
        return self.state

    def say_now(self, text: str, language: str) -> bool:
        """Say `text` on the calling thread and wait until it is said (the technician's
        speech test, with the voices found by check()): whether it was, by a voice of its
        language, with no error from the sound output."""
        return bool(self.engine) and self._speak(text, language)

    def _find_voices(self) -> None:
        if self.engine == "mock":
            self.voices = {
                "zh_CN": Voice("mock-zh", "mock", ("cmn",)),
                "en": Voice("mock-en", "mock", ("en-us",)),
            }
            self._report(DeviceStatus.READY, "mock voice")
            return
        if not self.engine:
            self._report(DeviceStatus.ABSENT, "voice prompts are off in the settings")
            return
        if shutil.which(self._command) is None:
            log.warning("%s is not installed: voice prompts are off", self._command)
            self._report(DeviceStatus.OFFLINE, f"{self._command} is not installed")
            return
        try:
            listing = subprocess.run(
                [self._command, "--voices"], capture_output=True, text=True, timeout=20, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError) as e:
            log.warning("%s --voices failed (%s): voice prompts are off", self._command, type(e))
            self._report(DeviceStatus.ERROR, f"{self._command} does not answer")
            return
        voices = parse_voices(listing)
        self.voices = {lang: pick_voice(voices, lang) for lang in _WANTED}
        zh = self.voices["zh_CN"]
        if zh is None:
            log.warning("no Mandarin voice among %d: Chinese prompts cannot be spoken", len(voices))
            self._report(DeviceStatus.ERROR, "no Chinese (Mandarin) voice is installed")
            return
        log.info("voices: %s", self._ready_detail())
        self._report(DeviceStatus.READY, self._ready_detail())

    def _ready_detail(self) -> str:
        zh, en = self.voices.get("zh_CN"), self.voices.get("en")
        return f"Chinese {zh and zh.identifier}, English {en and en.identifier}"

    def _report(self, status: DeviceStatus, detail: str) -> None:
        self.state = DeviceState(DEVICE, status, detail)
        self._on_event(StatusChanged(self.state))

    def _speak(self, text: str, language: str) -> bool:
        """Whether it was said (or written), by a voice of its language, with no error."""
        voice = self.voices.get("zh_CN" if language == "zh_CN" else "en")
        if voice is None:
            return False
        wav = ""
        if self.engine == "mock":
            self.spoken.append((text, voice.identifier, wav))
            del self.spoken[:-20]
            return True
        args = [self._command, "-v", voice.identifier]
        if self._output.startswith("dir:"):
            folder = Path(self._output[4:])
            folder.mkdir(parents=True, exist_ok=True)
            self._count += 1
            wav = str(folder / f"{time.strftime('%H%M%S')}-{self._count:04d}-{language}.wav")
            args += ["-w", wav]
        # "--" so that a text starting with "-" is read, not taken as an option.
        args += ["--", text]
        try:
            with self._lock:
                self._process = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    env=dict(os.environ, LANG="C.UTF-8"),
                )
                process = self._process
            _, errors = process.communicate()
        except OSError as e:
            log.warning("%s could not run (%s)", self._command, type(e))
            return False
        with self._lock:
            self._process = None
        # espeak-ng exits 0 when it cannot open the sound output, and says "error:".
        if b"error:" in errors:
            if self.state.status is not DeviceStatus.ERROR:
                log.warning("%s: no sound output; prompts are not heard", self._command)
                self._report(DeviceStatus.ERROR, "no sound output (check the audio device)")
            return False
        if process.returncode == 0:
            if self.state.status is DeviceStatus.ERROR and self.voices.get("zh_CN"):
                self._report(DeviceStatus.READY, self._ready_detail())
            self.spoken.append((text, voice.identifier, wav))
            del self.spoken[:-20]
            return True
        return False  # ended by a newer prompt, the mute switch, or a failure

    def _interrupt(self) -> None:
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
