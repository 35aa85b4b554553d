"""The PC/SC card reader driver: one watcher thread over pcscd, events out through a callback.

The watcher lists the readers, waits in SCardGetStatusChange on them and on the PnP
pseudo-reader (readers coming and going), reads each inserted card through the registered
card profiles, and reports:

- CardInserted(reader, identity) when a card was read; CardUnreadable(reader, problem,
  failure) when it was not: what it saw (kiosk.identity.ReadFailure: another kind of card,
  named where it can tell, pulled, mute, wrong data, or pcscd gone while an unread card was
  in), the problem in plain words, never personal data; CardRemoved(reader) when a card that
  was reported in either way leaves, exactly once per card. It does not judge what it read:
  the ID number's check character and the dates are the core's (Identity.check).
- StatusChanged(DeviceState) for "pcsc" (the service itself) and for each reader
  ("pcsc:<reader name>"): READY, OFFLINE while pcscd is down or the reader is gone, ERROR
  when the reader is there but unusable.

It recovers on its own (drivers.device): when pcscd stops or restarts, the context is dropped
(readers offline; a card that was in is held, not reported removed: pcscd stopping is not
the resident taking it out) and established again after a pause that starts at
`retry_interval` and doubles while pcscd stays away; readers are re-listed on every PnP change
and at least every `poll_interval`; a card pulled mid-read is reported and forgotten. The
callback runs on the watcher thread, never a Qt thread; a UI re-emits events as queued
signals. A callback that raises is logged and the watcher carries on.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from smartcard import scard as s

from drivers.device import Device, EventSink
from drivers.events import CardInserted, CardRemoved, CardUnreadable
from drivers.pcsc import scard
from drivers.pcsc.apdu import ApduError, ShortAnswer, Transmit
from drivers.pcsc.profiles import (
    CardProfile,
    UnknownCard,
    other_card_kind,
    read_identity,
    registered,
)
from drivers.pcsc.scard import CardGone, PcscError, ReaderGone, ServiceLost
from kiosk.devices import DeviceStatus
from kiosk.identity import OtherCard, ReadFailure

log = logging.getLogger(__name__)

SERVICE = "pcsc"  # the DeviceState name of the smart card service; readers are "pcsc:<name>"

NO_READER = "the reader is not connected"
PULLED = "the card was taken out before it could be read: insert it and leave it in"
MUTE = "the card does not answer: it may be inserted the wrong way round, or damaged"
STOPPED = "the card stopped answering while it was read: take it out and insert it again"
LOST_SERVICE = "the smart card service went away with an unread card in the reader"


def device_name(reader: str) -> str:
    return f"{SERVICE}:{reader}"


@dataclass
class _Reader:
    name: str
    listed: bool = False  # pcscd lists it now
    state: int = s.SCARD_STATE_UNAWARE  # last event state, passed back to GetStatusChange
    card: int | None = None  # event counter of the card already handled, if one is in
    reported: bool = False  # that card was reported (inserted or unreadable)
    # While pcscd was away nobody could see the reported card: it is held, not reported
    # removed (the resident did nothing), until the reader is seen again.
    held: bool = False
    holder: str = ""  # the ID number the reported card was read as ("" if unreadable)


class PcscDriver(Device):
    """Watch PC/SC readers and report cards and reader states to `on_event`.

    `readers`: the reader names this kiosk has; they are reported offline until they
    appear, and only they are watched. Empty: watch every reader pcscd lists.
    `profiles`: the card profiles to try (default: every registered one).
    `retry_interval`: the first pause before pcscd is asked again; it doubles up to
    `retry_cap` while pcscd stays away.
    """

    lost_errors = (ServiceLost,)

    def __init__(
        self,
        on_event: EventSink,
        *,
        readers: Sequence[str] = (),
        profiles: Iterable[CardProfile] | None = None,
        retry_interval: float = 0.5,
        retry_cap: float = 5.0,
        poll_interval: float = 1.0,
        settle: float = 1.0,
    ) -> None:
        # No pause between rounds: each waits in SCardGetStatusChange up to poll_interval.
        super().__init__(
            SERVICE,
            on_event,
            backoff=(retry_interval, max(retry_interval, retry_cap)),
            thread_name="pcsc-watcher",
        )
        self.expected = tuple(readers)
        self.profiles = tuple(registered() if profiles is None else profiles)
        self.poll_interval = poll_interval
        # How long pcscd may take to notice a card is gone (vpcd is polled every 0.4 s).
        self.settle = settle
        self._readers: dict[str, _Reader] = {n: _Reader(n) for n in self.expected}
        self._ctx: int | None = None
        self._pnp = s.SCARD_STATE_UNAWARE
        self._pnp_works = True
        self._lock = threading.Lock()  # the context, released by stop() from another thread

    # -- the watcher (drivers.device) --------------------------------------------------------

    def connect(self) -> bool:
        ctx = scard.establish()  # ServiceLost: lost() says so
        with self._lock:
            self._ctx = ctx
        self._set_status(DeviceStatus.READY)
        return True

    def cycle(self) -> None:
        self._refresh_readers()
        self._wait()

    def close(self) -> None:
        with self._lock:
            ctx, self._ctx = self._ctx, None
        if ctx is not None:
            scard.release(ctx)

    def interrupt(self) -> None:
        with self._lock:
            if self._ctx is not None:
                scard.cancel(self._ctx)  # wakes SCardGetStatusChange

    def lost(self, problem: Exception) -> None:
        assert isinstance(problem, ServiceLost)
        self._drop_context(problem.detail)

    def failed(self) -> None:
        error = sys.exception()
        self._drop_context(f"the card reader driver hit an unexpected {type(error).__name__}")

    def _drop_context(self, detail: str) -> None:
        self.close()
        self._pnp = s.SCARD_STATE_UNAWARE
        for reader in self._readers.values():
            if reader.card is not None and not reader.reported:
                # A card is in and was not read (or not read well): whatever is on the
                # resident's screen, the reader is what fails now, not the card.
                self._unreadable(reader, f"{LOST_SERVICE} ({detail})", ReadFailure.READER_LOST)
            if reader.reported:
                reader.held = True
            reader.card = None
            reader.listed, reader.state = False, s.SCARD_STATE_UNAWARE
            self._set_status(DeviceStatus.OFFLINE, detail, name=device_name(reader.name))
        self._set_status(DeviceStatus.OFFLINE, detail)

    def _wanted(self, name: str) -> bool:
        return not self.expected or name in self.expected

    def _refresh_readers(self) -> None:
        assert self._ctx is not None
        listed = {n for n in scard.list_readers(self._ctx) if self._wanted(n)}
        for name in listed:
            reader = self._readers.setdefault(name, _Reader(name))
            if not reader.listed:
                reader.listed, reader.state = True, s.SCARD_STATE_UNAWARE
                self._set_status(DeviceStatus.READY, name=device_name(name))
        for reader in self._readers.values():
            if reader.name not in listed:
                if reader.listed:
                    log.warning("PC/SC: reader %r is gone", reader.name)
                self._forget_card(reader)
                reader.listed, reader.state = False, s.SCARD_STATE_UNAWARE
                self._set_status(DeviceStatus.OFFLINE, NO_READER, name=device_name(reader.name))

    def _wait(self) -> None:
        assert self._ctx is not None
        watched = [r for r in self._readers.values() if r.listed]
        states = [(r.name, r.state) for r in watched]
        if self._pnp_works:
            states.append((scard.PNP_NOTIFICATION, self._pnp))
        if not self.running:
            return
        if not states:  # nothing to wait on: look again later
            self.pause(self.poll_interval)
            return
        changed = scard.wait_for_change(self._ctx, self.poll_interval, states)
        for name, event, _atr in changed or ():
            if name == scard.PNP_NOTIFICATION:
                self._pnp = event & ~s.SCARD_STATE_CHANGED
                if event & s.SCARD_STATE_UNKNOWN:
                    # A PC/SC without PnP notification would wake us at once, every time:
                    # do without it, re-listing readers every poll_interval instead.
                    self._pnp_works = False
            elif name in self._readers:
                self._reader_event(self._readers[name], event)

    def _reader_event(self, reader: _Reader, event: int) -> None:
        reader.state = event & ~s.SCARD_STATE_CHANGED
        if event & (s.SCARD_STATE_UNKNOWN | s.SCARD_STATE_IGNORE):
            return  # unplugged: the next listing says so
        if event & s.SCARD_STATE_UNAVAILABLE:
            self._forget_card(reader)
            self._set_status(
                DeviceStatus.ERROR,
                "the reader is connected but its driver says it is unavailable",
                name=device_name(reader.name),
            )
            return
        self._set_status(DeviceStatus.READY, name=device_name(reader.name))
        counter = event >> 16  # pcscd counts insertions and removals here
        present = bool(event & s.SCARD_STATE_PRESENT)
        if reader.card is not None and (not present or counter != reader.card):
            # Gone, or taken out and put back (or swapped) between two polls.
            self._forget_card(reader)
        if reader.held and not present:
            self._forget_card(reader)  # taken out while pcscd was away
        if not present or reader.card is not None:
            return
        reader.card = counter
        if event & s.SCARD_STATE_MUTE:
            self._unreadable(reader, MUTE, ReadFailure.NO_ANSWER)
        else:
            self._read(reader)

    def _read(self, reader: _Reader, attempt: int = 1) -> None:
        assert self._ctx is not None
        try:
            card, protocol, atr = scard.connect(self._ctx, reader.name)
        except (CardGone, ReaderGone):
            if reader.held:
                self._forget_card(reader)  # the card held through an outage has gone
            reader.card = None  # it left before we could talk to it: nothing to report
            return
        except ServiceLost:
            raise
        except PcscError as e:
            self._unreadable(reader, f"{MUTE} ({e})", ReadFailure.NO_ANSWER)
            return
        other: OtherCard | None = None
        failure = ReadFailure.BAD_DATA
        try:
            transmit = scard.transmitter(card, protocol)
            with scard.transaction(card):  # a technician's card test may read it too
                identity = read_identity(transmit, atr, reader.name, self.profiles)
        except (CardGone, ShortAnswer) as e:
            log.info("PC/SC: the card in %r stopped answering: %s", reader.name, e)
            problem = None  # decided below, once the card is released
        except ServiceLost:
            raise
        except UnknownCard as e:
            problem, failure = str(e), ReadFailure.OTHER_CARD
            other = self._other_kind(transmit)
        except ApduError as e:
            problem = str(e)
        except PcscError as e:
            problem, failure = f"{STOPPED} ({e})", ReadFailure.NO_ANSWER
        else:
            if reader.held and identity.id_number != reader.holder:
                self._swapped(reader)  # another card was put in while pcscd was away
            reader.held = False
            reader.reported, reader.holder = True, identity.id_number
            self._emit(CardInserted(reader.name, identity))
            return
        finally:
            scard.disconnect(card)
        if problem is not None:
            self._unreadable(reader, problem, failure, other)
        elif self._card_left(reader):
            # Pulled mid-read: say so (the resident may wonder why nothing happened).
            self._unreadable(reader, PULLED, ReadFailure.LEFT)
            self._forget_card(reader)
        elif attempt == 1:
            # Still there: pulled and pushed back faster than pcscd polls, or reset by
            # another program. Once more; a card that fails twice is broken.
            self._read(reader, attempt + 1)
        else:
            self._unreadable(reader, STOPPED, ReadFailure.NO_ANSWER)

    def _card_left(self, reader: _Reader) -> bool:
        assert self._ctx is not None
        state = reader.state
        remaining = self.settle
        while remaining > 0 and self.running:
            changed = scard.wait_for_change(self._ctx, min(remaining, 0.2), [(reader.name, state)])
            remaining -= 0.2
            if changed:
                state = changed[0][1] & ~s.SCARD_STATE_CHANGED
                if not state & s.SCARD_STATE_PRESENT or (state >> 16) != reader.card:
                    reader.state = state
                    return True
        return False

    def _other_kind(self, transmit: Transmit) -> OtherCard:
        """What the card is, when it is none of the profiles': asked of the card itself."""
        try:
            return other_card_kind(transmit)
        except ServiceLost:
            raise
        except (ApduError, PcscError):
            return OtherCard.UNKNOWN  # it would not say: "not a card this kiosk reads" still holds

    def _unreadable(
        self,
        reader: _Reader,
        problem: str,
        failure: ReadFailure,
        other: OtherCard | None = None,
    ) -> None:
        if reader.held and reader.holder:
            self._swapped(reader)  # the card read before the outage is not this one
        reader.reported, reader.held, reader.holder = True, False, ""
        self._emit(CardUnreadable(reader.name, problem, failure, other))

    def _swapped(self, reader: _Reader) -> None:
        """The held card is not the one in the reader now: report it removed, keep the new."""
        counter = reader.card
        self._forget_card(reader)
        reader.card = counter

    def _forget_card(self, reader: _Reader) -> None:
        if reader.reported:
            self._emit(CardRemoved(reader.name))
        reader.card, reader.reported, reader.held, reader.holder = None, False, False, ""
