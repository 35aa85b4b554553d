"""ID photo mode on the photograph, through the real worker: guidance for each scene, the
automatic capture, and the photo's geometry and checks."""

from __future__ import annotations

import cv2
import pytest

from drivers.camera import scenes
from drivers.camera.face import FaceDetector, Guidance, PhotoAnalyser
from drivers.camera.frames import Frame
from drivers.camera.idphoto import PHOTO_HEIGHT, PHOTO_WIDTH, make_photo
from drivers.camera.worker import Mode
from tests.camera_helpers import Recorder, config, scene_file, wait_for


@pytest.mark.parametrize(
    "scene, guidance",
    [
        ("portrait", Guidance.HOLD_STILL),
        ("empty", Guidance.NO_FACE),
        ("two-people", Guidance.SEVERAL_FACES),
        ("dark", Guidance.TOO_DARK),
        ("bright", Guidance.TOO_BRIGHT),
        ("portrait-left", Guidance.MOVE_LEFT),
        ("portrait-right", Guidance.MOVE_RIGHT),
        ("portrait-far", Guidance.MOVE_CLOSER),
        ("portrait-near", Guidance.MOVE_BACK),
    ],
)
def test_guidance_through_the_worker(tmp_path, scene, guidance):
    rec = Recorder()
    cfg = config(scene_file(tmp_path, scene, ".jpg"), hold_seconds=5.0)
    with rec.worker(cfg, Mode.PHOTO):
        wait_for(lambda: len(rec.analyses) >= 2)
    assert {a.guidance for a in rec.analyses} == {guidance}


def test_directions_are_the_residents_own():
    """The camera faces the resident: a face on the picture's left means they stand too far
    to their right, and they should move left. Mirroring the preview does not change it."""
    detector = FaceDetector()
    image = scenes.draw("portrait-left")
    x, _, w, _ = detector.faces(image)[0]
    assert x + w / 2 < image.shape[1] / 2


def test_the_photo_takes_itself_after_a_steady_pose(tmp_path):
    rec = Recorder()
    with rec.worker(config(scene_file(tmp_path, "portrait"), hold_seconds=0.3), Mode.PHOTO):
        wait_for(lambda: any(a.photo is not None for a in rec.analyses))
        count = len(rec.analyses)
        wait_for(lambda: rec.frames > 20)
        assert len(rec.analyses) == count  # once taken, analysis waits for confirm/retake
    done = [a for a in rec.analyses if a.photo is not None]
    assert len(done) == 1 and done[0].guidance is Guidance.CAPTURED
    progress = [a.progress for a in rec.analyses[:-1]]
    assert progress == sorted(progress)  # the countdown only goes one way


def test_hold_counts_on_the_injected_clock_and_restarts_on_movement():
    now = [0.0]
    analyser = PhotoAnalyser(hold_seconds=1.0, clock=lambda: now[0])
    still = scenes.draw("portrait")
    moved = scenes.portrait(centre_x=0.56)
    seq = iter(range(100))

    def step(image, dt=0.25):
        result = analyser.analyse(Frame(image, next(seq), now[0]))
        now[0] += dt
        return result

    assert [step(still).progress for _ in range(4)] == [0.0, 0.25, 0.5, 0.75]
    assert step(moved).progress == 0.0  # moved: start again
    results = [step(moved) for _ in range(4)]
    assert results[-1].guidance is Guidance.CAPTURED and results[-1].photo is not None
    assert step(moved) is None  # nothing more until the resident decides
    analyser.reset()  # retake
    assert step(moved).guidance is Guidance.HOLD_STILL


def test_photo_geometry():
    image = scenes.draw("portrait")
    detector = FaceDetector()
    photo = make_photo(image, detector.refine(image, detector.faces(image)[0]))
    assert photo.image.shape == (PHOTO_HEIGHT, PHOTO_WIDTH, 3)
    assert photo.ok, photo.problems
    # The face found again in the finished photo: centred, in the upper half, its box about
    # half the width (the head, with hair and chin, about two thirds of the height).
    again = detector.faces(photo.image)
    assert len(again) == 1
    x, y, w, h = again[0]
    assert abs((x + w / 2) - PHOTO_WIDTH / 2) < 0.04 * PHOTO_WIDTH
    assert 0.42 < w / PHOTO_WIDTH < 0.56
    assert 0.25 * PHOTO_HEIGHT < y < 0.35 * PHOTO_HEIGHT
    assert 0.60 * PHOTO_HEIGHT < y + h < 0.72 * PHOTO_HEIGHT
    assert photo.jpeg()[:2] == b"\xff\xd8"


def test_photo_checks_blur_exposure_and_background():
    image = scenes.draw("portrait")
    detector = FaceDetector()
    face = detector.faces(image)[0]
    assert "blurry" in make_photo(cv2.GaussianBlur(image, (0, 0), 5), face).problems
    assert "too_dark" in make_photo(cv2.convertScaleAbs(image, alpha=0.3), face).problems
    busy = image.copy()
    busy[:140, :] = (40, 90, 160)  # a dark poster behind the head
    assert "background" in make_photo(busy, face).problems
