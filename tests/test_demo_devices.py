"""The demo panel's printer and camera buttons act on the simulators the kiosk uses."""

from __future__ import annotations

import cv2

from drivers.camera.qr import read_qr


def test_the_panel_runs_the_printer_out_of_paper_and_changes_the_camera_scene(tmp_path):
    from demo.devices import DemoDevices

    demo = DemoDevices(tmp_path)
    try:
        demo.act("paper_out")
        assert demo.printer.paper == "out"
        demo.act("paper_in")
        assert demo.printer.paper == "ok"
        demo.act("scene:qr-licence")
        ok, image = cv2.VideoCapture(demo.camera_source).read()
        assert ok and "92330102MA2CL5XT7M" in read_qr(image)[0]
        demo.act("nonsense")  # ignored, said in the log
    finally:
        demo.stop()


def test_the_demo_resident_blinks_where_the_face_models_see_her_eyes():
    """The blinking portrait's eyes are painted where dlib finds them, and the liveness
    challenge sees the blink; a still of her does not pass."""
    import numpy as np

    from drivers.camera import ga461, scenes
    from drivers.camera.verify import BlinkChallenge

    points = ga461.landmarks(scenes.draw("portrait"))[0]
    for eye, found in zip(scenes.PORTRAIT_EYES, (points[36:42], points[42:48]), strict=True):
        assert np.abs(np.array(eye) - found).max() <= 3
    frames = scenes.blinking_portrait()
    challenge = BlinkChallenge()
    assert any(challenge.feed(f) for f in frames[-12:] + frames[:8])
    still = BlinkChallenge()
    assert not any(still.feed(frames[0]) for _ in range(12))
