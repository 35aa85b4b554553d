"""Outbox delivery throughput: N queued applications, each with three 200 KB materials,
delivered by the kiosk's sync worker to the reference hub on loopback (SQLite).

Aim: 1,000 applications in under 60 s on a 2-core machine (the hub and the kiosk share it).
Usage: bench/outbox_throughput.py [N]
"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.hub.data

from central.process import HubProcess
from kiosk.contract import ApplicationSubmit
from kiosk.hubclient import HubSettings
from services.storage import KioskData
from services.sync import SyncOptions, SyncWorker
from tests.hub.data import birth_application

AIM_SECONDS = 60.0
MATERIAL_BYTES = 200 * 1024


def application(i: int) -> ApplicationSubmit:
    def material(material_id: str, content_type: str, magic: bytes) -> dict:
        # Incompressible, like a photographed page, behind the magic of its type.
        data = magic + os.urandom(MATERIAL_BYTES)
        return {
            "material_id": material_id,
            "file_name": f"{material_id}-{i}",
            "content_type": content_type,
            "data_base64": base64.b64encode(data).decode(),
        }

    # A complete birth application, as the hub requires it (central.requirements).
    body = birth_application(applicant={"number": "11010519491231002X", "name": f"样例{i}"})
    body["form"]["child-name"] = f"样例{i}"
    body["materials"] = [
        material("registration-form", "application/pdf", b"%PDF-1.4\n"),
        material("photo", "image/jpeg", b"\xff\xd8\xff\xe0"),
        material("signature", "image/png", b"\x89PNG\r\n\x1a\n"),
    ]
    body["terminal"] = "bench"
    return ApplicationSubmit.model_validate(body)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        hub = HubProcess(Path(tmp) / "hub").start()
        try:
            data = Path(tmp) / "kiosk"
            token = hub.enrol("bench-kiosk")
            outbox = KioskData(data).outbox()
            t0 = time.perf_counter()
            for i in range(n):
                outbox.enqueue(application(i))
            queued = time.perf_counter() - t0

            worker = SyncWorker(
                data,
                SyncOptions(hub=HubSettings(hub.url, read_timeout=60), token=token, parallel=4),
            )
            t0 = time.perf_counter()
            done = worker.deliver_all(timeout=600)
            elapsed = time.perf_counter() - t0
        finally:
            hub.stop()
    megabytes = n * 3 * MATERIAL_BYTES / 1e6
    print(
        f"outbox delivery, {n} applications x 3 x 200 KB ({megabytes:.0f} MB of materials), "
        f"{os.cpu_count()} cores"
    )
    print(f"  queued (sealed, durable)   {queued:7.2f} s   {n / queued:7.1f} applications/s")
    print(
        f"  delivered                  {elapsed:7.2f} s   {n / elapsed:7.1f} applications/s"
        f"   {megabytes / elapsed:6.1f} MB/s"
    )
    print(
        f"  all delivered: {done}; retried {worker.counters.retried}, refused "
        f"{worker.counters.refused}"
    )
    scaled = elapsed * 1000 / n
    print(
        f"  time for 1,000 / aim ({AIM_SECONDS:.0f} s)  {scaled / AIM_SECONDS:6.2f}  "
        f"({'within' if scaled <= AIM_SECONDS else 'OVER'} the aim)"
    )


if __name__ == "__main__":
    main()
