"""Synthetic evaluation set for digitizing papers: Vietnamese text pages with known truth.

Why synthetic: real citizens' papers are personal data and may not be committed. These pages
are made of invented administrative prose (no real person), rendered with a Noto font at
300 dpi, then "photographed" the way a document camera at a kiosk sees them: tilted, rotated,
in low light, half in a shadow, slightly blurred, JPEG-compressed. Every file comes with its
ground truth text and, for photographs, the true corners of the page in the frame.

Regenerate (deterministic, seeded) from the repository root:

    .venv/bin/python bench/data/pages/generate.py            # writes into this folder

The module is importable too: the benchmark and tests call ``render_page`` and
``photograph`` to make extra variations in memory without committing them.
"""
from __future__ import annotations

import json
import random
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
A4_300DPI = (2480, 3508)  # width, height in pixels
FONT_CANDIDATES = (
    REPO / "assets" / "fonts" / "NotoSans-Regular.ttf",
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)

# Invented vocabulary of the counter: phrases an administrative paper is made of.
SUBJECTS = [
    "Ủy ban nhân dân phường", "Bộ phận tiếp nhận và trả kết quả", "Công an xã",
    "Văn phòng đăng ký đất đai", "Sở Tư pháp tỉnh", "Trung tâm phục vụ hành chính công",
    "Người yêu cầu", "Chủ hộ", "Cơ quan tiếp nhận", "Hội đồng nhân dân",
]
VERBS = [
    "đề nghị xác nhận", "tiếp nhận hồ sơ về", "cấp bản sao từ sổ gốc của", "thông báo kết quả",
    "hướng dẫn bổ sung", "chứng thực chữ ký trên", "đăng ký thường trú tại", "lưu trữ bản chính",
    "kiểm tra tính hợp lệ của", "trả lời kiến nghị về",
]
OBJECTS = [
    "giấy khai sinh của con", "tờ khai thay đổi thông tin cư trú", "hợp đồng thuê nhà ở",
    "giấy chứng nhận quyền sử dụng đất", "phiếu lý lịch tư pháp số một", "đơn xin xác nhận",
    "giấy xác nhận tình trạng hôn nhân", "biên bản họp tổ dân phố", "sổ hộ khẩu cũ",
    "quyết định giao đất ở", "văn bản ủy quyền có công chứng",
]
TAILS = [
    "trong thời hạn bảy ngày làm việc", "theo quy định hiện hành", "kể từ ngày nhận đủ hồ sơ",
    "tại trụ sở một cửa", "không thu lệ phí", "với lệ phí hai mươi nghìn đồng",
    "trước mười lăm giờ chiều", "để được giải quyết kịp thời", "bằng hình thức trực tuyến",
    "cho đến khi có kết quả",
]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Điện Biên Phủ", "Quang Trung"]


@dataclass
class Conditions:
    """How a page is photographed: every knob of the simulated document camera."""

    frame: tuple[int, int] = (3264, 2448)  # width, height: an 8 MP still
    fill: float = 0.85  # page height as a fraction of the frame height
    rotate_deg: float = 0.0
    light: float = 1.0  # overall gain (low light < 0.6)
    shadow: float = 0.0  # darkening inside a soft shadow over part of the page
    glare: float = 0.0  # strength of a specular highlight
    blur_sigma: float = 0.0
    noise: float = 2.0
    jpeg_quality: int = 88
    shift: tuple[float, float] = (0.0, 0.0)  # page centre offset, fraction of the frame
    seed: int = 0
    # perspective through a pinhole camera: the page plane turned by ``tilt_deg`` about an axis
    # at ``tilt_axis_deg`` in the page; the lens as a 35 mm-equivalent focal length (a
    # document camera's 30 mm; the kiosk's fallback guess is a phone's 26 mm)
    tilt_deg: float = 0.0
    tilt_axis_deg: float = 0.0
    focal_35mm: float = 30.0


@dataclass
class Sample:
    name: str
    kind: str  # "clean" | "camera"
    truth: str
    good: bool = True  # False: the quality checks are expected to object
    expect: list[str] = field(default_factory=list)  # quality problems expected
    quad: list[list[float]] | None = None  # true page corners TL, TR, BR, BL (camera)
    conditions: dict | None = None


def font_path() -> Path:
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    raise FileNotFoundError("no Noto Sans font: install fonts-noto-core")


