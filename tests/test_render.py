"""The offscreen render command: every reviewed screen becomes a readable PNG."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from demo.render import RenderError, ScreenState, render, render_set, review_set
from tests.conftest import run_kiosk


def _png(path: Path) -> np.ndarray:
    image = cv2.imread(str(path))
    assert image is not None, f"{path} is not an image"
    return image


def test_render_command_writes_the_birth_notice_with_a_scannable_qr(tmp_path):
    out = tmp_path / "notice.png"
    result = run_kiosk(
        "render",
        "--screen",
        "notice",
        "--onething",
        "birth",
        "--situation",
        "newborn",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    image = _png(out)
    assert image.shape[:2] == (1080, 1920)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert text == "https://zwfw.example.gov.cn/guide/birth"


def test_render_command_refuses_an_unknown_one_thing_in_words(tmp_path):
    result = run_kiosk(
        "render",
        "--screen",
        "notice",
        "--onething",
        "moon-landing",
        "-o",
        str(tmp_path / "x.png"),
    )
    assert result.returncode == 2
    assert "unknown one-thing 'moon-landing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_review_set_renders_every_screen_distinctly(qapp, tmp_path, config, catalog):
    paths = render_set(config, catalog, tmp_path)
    assert [p.stem for p in paths] == [s.name for s in review_set(catalog)]
    images = {p.stem: _png(p) for p in paths}
    for name, image in images.items():
        assert image.std() > 10, f"{name} looks blank"
    # Elderly mode is a different picture of the same screen, and darker-contrasted.
    assert not np.array_equal(images["01-attract"], images["08-attract-elderly"])
    # The idle warning dims the screen behind the countdown.
    assert images["07-idle-warning"].mean() < images["06-notice-birth"].mean() - 40


def test_render_of_an_unreachable_state_is_refused(qapp, tmp_path, config, catalog):
    with pytest.raises(RenderError, match="situation 'nobody'"):
        render(
            config,
            catalog,
            ScreenState(screen="notice", onething="birth", situation="nobody"),
            tmp_path / "x.png",
        )
