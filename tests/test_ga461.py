"""GA 461 ID photos from 68 landmarks, on a real photograph (scikit-image's public-domain
portrait) in front of walls of several colours, degraded in the ways a kiosk meets; the
geometry measured again with a different detector (OpenCV's Haar eye cascade, and the head's
top found as the first row that is not background)."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from drivers.camera import ga461, scenes

WHITE = (240, 241, 240)


@pytest.fixture(scope="module")
def white_photo():
    return ga461.make_photo(scenes.id_portrait(WHITE))


def test_the_geometry_holds(white_photo):
    photo = white_photo
    assert photo.ok, photo.problems
    assert photo.image.shape == (441, 358, 3)
    assert abs(photo.measures["face_width"] - 207) <= 14
    # Measured again, independently: the head's top is the first row of the middle band that
    # differs from the wall; the eyes are where Haar's eye cascade finds them.
    gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    band = gray[:, 120:238]
    rows = np.nonzero((np.abs(band - 240) > 35).mean(axis=1) > 0.2)[0]
    assert 7 <= rows[0] <= 21
    eyes = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml").detectMultiScale(
        gray.astype(np.uint8), 1.1, 5, minSize=(25, 25)
    )
    assert len(eyes) >= 2
    for x, y, w, h in sorted(eyes, key=lambda e: e[1])[:2]:
        assert 441 - (y + h / 2) >= 207
        assert 60 < x + w / 2 < 300


def _shifted(image, dx, dy):
    m = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(image, m, (image.shape[1], image.shape[0]), borderValue=WHITE)


FRAMINGS = [
    (height, dx, dy)
    for height in (0.22, 0.26, 0.30, 0.36, 0.42)
    for dx, dy in ((0, 0), (-200, 0), (200, 30), (0, -40))
]


def test_every_photo_taken_holds_the_geometry_measured_independently():
    """The resident near and far, off to either side, high and low: every photo accepted holds
    GA 461 measured with other means; a head whose top leaves the camera's frame is refused
    as such (step back), never taken with a made-up crown nor blamed on the wall."""
    eyes_cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")
    taken = 0
    for height, dx, dy in FRAMINGS:
        frame = _shifted(scenes.id_portrait(WHITE, face_height=height), dx, dy)
        photo = ga461.make_photo(frame)
        if not photo.ok:
            assert photo.problems in (("head_cut",), ("background",)), (height, dx, dy, photo)
            continue
        taken += 1
        gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY)
        band = gray[:, 120:238].astype(np.float32)
        rows = np.nonzero((np.abs(band - 240) > 35).mean(axis=1) > 0.2)[0]
        assert 7 <= rows[0] <= 21, (height, dx, dy, rows[0])
        eyes = eyes_cascade.detectMultiScale(gray, 1.1, 5, minSize=(25, 25))
        assert len(eyes) >= 2, (height, dx, dy)
        for x, y, w, h in sorted(eyes, key=lambda e: e[1])[:2]:
            assert 441 - (y + h / 2) >= 207 and 60 < x + w / 2 < 300, (height, dx, dy)
    assert taken >= 12


@pytest.mark.parametrize("name", ["portrait", "portrait-left", "portrait-right"])
def test_a_mottled_backdrop_above_a_whole_head_is_not_taken_for_the_head(name):
    """The studio's cloudy backdrop differs from the wall beside the head at the frame's top
    edge; with wall rows between it and the hair, the head is whole: never head_cut (the
    demo's resident was asked to step back), and on a wall that need not be white the photo
    is taken with its crown on the hair."""
    frame = scenes.draw(name)
    assert "head_cut" not in ga461.make_photo(frame).problems
    photo = ga461.make_photo(frame, strict_white=False)
    assert photo.ok, photo.problems
    gray = cv2.cvtColor(photo.image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    wall = np.median(gray[:5, :40])
    band = gray[:, 120:238]
    rows = np.nonzero((np.abs(band - wall) > 35).mean(axis=1) > 0.2)[0]
    assert 7 <= rows[0] <= 21


def test_a_head_running_off_the_frame_under_a_mottled_backdrop_is_cut():
    assert "head_cut" in ga461.make_photo(scenes.draw("portrait-near")).problems


def test_jpeg_at_350_dpi(white_photo):
    data = white_photo.jpeg()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (358, 441)
    assert tuple(round(v) for v in image.info["dpi"]) == (350, 350)


@pytest.mark.parametrize(
    "name, colour",
    [("light blue", (240, 222, 200)), ("pink", (215, 210, 245)), ("grey", (190, 190, 190))],
)
def test_a_wall_that_is_not_white_is_refused(name, colour):
    photo = ga461.make_photo(scenes.id_portrait(colour))
    assert "background" in photo.problems, name
    if name == "light blue":  # a one-thing that accepts blue
        assert (
            "background"
            not in ga461.make_photo(scenes.id_portrait(colour), strict_white=False).problems
        )


def _motion(image, length):
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    return cv2.filter2D(image, -1, kernel)


@pytest.mark.parametrize(
    "degrade, problem",
    [
        (lambda im: cv2.GaussianBlur(im, (0, 0), 3), "blurry"),
        (lambda im: _motion(im, 35), "blurry"),
        (lambda im: cv2.convertScaleAbs(im, alpha=0.35), "too_dark"),
        (lambda im: cv2.convertScaleAbs(im, alpha=1.0, beta=90), "too_bright"),
    ],
)
def test_degraded_photos_are_refused(degrade, problem):
    photo = ga461.make_photo(degrade(scenes.id_portrait(WHITE)))
    assert problem in photo.problems, (problem, photo.problems, photo.measures)


def _person(image, change):
    """`image` with `change` applied to the person only (not the wall around her)."""
    pixels = image.astype(np.float32)
    person = np.abs(pixels - np.array(WHITE)).max(axis=2) > 12
    pixels[person] = change(pixels[person])
    return np.clip(pixels, 0, 255).astype(np.uint8)


def test_a_face_against_the_light_is_refused():
    image = _person(scenes.id_portrait(WHITE), lambda p: p * 0.6)  # a window behind her
    image[np.abs(image.astype(int) - WHITE).max(axis=2) <= 12] = 250
    photo = ga461.make_photo(image)
    assert "backlit" in photo.problems, photo.measures


def test_a_darker_face_in_good_light_on_a_white_wall_is_taken():
    """Darker skin keeps its highlights: it is not mistaken for a face against the light."""
    image = _person(scenes.id_portrait(WHITE), lambda p: 255 * (p / 255) ** 2.0)
    photo = ga461.make_photo(image)
    assert photo.measures["background_level"] - photo.measures["face_level"] > 90
    assert photo.ok, (photo.problems, photo.measures)


def test_a_far_face_is_asked_to_come_closer():
    photo = ga461.make_photo(scenes.id_portrait(WHITE, face_height=0.15))
    assert "move_closer" in photo.problems


def test_closed_eyes_are_refused():
    image = scenes.id_portrait(WHITE)
    pts = ga461.landmarks(image)[0]
    photo = ga461.make_photo(scenes.eyes_shut(image, [pts[36:42], pts[42:48]]))
    assert "eyes_closed" in photo.problems, photo.measures


def test_no_face_no_photo():
    photo = ga461.make_photo(scenes.draw("empty"))
    assert photo.image is None and photo.problems == ("no_face",)


def test_a_second_face_in_the_crop_is_refused():
    image = scenes.id_portrait(WHITE, face_height=0.22)
    other = scenes.id_portrait(WHITE, face_height=0.30)
    cx, cy = ga461.landmarks(other)[0][27]
    head = other[int(cy - 190) : int(cy + 190), int(cx - 150) : int(cx + 150)]
    head = cv2.resize(head, None, fx=0.55, fy=0.55, interpolation=cv2.INTER_AREA)
    h, w = head.shape[:2]
    x0, y0 = int(760 - w / 2), int(230 - h / 2)  # someone looking over the shoulder
    image[y0 : y0 + h, x0 : x0 + w] = head
    photo = ga461.make_photo(image)
    assert "several_faces" in photo.problems, photo.problems
    # Alone, the same framing is fine.
    assert ga461.make_photo(scenes.id_portrait(WHITE, face_height=0.22)).ok