def page_text(seed: int, lines: int = 26) -> list[str]:
    """Sentences of invented administrative Vietnamese, a heading first."""
    rng = random.Random(seed)
    text = [f"GIẤY ĐỀ NGHỊ SỐ {rng.randint(10, 999)}/{rng.randint(2024, 2026)}"]
    while len(text) < lines:
        kind = rng.random()
        if kind < 0.15:
            text.append(
                f"Địa chỉ: số {rng.randint(1, 299)} đường {rng.choice(STREETS)}, "
                f"ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2020, 2026)}."
            )
        else:
            sentence = " ".join([rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS),
                                 rng.choice(TAILS)])
            text.append(sentence[0].upper() + sentence[1:] + ".")
    return [unicodedata.normalize("NFC", t) for t in text]


def render_page(seed: int, size_pt: float = 12.0, dpi: int = 300) -> tuple[np.ndarray, str]:
    """A white A4 page with wrapped text; returns (grey image, truth text one line per row)."""
    width, height = A4_300DPI if dpi == 300 else (round(8.27 * dpi), round(11.69 * dpi))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path()), round(size_pt / 72 * dpi))
    heading = ImageFont.truetype(str(font_path()), round(size_pt * 1.4 / 72 * dpi))
    margin = round(0.9 * dpi)
    y = margin
    rows: list[str] = []
    for index, sentence in enumerate(page_text(seed)):
        f = heading if index == 0 else font
        line_height = round(f.size * 1.55)
        for row in _wrap(sentence, f, width - 2 * margin):
            if y + line_height > height - margin:
                return np.asarray(image), "\n".join(rows)
            draw.text((margin, y), row, font=f, fill=20)
            rows.append(row)
            y += line_height
        y += round(f.size * 0.4)
    return np.asarray(image), "\n".join(rows)


def _wrap(sentence: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    rows, current = [], ""
    for word in sentence.split():
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width:
            current = trial
        else:
            rows.append(current)
            current = word
    return rows + [current] if current else rows


def _background(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """A dark, slightly textured desk mat, as under a kiosk's document camera."""
    base = np.array([58, 62, 70], np.float32)  # BGR, dark slate
    texture = cv2.GaussianBlur(rng.normal(0, 9, (height // 8, width // 8)).astype(np.float32),
                               (0, 0), 2)
    texture = cv2.resize(texture, (width, height), interpolation=cv2.INTER_LINEAR)
    return np.clip(base[None, None, :] + texture[..., None], 0, 255).astype(np.float32)


def page_quad(page_size: tuple[int, int], c: Conditions) -> np.ndarray:
    """The page's corners (TL, TR, BR, BL) through a pinhole camera, principal point centred.

    The page lies in a plane at the distance where, seen square on, its height would fill
    ``fill`` of the frame; the plane is then turned ``rotate_deg`` about the optical axis and
    tilted ``tilt_deg`` about an in-plane axis: a true perspective, so the page's apparent
    aspect ratio is wrong by the foreshortening (a 4K photo of A4 at an angle: 1.10, not 1.41).
    """
    fw, fh = c.frame
    pw, ph = page_size
    focal = c.focal_35mm / 43.27 * float(np.hypot(fw, fh))  # 43.27 mm: the 36×24 diagonal
    distance = focal * ph / (c.fill * fh)
    corners = np.array([[-pw / 2, -ph / 2, 0], [pw / 2, -ph / 2, 0], [pw / 2, ph / 2, 0],
                        [-pw / 2, ph / 2, 0]], np.float64)

    def about_z(deg: float) -> np.ndarray:
        a = np.deg2rad(deg)
        return np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])

    t = np.deg2rad(c.tilt_deg)
    about_x = np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])
    turn = about_z(c.tilt_axis_deg) @ about_x @ about_z(-c.tilt_axis_deg) @ about_z(c.rotate_deg)
    centre = np.array([c.shift[0] * fw / focal * distance, c.shift[1] * fh / focal * distance,
                       distance])
    points = corners @ turn.T + centre
    projected = focal * points[:, :2] / points[:, 2:3] + np.array([fw / 2, fh / 2])
    return projected.astype(np.float32)


