"""The few PC/SC calls the driver makes (pyscard's low-level `smartcard.scard`), with result
codes turned into exceptions that say what happened in terms the driver acts on: the
service is gone, the reader is gone, the card is gone, or the card misbehaved.

The low-level API rather than pyscard's CardMonitor: the monitor's thread dies silently when
pcscd restarts, and the driver must see exactly that and recover.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from smartcard import scard as s

from drivers.pcsc.apdu import Transmit

NO_SERVICE = "the smart card service (pcscd) is not running"
REFUSED = (
    "the smart card service (pcscd) refused the kiosk: if this lasts, allow the kiosk's "
    "user in polkit (org.debian.pcsc-lite.access_pcsc)"
)
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"  # a pseudo-reader that changes when readers do

# Codes after which the context is useless: pcscd stopped, restarted or crashed.
_SERVICE = {
    s.SCARD_E_NO_SERVICE,
    s.SCARD_E_SERVICE_STOPPED,
    s.SCARD_F_COMM_ERROR,  # "RPC transport error": the socket to pcscd broke
    s.SCARD_E_INVALID_HANDLE,  # the context died with the daemon that made it
    s.SCARD_F_INTERNAL_ERROR,
    # "Access denied": polkit refusing the kiosk's user, or pcscd shutting down (it answers
    # so for a moment after SIGTERM). Either way there is no service to use: retry.
    s.SCARD_W_SECURITY_VIOLATION,
}
_READER = {s.SCARD_E_UNKNOWN_READER, s.SCARD_E_READER_UNAVAILABLE}
_CARD = {
    s.SCARD_W_REMOVED_CARD,
    s.SCARD_E_NO_SMARTCARD,
    s.SCARD_W_RESET_CARD,
    s.SCARD_E_NOT_TRANSACTED,  # vpcd's connection closed mid-command: the card was pulled
}


def _code(hr: int) -> int:
    return hr & 0xFFFFFFFF


class PcscError(Exception):
    def __init__(self, doing: str, hr: int) -> None:
        self.code = _code(hr)
        super().__init__(
            f"{doing}: {s.SCardGetErrorMessage(hr).strip().rstrip('.')} (0x{self.code:08X})"
        )


class ServiceLost(PcscError):
    """pcscd is not (or no longer) there: the context must be established again."""

    @property
    def detail(self) -> str:
        """Plain words for the reader's state."""
        return REFUSED if self.code == s.SCARD_W_SECURITY_VIOLATION else NO_SERVICE


class ReaderGone(PcscError):
    pass


class CardGone(PcscError):
    """The card left (or was reset) while it was being read."""


def check(hr: int, doing: str) -> None:
    code = _code(hr)
    if code == s.SCARD_S_SUCCESS:
        return
    if code in _SERVICE:
        raise ServiceLost(doing, hr)
    if code in _READER:
        raise ReaderGone(doing, hr)
    if code in _CARD:
        raise CardGone(doing, hr)
    raise PcscError(doing, hr)


def establish() -> int:
    hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
    check(hr, "connecting to the smart card service (pcscd)")
    return ctx


def release(ctx: int) -> None:
    s.SCardReleaseContext(ctx)  # fails harmlessly when pcscd is already gone


def cancel(ctx: int) -> None:
    s.SCardCancel(ctx)


def list_readers(ctx: int) -> list[str]:
    hr, readers = s.SCardListReaders(ctx, [])
    if _code(hr) == s.SCARD_E_NO_READERS_AVAILABLE:
        return []
    check(hr, "listing the card readers")
    return list(readers)


def wait_for_change(
    ctx: int, timeout_s: float, states: list[tuple[str, int]]
) -> list[tuple[str, int, bytes]] | None:
    """SCardGetStatusChange: the new (reader, event state, ATR) list, or None on timeout or
    when cancelled."""
    hr, changed = s.SCardGetStatusChange(ctx, int(timeout_s * 1000), states)
    if _code(hr) in (s.SCARD_E_TIMEOUT, s.SCARD_E_CANCELLED):
        return None
    check(hr, "waiting for card readers")
    return [(name, state, bytes(atr)) for name, state, atr in changed]


def connect(ctx: int, reader: str) -> tuple[int, int, bytes]:
    """(card handle, protocol, ATR): the ATR of the card actually connected, which may not
    be the one last seen in the reader's state if it was swapped in between."""
    hr, card, protocol = s.SCardConnect(
        ctx, reader, s.SCARD_SHARE_SHARED, s.SCARD_PROTOCOL_T0 | s.SCARD_PROTOCOL_T1
    )
    check(hr, "connecting to the card")
    hr, _, _, _, atr = s.SCardStatus(card)
    if _code(hr) != s.SCARD_S_SUCCESS:
        disconnect(card)
        check(hr, "asking the card's ATR")
    return card, protocol, bytes(atr)


def disconnect(card: int) -> None:
    s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)


@contextmanager
def transaction(card: int) -> Iterator[None]:
    """The card to this handle alone for a read: another program's commands (the kiosk's
    watcher and a technician's card test share the readers) wait rather than fall between a
    SELECT and its READ RECORD. Without it, if the card will not grant one, as before."""
    locked = _code(s.SCardBeginTransaction(card)) == s.SCARD_S_SUCCESS
    try:
        yield
    finally:
        if locked:
            s.SCardEndTransaction(card, s.SCARD_LEAVE_CARD)


def transmitter(card: int, protocol: int) -> Transmit:
    def transmit(apdu: bytes) -> bytes:
        hr, answer = s.SCardTransmit(card, protocol, list(apdu))
        check(hr, "talking to the card")
        return bytes(answer)

    return transmit
