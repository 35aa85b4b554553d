"""Card inserted to Identity: the kiosk's PC/SC driver against a bare pyscard read.

Through the real stack: pcscd, vsmartcard's vpcd reader, and the virtual social security
card (drivers/pcsc/vcard.py). Each run connects the card (the insertion) and times until
the Identity arrives: through PcscDriver's CardInserted event on reader slot 0, and through
a bare pyscard loop (SCardGetStatusChange, SCardConnect, the same APDUs, a minimal decode)
on slot 1. Runs alternate between the two so both meet pcscd's card polling (every 0.4 s
for vpcd, which dominates both figures) alike.

Aim: the driver's median under 1.2 x the bare read's median + 50 ms.
Usage: bench/card_latency.py [RUNS]   (default 100; pcscd is started if not running: root)
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time

from smartcard import scard as s

from drivers.events import CardInserted, CardRemoved, DriverEvent
from drivers.pcsc import PcscDriver, scard
from drivers.pcsc.apdu import read_record, select_aid, select_file
from drivers.pcsc.cardfile import DEFAULT_CARD, load_card
from drivers.pcsc.profiles import read_identity, registered
from drivers.pcsc.ssse import FIELDS, READ_PLAN, SSSE_AID
from drivers.pcsc.vcard import VirtualCard

SLOT_DRIVER, SLOT_BARE = "Virtual PCD 00 00", "Virtual PCD 00 01"
PORTS = {SLOT_DRIVER: 35963, SLOT_BARE: 35964}
AIM_FACTOR, AIM_EXTRA = 1.2, 0.050


def listed_readers() -> list[str]:
    hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
    if hr != s.SCARD_S_SUCCESS:
        return []
    try:
        hr, names = s.SCardListReaders(ctx, [])
        return list(names) if hr == s.SCARD_S_SUCCESS else []
    finally:
        s.SCardReleaseContext(ctx)


def ensure_pcscd() -> subprocess.Popen | None:
    """pcscd with the vpcd readers: the running one, or one of our own (stopped at the end)."""
    if {SLOT_DRIVER, SLOT_BARE} <= set(listed_readers()):
        return None
    if os.geteuid() != 0 or shutil.which("pcscd", path="/usr/sbin:/usr/bin") is None:
        raise SystemExit(
            "card_latency: needs pcscd with vsmartcard-vpcd running, or root to start it"
        )
    proc = subprocess.Popen(
        ["/usr/sbin/pcscd", "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if {SLOT_DRIVER, SLOT_BARE} <= set(listed_readers()):
            return proc
        time.sleep(0.05)
    proc.terminate()
    raise SystemExit("card_latency: pcscd did not list the vpcd readers within 10 s")


def bare_read(ctx: int, reader: str) -> tuple[str, str]:
    """What a bare pyscard script does: the SSSE APDUs in a row, minimal checks."""
    hr, card, proto = s.SCardConnect(ctx, reader, s.SCARD_SHARE_SHARED, s.SCARD_PROTOCOL_ANY)
    assert hr == s.SCARD_S_SUCCESS, s.SCardGetErrorMessage(hr)

    def tx(apdu: bytes) -> bytes:
        hr, answer = s.SCardTransmit(card, proto, list(apdu))
        assert hr == s.SCARD_S_SUCCESS, s.SCardGetErrorMessage(hr)
        if answer[-2] == 0x61:
            hr, answer = s.SCardTransmit(card, proto, [0x00, 0xC0, 0x00, 0x00, answer[-1]])
        return bytes(answer[:-2])

    try:
        tx(select_aid(SSSE_AID))
        values = {}
        for ef, tags in READ_PLAN:
            tx(select_file(ef))
            for tag in tags:
                record = tx(read_record(tag, FIELDS[tag].le))
                values[tag] = record[2 : 2 + record[1]]
        return values[0x09].rstrip(b"\x00").decode("gbk"), values[0x08].decode("ascii")
    finally:
        s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)


class BareWatcher(threading.Thread):
    """A bare SCardGetStatusChange loop on one reader; `done` is set at each identity read."""

    def __init__(self, reader: str) -> None:
        super().__init__(daemon=True)
        self.reader = reader
        self.done, self.gone = threading.Event(), threading.Event()
        self.at = 0.0
        self.stopping = False

    def run(self) -> None:
        hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
        state, present = s.SCARD_STATE_UNAWARE, False
        while not self.stopping:
            hr, states = s.SCardGetStatusChange(ctx, 200, [(self.reader, state)])
            if hr != s.SCARD_S_SUCCESS:
                continue
            state = states[0][1] & ~s.SCARD_STATE_CHANGED
            now_present = bool(state & s.SCARD_STATE_PRESENT)
            if now_present and not present:
                bare_read(ctx, self.reader)
                self.at = time.perf_counter()
                self.done.set()
            elif present and not now_present:
                self.gone.set()
            present = now_present
        s.SCardReleaseContext(ctx)


def read_alone(data, reads: int) -> tuple[list[float], list[float]]:
    """The read by itself, the card already in slot 0: the driver's code (connect, profiles,
    decoding, checks) against the bare script's, alternately."""
    ours: list[float] = []
    bare: list[float] = []
    with VirtualCard(data, PORTS[SLOT_DRIVER]):
        ctx = scard.establish()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            _, states = s.SCardGetStatusChange(ctx, 0, [(SLOT_DRIVER, s.SCARD_STATE_UNAWARE)])
            if states[0][1] & s.SCARD_STATE_PRESENT:
                break
            time.sleep(0.05)
        for _ in range(reads):
            start = time.perf_counter()
            card, protocol, atr = scard.connect(ctx, SLOT_DRIVER)
            try:
                read_identity(scard.transmitter(card, protocol), atr, SLOT_DRIVER, registered())
            finally:
                scard.disconnect(card)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_read(ctx, SLOT_DRIVER)
            bare.append(time.perf_counter() - start)
        scard.release(ctx)
    return ours, bare


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    own = ensure_pcscd()
    data = load_card(DEFAULT_CARD)
    inserted, removed = threading.Event(), threading.Event()
    arrived = [0.0]

    def on_event(event: DriverEvent) -> None:
        if isinstance(event, CardInserted):
            arrived[0] = time.perf_counter()
            inserted.set()
        elif isinstance(event, CardRemoved):
            removed.set()

    alone_ours, alone_bare = read_alone(data, 200)
    driver = PcscDriver(on_event, readers=[SLOT_DRIVER]).start()
    bare = BareWatcher(SLOT_BARE)
    bare.start()
    time.sleep(0.5)
    through_driver: list[float] = []
    through_bare: list[float] = []
    rng = random.Random(7)
    try:
        for i in range(2 * runs):
            use_driver = i % 2 == 0
            reader = SLOT_DRIVER if use_driver else SLOT_BARE
            done, gone = (inserted, removed) if use_driver else (bare.done, bare.gone)
            done.clear()
            gone.clear()
            card = VirtualCard(data, PORTS[reader])
            start = time.perf_counter()
            card.insert()
            if not done.wait(5):
                raise SystemExit(f"card_latency: no identity within 5 s on {reader}")
            end = arrived[0] if use_driver else bare.at
            (through_driver if use_driver else through_bare).append(end - start)
            card.remove()
            gone.wait(5)
            # Removal is seen at one of pcscd's polls: insert at a random phase of the next.
            time.sleep(rng.uniform(0, 0.4))
    finally:
        driver.stop()
        bare.stopping = True
        bare.join(2)
        if own is not None:
            own.terminate()
            own.wait(5)

    d50, b50 = statistics.median(through_driver), statistics.median(through_bare)
    d95, b95 = percentile(through_driver, 95), percentile(through_bare, 95)
    aim = AIM_FACTOR * b50 + AIM_EXTRA
    print(f"card inserted to Identity, {runs} insertions each (pcscd + vpcd + virtual card)")
    print(f"  through PcscDriver        median {d50 * 1000:6.1f} ms   p95 {d95 * 1000:6.1f} ms")
    print(f"  bare pyscard read         median {b50 * 1000:6.1f} ms   p95 {b95 * 1000:6.1f} ms")
    print(f"  driver / bare (median)    {d50 / b50:6.2f}x   (p95 {d95 / b95:.2f}x)")
    print(
        f"  driver / aim ({AIM_FACTOR}x bare + {AIM_EXTRA * 1000:.0f} ms = {aim * 1000:.0f} ms)"
        f"   {d50 / aim:6.2f}  ({'within' if d50 <= aim else 'OVER'} the aim)"
    )
    a_ours, a_bare = statistics.median(alone_ours), statistics.median(alone_bare)
    print(
        f"  the read alone (card in, 200 reads): driver code {a_ours * 1000:.2f} ms, bare "
        f"{a_bare * 1000:.2f} ms, {a_ours / a_bare:.2f}x; the rest is pcscd noticing the card"
    )


if __name__ == "__main__":
    main()
