"""The photo mode's face analysis in its own process (drivers.camera.faceproc): the same
results as in-process, the latest frame only, a child that dies started again with a plain
status meanwhile, and no child left once the kiosk closes."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from drivers.camera import scenes
from drivers.camera.face import Guidance, PhotoAnalysis
from drivers.camera.faceproc import FaceAnalysisDown, FaceProcess, RemotePhotoAnalyser
from drivers.camera.frames import Frame
from drivers.camera.worker import Mode
from kiosk.devices import DeviceStatus
from tests.camera_helpers import Recorder, config, scene_file, wait_for


def _children(name: str = "drivers.camera.faceproc") -> list[int]:
    """Live processes whose parent is this one and whose command line names `name`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, ppid = fields[0], int(fields[1])
        if ppid == os.getpid() and state != "Z" and name in cmdline:
            found.append(int(entry.name))
    return found


@pytest.fixture
def faces():
    process = FaceProcess(restart_pause=(0.05, 0.2))
    process.start()
    assert process.wait_ready(60)
    yield process
    process.stop()


def _down_or_result(analyser: RemotePhotoAnalyser, frame: Frame):
    try:
        return analyser.analyse(frame)
    except FaceAnalysisDown as down:
        return down


def test_results_are_the_in_process_ones_and_a_retake_starts_again(faces):
    now = [0.0]
    analyser = RemotePhotoAnalyser(faces, hold_seconds=1.0, clock=lambda: now[0])
    portrait = scenes.draw("portrait")
    first = analyser.analyse(Frame(portrait, 0, 0.0))
    assert isinstance(first, PhotoAnalysis)
    assert first.guidance is Guidance.HOLD_STILL and first.faces
    now[0] = 1.5  # the test's clock, not the child's, decides the hold
    taken = analyser.analyse(Frame(portrait, 1, 1.5))
    assert taken.guidance is Guidance.CAPTURED and taken.photo is not None
    # Taken: nothing more until the retake (and no frame is sent meanwhile).
    assert analyser.analyse(Frame(portrait, 2, 1.6)) is None
    analyser.reset()
    again = analyser.analyse(Frame(portrait, 3, 2.0))
    assert again.guidance is Guidance.HOLD_STILL and again.photo is None


def test_a_killed_child_is_started_again(faces):
    analyser = RemotePhotoAnalyser(faces, hold_seconds=10.0)
    portrait = scenes.draw("portrait")
    assert analyser.analyse(Frame(portrait, 0, 0.0)).guidance is Guidance.HOLD_STILL
    old = faces.pid
    assert old is not None
    os.kill(old, signal.SIGKILL)
    with pytest.raises(FaceAnalysisDown) as down:
        analyser.analyse(Frame(portrait, 1, 0.0))
    assert not down.value.starting and "face analysis" in str(down.value)
    result = wait_for(
        lambda: (
            isinstance(r := _down_or_result(analyser, Frame(portrait, 2, 0.0)), PhotoAnalysis) and r
        ),
        timeout=60,
    )
    assert result.guidance is Guidance.HOLD_STILL
    assert faces.pid not in (None, old) and faces.restarts == 1
    assert old not in _children() and faces.pid in _children()  # the dead one reaped


def test_the_worker_says_when_the_analysis_is_down_and_recovers(tmp_path, faces):
    rec = Recorder()
    with rec.worker(
        config(scene_file(tmp_path, "portrait"), hold_seconds=10.0), Mode.PHOTO, faces=faces
    ) as worker:
        wait_for(lambda: rec.analyses and rec.status() is DeviceStatus.READY, timeout=30)
        os.kill(faces.pid, signal.SIGKILL)
        wait_for(lambda: rec.status() is DeviceStatus.ERROR, timeout=10)
        assert "face analysis" in rec.detail()
        count = worker.analyses
        wait_for(lambda: worker.analyses > count + 2, timeout=60)
        wait_for(lambda: rec.status() is DeviceStatus.READY, timeout=10)
    assert faces.restarts == 1


def test_a_child_that_cannot_start_is_reported_and_never_hangs(monkeypatch):
    monkeypatch.setattr("drivers.camera.faceproc._CHILD", "import sys; sys.exit(3)")
    process = FaceProcess(restart_pause=(0.05, 0.1))
    analyser = RemotePhotoAnalyser(process)
    frame = Frame(scenes.draw("portrait"), 0, 0.0)
    try:
        process.start()
        down = wait_for(
            lambda: (
                isinstance(r := _down_or_result(analyser, frame), FaceAnalysisDown)
                and not r.starting
                and r
            ),
            timeout=30,
        )
        assert "face analysis" in str(down)
    finally:
        process.stop()
    assert process.pid is None and not _children("sys.exit(3)")


def test_no_child_is_left_when_the_kiosk_closes(qtbot, tmp_path):
    from ui.camera import CameraViewModel

    camera = CameraViewModel(config(scene_file(tmp_path, "portrait"), hold_seconds=10.0))
    camera.start("photo")
    qtbot.waitUntil(lambda: camera.face_process.pid is not None, timeout=5000)
    qtbot.waitUntil(
        lambda: camera.take_frame() is not None and bool(camera.guidance), timeout=60000
    )
    pid = camera.face_process.pid
    assert pid in _children()
    camera.shutdown()
    assert camera.face_process.pid is None
    assert pid not in _children() and not Path(f"/proc/{pid}").exists()


def test_the_child_leaves_by_itself_when_the_kiosk_dies(tmp_path):
    """A kiosk killed outright (no shutdown, no finalizers): the child sees its socket close
    and ends, rather than staying behind as an orphan."""
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from drivers.camera.faceproc import FaceProcess\n"
        "p = FaceProcess(); p.start(); assert p.wait_ready(60)\n"
        "print(p.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=90
    )
    child = int(out.stdout.split()[0])

    def gone() -> bool:
        try:
            return Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            return True

    wait_for(gone, timeout=10)


