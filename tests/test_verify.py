"""Face verification against a reference photo, and the blink challenge, on the real
photograph the simulator uses (scikit-image's public-domain portrait)."""

from __future__ import annotations

import cv2

from drivers.camera import ga461, scenes
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
