"""The fingerprint sensor as the kiosk sees it: blocking operations for a worker thread (never
the GUI thread), a device status told through drivers.events, and a watch thread that notices
the sensor going away and coming back.

The link's speed and packet size are configuration, not something an upload switches: the
technician sets them once (`kiosk doctor fingerprint --set-baud`, or the maintenance screens),
which writes them into the sensor and the kiosk's calibration (kiosk.calibration), and the
driver is told them (`baud`, `packet_size`). In normal operation the driver never writes
SetSysPara: many modules keep it in flash, and a rate the link cannot carry loses the sensor.

At start, and whenever the port comes back, the driver finds the sensor by probing: the
calibrated rate first, then every standard rate (codec.STANDARD_BAUDS); the packet size is the
sensor's own (ReadSysPara), and an upload takes whatever size it sends. A sensor found off its
calibration (left by an interrupted upload of an older driver, or by another tool) is put back
once: a packet size other than the calibrated one, and a rate above the calibrated one (lower
is always safe to try, and the calibrated rate was proved on this link); a rate below it is
used as found, and said in the status, never raised by the driver itself.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from drivers.device import UNEXPECTED, EventSink
from drivers.fingerprint import codec
from drivers.fingerprint.codec import (
    BAUD_UNIT,
    DEFAULT_ADDRESS,
    IMAGE_SIZE,
    PACKET_SIZES,
    STANDARD_BAUDS,
    TEMPLATE_SIZE,
    Code,
    FingerprintError,
    Instruction,
    PacketError,
    Param,
    SysParams,
)
from drivers.fingerprint.link import DEFAULT_BAUD, SensorError, SensorLink
from drivers.serialport import NoReply, PortLost, SerialDevice, SerialError, probe
from kiosk.devices import DeviceStatus

log = logging.getLogger(__name__)

PROBE_BAUDS = STANDARD_BAUDS
DEFAULT_PACKET_SIZE = 128  # the family's factory setting
T = TypeVar("T")


class CaptureTimeout(FingerprintError):
    """No finger was placed (or lifted) in time."""


class Cancelled(FingerprintError):
    """The wait was cancelled (the resident left, the session ended)."""


class FingerprintSensor(SerialDevice[SensorLink]):
    """One sensor on `port` (at `baud`, other rates tried if it does not answer there) or found
    by probing `probe_ports` × `probe_bauds`. `baud` and `packet_size` are the calibration:
    what the sensor should be at (None: whatever it is at). Status changes go to `on_event`
    on the calling thread (the watch thread's, or the operation's). Operations hold a lock:
    one at a time.

    Used alone (open(), operations, close()) or watched from a thread (start(), or `with`):
    the watch opens the sensor, asks it for a handshake every `watch_interval` while nothing
    else is going on, and says when it goes and comes back."""

    # Whatever the watch's handshake meets: the operation has already said it in the status
    # (and dropped a link that went quiet); the watch asks again after the back-off.
    lost_errors = (SerialError, FingerprintError)

    def __init__(
        self,
        on_event: EventSink | None = None,
        *,
        port: str | None = None,
        baud: int = DEFAULT_BAUD,
        probe_ports: Sequence[str] = (),
        probe_bauds: Sequence[int] = PROBE_BAUDS,
        packet_size: int | None = DEFAULT_PACKET_SIZE,
        password: int = 0,
        address: int = DEFAULT_ADDRESS,
        name: str = "fingerprint",
        reply_timeout: float = 1.0,
        attempts: int = 3,
        watch_interval: float = 1.0,
        backoff: tuple[float, float] = (0.2, 5.0),
    ) -> None:
        super().__init__(
            name,
            on_event,
            port=port,
            probe_ports=probe_ports,
            what="the fingerprint sensor",
            backoff=backoff,
            interval=watch_interval,
            thread_name=f"{name}-watch",
            detail="not opened",
        )
        self._ports = (port,) if port is not None else tuple(probe_ports)
        if packet_size is not None and packet_size not in PACKET_SIZES:
            raise ValueError(f"{packet_size} is not a packet size (32, 64, 128, 256)")
        self._baud = baud
        self._packet_size = packet_size
        self._bauds = (baud, *(b for b in probe_bauds if b != baud))
        self.recovered: list[str] = []  # what was put back to calibration, when found off it
        self._password = password
        self._address = address
        self._reply_timeout = reply_timeout
        self._attempts = attempts
        self._lock = threading.RLock()
        self.params: SysParams | None = None

    # -- life ---------------------------------------------------------------------------------

    def open(self) -> None:
        """Find the sensor now; PortLost, NoReply or SensorError if not."""
        with self._lock:
            self._connected()

    def close(self) -> None:
        with self._lock:
            self._drop_link()

    # -- the watch (drivers.device) -------------------------------------------------------------
    # It never queues behind an operation: one under way opens the sensor itself, and says
    # enough about it.

    def connect(self) -> bool:
        if not self._lock.acquire(blocking=False):
            return False
        try:
            self._connected()
        except (SerialError, FingerprintError):
            return False  # the status says why
        finally:
            self._lock.release()
        return True

    def cycle(self) -> None:
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._op(
                lambda link: link.transact(Instruction.HANDSHAKE, codec.handshake()), busy=None
            )
        finally:
            self._lock.release()

    def lost(self, problem: Exception) -> None:
        pass  # _op has said what is wrong, and dropped the link if it went quiet

    # -- operations -----------------------------------------------------------------------------

    def handshake(self) -> None:
        self._op(lambda link: link.transact(Instruction.HANDSHAKE, codec.handshake()))

    def verify_password(self) -> None:
        self._op(lambda link: link.transact(Instruction.VFY_PWD, codec.vfy_pwd(self._password)))

    def read_params(self) -> SysParams:
        return self._op(self._read_params)

    def capture(
        self, timeout: float = 10.0, poll: float = 0.05, cancel: threading.Event | None = None
    ) -> None:
        """Wait for a finger and take its image into the sensor (GenImg until it answers ok).
        CaptureTimeout when none comes within `timeout` seconds."""
        self._finger_wait(True, timeout, poll, cancel)

    def wait_removed(
        self, timeout: float = 10.0, poll: float = 0.05, cancel: threading.Event | None = None
    ) -> None:
        """Wait until no finger is on the sensor ("请抬起手指")."""
        self._finger_wait(False, timeout, poll, cancel)

    def upload_image(self, expect: int | None = IMAGE_SIZE) -> bytes:
        """The image taken by the last capture, packed 4-bit (codec.unpack_image for 8-bit)."""
        return self._op(lambda link: self._upload(link, expect), "uploading the image")

    def image_to_template(self, buffer_id: int = 1) -> None:
        """Features of the captured image into character buffer 1 or 2 (Img2Tz). SensorError
        with code TOO_MESSY or FEW_FEATURES asks for the finger again."""
        self._op(lambda link: link.transact(Instruction.IMG2TZ, codec.img2tz(buffer_id)))

    def upload_template(self, buffer_id: int = 1) -> bytes:
        return self._op(
            lambda link: link.transact_data(Instruction.UP_CHAR, codec.up_char(buffer_id)),
            "uploading the template",
        )

    def match(self) -> int | None:
        """The score of buffers 1 and 2 matching, None if they do not."""

        def run(link: SensorLink) -> int | None:
            ok = (Code.OK, Code.NO_MATCH)
            reply = link.transact(Instruction.MATCH, codec.match(), ok=lambda c: c in ok)
            if reply.payload[0] == Code.NO_MATCH:
                return None
            return int.from_bytes(reply.payload[1:3], "big")

        return self._op(run)

    def register_model(self) -> None:
        """Buffers 1 and 2 (two impressions) into one template; SensorError ENROL_MISMATCH
        when they are not of the same finger."""
        self._op(lambda link: link.transact(Instruction.REG_MODEL, codec.reg_model()))

    def store(self, page: int, buffer_id: int = 1) -> None:
        self._op(lambda link: link.transact(Instruction.STORE, codec.store(page, buffer_id)))

    def search(
        self, buffer_id: int = 1, start: int = 0, count: int | None = None
    ) -> tuple[int, int] | None:
        """(page, score) of the library's template matching the buffer, None if none does."""

        def run(link: SensorLink) -> tuple[int, int] | None:
            n = count if count is not None else (self.params.capacity if self.params else 1000)
            ok = (Code.OK, Code.NOT_FOUND)
            reply = link.transact(
                Instruction.SEARCH, codec.search(buffer_id, start, n), ok=lambda c: c in ok
            )
            if reply.payload[0] == Code.NOT_FOUND:
                return None
            p = reply.payload
            return int.from_bytes(p[1:3], "big"), int.from_bytes(p[3:5], "big")

        return self._op(run)

    def delete(self, page: int, count: int = 1) -> None:
        self._op(
            lambda link: link.transact(Instruction.DELETE_CHAR, codec.delete_char(page, count))
        )

    def empty(self) -> None:
        self._op(lambda link: link.transact(Instruction.EMPTY, codec.empty()))

    def template_count(self) -> int:
        def run(link: SensorLink) -> int:
            reply = link.transact(Instruction.TEMPLATE_NUM, codec.template_num())
            return int.from_bytes(reply.payload[1:3], "big")

        return self._op(run)

    def download_template(self, template: bytes, buffer_id: int = 2) -> None:
        """`template` (the sensor family's own format) into character buffer 1 or 2 (DownChar)."""

        def run(link: SensorLink) -> None:
            size = self.params.packet_size if self.params else DEFAULT_PACKET_SIZE
            link.transact_download(
                Instruction.DOWN_CHAR, codec.down_char(buffer_id), template, size
            )

        self._op(run, "loading a template")

    def verify(self, template: bytes) -> int | None:
        """1:1: the live finger's features (buffer 1, from image_to_template) against
        `template`, downloaded into buffer 2. Its score, or None if they do not match.
        SensorError when the sensor refuses the template (not its format)."""
        self.download_template(template, 2)
        return self.match()

    def wipe(self, image: bool = True) -> None:
        """Overwrite what the sensor holds of the last person: both character buffers, and
        (`image`) the image buffer with a blank image. The library is not touched (the kiosk
        never stores a resident's template in it)."""

        def run(link: SensorLink) -> None:
            size = self.params.packet_size if self.params else DEFAULT_PACKET_SIZE
            for buffer_id in (1, 2):
                link.transact_download(
                    Instruction.DOWN_CHAR, codec.down_char(buffer_id), bytes(TEMPLATE_SIZE), size
                )
            if image:
                link.transact_download(
                    Instruction.DOWN_IMAGE, codec.down_image(), b"\xff" * IMAGE_SIZE, size
                )

        self._op(run, "clearing the sensor")

    def configure(self, baud: int | None = None, packet_size: int | None = None) -> SysParams:
        """The technician's setting (never called in normal operation): write `baud` and
        `packet_size` into the sensor, move this end along, and check the sensor answers
        there. The rate is tried before it is kept: if the sensor goes quiet at it, it is
        put back (SensorError / NoReply say so). The new settings become the calibration."""

        def run(link: SensorLink) -> SysParams:
            if baud is not None and (baud % BAUD_UNIT or not 1 <= baud // BAUD_UNIT <= 12):
                raise ValueError(f"{baud} is not a rate of this sensor (N × 9600, N 1–12)")
            if baud is not None and baud not in STANDARD_BAUDS:
                # The sensor takes it, but the probe does not look there (not every adapter
                # has it): with its calibration lost, the sensor would be lost with it.
                rates = ", ".join(str(b) for b in sorted(STANDARD_BAUDS))
                raise ValueError(f"{baud} baud is not one the kiosk finds the sensor at ({rates})")
            if packet_size is not None:
                self._set_param(link, Param.PACKET_SIZE, PACKET_SIZES.index(packet_size))
                self._packet_size = packet_size
            if baud is not None and baud != link.baud:
                old = link.baud
                if not self._switch_baud(link, baud):
                    raise NoReply(
                        f"the sensor does not answer at {baud} baud on this link; kept at {old}"
                    )
                # Proved with more than a handshake: a whole blank image down and up again.
                try:
                    self._prove(link)
                except (PacketError, NoReply):
                    if not self._switch_baud(link, old):
                        raise NoReply(
                            f"the sensor answers neither at {baud} nor at {old}"
                        ) from None
                    raise NoReply(
                        f"{baud} baud loses bytes on this link; the sensor is back at {old}"
                    ) from None
                self._baud = baud
                self._bauds = (baud, *(b for b in self._bauds if b != baud))
            return self._read_params(link)

        return self._op(run, "setting the link")

    # -- how -------------------------------------------------------------------------------

    def _op(self, fn: Callable[[SensorLink], T], busy: str | None = "working") -> T:
        """Run `fn` on the link (opening it if needed) and keep the status true to what
        happened. `busy`: the status detail meanwhile; None leaves the status alone."""
        with self._lock:
            link = self._connected()
            if busy is not None:
                self._set_status(DeviceStatus.BUSY, busy)
            try:
                result = fn(link)
            except PortLost as e:
                self._drop_link()
                self._set_status(DeviceStatus.OFFLINE, str(e))
                raise
            except NoReply as e:
                # Silent: unplugged behind a USB adapter, or at another rate. Start afresh.
                self._drop_link()
                self._set_status(DeviceStatus.OFFLINE, str(e))
                raise
            except PacketError as e:
                self._set_status(DeviceStatus.ERROR, f"the line to the sensor is unreliable: {e}")
                raise
            except (SensorError, CaptureTimeout, Cancelled):
                self._ready()  # an answer, if not the one hoped for: the sensor is well
                raise
            except BaseException:
                # A bug must not leave the status at busy for ever.
                self._set_status(DeviceStatus.ERROR, UNEXPECTED)
                raise
            self._ready()
            return result

    def _connected(self) -> SensorLink:
        if self._link is not None:
            return self._link
        problems: list[str] = []
        link = probe(
            self._ports,
            self._bauds,
            self._open_at,
            self._greet,
            label="the fingerprint sensor",
            retry_on=(PacketError,),
            problems=problems,
        )
        if link is None:
            detail = "; ".join(problems) or (
                f"no fingerprint sensor answers on {', '.join(self._ports)}"
            )
            self._set_status(DeviceStatus.OFFLINE, detail)
            raise PortLost(detail) if problems else NoReply(detail)
        link.attempts = self._attempts
        self._link = link
        try:
            self._recover(link)
        except (SerialError, FingerprintError):
            self._drop_link()
            raise
        self._ready()
        return link

    def _recover(self, link: SensorLink) -> None:
        """Put a sensor found off its calibration back (see the module's words)."""
        params = self.params
        if params is None:
            return
        if self._packet_size is not None and params.packet_size != self._packet_size:
            log.warning(
                "%s: the sensor was left at %d-byte packets; back to %d",
                self.name,
                params.packet_size,
                self._packet_size,
            )
            try:
                self._set_param(link, Param.PACKET_SIZE, PACKET_SIZES.index(self._packet_size))
                self.recovered.append(f"packet size {params.packet_size} → {self._packet_size}")
            except SensorError as e:
                # It works at the size it has (uploads take any): never a reason to refuse it.
                log.warning("%s: the packet size stays at %d: %s", self.name, params.packet_size, e)
        if link.baud > self._baud:
            log.warning(
                "%s: the sensor was left at %d baud; back to %d", self.name, link.baud, self._baud
            )
            found = link.baud
            if self._switch_baud(link, self._baud):
                self.recovered.append(f"baud {found} → {self._baud}")
        elif link.baud < self._baud:
            log.warning(
                "%s: the sensor answers at %d baud, not at the calibrated %d; using %d",
                self.name,
                link.baud,
                self._baud,
                link.baud,
            )
        self._read_params(link)

    def _open_at(self, port: str, baud: int) -> SensorLink:
        return SensorLink(
            port,
            baud,
            address=self._address,
            reply_timeout=self._reply_timeout,
            attempts=1,  # probing: the next rate is a better second try
            cancel=self.stopping,
        )

    def _greet(self, link: SensorLink) -> None:
        """Our password, then the sensor's parameters: a sensor that refuses us is one."""
        try:
            link.transact(Instruction.VFY_PWD, codec.vfy_pwd(self._password))
            self.params = self._read_params(link)
        except SensorError as e:
            self._set_status(DeviceStatus.ERROR, f"the sensor on {link.port} refuses us: {e}")
            raise

    def _read_params(self, link: SensorLink) -> SysParams:
        reply = link.transact(Instruction.READ_SYS_PARA, codec.read_sys_para())
        self.params = codec.parse_sys_params(reply.payload[1:])
        return self.params

    def _finger_wait(
        self, present: bool, timeout: float, poll: float, cancel: threading.Event | None
    ) -> None:
        deadline = time.monotonic() + timeout
        busy = "waiting for a finger" if present else "waiting for the finger to be lifted"
        want = Code.OK if present else Code.NO_FINGER
        # Image fail is a finger badly placed: keep asking, as for no finger.
        usual = (Code.OK, Code.NO_FINGER, Code.IMAGE_FAIL)

        def run(link: SensorLink) -> None:
            while True:
                reply = link.transact(Instruction.GEN_IMG, codec.gen_img(), ok=lambda c: c in usual)
                if reply.payload[0] == want:
                    return
                if cancel is not None and cancel.is_set():
                    raise Cancelled("stopped waiting for the finger")
                if time.monotonic() >= deadline:
                    what = "no finger was placed" if present else "the finger was not lifted"
                    raise CaptureTimeout(f"{what} within {timeout:g} s")
                (cancel or self.stopping).wait(poll)

        self._op(run, busy)

    def _upload(self, link: SensorLink, expect: int | None, attempts: int | None = None) -> bytes:
        return link.transact_data(
            Instruction.UP_IMAGE, codec.up_image(), expect=expect, attempts=attempts
        )

    def _prove(self, link: SensorLink) -> None:
        """Tens of kilobytes each way at the link's rate (a handshake is too short to show a
        link that loses one byte in a thousand); the parameters only, where the sensor cannot
        take an image from the host."""
        size = self.params.packet_size if self.params else DEFAULT_PACKET_SIZE
        blank = b"\xff" * IMAGE_SIZE
        try:
            link.transact_download(Instruction.DOWN_IMAGE, codec.down_image(), blank, size)
        except SensorError:
            for _ in range(3):
                self._read_params(link)
            return
        if self._upload(link, IMAGE_SIZE, attempts=1) != blank:
            raise codec.BadPayload("the image came back changed")

    def _set_param(self, link: SensorLink, param: Param, value: int) -> None:
        # Not retried by the link (it changes the sensor), but harmless to repeat: do so once.
        for attempt in (1, 2):
            try:
                link.transact(Instruction.SET_SYS_PARA, codec.set_sys_para(param, value))
                return
            except (PacketError, NoReply):
                if attempt == 2:
                    raise

    def _switch_baud(self, link: SensorLink, baud: int) -> bool:
        """Move the sensor and this end to `baud`; True if it answers there. False (both back
        at the old rate) if it does not; NoReply if it answers at neither."""
        old = link.baud
        with contextlib.suppress(PacketError, NoReply):
            # The ack may be lost to the poor link while the sensor has changed all the same:
            # whether it did is what the handshake below finds out.
            link.transact(
                Instruction.SET_SYS_PARA, codec.set_sys_para(Param.BAUD, baud // BAUD_UNIT)
            )
        for rate in (baud, old):
            link.set_baud(rate)
            try:
                link.transact(Instruction.HANDSHAKE, codec.handshake())
            except (PacketError, NoReply):
                continue
            return rate == baud
        raise NoReply(f"the sensor answers neither at {baud} nor at {old} baud")

    def _ready(self) -> None:
        link, params = self._link, self.params
        if link is None:
            self._set_status(DeviceStatus.READY, "")
            return
        detail = f"on {link.port} at {link.baud} baud"
        if params is not None:
            detail += f", {params.packet_size}-byte packets"
        if link.baud != self._baud:
            detail += f" (calibrated {self._baud}: the link did not carry it)"
        self._set_status(DeviceStatus.READY, detail)
