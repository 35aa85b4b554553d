"""Chinese handwriting recognition, for residents who write characters rather than type
Pinyin: Zinnia (Debian's libzinnia0, BSD licence), an online recogniser of strokes, with the
Tegaki project's simplified Chinese model (tegaki-zinnia-simplified-chinese, LGPL-2.1+).

Qt Virtual Keyboard's own handwriting mode recognises Chinese only through commercial engines
(Cerence/T9 Write, MyScript), and PyPI has no maintained binding for Zinnia, so the library's
small C interface is called through ctypes here. Recognising one character takes a few
milliseconds; the screens still ask on a worker (ui.handwriting through services.tasks).

    hw = Handwriting()
    hw.recognize([[(40, 150), (260, 150)], [(150, 40), (150, 260)]], 300, 300)  # ["十", ...]
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

LIBRARY = "libzinnia.so.0"
MODEL = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
MAX_STROKES = 64  # the most strokes a character has is about 60
MAX_POINTS = 4096  # per character, after the pad's own thinning

Stroke = Sequence[tuple[int, int]]


_SHARED: Handwriting | None = None
_SHARED_LOCK = threading.Lock()


class HandwritingUnavailable(RuntimeError):
    """The engine or its model is not installed here; the message says which."""


class Handwriting:
    def __init__(self, model: Path = MODEL, library: str = LIBRARY) -> None:
        self._model = Path(model)
        self._library = library
        self._lock = threading.Lock()
        self._lib: ctypes.CDLL | None = None
        self._recognizer: int | None = None

    def available(self) -> str:
        """ "" when handwriting can be recognised here, else why not, in plain words. Cheap:
        the model (27 MB) is read on the first character, not at start-up."""
        try:
            self._library_bound()
        except HandwritingUnavailable as e:
            return str(e)
        if not self._model.is_file():
            return str(_no_model(self._model))
        return ""

    def recognize(
        self, strokes: Sequence[Stroke], width: int, height: int, n: int = 10
    ) -> list[str]:
        """The likeliest characters for `strokes` (points in a width × height box, each
        stroke in the order it was drawn), best first; [] for nothing drawn."""
        strokes = [s for s in strokes[:MAX_STROKES] if s]
        if not strokes or width <= 0 or height <= 0:
            return []
        with self._lock:
            lib, recognizer = self._open()
            character = lib.zinnia_character_new()
            try:
                lib.zinnia_character_set_width(character, width)
                lib.zinnia_character_set_height(character, height)
                budget = MAX_POINTS
                for number, stroke in enumerate(strokes):
                    for x, y in stroke[:budget]:
                        lib.zinnia_character_add(character, number, int(x), int(y))
                    budget -= min(len(stroke), budget)
                result = lib.zinnia_recognizer_classify(recognizer, character, n)
                if not result:
                    return []
                try:
                    size = lib.zinnia_result_size(result)
                    found = (lib.zinnia_result_value(result, i) for i in range(size))
                    return [value.decode("utf-8", "replace") for value in found if value]
                finally:
                    lib.zinnia_result_destroy(result)
            finally:
                lib.zinnia_character_destroy(character)

    @classmethod
    def shared(cls) -> Handwriting:
        """One recogniser per process: its model is read once and only read after."""
        global _SHARED
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = cls()
            return _SHARED

    def close(self) -> None:
        with self._lock:
            if self._lib is not None and self._recognizer:
                self._lib.zinnia_recognizer_destroy(self._recognizer)
            self._recognizer = None

    def _open(self) -> tuple[ctypes.CDLL, int]:
        if self._lib is not None and self._recognizer:
            return self._lib, self._recognizer
        lib = self._library_bound()
        if not self._model.is_file():
            raise _no_model(self._model)
        recognizer = lib.zinnia_recognizer_new()
        if not lib.zinnia_recognizer_open(recognizer, str(self._model).encode()):
            lib.zinnia_recognizer_destroy(recognizer)
            raise HandwritingUnavailable(f"the handwriting model {self._model} cannot be read")
        log.info("handwriting recognition ready (%s)", self._model.name)
        self._lib, self._recognizer = lib, recognizer
        return lib, recognizer

    def _library_bound(self) -> ctypes.CDLL:
        try:
            return _bind(ctypes.CDLL(self._library))
        except OSError:
            raise HandwritingUnavailable(
                f"the handwriting engine ({self._library}, Debian package libzinnia0) "
                "is not installed"
            ) from None


def _no_model(model: Path) -> HandwritingUnavailable:
    return HandwritingUnavailable(
        f"the Chinese handwriting model {model} (Debian package "
        "tegaki-zinnia-simplified-chinese) is not installed"
    )


def _bind(lib: ctypes.CDLL) -> ctypes.CDLL:
    pointer, size = ctypes.c_void_p, ctypes.c_size_t
    signatures = {
        "zinnia_recognizer_new": ([], pointer),
        "zinnia_recognizer_destroy": ([pointer], None),
        "zinnia_recognizer_open": ([pointer, ctypes.c_char_p], ctypes.c_int),
        "zinnia_recognizer_classify": ([pointer, pointer, size], pointer),
        "zinnia_character_new": ([], pointer),
        "zinnia_character_destroy": ([pointer], None),
        "zinnia_character_set_width": ([pointer, size], None),
        "zinnia_character_set_height": ([pointer, size], None),
        "zinnia_character_add": ([pointer, size, ctypes.c_int, ctypes.c_int], ctypes.c_int),
        "zinnia_result_size": ([pointer], size),
        "zinnia_result_value": ([pointer, size], ctypes.c_char_p),
        "zinnia_result_destroy": ([pointer], None),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = arguments
        function.restype = result
    return lib
