"""The capture worker on real files: every kind of source, bad input, a source that goes away
and comes back, and the newest frame always winning."""

from __future__ import annotations

import os
import time

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.camera import scenes
from drivers.camera.source import SourceSpec
from drivers.camera.worker import Mode
from kiosk.config import CameraSection
from kiosk.devices import DeviceStatus
from tests.camera_helpers import Recorder, config, scene_file, wait_for


def test_a_still_image_is_a_camera_that_never_ends(tmp_path):
    rec = Recorder()
    with rec.worker(config(scene_file(tmp_path, "portrait"))):
        wait_for(lambda: rec.frames >= 10)
    assert rec.states[0][0] is DeviceStatus.READY
    assert "1280×720" in rec.states[0][1]
    frame = rec.last_frame
    assert (frame.width, frame.height) == (1280, 720)
    assert not frame.image.flags.writeable  # shared by the preview and the analyser


def test_video_file_and_image_sequence_loop(tmp_path):
    video = scenes.write_video(scenes.draw("empty"), tmp_path / "room.avi", fps=25, seconds=0.2)
    for i in range(3):
        scenes.write_image(scenes.draw("empty"), tmp_path / f"img_{i:03d}.jpg")
    for source in (video, tmp_path / "img_%03d.jpg"):
        rec = Recorder()
        with rec.worker(config(source, fps=60)):
            wait_for(lambda rec=rec: rec.frames >= 15)  # more than the file holds: it looped
        assert rec.status() is not DeviceStatus.ERROR


def test_frames_go_to_the_analyser_newest_first_never_a_backlog(tmp_path):
    class Slow:
        def __init__(self):
            self.seen = []

        def analyse(self, frame):
            self.seen.append(frame.seq)
            time.sleep(0.1)
            return frame.seq

        def reset(self):
            pass

    rec = Recorder()
    slow = Slow()
    worker = rec.worker(config(scene_file(tmp_path, "empty"), fps=60))
    worker.set_mode(Mode.PREVIEW, slow)
    with worker:
        wait_for(lambda: len(slow.seen) >= 4)
    # The preview got every frame; the analyser skipped to the newest each time.
    assert rec.frames > 2 * len(slow.seen)
    gaps = np.diff(slow.seen)
    assert (gaps > 1).all()


@pytest.mark.parametrize(
    "name, content, status, words",
    [
        ("notes.jpg", b"this is not a picture", DeviceStatus.ERROR, "not an image"),
        ("empty.png", b"", DeviceStatus.ERROR, "empty (0 bytes)"),
        ("clip.avi", b"", DeviceStatus.ERROR, "empty (0 bytes)"),
        ("clip.mp4", b"\x00garbage" * 100, DeviceStatus.ERROR, "cannot be read as a video"),
    ],
)
def test_files_that_are_not_pictures_say_so(tmp_path, name, content, status, words):
    path = tmp_path / name
    path.write_bytes(content)
    rec = Recorder()
    with rec.worker(config(path)) as worker:
        wait_for(lambda: rec.status() is not None)
        time.sleep(0.2)  # it keeps trying, quietly: the file may be replaced
        assert worker.state.status is status
    assert rec.frames == 0
    assert words in rec.states[0][1]


@pytest.mark.parametrize("source", ["/dev/video97", "97", "/nonexistent/cam.avi"])
def test_a_missing_camera_is_offline_and_retried(tmp_path, source):
    rec = Recorder()
    with rec.worker(CameraSection(source=source)):
        wait_for(lambda: rec.status() is DeviceStatus.OFFLINE)
    assert rec.frames == 0
    assert rec.detail()


def test_a_video_with_no_frames_is_an_error(tmp_path):
    path = tmp_path / "nothing.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 25, (640, 480))
    writer.release()
    rec = Recorder()
    with rec.worker(config(path)):
        wait_for(lambda: rec.status() is DeviceStatus.ERROR)
    assert rec.frames == 0


def test_black_frames_are_reported_and_the_picture_recovers(tmp_path):
    path = scene_file(tmp_path, "black")
    rec = Recorder()
    with rec.worker(config(path), black_seconds=0.2) as worker:
        wait_for(lambda: rec.status() is DeviceStatus.ERROR)
        assert "black" in rec.detail()
        assert rec.frames > 0  # the preview goes on: never frozen
        scenes.write_image(scenes.draw("portrait"), path)  # the lens uncovered
        wait_for(lambda: worker.state.status is DeviceStatus.READY, timeout=4)


