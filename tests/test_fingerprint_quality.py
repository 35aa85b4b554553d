"""The fingerprint quality verdict measures a fingerprint's structure: synthetic ridge patterns
(grown from noise by Gabor filters along a loop's or a whorl's orientation field, as SFinGe
does, and concentric or wavy sinusoidal ridges) are accepted; uniform noise, stripes at any
angle and spacing, flat grey, a blank sensor and a faint or small press are rejected."""

from __future__ import annotations

import cv2
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.fingerprint.codec import IMAGE_HEIGHT, IMAGE_WIDTH, pack_image, unpack_image
from drivers.fingerprint.enrol import Fingerprint, Quality, Verdict, assess
from drivers.fingerprint.sim import generated_image

H, W = IMAGE_HEIGHT, IMAGE_WIDTH
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_sensor(grey: np.ndarray) -> bytes:
    """What the sensor sends of an 8-bit picture: 4 bits a pixel, back to 8."""
    return unpack_image(pack_image(np.clip(grey, 0, 255).astype(np.uint8).tobytes()))


def finger_mask(cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    y, x = np.mgrid[0:H, 0:W]
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1


def orientation_field(kind: str, core: tuple[float, float], delta: tuple[float, float]):
    """The ridges' direction at each pixel: a loop (a core and a delta, Sherlock–Monro's
    zero-pole model) or a whorl (two cores)."""
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    a = np.arctan2(y - core[1], x - core[0])
    b = np.arctan2(y - delta[1], x - delta[0])
    return 0.5 * (a - b) if kind == "loop" else 0.5 * (a + b)


def gabor_grown(kind: str, period: float, seed: int, core, delta) -> np.ndarray:
    """Ridges grown from noise by Gabor filters along the orientation field."""
    theta = orientation_field(kind, core, delta)  # the Gabor angle: the ridges' normal
    rng = np.random.default_rng(seed)
    img = rng.normal(0, 1, (H, W)).astype(np.float32)
    bins = 16
    index = np.round((theta % np.pi) / np.pi * bins).astype(int) % bins
    kernels = [
        cv2.getGaborKernel((17, 17), period / 2.2, np.pi * k / bins, period, 1.0, 0)
        for k in range(bins)
    ]
    for _ in range(5):
        out = np.zeros_like(img)
        for k, kernel in enumerate(kernels):
            filtered = cv2.filter2D(img, cv2.CV_32F, kernel.astype(np.float32))
            out[index == k] = filtered[index == k]
        img = np.tanh(out / (out.std() + 1e-6) * 2)
    return img


def with_background(ridges: np.ndarray, mask: np.ndarray, contrast: float = 100) -> np.ndarray:
    """Dark ridges on a light valley inside the finger, the blank (white) sensor outside."""
    return np.where(mask, 128 + contrast * ridges / max(np.abs(ridges).max(), 1e-6), 240)


cores = st.tuples(st.floats(90, 166), st.floats(100, 170))


@SETTINGS
@given(
    kind=st.sampled_from(["loop", "whorl"]),
    period=st.floats(7, 12),
    seed=st.integers(0, 2**16),
    core=cores,
    offset=st.tuples(st.floats(-60, 60), st.floats(60, 110)),
)
def test_gabor_grown_ridge_patterns_are_fingerprints(kind, period, seed, core, offset) -> None:
    delta = (core[0] + offset[0], core[1] + offset[1])
    ridges = gabor_grown(kind, period, seed, core, delta)
    image = as_sensor(with_background(ridges, finger_mask(128, 144, 110, 130)))
    quality = assess(image)
    assert quality.verdict is Verdict.GOOD, quality
    assert abs(quality.period - period) < 3, quality


@SETTINGS
@given(
    period=st.floats(6, 14),
    cx=st.floats(80, 176),
    cy=st.floats(90, 200),
    squash=st.floats(0.7, 1.3),
    contrast=st.floats(50, 120),
)
def test_concentric_sinusoidal_ridges_are_fingerprints(period, cx, cy, squash, contrast) -> None:
    y, x = np.mgrid[0:H, 0:W]
    r = np.hypot(x - cx, (y - cy) * squash)
    ridges = np.sin(2 * np.pi * r / period)
    image = as_sensor(with_background(ridges, finger_mask(128, 144, 115, 135), contrast))
    assert assess(image).verdict is Verdict.GOOD, assess(image)


@SETTINGS
@given(period=st.floats(8, 12), slope=st.floats(0.55, 1.1), length=st.floats(80, 160))
def test_wavy_arch_ridges_are_fingerprints(period, slope, length) -> None:
    # An arch's ridges rise and fall by ±30–50° across the finger.
    bend = slope * length / np.pi
    y, x = np.mgrid[0:H, 0:W]
    ridges = np.sin(2 * np.pi * (y + bend * np.sin(np.pi * x / length)) / period)
    image = as_sensor(with_background(ridges, finger_mask(128, 144, 115, 135)))
    assert assess(image).verdict is Verdict.GOOD, assess(image)


def test_the_simulators_fingers_are_fingerprints() -> None:
    for name in ("alice", "bob", "demo-finger", "finger-1"):
        assert assess(unpack_image(generated_image(name))).verdict is Verdict.GOOD


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), low=st.integers(0, 100), high=st.integers(140, 255))
def test_uniform_noise_is_not_a_fingerprint(seed, low, high) -> None:
    rng = np.random.default_rng(seed)
    image = as_sensor(rng.integers(low, high + 1, (H, W)))
    assert assess(image).verdict is not Verdict.GOOD, assess(image)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), blur=st.sampled_from([1, 3, 5]))
