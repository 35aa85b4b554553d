"""The simulated camera's pictures: a real photograph of a face (assets/sim/camera/
astronaut.jpg, NASA's portrait of Eileen Collins as shipped in scikit-image's sample data,
public domain) placed in a plain room, and drawn pages and QR codes. Haar cascades find real
faces only, so every face scene starts from the photograph.

Everything is drawn in memory; `write_image` and `write_video` put a scene in a file for the
kiosk's `camera.source` (kiosk-sim camera, the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from kiosk import paths
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, booking_text, progress_link

ASSETS = paths.SIM_ASSETS / "camera"
PHOTO = ASSETS / "astronaut.jpg"
SIZE = (1280, 720)
# In the photograph: the face box OpenCV's frontal cascade finds (x, y, w, h).
PHOTO_FACE = (177, 66, 95, 95)
# SAMPLE DATA: an acceptance number and a booking code of the sandbox hub's kind.
SAMPLE_PROGRESS = progress_link("https://hub.example.org", SAMPLE_PROGRESS_TOKEN)
SAMPLE_BOOKING = booking_text("YY7K2M9Q4D")
# The sandbox hub's sole proprietorship (SAMPLE DATA), so that data sharing knows it.
SAMPLE_LICENCE = "https://zzfw.example.org/license?uscc=92330102MA2CL5XT7M"


@dataclass(frozen=True)
class Scene:
    name: str
    description: str
    draw: Callable[[], np.ndarray]
    # Where a drawn page's corners are (TL, TR, BR, BL), in frame pixels, for the tests.
    corners: tuple[tuple[float, float], ...] = ()


def _photo() -> np.ndarray:
    image = cv2.imread(str(PHOTO), cv2.IMREAD_COLOR)
    if image is None:
        raise FileNotFoundError(f"the simulator's photograph is missing: {PHOTO}")
    return image


def wall(size: tuple[int, int] = SIZE) -> np.ndarray:
    """A light, evenly lit wall with a little sensor noise."""
    w, h = size
    rng = np.random.default_rng(7)
    ramp = np.linspace(228, 212, w, dtype=np.float32)[None, :, None]
    base = np.broadcast_to(ramp, (h, w, 1)) * np.array([0.97, 1.0, 1.02], np.float32)
    noise = rng.normal(0, 2.0, (h, w, 1)).astype(np.float32)
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def portrait(
    face_height: float = 0.30,
    centre_x: float = 0.5,
    brightness: float = 1.0,
    people: int = 1,
    size: tuple[int, int] = SIZE,
) -> np.ndarray:
    """The photograph scaled so the face is `face_height` of the frame's height, its centre at
    `centre_x` of the width (several people side by side around it)."""
    photo = _photo()
    frame = wall(size)
    w, h = size
    fx, fy, fw, fh = PHOTO_FACE
    scale = face_height * h / fh
    spacing = 1.3 * fw * scale * 2
    for i in range(people):
        cx = centre_x * w + (i - (people - 1) / 2) * spacing
        tx = cx - (fx + fw / 2) * scale
        ty = 0.36 * h - (fy + fh / 2) * scale
        m = np.array([[scale, 0, tx], [0, scale, ty]], dtype=np.float64)
        cv2.warpAffine(
            photo, m, size, dst=frame, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT
        )
    if brightness != 1.0:
        frame = cv2.convertScaleAbs(frame, alpha=brightness)
    return frame


def id_portrait(
    background: tuple[int, int, int] = (240, 241, 240),
    face_height: float = 0.30,
    size: tuple[int, int] = SIZE,
) -> np.ndarray:
    """The photograph's backdrop (a smooth studio grey around the head) repainted in
    `background` (BGR), in a frame of that colour: the resident in front of the kiosk's screen
    for ID photos."""
    photo = _photo()
    h, w = photo.shape[:2]
    mask = np.zeros((h + 2, w + 2), np.uint8)
    flags = cv2.FLOODFILL_MASK_ONLY | (255 << 8) | 8
    for seed in ((3, 3), (w - 4, 3), (3, h // 3), (w - 4, h // 3)):
        cv2.floodFill(photo.copy(), mask, seed, 0, (10, 10, 10), (10, 10, 10), flags)
    photo[mask[1:-1, 1:-1] > 0] = background
    fw, fh = size
    frame = np.empty((fh, fw, 3), np.uint8)
    frame[:] = background
    fx, fy, bw, bh = PHOTO_FACE
    scale = face_height * fh / bh
    tx = fw / 2 - (fx + bw / 2) * scale
    ty = 0.36 * fh - (fy + bh / 2) * scale
    m = np.array([[scale, 0, tx], [0, scale, ty]], dtype=np.float64)
    cv2.warpAffine(
        photo, m, size, dst=frame, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT
    )
    rng = np.random.default_rng(11)
    noise = rng.normal(0, 1.5, frame.shape).astype(np.float32)
    return np.clip(frame.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def eyes_shut(image: np.ndarray, eyes: list[np.ndarray]) -> np.ndarray:
    """`image` with each eye (its six landmarks, frame pixels) painted shut: the lid the
    colour of the skin below it and a lash line where it closes."""
    image = image.copy()
    for eye in eyes:
        centre = tuple(int(v) for v in eye.mean(axis=0))
        width = float(np.linalg.norm(eye[3] - eye[0]))
        below = image[min(image.shape[0] - 1, centre[1] + int(1.2 * width)), centre[0]]
        skin = tuple(int(v) for v in below)
        cv2.ellipse(image, centre, (int(0.8 * width), int(0.45 * width)), 0, 0, 360, skin, -1)
        a, b = eye[0].astype(int), eye[3].astype(int)
        cv2.line(
            image, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), (40, 40, 60), 2, cv2.LINE_AA
        )
    return cv2.GaussianBlur(image, (3, 3), 0)


# The eyes' six landmarks each in the "portrait" scene (frame pixels), as dlib's 68-point
# predictor places them (tests/test_demo_devices.py checks): the blinking resident below is
# drawn without loading the face models.
PORTRAIT_EYES = (
    ((573, 231), (585, 224), (600, 225), (613, 237), (598, 238), (583, 237)),
    ((670, 241), (683, 230), (698, 229), (710, 238), (698, 243), (683, 243)),
)


def blinking_portrait(
    fps: float = 25.0, every: float = 2.4, shut: int = 4, still: np.ndarray | None = None
) -> list[np.ndarray]:
    """The "portrait" scene (or `still`, framed as it is: "id-portrait") as a live resident:
    a blink every `every` seconds, eyes shut for `shut` frames; looped by the camera, it passes
    the liveness challenge as a person does."""
    if still is None:
        still = portrait()
    closed = eyes_shut(still, [np.array(eye, np.float64) for eye in PORTRAIT_EYES])
    return [still] * max(1, round(fps * every) - shut) + [closed] * shut


def empty_room(size: tuple[int, int] = SIZE) -> np.ndarray:
    frame = wall(size)
    w, h = size
    cv2.rectangle(frame, (int(w * 0.62), int(h * 0.15)), (int(w * 0.82), h), (150, 160, 170), -1)
    cv2.circle(frame, (int(w * 0.79), int(h * 0.6)), 8, (60, 60, 60), -1)
    return frame


PAGE_SIZE = (1000, 1414)  # A4 proportions


def page_image(title: str = "申请材料", lines: int = 22, seed: int = 1) -> np.ndarray:
    """A printed page: a black mark in the top-left corner (which way up it is), a heading bar
    and lines of "text"."""
    pw, ph = PAGE_SIZE
    page = np.full((ph, pw, 3), 250, np.uint8)
    rng = np.random.default_rng(seed)
    cv2.rectangle(page, (60, 60), (160, 160), (0, 0, 0), -1)
    cv2.putText(
        page,
        title.encode("ascii", "ignore").decode() or "PAGE",
        (200, 140),
        cv2.FONT_HERSHEY_SIMPLEX,
        2.2,
        (30, 30, 30),
        5,
        cv2.LINE_AA,
    )
    y = 260
    for _ in range(lines):
        x = 80
        while x < pw - 120:
            word = int(rng.integers(40, 150))
            cv2.rectangle(page, (x, y), (min(pw - 80, x + word), y + 22), (40, 40, 40), -1)
            x += word + 24
        y += 46
    return page


PAGE_TEXT = (
    "本人承诺以上所填写的内容真实有效，如有虚假愿意承担相应的法律责任。申请人应当携带居民身份证"
    "原件到窗口办理，工作人员核对后予以受理。办理结果可以邮寄送达，也可以到便民服务中心领取。"
)


def text_page(title: str = "出生医学证明申请表", seed: int = 1) -> np.ndarray:
    """A page of real Chinese print (Noto Sans CJK, as the receipts use) at 200 dpi A4 size,
    for what needs real text: finding which way up a page is."""
    from PIL import Image, ImageDraw

    from drivers.printer.raster import font

    w, h = 1654, 2339
    page = Image.new("RGB", (w, h), (250, 250, 250))
    draw = ImageDraw.Draw(page)
    draw.text((150, 150), title, font=font(72, True), fill=(20, 20, 20))
    rng = np.random.default_rng(seed)
    y = 320
    for _ in range(24):
        start = int(rng.integers(0, len(PAGE_TEXT)))
        line = (PAGE_TEXT[start:] + PAGE_TEXT)[:28]
        draw.text((150, y), line, font=font(44), fill=(30, 30, 30))
        y += 72
    return cv2.cvtColor(np.array(page), cv2.COLOR_RGB2BGR)


def on_desk(
    page: np.ndarray,
    corners: tuple[tuple[float, float], ...],
    size: tuple[int, int] = SIZE,
    colour: tuple[int, int, int] = (40, 62, 92),  # dark wood, BGR
) -> np.ndarray:
    """`page` laid on a desk of `colour` with its corners (TL, TR, BR, BL) at `corners`."""
    w, h = size
    desk = np.empty((h, w, 3), np.uint8)
    desk[:] = colour
    rng = np.random.default_rng(3)
    grain = rng.normal(0, 6, (h, 1, 1)).astype(np.float32)
    desk = np.clip(desk.astype(np.float32) + grain, 0, 255).astype(np.uint8)
    ph, pw = page.shape[:2]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    m = cv2.getPerspectiveTransform(src, np.array(corners, np.float32))
    cv2.warpPerspective(
        page, m, size, dst=desk, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT
    )
    return desk


def qr_image(text: str, module: int = 8) -> np.ndarray:
    code = cv2.QRCodeEncoder.create().encode(text)
    code = cv2.resize(code, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)
    code = cv2.copyMakeBorder(
        code, 4 * module, 4 * module, 4 * module, 4 * module, cv2.BORDER_CONSTANT, value=255
    )
    return cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)


def qr_slip(text: str, size: tuple[int, int] = SIZE) -> np.ndarray:
    """A printed slip with the code, held a little askew in front of the camera."""
    code = qr_image(text)
    ch, cw = code.shape[:2]
    slip = np.full((ch + 160, cw + 80, 3), 245, np.uint8)
    slip[40 : 40 + ch, 40 : 40 + cw] = code
    sh, sw = slip.shape[:2]
    w, h = size
    k = 380 / sh
    cx, cy = w / 2, h / 2
    corners = (
        (cx - sw * k / 2 + 10, cy - 190),
        (cx + sw * k / 2, cy - 180),
        (cx + sw * k / 2 - 6, cy + 190),
        (cx - sw * k / 2 + 4, cy + 185),
    )
    return on_desk(slip, corners, size)


PAGE_CORNERS = ((452.0, 58.0), (861.0, 92.0), (893.0, 668.0), (415.0, 650.0))
PAGE2_CORNERS = ((420.0, 90.0), (835.0, 62.0), (870.0, 640.0), (440.0, 676.0))

SCENES: dict[str, Scene] = {
    s.name: s
    for s in (
        Scene("portrait", "one resident, centred, at the right distance", portrait),
        Scene(
            "portrait-left",
            "the face on the picture's left (resident should move left)",
            lambda: portrait(centre_x=0.28),
        ),
        Scene(
            "portrait-right",
            "the face on the picture's right (resident should move right)",
            lambda: portrait(centre_x=0.72),
        ),
        Scene(
            "id-portrait",
            "one resident in front of the kiosk's white backdrop, as for an ID photo",
            id_portrait,
        ),
        Scene("portrait-far", "the resident too far away", lambda: portrait(face_height=0.16)),
        Scene("portrait-near", "the resident too close", lambda: portrait(face_height=0.56)),
        Scene(
            "two-people",
            "two people in front of the camera",
            lambda: portrait(face_height=0.26, people=2),
        ),
        Scene("dark", "the room too dark", lambda: portrait(brightness=0.18)),
        Scene("bright", "the picture washed out", lambda: portrait(brightness=2.6)),
        Scene("empty", "nobody in front of the camera", empty_room),
        Scene("black", "a covered lens", lambda: np.zeros((SIZE[1], SIZE[0], 3), np.uint8)),
        Scene(
            "page",
            "an A4 page, tilted, on a desk",
            lambda: on_desk(page_image("PAGE 1"), PAGE_CORNERS),
            PAGE_CORNERS,
        ),
        Scene(
            "page-2",
            "a second A4 page, tilted the other way",
            lambda: on_desk(page_image("PAGE 2", seed=2), PAGE2_CORNERS),
            PAGE2_CORNERS,
        ),
        Scene(
            "page-white-desk",
            "an A4 page on a white desk, a shade greyer than the paper",
            lambda: on_desk(page_image("PAGE 3", seed=3), PAGE_CORNERS, colour=(214, 218, 220)),
            PAGE_CORNERS,
        ),
        Scene(
            "qr-progress",
            "a progress QR code from an acceptance notice",
            lambda: qr_slip(SAMPLE_PROGRESS),
        ),
        Scene(
            "qr-booking",
            "a booking QR code from an appointment slip",
            lambda: qr_slip(SAMPLE_BOOKING),
        ),
        Scene("qr-licence", "an e-business licence QR code", lambda: qr_slip(SAMPLE_LICENCE)),
    )
}


def draw(name: str) -> np.ndarray:
    try:
        return SCENES[name].draw()
    except KeyError:
        raise KeyError(f"no scene {name!r}; scenes: {', '.join(SCENES)}") from None


def write_image(image: np.ndarray, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(path), image):
        raise OSError(f"could not write {path} (is the suffix an image type?)")
    return path


def write_video(
    frames: list[np.ndarray] | np.ndarray, path: Path, fps: float = 25.0, seconds: float = 2.0
) -> Path:
    """Motion-JPEG in AVI: written by every OpenCV build, headless too. A single image becomes
    `seconds` of slight sway, so it looks alive without upsetting the "hold still" check."""
    if isinstance(frames, np.ndarray):
        base = frames
        n = max(1, round(fps * seconds))
        h, w = base.shape[:2]
        frames = []
        for i in range(n):
            dx = 3.0 * np.sin(2 * np.pi * i / n)
            m = np.array([[1, 0, dx], [0, 1, 0]], np.float64)
            frames.append(cv2.warpAffine(base, m, (w, h), borderMode=cv2.BORDER_REPLICATE))
    h, w = frames[0].shape[:2]
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    if not writer.isOpened():
        raise OSError(f"could not write a video to {path}")
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path
