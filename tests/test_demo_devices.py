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
        image = cv2.imread(demo.camera_source)
        assert "92330102MA2CL5XT7M" in read_qr(image)[0]
        demo.act("nonsense")  # ignored, said in the log
    finally:
        demo.stop()