def test_wrong_size_frames_are_scaled_and_said(tmp_path):
    small = cv2.resize(scenes.draw("portrait"), (640, 400))
    tiny = cv2.resize(scenes.draw("portrait"), (200, 120))
    rec = Recorder()
    with rec.worker(config(scenes.write_image(small, tmp_path / "small.png"))):
        wait_for(lambda: rec.frames >= 3)
    assert rec.status() is DeviceStatus.READY
    assert "640×400, not the configured 1280×720" in rec.detail()
    assert (rec.last_frame.width, rec.last_frame.height) == (1280, 720)
    rec = Recorder()
    with rec.worker(config(scenes.write_image(tiny, tmp_path / "tiny.png"))):
        wait_for(lambda: rec.frames >= 3)
    assert rec.status() is DeviceStatus.ERROR
    assert "too small" in rec.detail()


def test_a_source_that_vanishes_goes_offline_and_comes_back(tmp_path):
    path = scene_file(tmp_path, "portrait")
    hidden = tmp_path / "away.png"
    rec = Recorder()
    with rec.worker(config(path)) as worker:
        wait_for(lambda: worker.state.status is DeviceStatus.READY)
        os.rename(path, hidden)  # unplugged
        wait_for(lambda: worker.state.status is DeviceStatus.OFFLINE, timeout=4)
        assert "no file" in worker.state.detail
        frames = rec.frames
        os.rename(hidden, path)  # plugged back
        wait_for(lambda: worker.state.status is DeviceStatus.READY, timeout=4)
        wait_for(lambda: rec.frames > frames)
    statuses = [s for s, _ in rec.states]
    assert statuses[:3] == [DeviceStatus.READY, DeviceStatus.OFFLINE, DeviceStatus.READY]


def test_rotation_and_crop_come_from_the_configuration(tmp_path):
    path = scene_file(tmp_path, "portrait")
    rec = Recorder()
    with rec.worker(config(path, rotation=90, crop=[0.0, 0.25, 1.0, 0.5])):
        wait_for(lambda: rec.frames >= 2)
    assert (rec.last_frame.width, rec.last_frame.height) == (720, 640)


@given(st.text(max_size=40))
def test_any_source_text_parses_to_one_kind(text):
    spec = SourceSpec.parse(text)
    assert spec.kind in ("device", "video", "sequence", "still")
    assert spec.describe()


@pytest.mark.parametrize(
    "text, kind",
    [
        ("0", "device"),
        ("/dev/video2", "device"),
        ("scene.avi", "video"),
        ("img_%03d.jpg", "sequence"),
        ("face.JPG", "still"),
    ],
)
def test_source_kinds(text, kind):
    assert SourceSpec.parse(text).kind == kind


@given(st.lists(st.floats(min_value=-0.5, max_value=1.5, allow_nan=False), min_size=0, max_size=6))
def test_crop_is_accepted_only_inside_the_frame(crop):
    try:
        cfg = CameraSection(crop=crop)
    except ValueError:
        return
    x, y, w, h = cfg.crop
    assert x >= 0 and y >= 0 and w >= 0.1 and h >= 0.1
    assert x + w <= 1 + 1e-9 and y + h <= 1 + 1e-9


def test_kiosk_sim_camera_lists_plays_and_writes(tmp_path, capsys):
    from drivers.sim_cli import main

    assert main(["camera", "list"]) == 0
    assert "qr-licence" in capsys.readouterr().out
    out = tmp_path / "p.avi"
    assert main(["camera", "play", "portrait", "--out", str(out), "--seconds", "0.2"]) == 0
    assert f'source = "{out}"' in capsys.readouterr().out
    rec = Recorder()
    with rec.worker(config(out)):  # what play wrote is a source the kiosk can use
        wait_for(lambda: rec.frames >= 8)
    assert main(["camera", "write", "page", str(tmp_path / "page.jpg")]) == 0
    assert cv2.imread(str(tmp_path / "page.jpg")).shape == (720, 1280, 3)
    assert main(["camera", "write", "nope", str(tmp_path / "x.png")]) == 2
