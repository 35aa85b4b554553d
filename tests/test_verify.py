"""Face verification against a reference photo, and the blink challenge, on the real
photograph the simulator uses (scikit-image's public-domain portrait)."""

from __future__ import annotations

import cv2
import pytest

from drivers.camera import faceset, ga461, scenes
from drivers.camera import verify as verify_module
from drivers.camera.faceset import PEOPLE
from drivers.camera.verify import BlinkChallenge, verify

WHITE = (240, 241, 240)


def test_the_same_person_matches_the_reference():
    reference = scenes._photo()  # the ID card's photo: the original portrait
    for live in (
        scenes.id_portrait(WHITE),
        scenes.id_portrait(WHITE, face_height=0.22),
        cv2.convertScaleAbs(scenes.draw("portrait"), alpha=0.8, beta=10),
    ):
        result = verify(live, reference)
        assert result.matched, result.distance


def test_no_face_is_no_match():
    result = verify(scenes.draw("empty"), scenes._photo())
    assert result.band == "no_face" and not result.matched


def _shut(image):
    points = ga461.landmarks(image)[0]
    return scenes.eyes_shut(image, [points[36:42], points[42:48]])


def test_a_blink_passes_liveness():
    open_eyes = scenes.id_portrait(WHITE)
    shut = _shut(open_eyes)
    challenge = BlinkChallenge()
    frames = [open_eyes] * 3 + [shut] * 2 + [open_eyes] * 2
    assert [challenge.feed(f) for f in frames][-1]


def test_a_still_photo_and_a_replayed_still_fail_liveness():
    still = scenes.id_portrait(WHITE)
    challenge = BlinkChallenge()
    for _ in range(8):
        assert not challenge.feed(still)
    # A photo held up, taken away and held up again: no blink either.
    challenge = BlinkChallenge()
    for frame in [still] * 3 + [scenes.draw("empty")] * 2 + [still] * 3:
        assert not challenge.feed(frame)


# -- other people: the White House photographs scripts/setup.sh keeps (drivers.camera.faceset)


@pytest.fixture(scope="module")
def measured() -> faceset.Measurement:
    try:
        return faceset.measure(KINDS)
    except faceset.SamplesMissing as e:
        pytest.fail(str(e))


KINDS = ("as_is", "dim", "soft", "motion", "roll", "far", "mirrored")


def test_another_persons_live_frames_are_rejected(measured):
    # Every live frame of Biden and Obama against Collins's reference and so on: 5
    # photographs, 3 people, 7 degradations each.
    assert len(measured.impostor) == 5 * 7 * 5 - sum(len(p) ** 2 * 7 for p in PEOPLE.values())
    assert measured.false_accept() == 0.0, sorted(measured.impostor)[:5]
    # Not by a hair: the nearest stranger is far past the threshold.
    assert min(measured.impostor) > verify_module.MATCH_DISTANCE + 0.08


def test_the_same_person_matches_in_other_photographs_and_frames(measured):
    assert measured.no_face == 0
    assert len(measured.genuine) == sum(len(p) ** 2 * 7 for p in PEOPLE.values()) - 5
    assert measured.false_reject() == 0.0, sorted(measured.genuine)[-5:]


def test_the_surest_face_is_compared_not_the_largest():
    # HOG finds a "face" on the astronaut's suit as large as hers (larger in a JPEG of it), at
    # a fifteenth of her face's score: it is no face, and the reference is her.
    portrait = faceset.load("astronaut")
    detector, _ = ga461._models()
    rgb = cv2.cvtColor(faceset.DEGRADATIONS["jpeg"](portrait), cv2.COLOR_BGR2RGB)
    rects, scores, _ = detector.run(rgb, 0, 0.0)
    assert len(rects) == 2 and min(scores) < 0.1 * max(scores)
    assert len(ga461.landmarks(faceset.DEGRADATIONS["jpeg"](portrait))) == 1
    mirrored = cv2.flip(portrait, 1)
    assert verify(mirrored, portrait).band == "strong"


# -- liveness before the ID photo (drivers.camera.face.PhotoAnalyser with liveness) -------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.1
        return self.now


def _frame(image):
    from drivers.camera.frames import Frame

    return Frame(image, 0, 0.0)


def _analyser(**kw):
    from drivers.camera.face import PhotoAnalyser

    return PhotoAnalyser(hold_seconds=0.3, clock=Clock(), liveness=True, **kw)


def test_a_still_face_is_asked_to_blink_and_never_photographed():
    from drivers.camera.face import Guidance

    analyser = _analyser()
    still = scenes.draw("portrait")
    results = [analyser.analyse(_frame(still)) for _ in range(12)]
    assert {r.guidance for r in results} == {Guidance.BLINK}
    assert all(r.photo is None for r in results)


def _blinking(image):
    shut = _shut(image)
    return [image] * 3 + [shut] * 2 + [image] * 8


def test_after_a_blink_the_photo_takes_itself_with_the_face_check():
    from drivers.camera.face import FaceResult, Guidance

    analyser = _analyser()
    results = [analyser.analyse(_frame(f)) for f in _blinking(scenes.draw("portrait"))]
    guidance = [r.guidance for r in results if r is not None]
    assert guidance[:4] == [Guidance.BLINK] * 4 and guidance[-1] is Guidance.CAPTURED
    taken = [r for r in results if r is not None and r.photo is not None]
    assert len(taken) == 1 and taken[0].face == FaceResult("no_reference", True)
    # Retake: the blink is asked for again.
    analyser.reset()
    assert analyser.analyse(_frame(scenes.draw("portrait"))).guidance is Guidance.BLINK


def test_a_face_that_leaves_must_blink_again():
    from drivers.camera.face import Guidance

    analyser = _analyser()
    portrait = scenes.draw("portrait")
    for f in [portrait] * 3 + [_shut(portrait)] * 2:
        analyser.analyse(_frame(f))
    # The resident steps away and a photo is held up: no blink was seen for it.
    analyser.analyse(_frame(scenes.draw("empty")))
    results = [analyser.analyse(_frame(portrait)) for _ in range(8)]
    assert {r.guidance for r in results} == {Guidance.BLINK}


def test_the_photo_is_compared_with_the_reference(measured):
    from drivers.camera.face import FaceResult

    portrait = scenes.draw("portrait")
    for reference, band in ((scenes._photo(), "strong"), (faceset.load("biden.jpg"), "no_match")):
        analyser = _analyser()
        analyser.set_reference(reference)
        results = [analyser.analyse(_frame(f)) for f in _blinking(portrait)]
        taken = [r for r in results if r is not None and r.photo is not None]
        assert taken[0].face == FaceResult(band, True)


def test_a_looping_video_of_a_still_never_gets_a_photo_through_the_worker(tmp_path):
    """A phone playing a short video of a photograph (it sways, it never blinks), in front of
    the real camera worker with liveness on."""
    from drivers.camera.face import Guidance
    from drivers.camera.worker import Mode
    from tests.camera_helpers import Recorder, config, wait_for

    video = scenes.write_video(scenes.draw("portrait"), tmp_path / "still.avi", seconds=1.0)
    rec = Recorder()
    with rec.worker(config(video, liveness=True, hold_seconds=0.2), Mode.PHOTO):
        wait_for(lambda: sum(a.guidance is Guidance.BLINK for a in rec.analyses) >= 15, 60)
    assert all(a.photo is None for a in rec.analyses)
