"""The photo mode's face analysis in a process of its own.

dlib (the 68 landmarks, the blink, the GA 461 crop, the face descriptor) holds Python's lock
for 15 ms and more a call; in the kiosk's process that freezes the screens' thread as long.
Here the analysis (drivers.camera.face.PhotoAnalyser, unchanged) runs in a child Python
started fresh (`python -c ...faceproc.main()`: a spawn, never a fork of a process with
Qt's threads), which loads the models as it starts; the kiosk's process only passes frames
and reads results, waiting on a socket with its lock released.

The child is started with subprocess rather than multiprocessing's spawn context, which would
run the kiosk's own main script again in the child (importing Qt there) and start a resource
tracker process beside it; the messages are multiprocessing's Connection all the same.

- Latest frame only: the camera worker's analysis thread sends one frame and waits for its
  result before taking the newest frame again; frames that came meanwhile are never sent.
- Frames go through a socket pair, in memory: nothing is written to disk (core dumps are
  switched off in the child too).
- A child that dies or stops answering is killed and started again, with a growing pause;
  meanwhile `analyse` raises FaceAnalysisDown with a plain reason, which the worker reports
  as its status.
- The child ends when `stop()` is called, when this object is collected, at exit, and by
  itself when its socket closes (the kiosk gone, however it went).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Collection
from multiprocessing.connection import Connection, Pipe
from typing import Any

import numpy as np

from drivers.camera.frames import Frame

log = logging.getLogger(__name__)
_ALL: weakref.WeakSet[FaceProcess] = weakref.WeakSet()  # for stop_all()

START_SECONDS = 60.0  # the child's start and model loading, on a slow, busy terminal
ANSWER_SECONDS = 10.0  # one frame's analysis; longer: the child is stuck
RESTART_PAUSE = (1.0, 30.0)  # growing pause between restarts of a child that keeps failing
POLL = 0.1
NICE = 5  # the child's lower CPU priority: the preview first, the analysis not starved


class FaceAnalysisDown(RuntimeError):
    """The face analysis process is not there (failed, to be started again); the reason is
    plain words for the technician. `starting`: it is only loading its models, nothing is
    wrong."""

    def __init__(self, reason: str, *, starting: bool = False) -> None:
        super().__init__(reason)
        self.starting = starting


def _kill(proc: subprocess.Popen, conn: Connection | None) -> None:
    """End the child for sure: closed socket (it leaves by itself), then terminate, then kill."""
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()
    for signal_it, wait in ((None, 2.0), (proc.terminate, 2.0), (proc.kill, 5.0)):
        if signal_it is not None:
            with contextlib.suppress(OSError):
                signal_it()
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


class FaceProcess:
    """One child process for face analysis, shared by every photo-mode analyser of a kiosk.
    Thread-safe: one request at a time (a frame, its result)."""

    def __init__(
        self,
        *,
        start_seconds: float = START_SECONDS,
        answer_seconds: float = ANSWER_SECONDS,
        restart_pause: tuple[float, float] = RESTART_PAUSE,
    ) -> None:
        self._start_seconds = start_seconds
        self._answer_seconds = answer_seconds
        self._restart_pause = restart_pause
        self._lock = threading.Lock()  # one request at a time; held while waiting for it
        self._state_lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._started_at = 0.0
        self._incarnation = 0  # which child is running: a new one knows no reference photo
        self._failures = 0
        self._not_before = 0.0
        self._reason = ""
        self._closed = False
        self._finalizer: weakref.finalize | None = None
        self.restarts = 0  # children started after the first, for tests and the log
        _ALL.add(self)

    # -- life ---------------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    @property
    def incarnation(self) -> int:
        return self._incarnation

    def start(self) -> None:
        """Start the child if it is not running; returns at once (the models load there)."""
        with self._state_lock:
            if self._closed:
                self._closed = False
            if self._proc is None or self._proc.poll() is not None:
                # Not started: the analysis's requests say so (the screens' thread asked).
                with contextlib.suppress(FaceAnalysisDown):
                    self._spawn()

    def _spawn(self) -> None:
        if self._proc is not None:
            self._discard()
        ours, theirs = Pipe(duplex=True)
        env = dict(os.environ)
        # The child imports the kiosk's packages from where this process found them.
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
        fd = theirs.fileno()
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(fd)],
                pass_fds=(fd,),
                stdin=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
        except OSError as e:
            # No child (the interpreter replaced by an upgrade, no memory): our end closed, not
            # leaked at every frame's attempt, and the next attempt after the growing pause.
            ours.close()
            self._reason = f"the face analysis process could not be started ({type(e).__name__})"
            self._note_failure()
            log.warning("%s", self._reason)
            raise FaceAnalysisDown(self._reason) from None
        finally:
            theirs.close()
        self._conn = ours
        self._ready = False
        self._started_at = time.monotonic()
        self._incarnation += 1
        # Whatever happens to this object or the interpreter, the child goes with it.
        self._finalizer = weakref.finalize(self, _kill, self._proc, ours)
        self._finalizer.atexit = True
        log.info("face analysis process %d started", self._proc.pid)

    def _discard(self) -> None:
        finalizer, self._finalizer = self._finalizer, None
        self._proc, self._conn, self._ready = None, None, False
        if finalizer is not None:
            finalizer()  # _kill: waits for the child

    def stop(self) -> None:
        """End the child and wait for it (the kiosk closing)."""
        with self._state_lock:
            self._closed = True
            conn = self._conn
            # Said only when no request is on the socket: a Connection is not to be written
            # from two threads (the words would land inside a frame's bytes). Otherwise the
            # socket closed by _discard is what tells the child to leave.
            if conn is not None and self._lock.acquire(blocking=False):
                try:
                    with contextlib.suppress(OSError):
                        conn.send(("stop",))
                finally:
                    self._lock.release()
            self._discard()

    # -- requests (any thread, one at a time) -------------------------------------------------

    def request(self, message: tuple, payload: np.ndarray | None = None) -> Any:
        """Send `message` (and the frame's bytes), return the child's answer. FaceAnalysisDown
        when the child is not there; it is started again in the background of the next calls."""
        with self._lock:
            conn = self._ensure()
            try:
                self._send(conn, message, payload)
                return self._answer(conn)
            except (OSError, EOFError) as problem:
                if self._conn is not conn:  # stopped (and perhaps started anew) meanwhile
                    raise FaceAnalysisDown("the face analysis is stopped") from None
                reason = f"the face analysis process stopped ({type(problem).__name__})"
                self._failed(reason, conn)
                raise FaceAnalysisDown(reason) from None

    def _ensure(self) -> Connection:
        """The ready child's socket, starting it (again) when due; FaceAnalysisDown while not."""
        with self._state_lock:
            if self._closed:
                raise FaceAnalysisDown("the face analysis is stopped")
            proc = self._proc
            if proc is None or proc.poll() is not None:
                if proc is not None and not self._reason:
                    self._reason = f"the face analysis process ended (exit {proc.returncode})"
                    self._note_failure()
                if time.monotonic() < self._not_before:
                    raise FaceAnalysisDown(self._reason + "; starting it again")
                if self._incarnation:
                    self.restarts += 1
                self._spawn()
            conn = self._conn
            assert conn is not None
        if not self._ready:
            self._wait_ready(conn)
        return conn

    def _wait_ready(self, conn: Connection) -> None:
        """Returns once the child has loaded its models; FaceAnalysisDown(starting=True) after
        a short wait while it is still loading (the caller stays free to stop)."""
        left = self._started_at + self._start_seconds - time.monotonic()
        if left <= 0:
            self._failed("the face analysis process did not start in time", conn)
            raise FaceAnalysisDown(self._reason)
        try:
            if conn.poll(min(POLL, left)):
                answer = conn.recv()
                if answer[0] == "ready":
                    # The pause between restarts shrinks back only once a frame is answered
                    # (_answer): a child that loads its models and then dies on every frame
                    # would otherwise be restarted, models and all, every second for ever.
                    self._ready = True
                    self._reason = ""
                    return
                self._failed(f"the face analysis could not start: {answer[1]}", conn)
                raise FaceAnalysisDown(self._reason)
        except (OSError, EOFError):
            self._failed("the face analysis process ended as it started", conn)
            raise FaceAnalysisDown(self._reason) from None
        raise FaceAnalysisDown("the face analysis is loading its models", starting=True)

    def wait_ready(self, timeout: float = START_SECONDS) -> bool:
        """Start the child and wait until its models are loaded (benchmarks, tests)."""
        self.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with self._lock:
                    self._ensure()
                return True
            except FaceAnalysisDown as down:
                if not down.starting:
                    return False
        return False

    def _send(self, conn: Connection, message: tuple, payload: np.ndarray | None) -> None:
        """A frame (megabytes, more than the socket holds) is written only as fast as the
        child reads it: a child alive but no longer reading would hold this thread for ever.
        Past the answer's deadline the child is killed, which ends the write with an error."""
        expired = threading.Event()

        def expire() -> None:
            with self._state_lock:
                proc = self._proc if self._conn is conn else None
            if proc is not None:
                expired.set()
                with contextlib.suppress(OSError):
                    proc.kill()

        watchdog = threading.Timer(self._answer_seconds, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.send(message)
            if payload is not None:
                conn.send_bytes(memoryview(np.ascontiguousarray(payload)).cast("B"))
        except (OSError, EOFError):
            if not expired.is_set():
                raise
            self._failed(_NOT_READING, conn)
            raise FaceAnalysisDown(_NOT_READING) from None
        finally:
            watchdog.cancel()

    def _answer(self, conn: Connection) -> Any:
        deadline = time.monotonic() + self._answer_seconds
        proc = self._proc
        while not conn.poll(POLL):
            if self._closed or self._conn is not conn:  # stopped, perhaps started anew
                raise FaceAnalysisDown("the face analysis is stopped")
            if proc is None or proc.poll() is not None:
                raise EOFError
            if time.monotonic() > deadline:
                reason = "the face analysis process stopped answering"
                self._failed(reason, conn)
                raise FaceAnalysisDown(reason)
        kind, *rest = conn.recv()
        self._failures = 0  # the child answers: a later failure pauses briefly again
        if kind == "error":  # one frame the analysis choked on: skipped, as in-process
            raise RuntimeError(rest[0])
        return rest[0]

    def _note_failure(self) -> None:
        low, high = self._restart_pause
        self._not_before = time.monotonic() + min(high, low * 2**self._failures)
        self._failures += 1

    def _failed(self, reason: str, conn: Connection | None = None) -> None:
        """Kill the child; the next request after the pause starts another. With `conn`, only
        if that is still the child's socket: a request that outlived its child (stop() and
        start() meanwhile) must not kill the one started since."""
        log.warning("%s", reason)
        with self._state_lock:
            if conn is not None and self._conn is not conn:
                return
            self._reason = reason
            self._note_failure()
            finalizer, self._finalizer = self._finalizer, None
            self._proc, self._conn, self._ready = None, None, False
        # Waited for outside the lock: a stuck child takes seconds to end, and start() on
        # the screens' thread (the photo screen opening) must not wait for it.
        if finalizer is not None:
            finalizer()


_NOT_READING = "the face analysis process stopped reading frames"

# Not `-m drivers.camera.faceproc`: the package imports this module before runpy would run it.
_CHILD = "from drivers.camera.faceproc import main; main()"

_ids = itertools.count(1)


def running() -> set[FaceProcess]:
    """The face processes of this interpreter that have a child now."""
    return {p for p in list(_ALL) if p.pid is not None}


def stop_all(keep: Collection[FaceProcess] = ()) -> None:
    """End every face process's child but those in `keep` (a test run: each child holds the
    models, some 200 MB, and a kiosk object may outlive its test)."""
    for process in list(_ALL):
        if process not in keep:
            process.stop()


class RemotePhotoAnalyser:
    """drivers.camera.face.PhotoAnalyser as the camera worker sees it, run in a FaceProcess.
    The clock stays in this process: each frame carries its reading, so holds and tests'
    clocks behave as in-process."""

    def __init__(
        self,
        faces: FaceProcess,
        hold_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        liveness: bool = False,
    ) -> None:
        self._faces = faces
        self.hold_seconds = hold_seconds
        self.liveness = liveness
        self._clock = clock
        self._id = next(_ids)
        self._lock = threading.Lock()
        self._generation = 0  # reset() counts up: a result from before it is dropped
        self._taken_in = -1  # the generation whose photo was taken: no frame is sent
        self._reference: np.ndarray | None = None
        self._reference_version = 0
        self._reference_sent: tuple[int, int] | None = None  # (incarnation, version)

    def set_reference(self, image: np.ndarray | None) -> None:
        with self._lock:
            self._reference = image
            self._reference_version += 1

    def reset(self) -> None:
        with self._lock:
            self._generation += 1

    def analyse(self, frame: Frame) -> Any:
        with self._lock:
            generation = self._generation
            if self._taken_in == generation:
                return None  # the photo is on screen for the resident to judge
            reference, version = self._reference, self._reference_version
        incarnation = self._faces.incarnation
        send_reference = self._reference_sent != (incarnation, version)
        message = (
            "frame",
            {
                "id": self._id,
                "generation": generation,
                "hold_seconds": self.hold_seconds,
                "liveness": self.liveness,
                "now": self._clock(),
                "seq": frame.seq,
                "t": frame.t,
                "shape": frame.image.shape,
                "reference": (reference,) if send_reference else None,
            },
        )
        result = self._faces.request(message, frame.image)
        if send_reference:
            self._reference_sent = (self._faces.incarnation, version)
        with self._lock:
            if generation != self._generation:
                return None  # reset meanwhile: a photo of before the retake is no use
            if getattr(result, "photo", None) is not None:
                self._taken_in = generation
        return result


# -- the child ------------------------------------------------------------------------------


def _serve(conn: Connection) -> None:
    from drivers.camera.face import PhotoAnalyser
    from drivers.camera.verify import preload

    try:
        preload()
    except Exception as problem:  # a missing model: said once, plainly, then leave
        conn.send(("failed", f"{type(problem).__name__}: {problem}"))
        return
    conn.send(("ready",))
    now = [0.0]
    analyser: PhotoAnalyser | None = None
    current: tuple[int, int] | None = None  # (analyser id, generation)
    reference: np.ndarray | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the kiosk is gone
        if message[0] == "stop":
            return
        if message[0] != "frame":
            continue
        info = message[1]
        data = conn.recv_bytes()
        image = np.frombuffer(data, np.uint8).reshape(info["shape"])
        try:
            if info["reference"] is not None:
                reference = info["reference"][0]
            if analyser is None or current is None or current[0] != info["id"]:
                analyser = PhotoAnalyser(
                    info["hold_seconds"], lambda: now[0], liveness=info["liveness"]
                )
                current = (info["id"], info["generation"])
            elif current[1] != info["generation"]:
                analyser.reset()
                current = (info["id"], info["generation"])
            analyser.set_reference(reference)
            analyser.hold_seconds = info["hold_seconds"]
            now[0] = info["now"]
            result = analyser.analyse(Frame(image, info["seq"], info["t"]))
        except Exception as problem:
            log.exception("face analysis failed")
            conn.send(("error", f"{type(problem).__name__}: {problem}"))
            continue
        conn.send(("result", result))


def main() -> None:
    import resource

    # Frames are residents' faces: never a core file with them in it.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # On a terminal's two cores the preview must win: the analysis may lag a frame, the
    # picture on screen must not.
    os.nice(NICE)
    logging.basicConfig(level=logging.WARNING, format="face analysis: %(message)s")
    conn = Connection(int(sys.argv[1]))
    try:
        _serve(conn)
    except (KeyboardInterrupt, EOFError, OSError):
        pass  # stopped, or the kiosk went away mid-message
    finally:
        conn.close()


if __name__ == "__main__":
    main()