def photograph(page: np.ndarray, c: Conditions) -> tuple[np.ndarray, np.ndarray]:
    """The page as a camera frame (BGR uint8, after JPEG) and the true quad in it."""
    rng = np.random.default_rng(c.seed)
    fw, fh = c.frame
    ph, pw = page.shape[:2]
    quad = page_quad((pw, ph), c)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    paper = np.dstack([page] * 3).astype(np.float32) * np.array([0.97, 0.99, 1.0], np.float32)
    warped = cv2.warpPerspective(paper, matrix, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), matrix, (fw, fh))
    frame = _background(fw, fh, rng) * (1 - mask[..., None]) + warped * mask[..., None]

    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    illumination = c.light * (0.92 + 0.08 * (1 - xx / fw))  # a lamp on the left
    if c.shadow:
        # a soft straight-edged shadow (a hand or the camera arm) over one side of the page
        edge = (xx - 0.55 * fw) + 0.35 * (yy - fh / 2)
        illumination = illumination * (1 - c.shadow / (1 + np.exp(-edge / (0.02 * fw))))
    frame *= illumination[..., None]
    if c.glare:
        gx, gy = quad.mean(axis=0) + np.array([0.1 * fw, -0.1 * fh])
        spot = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * (0.07 * fh) ** 2)))
        frame += c.glare * 255 * spot[..., None]
    if c.blur_sigma:
        frame = cv2.GaussianBlur(frame, (0, 0), c.blur_sigma)
    frame += rng.normal(0, c.noise / max(c.light, 0.5), frame.shape[:2])[..., None]
    frame = np.clip(frame, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, c.jpeg_quality])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR), quad


# The committed set. "good" photographs are ones a citizen would be right to expect to pass.
CAMERA_SET: list[tuple[str, Conditions, bool, list[str]]] = [
    ("cam_straight", Conditions(seed=1), True, []),
    ("cam_angle", Conditions(tilt_deg=30, tilt_axis_deg=20, rotate_deg=-4, seed=2), True, []),
    ("cam_skew", Conditions(rotate_deg=7, fill=0.8, seed=3), True, []),
    ("cam_lowlight", Conditions(light=0.45, noise=3.0, tilt_deg=12, tilt_axis_deg=100, seed=4),
     True, []),
    ("cam_shadow", Conditions(shadow=0.45, rotate_deg=2, seed=5), True, []),
    ("cam_softblur", Conditions(blur_sigma=1.0, tilt_deg=20, tilt_axis_deg=160, jpeg_quality=75,
                                seed=6), True, []),
    ("cam_upside_down", Conditions(rotate_deg=178, fill=0.82, seed=7), True, []),
    ("bad_blur", Conditions(blur_sigma=6.0, seed=8), False, ["blur"]),
    ("bad_dark", Conditions(light=0.13, noise=2.0, seed=9), False, ["dark"]),
    ("bad_glare", Conditions(glare=1.4, seed=10), False, ["glare"]),
    ("bad_cutoff", Conditions(fill=0.95, shift=(0.32, 0.0), seed=11), False, ["cut_off"]),
    ("bad_small", Conditions(fill=0.3, seed=12), False, ["too_small"]),
]
CLEAN_SEEDS = [101, 102, 103]


def generate(out: Path = HERE) -> list[Sample]:
    samples: list[Sample] = []
    for seed in CLEAN_SEEDS:
        page, truth = render_page(seed)
        name = f"clean_{seed}"
        Image.fromarray(page).convert("1", dither=Image.Dither.NONE).save(
            out / f"{name}.png", dpi=(300, 300), optimize=True)
        samples.append(Sample(name=name, kind="clean", truth=truth))
    for index, (name, conditions, good, expect) in enumerate(CAMERA_SET):
        page, truth = render_page(200 + index)
        frame, quad = photograph(page, conditions)
        cv2.imwrite(str(out / f"{name}.jpg"), frame,
                    [cv2.IMWRITE_JPEG_QUALITY, conditions.jpeg_quality])
        samples.append(Sample(name=name, kind="camera", truth=truth, good=good, expect=expect,
                              quad=quad.round(1).tolist(), conditions=asdict(conditions)))
    # a frame with no page at all: only the desk
    empty = _background(1920, 1080, np.random.default_rng(99)).astype(np.uint8)
    cv2.imwrite(str(out / "no_page.jpg"), empty, [cv2.IMWRITE_JPEG_QUALITY, 85])
    samples.append(Sample(name="no_page", kind="camera", truth="", good=False,
                          expect=["no_page"]))
    for sample in samples:
        if sample.truth:
            (out / f"{sample.name}.txt").write_text(sample.truth + "\n", encoding="utf-8")
    manifest = [{k: v for k, v in asdict(s).items() if k != "truth"} for s in samples]
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return samples


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    target.mkdir(parents=True, exist_ok=True)
    made = generate(target)
    total = sum(p.stat().st_size for p in target.iterdir() if p.is_file())
    print(f"{len(made)} samples, {total / 1e6:.1f} MB in {target}")
