"""The V4L2 cameras on this machine, for the technician who assigns the face camera and the
document camera (高拍仪): each capture node with its name, and the stable path under
/dev/v4l/by-id/ that keeps naming the same camera when USB enumeration reorders
/dev/video0 and /dev/video1 (the configuration should use that path).

A UVC camera makes two nodes, one for pictures and one for metadata; only the ones that can
capture (VIDIOC_QUERYCAP's device capabilities) are listed. Read from sysfs and the device
nodes; no camera is opened for streaming.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

SYSFS = Path("/sys/class/video4linux")
DEV = Path("/dev")
BY_ID = Path("/dev/v4l/by-id")

# struct v4l2_capability: driver[16] card[32] bus_info[32] version capabilities device_caps
# reserved[3]; VIDIOC_QUERYCAP = _IOR('V', 0, struct v4l2_capability).
_CAPABILITY = struct.Struct("16s32s32sIII12x")
VIDIOC_QUERYCAP = (2 << 30) | (_CAPABILITY.size << 16) | (ord("V") << 8) | 0
V4L2_CAP_VIDEO_CAPTURE = 0x00000001
V4L2_CAP_DEVICE_CAPS = 0x80000000
# struct v4l2_fmtdesc: index type flags description[32] pixelformat mbus_code reserved[3];
# VIDIOC_ENUM_FMT = _IOWR('V', 2, struct v4l2_fmtdesc).
_FMTDESC = struct.Struct("III32sII12x")
VIDIOC_ENUM_FMT = (3 << 30) | (_FMTDESC.size << 16) | (ord("V") << 8) | 2
V4L2_BUF_TYPE_VIDEO_CAPTURE = 1


@dataclass(frozen=True)
class VideoDevice:
    path: str  # /dev/videoN
    name: str  # the camera's own name (sysfs), e.g. "HD USB Camera"
    stable_path: str  # /dev/v4l/by-id/…-video-index0, or "" when udev made none
    capture: bool | None  # None: the node could not be asked (no permission)
    # The pixel formats it offers (FourCC, e.g. "MJPG", "YUYV"); () when not known.
    formats: tuple[str, ...] = ()

    @property
    def mjpg(self) -> bool | None:
        """Whether it offers compressed MJPG (what a 1080p camera needs on USB 2); None when
        its formats are not known."""
        return "MJPG" in self.formats if self.formats else None

    @property
    def config_source(self) -> str:
        """What `[camera] source` should say for this camera."""
        return self.stable_path or self.path


def _number(name: str) -> int:
    found = re.search(r"(\d+)$", name)
    return int(found.group(1)) if found else -1


def can_capture(node: Path) -> bool | None:
    """Whether the node captures pictures (not a metadata or output node); None when it
    cannot be opened."""
    try:
        fd = os.open(node, os.O_RDWR | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        buffer = bytearray(_CAPABILITY.size)
        fcntl.ioctl(fd, VIDIOC_QUERYCAP, buffer)
    except OSError:
        return None
    finally:
        os.close(fd)
    _, _, _, _, caps, device_caps = _CAPABILITY.unpack(bytes(buffer))
    if caps & V4L2_CAP_DEVICE_CAPS:
        caps = device_caps
    return bool(caps & V4L2_CAP_VIDEO_CAPTURE)


def formats(node: Path) -> tuple[str, ...]:
    """The capture formats the node offers, as FourCC codes; () when it cannot be asked."""
    try:
        fd = os.open(node, os.O_RDWR | os.O_NONBLOCK)
    except OSError:
        return ()
    found: list[str] = []
    try:
        for index in range(32):  # a camera offers a handful; the bound guards a bad driver
            buffer = bytearray(_FMTDESC.pack(index, V4L2_BUF_TYPE_VIDEO_CAPTURE, 0, b"", 0, 0))
            try:
                fcntl.ioctl(fd, VIDIOC_ENUM_FMT, buffer)
            except OSError:  # EINVAL past the last one
                break
            fourcc = _FMTDESC.unpack(bytes(buffer))[4]
            found.append(fourcc_text(fourcc))
    finally:
        os.close(fd)
    return tuple(found)


def fourcc_text(fourcc: int) -> str:
    return fourcc.to_bytes(4, "little").decode("ascii", errors="replace").strip()


def devices(sysfs: Path = SYSFS, dev: Path = DEV, by_id: Path = BY_ID) -> list[VideoDevice]:
    """The machine's video nodes that capture (or could not be asked), in number order."""
    stable: dict[str, str] = {}
    if by_id.is_dir():
        for link in sorted(by_id.iterdir()):
            target = os.path.realpath(link)
            stable.setdefault(os.path.basename(target), str(link))
    out = []
    if not sysfs.is_dir():
        return out
    for entry in sorted(sysfs.iterdir(), key=lambda p: _number(p.name)):
        if not entry.name.startswith("video"):
            continue
        try:
            name = (entry / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            name = ""
        node = dev / entry.name
        capture = can_capture(node)
        if capture is False:
            continue
        found = formats(node) if capture else ()
        out.append(VideoDevice(str(node), name, stable.get(entry.name, ""), capture, found))
    return out
