"""A simulated ID-card module on a pseudo-terminal, for demos, tests and technicians.

It answers the same frames as a real module (drivers.idreader.codec), at the pace of a real
one: every reply leaves at bytes × 10 / baud, after a processing delay like a module's. The
host must open the pty at the module's baud: at any other rate a real UART hears garbage, and
so this one hears nothing, which is what probing relies on.

A card goes through the states a contactless card goes through: in the field but not found,
found, then selected (active). An active card no longer answers find ("the card must leave the
field before the next find succeeds") but keeps answering select until it is taken away.

Faults are injected for the next replies (optionally only to one command): a bad checksum, a
frame cut short, noise before the frame, silence, or garbage in a card's text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum

from drivers.idreader.codec import (
    PREAMBLE,
    SW_BAD_CHECKSUM,
    SW_BAD_COMMAND,
    SW_CARD_FOUND,
    SW_FIND_FAILED,
    SW_READ_FAILED,
    SW_SELECT_FAILED,
    SW_SUCCESS,
    TEXT_SIZE,
    BadChecksum,
    Command,
    FrameError,
    decode_frame,
    encode_base_info,
    encode_reply,
    parse_command,
)
from drivers.idreader.samples import SAMPLE_RESIDENTS
from drivers.ptydevice import PtyDevice
from kiosk.identity import Identity

DEFAULT_BAUD = 115200
# How long a module thinks before it answers, in seconds: the SAM authenticates the card before
# it reads, so a read takes far longer than the wire alone (1,295 bytes ≈ 0.11 s at 115200).
PROCESSING: Mapping[Command, float] = {
    Command.MODULE_STATUS: 0.005,
    Command.FIND_CARD: 0.03,
    Command.SELECT_CARD: 0.03,
    Command.READ_BASE_INFO: 0.4,
    Command.READ_FINGERPRINT_INFO: 0.45,
}


class Fault(StrEnum):
    CHECKSUM = "checksum"  # the reply's checksum is wrong
    CUT = "cut"  # only the first half of the reply is sent
    NOISE = "noise"  # random bytes before the reply
    SILENCE = "silence"  # no reply at all
    GARBAGE = "garbage"  # the card's text, in a read reply, is random bytes
    LIFTED = "lifted"  # the card leaves the field while it is read: the read fails


class CardState(StrEnum):
    IN_FIELD = "in field"
    FOUND = "found"
    ACTIVE = "active"


class SimulatedModule(PtyDevice):
    """An ID-card module on a new pty (PtyDevice says what `link`, `timing_scale` and `seed`
    do), with no card on it."""

    _shortest_cut = 8

    def __init__(
        self,
        *,
        baud: int = DEFAULT_BAUD,
        link: str | os.PathLike[str] | None = None,
        timing_scale: float = 1.0,
        seed: int | None = None,
    ) -> None:
        super().__init__(
            baud=baud, link=link, name="idreader-sim", timing_scale=timing_scale, seed=seed
        )
        self._card: bytes | None = None  # base information data of the card in the field
        self._fingerprints = b""  # the card's fingerprint data
        self.offers_fingerprints = True  # False: a module that does not know 0x30 0x10
        self._card_state = CardState.IN_FIELD
        self.commands_seen: list[Command | None] = []
        self._start()

    # -- what a person does with cards --------------------------------------------------------

    def place(self, identity: Identity, fingerprints: bytes = b"") -> None:
        """Put a card holding `identity` (and `fingerprints`, its fingerprint feature data) on
        the reader (taking away any other)."""
        self._place(encode_base_info(identity))
        with self._lock:
            self._fingerprints = fingerprints

    def place_garbage(self) -> None:
        """A card whose text is random bytes: a damaged or foreign card."""
        data = encode_base_info(SAMPLE_RESIDENTS[0])
        self._place(data[:4] + self._rng.randbytes(TEXT_SIZE) + data[4 + TEXT_SIZE :])

    def place_raw(self, data: bytes) -> None:
        """A card that answers read base information with `data` (another card type, a
        layout the codec does not write)."""
        self._place(data)

    def _place(self, data: bytes) -> None:
        with self._lock:
            self._card = data
            self._fingerprints = b""
            self._card_state = CardState.IN_FIELD

    def remove(self) -> None:
        with self._lock:
            self._card = None

    @property
    def card_state(self) -> CardState | None:
        with self._lock:
            return None if self._card is None else self._card_state

    # -- faults -------------------------------------------------------------------------------

    def inject(self, fault: Fault | str, count: int = 1, command: Command | None = None) -> None:
        """The next `count` replies (to `command` only, if given) get `fault`."""
        self._inject(Fault(fault), count, command)

    def _noise(self, size: int) -> bytes:
        while True:
            noise = self._rng.randbytes(size)
            if PREAMBLE not in noise:  # noise that frames a reply is not noise
                return noise

    # -- the module ---------------------------------------------------------------------------

    def _received(self, buf: bytearray) -> None:
        while buf:
            try:
                body, used = decode_frame(buf)
            except BadChecksum as e:
                del buf[: e.consumed]
                self._answer(None, encode_reply(SW_BAD_CHECKSUM))
                continue
            except FrameError as e:
                del buf[: e.consumed]
                continue
            del buf[:used]
            if body is None:
                break
            self._command(body)

    def _command(self, body: bytes) -> None:
        try:
            command = parse_command(body).command
        except FrameError:
            command = None
        self.commands_seen.append(command)
        if command is None:
            self._answer(None, encode_reply(SW_BAD_COMMAND))
            return
        self._think(PROCESSING[command])
        self._answer(command, self._reply(command))

    def _reply(self, command: Command) -> bytes:
        with self._lock:
            card, state = self._card, self._card_state
            if command is Command.MODULE_STATUS:
                return encode_reply(SW_SUCCESS)
            if command is Command.FIND_CARD:
                if card is None or state is CardState.ACTIVE:
                    return encode_reply(SW_FIND_FAILED)
                self._card_state = CardState.FOUND
                return encode_reply(SW_CARD_FOUND, bytes(4))
            if command is Command.SELECT_CARD:
                if card is None or state is CardState.IN_FIELD:
                    return encode_reply(SW_SELECT_FAILED)
                self._card_state = CardState.ACTIVE
                return encode_reply(SW_SUCCESS, bytes(8))
            if command is Command.READ_FINGERPRINT_INFO and not self.offers_fingerprints:
                return encode_reply(SW_BAD_COMMAND)
            # Read base information (with fingerprints).
            if card is None or state is not CardState.ACTIVE:
                return encode_reply(SW_READ_FAILED)
            if command is Command.READ_FINGERPRINT_INFO:
                fp = self._fingerprints
                card = card[:4] + len(fp).to_bytes(2, "big") + card[4:] + fp
        if self._take_fault(Fault.LIFTED, command):
            with self._lock:
                self._card = None
            return encode_reply(SW_READ_FAILED)
        if self._take_fault(Fault.GARBAGE, command):
            at = 6 if command is Command.READ_FINGERPRINT_INFO else 4
            card = card[:at] + self._rng.randbytes(TEXT_SIZE) + card[at + TEXT_SIZE :]
        return encode_reply(SW_SUCCESS, card)
