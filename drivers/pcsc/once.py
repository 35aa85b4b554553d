"""Read one card once, for a technician's test (`kiosk doctor card`, the maintenance screen):
wait for a card in any reader pcscd lists, connect, read it through the registered card
profiles and say how long each step took. The kiosk's own watcher (drivers.pcsc.driver)
shares the readers meanwhile (SCARD_SHARE_SHARED).

ServiceLost goes up when pcscd is not there; the caller words it as the service's fault,
not the card's."""

from __future__ import annotations

import time
from dataclasses import dataclass

from smartcard import scard as s

from drivers.pcsc import scard
from drivers.pcsc.apdu import ApduError
from drivers.pcsc.driver import MUTE, STOPPED
from drivers.pcsc.profiles import read_identity, registered
from drivers.pcsc.scard import CardGone, PcscError, ServiceLost
from kiosk.identity import Identity


@dataclass(frozen=True)
class CardRead:
    reader: str
    atr: bytes
    identity: Identity | None  # None: the card could not be read (`problem` says why)
    problem: str = ""
    wait_ms: float = 0.0  # until the card was there
    connect_ms: float = 0.0
    read_ms: float = 0.0


def readers() -> list[str]:
    """The readers pcscd lists; ServiceLost when it does not answer."""
    ctx = scard.establish()
    try:
        return scard.list_readers(ctx)
    finally:
        scard.release(ctx)


def read_once(wait: float) -> CardRead | None:
    """The first card found within `wait` seconds, read once; None when no card came. A card
    that leaves while it is read (taken out, or the last one on its way out) is waited past:
    its problem is the answer only if no other card is read in time."""
    started = time.monotonic()
    gone: CardRead | None = None
    ctx = scard.establish()
    try:
        names = scard.list_readers(ctx)
        if not names:
            return None
        states = [(name, s.SCARD_STATE_UNAWARE) for name in names]
        while True:
            left = started + wait - time.monotonic()
            changed = scard.wait_for_change(ctx, max(0.0, min(0.5, left)), states)
            for name, state, atr in changed or []:
                if gone is not None and gone.reader == name and state & s.SCARD_STATE_EMPTY:
                    gone = None  # it has left: nothing is wrong with it
                if state & s.SCARD_STATE_CHANGED and state & s.SCARD_STATE_PRESENT:
                    waited = (time.monotonic() - started) * 1000
                    if state & s.SCARD_STATE_MUTE:
                        return CardRead(name, atr, None, MUTE, waited)
                    read = _read(ctx, name, waited)
                    if read.problem != STOPPED:
                        return read
                    gone = read
            if changed:
                states = [(name, state & ~s.SCARD_STATE_CHANGED) for name, state, _ in changed]
            if left <= 0:
                return gone
    finally:
        scard.release(ctx)


def _read(ctx: int, reader: str, waited: float) -> CardRead:
    t0 = time.monotonic()
    try:
        card, protocol, atr = scard.connect(ctx, reader)
    except ServiceLost:
        raise
    except CardGone:
        return CardRead(reader, b"", None, STOPPED, waited)
    except PcscError as e:
        return CardRead(reader, b"", None, f"{MUTE} ({e})", waited)
    t1 = time.monotonic()
    try:
        with scard.transaction(card):  # the kiosk's own watcher reads it too
            identity = read_identity(scard.transmitter(card, protocol), atr, reader, registered())
        problem = ""
    except ServiceLost:
        raise
    except CardGone:
        identity, problem = None, STOPPED
    except (ApduError, PcscError) as e:
        identity, problem = None, str(e)
    finally:
        scard.disconnect(card)
    t2 = time.monotonic()
    return CardRead(reader, atr, identity, problem, waited, (t1 - t0) * 1000, (t2 - t1) * 1000)
