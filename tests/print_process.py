"""The kiosk's print side in a process of its own, for tests that kill it: the print service
built from the configuration as the kiosk builds it (services.print_service.print_service),
on DATA_DIR, printing to a network printer on 127.0.0.1:PORT.

    python -m tests.print_process DATA_DIR PORT [--submit NUMBER]

With --submit it stores a short receipt first (session "session-1"). It prints "ready" once
started and a line for each job change ("job 1 done"), and runs until it is killed.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from kiosk.config import load_config
from services.print_service import print_service
from services.spooler import JobUpdate
from tests.print_samples import short_receipt


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("data_dir", type=Path)
    p.add_argument("port", type=int)
    p.add_argument("--submit", metavar="NUMBER")
    args = p.parse_args()
    config = load_config()
    config = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(args.data_dir)}),
            "printer": config.printer.model_copy(
                update={
                    "enabled": True,
                    "connection": "network",
                    "host": "127.0.0.1",
                    "port": args.port,
                    "paper_mm": 58,
                    "mode": "raster",
                }
            ),
        }
    )

    def said(u: JobUpdate) -> None:
        print(f"job {u.job_id} {u.state}", flush=True)

    service = print_service(config, on_job=said)
    assert service is not None
    service.start()
    if args.submit:
        service.submit(short_receipt(args.submit), "session-1")
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
