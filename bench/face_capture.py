"""The face work on one core at 1280 × 720 (the simulator's portrait in front of a white wall):
milliseconds for the GA 461 photo (landmarks, crop, checks) taken once at capture, the face
descriptor for verification (once a session), and the blink challenge's landmarks a frame
(at 640 px wide), with the frames a second that leaves for liveness.

    .venv/bin/python bench/face_capture.py
"""

from __future__ import annotations

import statistics
import time

ROUNDS = 10


def _ms(fn, rounds: int = ROUNDS) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[-1]


def main() -> None:
    from drivers.camera import ga461, scenes
    from drivers.camera.verify import BlinkChallenge, descriptor

    frame = scenes.id_portrait()
    ga461.make_photo(frame)  # the models load once
    descriptor(frame)
    photo = _ms(lambda: ga461.make_photo(frame))
    desc = _ms(lambda: descriptor(frame), 5)
    challenge = BlinkChallenge()
    blink = _ms(lambda: challenge.feed(frame), 25)
    from drivers.camera.face import FaceDetector

    box = FaceDetector().faces(frame)[0]  # as the photo mode has it from its Haar pass
    cropped = _ms(lambda: challenge.feed(frame, box), 25)
    print("Face work at 1280x720, one core (median, worst)")
    print(f"  GA 461 photo (landmarks, crop, checks): {photo[0]:.0f} ms, {photo[1]:.0f} ms")
    print(f"  face descriptor for verification: {desc[0]:.0f} ms, {desc[1]:.0f} ms")
    print(
        f"  blink challenge a frame, whole frame at 640 px: {blink[0]:.0f} ms, {blink[1]:.0f} ms"
        f" ({1000 / blink[0]:.0f} frames a second)"
    )
    print(
        f"  blink challenge a frame, the face's crop: {cropped[0]:.0f} ms, {cropped[1]:.0f} ms"
        f" ({1000 / cropped[0]:.0f} frames a second)"
    )


if __name__ == "__main__":
    main()