# Stand-ins for the child, speaking its protocol without loading any model.
_READY_THEN_DIES = (
    "import sys; from multiprocessing.connection import Connection; "
    "c = Connection(int(sys.argv[1])); c.send(('ready',)); c.recv(); sys.exit(7)"
)
_READY_NEVER_ANSWERS = (
    "import sys; from multiprocessing.connection import Connection; "
    "c = Connection(int(sys.argv[1])); c.send(('ready',))\n"
    "while True: c.recv_bytes()"
)


def test_a_child_that_dies_on_every_frame_is_restarted_ever_more_slowly(monkeypatch):
    """Models loaded is not the child working: the pause between restarts grows until one
    frame is answered (else a restart, 200 MB of models, every second for ever)."""
    monkeypatch.setattr("drivers.camera.faceproc._CHILD", _READY_THEN_DIES)
    spawned: list[float] = []
    spawn = FaceProcess._spawn

    def noted(self: FaceProcess) -> None:
        spawned.append(time.monotonic())
        spawn(self)

    monkeypatch.setattr(FaceProcess, "_spawn", noted)
    process = FaceProcess(restart_pause=(0.1, 10.0))

    def asked() -> bool:
        with contextlib.suppress(FaceAnalysisDown):
            process.request(("frame", {}), None)
        return process.restarts >= 4

    try:
        wait_for(asked, timeout=30)
    finally:
        process.stop()
    gaps = [b - a for a, b in itertools.pairwise(spawned)]
    # Pauses 0.1, 0.2, 0.4, 0.8 s: the last gap at least the doubled pause.
    assert gaps[-1] >= 0.7, gaps


def test_a_request_that_outlives_a_stop_does_not_kill_the_child_started_since(monkeypatch):
    monkeypatch.setattr("drivers.camera.faceproc._CHILD", _READY_NEVER_ANSWERS)
    process = FaceProcess(answer_seconds=30.0)
    outcome: list[object] = []

    def ask() -> None:
        try:
            outcome.append(process.request(("frame", {}), None))
        except FaceAnalysisDown as down:
            outcome.append(down)

    try:
        process.start()
        assert process.wait_ready(10)
        asking = threading.Thread(target=ask)
        asking.start()
        wait_for(lambda: process._lock.locked(), timeout=5)
        process.stop()
        process.start()  # the camera opened again while the old request still waits
        started = process.pid
        asking.join(10)
        assert isinstance(outcome[0], FaceAnalysisDown)
        assert started is not None and process.pid == started
        assert process.restarts == 0
    finally:
        process.stop()


def test_a_child_that_cannot_be_started_leaks_nothing_and_waits_its_pause(monkeypatch):
    def refused(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr("drivers.camera.faceproc.subprocess.Popen", refused)
    process = FaceProcess(restart_pause=(0.05, 0.2))
    fds = len(os.listdir("/proc/self/fd"))
    try:
        for _ in range(20):
            with pytest.raises(FaceAnalysisDown, match="could not be started"):
                process.request(("frame", {}), None)
    finally:
        process.stop()
    assert len(os.listdir("/proc/self/fd")) == fds


def test_a_stuck_child_being_killed_never_holds_up_start(monkeypatch):
    """start() runs on the screens' thread: it must not wait the seconds a stuck child
    takes to end."""
    monkeypatch.setattr(
        "drivers.camera.faceproc._CHILD",
        "import sys, time; from multiprocessing.connection import Connection; "
        "c = Connection(int(sys.argv[1])); c.send(('ready',))\n"
        "while True:\n"
        "    try: c.recv_bytes()\n"
        "    except EOFError: time.sleep(60)",  # reads frames, answers none, ignores EOF
    )
    process = FaceProcess(answer_seconds=0.2)
    try:
        process.start()
        assert process.wait_ready(10)
        frame = Frame(scenes.draw("portrait"), 0, 0.0)
        analyser = RemotePhotoAnalyser(process)
        asking = threading.Thread(target=lambda: _down_or_result(analyser, frame))
        asking.start()
        wait_for(lambda: "stopped answering" in process._reason, timeout=10)
        began = time.monotonic()
        process.start()
        assert time.monotonic() - began < 1.0
        asking.join(15)
    finally:
        process.stop()


def test_a_child_that_stops_reading_frames_is_killed_and_started_again(monkeypatch):
    """A frame is more than the socket holds: a child alive but not reading would hold the
    analysis thread in the write for ever. Past the deadline it is killed and restarted."""
    monkeypatch.setattr(
        "drivers.camera.faceproc._CHILD",
        "import sys, time; from multiprocessing.connection import Connection; "
        "c = Connection(int(sys.argv[1])); c.send(('ready',)); time.sleep(600)",
    )
    process = FaceProcess(answer_seconds=1.0, restart_pause=(0.05, 0.2))
    frame = Frame(scenes.draw("portrait"), 0, 0.0)
    try:
        process.start()
        assert process.wait_ready(10)
        stuck = process.pid
        analyser = RemotePhotoAnalyser(process)
        outcome: list[object] = []
        asking = threading.Thread(target=lambda: outcome.append(_down_or_result(analyser, frame)))
        asking.start()
        asking.join(30)
        assert not asking.is_alive()
        assert isinstance(outcome[0], FaceAnalysisDown)
        assert "stopped reading" in str(outcome[0])
        assert stuck not in _children()
        # The next frames start another child once the pause is over.
        wait_for(lambda: _down_or_result(analyser, frame) and process.restarts >= 1, timeout=30)
    finally:
        process.stop()