def test_smoothed_noise_inside_a_finger_is_not_a_fingerprint(seed, blur) -> None:
    rng = np.random.default_rng(seed)
    noise = rng.normal(0, 1, (H, W)).astype(np.float32)
    if blur > 1:
        noise = cv2.GaussianBlur(noise, (blur, blur), 0)
    image = as_sensor(with_background(noise, finger_mask(128, 144, 110, 130)))
    assert assess(image).verdict is not Verdict.GOOD, assess(image)


@SETTINGS
@given(
    angle=st.floats(0, np.pi),
    period=st.floats(3, 30),
    contrast=st.floats(20, 127),
    inside=st.booleans(),
)
def test_stripes_are_not_a_fingerprint(angle, period, contrast, inside) -> None:
    y, x = np.mgrid[0:H, 0:W]
    stripes = np.sin(2 * np.pi * (x * np.cos(angle) + y * np.sin(angle)) / period)
    if inside:  # even in a finger's outline
        image = as_sensor(with_background(stripes, finger_mask(128, 144, 110, 130), contrast))
    else:
        image = as_sensor(128 + contrast * stripes)
    assert assess(image).verdict is not Verdict.GOOD, assess(image)


@SETTINGS
@given(level=st.integers(0, 255))
def test_flat_grey_is_not_a_fingerprint(level) -> None:
    assert assess(as_sensor(np.full((H, W), level))).verdict is Verdict.FAINT


def test_a_faint_or_small_press_is_faint() -> None:
    y, x = np.mgrid[0:H, 0:W]
    ridges = np.sin(2 * np.pi * np.hypot(x - 128, y - 144) / 9)
    faint = as_sensor(with_background(ridges, finger_mask(128, 144, 110, 130), contrast=6))
    assert assess(faint).verdict is Verdict.FAINT
    small = as_sensor(with_background(ridges, finger_mask(128, 144, 40, 45)))
    assert assess(small).verdict is Verdict.FAINT


def _sensor_sized(image: np.ndarray) -> bytes:
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return as_sensor(cv2.resize(grey, (W, H), interpolation=cv2.INTER_AREA).astype(np.float64))


def test_real_pictures_that_are_not_fingers_are_refused() -> None:
    """Whatever else might lie on the glass: every camera scene the kiosk knows (a portrait,
    people, pages on desks, QR slips, dark and bright rooms), a printed page of text and a QR
    code filling the window."""
    from drivers.camera import scenes

    pictures = {name: scenes.draw(name) for name in scenes.SCENES}
    pictures["page of text"] = scenes.page_image()
    pictures["qr code"] = scenes.qr_image(scenes.SAMPLE_LICENCE, module=6)
    for name, picture in pictures.items():
        quality = assess(_sensor_sized(picture))
        assert quality.verdict is not Verdict.GOOD, (name, str(quality))


GOOD = Quality(area=0.6, contrast=60, coherence=0.7, period=9, ridge_share=0.8, spread=0.2)
FAINT = Quality(area=0.1, contrast=60, coherence=0.7, period=9, ridge_share=0.8, spread=0.2)
SMUDGED = Quality(area=0.6, contrast=60, coherence=0.2, period=9, ridge_share=0.8, spread=0.2)


def test_a_fingerprint_s_verdict_follows_from_its_presses() -> None:
    """Stored nowhere: the presses' measurements say it, the first bad press what to do."""
    assert (GOOD.verdict, FAINT.verdict, SMUDGED.verdict) == (
        Verdict.GOOD,
        Verdict.FAINT,
        Verdict.SMUDGED,
    )

    def taken(*qualities: Quality) -> Fingerprint:
        return Fingerprint(b"", b"", qualities)

    assert taken(GOOD, GOOD).verdict is Verdict.GOOD
    assert taken(GOOD, FAINT).verdict is Verdict.FAINT
    assert taken(SMUDGED, FAINT).verdict is Verdict.SMUDGED
