"""What the `kiosk` command does without a screen: enrol with the hub, count the outbox,
deliver it in the foreground, print the receipt printer's test page. Each returns what to
print, or raises CommandFailed in plain words; the command (ui/cli.py) prints and exits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.config import Config
from kiosk.hubclient import HubClient, HubError
from kiosk.hubtoken import HubToken
from kiosk.store import StoreError
from services.storage import KioskData
from services.sync import sync_worker

__all__ = ["CommandFailed", "StoreError", "enrol", "outbox_counts", "print_test", "sync"]


class CommandFailed(Exception):
    """str() says what went wrong; `status` is the command's exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def enrol(config: Config, code: str) -> str:
    try:
        reply = HubClient(config.hub.settings()).enrol(config.kiosk.id, code)
    except HubError as e:
        raise CommandFailed(f"the hub did not enrol this kiosk: {e}") from None
    HubToken(config.token_path()).save(reply.token, reply.expires_in)
    return f"kiosk {reply.kiosk_id} enrolled with {config.hub.url}"


def outbox_counts(config: Config) -> dict[str, int]:
    with KioskData(config.data_dir()) as data:
        return data.outbox().counts()


@dataclass(frozen=True)
class Synced:
    done: bool  # nothing pending is left
    summary: str
    last_error: str


def sync(config: Config, *, until_empty: bool, timeout: float) -> Synced:
    """Deliver the outbox (and send heartbeats) in this process: until it is empty (or
    `timeout` seconds), or until interrupted."""
    token = HubToken(config.token_path())
    if not token.token():
        raise CommandFailed("this kiosk is not enrolled yet: run `kiosk enrol CODE`", status=2)
    worker = sync_worker(config, token)
    if until_empty:
        done = worker.deliver_all(timeout=timeout)
    else:
        worker.start()
        try:
            while worker.alive:
                worker.stopping.wait(1.0)
        finally:
            worker.stop()
        done = True
    c = worker.counters
    summary = f"delivered {c.delivered}, retrying {c.retried}, refused {c.refused}"
    return Synced(done, summary, c.last_error)


def print_test(config: Config, now: datetime | None = None) -> str:
    """The test page, straight to the receipt printer as configured (not through the print
    queue: a technician at the printer wants to see it print, or why not, now). Best run
    between residents: a receipt printing at that moment goes first."""
    cfg = config.printer
    if not cfg.enabled:
        raise CommandFailed("this kiosk has no receipt printer ([printer] enabled = false)", 2)
    # Imported here: the printer's side is slow to import and only this command needs it.
    from drivers.printer.driver import PrintFailed, PrintUnknown
    from kiosk.printing.builders import build_test_page
    from services.print_service import printer_from_config

    where = {
        "network": f"{cfg.host}:{cfg.port}",
        "usb": f"USB {cfg.usb_vendor:04x}:{cfg.usb_product:04x}",
        "serial": cfg.serial_port,
    }[cfg.connection]
    printer = printer_from_config(cfg)
    setup = f"{printer.paper.mm} mm, {printer.mode}, {where}"
    page = build_test_page(config.kiosk.name, now or config.kiosk.now(), setup)
    try:
        printer.print_document(page)
    except PrintFailed as e:
        raise CommandFailed(f"the test page did not print: the printer is {e}") from None
    except PrintUnknown as e:
        raise CommandFailed(
            f"the test page may not have printed: {e}; look at the printer"
        ) from None
    return f"test page printed ({setup})"
