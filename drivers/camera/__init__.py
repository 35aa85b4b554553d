"""The camera: the resident's ID photo, paper materials and the QR codes residents bring.

`source` opens what the configuration names (a device, a video file, an image sequence or a
still image); `worker.CameraWorker` reads it on its own thread, keeps only the latest frame and
hands it to the mode's analyser (`face`/`idphoto`, `document`, `qr`) on a second thread; status
goes through drivers.events. `scenes` draws the simulator's pictures. No Qt here.
"""

from drivers.camera.frames import Frame
from drivers.camera.worker import CameraWorker, Mode

__all__ = ["CameraWorker", "Frame", "Mode"]
