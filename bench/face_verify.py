"""Face verification's error rates on the real faces at hand (drivers.camera.faceset: three
people in five photographs, each degraded ten ways as a kiosk camera would): false rejects
(the same person refused) and false accepts (another person accepted) at several distance
thresholds, dlib's 0.6 being the one the kiosk uses, and the nearest stranger and farthest
self. Few people: read the limits in the README before trusting the zeros.

    .venv/bin/python bench/face_verify.py
"""

from __future__ import annotations

import time


def main() -> None:
    from drivers.camera import faceset, verify

    start = time.perf_counter()
    m = faceset.measure()
    took = time.perf_counter() - start
    print(
        f"face verification: {len(m.genuine)} same-person and {len(m.impostor)} other-person "
        f"comparisons, {m.no_face} live frames without a face ({took:.0f} s)"
    )
    far, near = max(m.genuine), min(m.impostor)
    print(f"  farthest same person {far:.3f}, nearest other person {near:.3f}")
    print("  threshold  false reject  false accept")
    for threshold in (0.45, 0.5, 0.55, verify.MATCH_DISTANCE, 0.65, 0.7):
        fr, fa = m.false_reject(threshold), m.false_accept(threshold)
        mark = "  <- the kiosk's" if threshold == verify.MATCH_DISTANCE else ""
        print(f"  {threshold:9.2f}  {fr:12.1%}  {fa:12.1%}{mark}")


if __name__ == "__main__":
    main()
