"""Synthetic 1080p camera frames of an ID card lying in the kiosk tray, QR side up.

Used to choose and benchmark the QR decoder (bench/data/qr_frames) and by the camera
simulator. Everything is drawn: invented citizens, no photograph of a real card.
Variation per frame: card size, position, rotation (±30°), perspective tilt, blur, lighting,
sensor noise and JPEG quality — what a fixed tray camera sees when people place cards.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from devices.idcard.idnumber import PROVINCE_CODES, century_sex_digit
from devices.idcard.qr import QrIdentity, format_qr_payload

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quốc", "Thu", "Xuân", "Bảo"]
GIVEN = ["Ánh", "Dũng", "Hương", "Tuấn", "Lộc", "Yến", "Phúc", "Khải", "Ngân", "Thủy", "Hải",
         "Quỳnh", "Đạt", "Ước", "Ý", "Trâm", "Hiếu", "Nguyệt"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Điện Biên Phủ", "Hùng Vương"]
WARDS = ["Phường Bến Thành", "Phường Hoàn Kiếm", "Xã Tân Phú", "Phường Hải Châu", "Xã Đông Hòa"]
PROVINCES = ["Thành phố Hồ Chí Minh", "Thành phố Hà Nội", "Thành phố Đà Nẵng", "Tỉnh Đồng Nai",
             "Tỉnh Khánh Hòa"]


def random_citizen_qr(rnd: random.Random) -> QrIdentity:
    sex = rnd.choice(["Nam", "Nữ"])
    dob = dt.date(rnd.randint(1950, 2008), rnd.randint(1, 12), rnd.randint(1, 28))
    province = rnd.choice(sorted(PROVINCE_CODES))
    id_number = f"{province}{century_sex_digit(dob.year, sex)}{dob.year % 100:02d}{rnd.randint(0, 999999):06d}"
    name = " ".join([rnd.choice(SURNAMES), rnd.choice(MIDDLE), rnd.choice(GIVEN)][: rnd.choice([2, 3, 3])])
    address = f"{rnd.randint(1, 300)} {rnd.choice(STREETS)}, {rnd.choice(WARDS)}, {rnd.choice(PROVINCES)}"
    issued = dt.date(rnd.randint(max(dob.year + 14, 2016), 2025), rnd.randint(1, 12), rnd.randint(1, 28))
    old = f"{rnd.randint(0, 999999999):09d}" if rnd.random() < 0.5 else ""
    return QrIdentity(id_number, old, name, dob, sex, address, issued)


def qr_matrix(payload: str) -> np.ndarray:
    """QR in byte mode without ECI, like the cards: UTF-8 bytes the reader must decode."""
    import zxingcpp

    code = zxingcpp.create_barcode(payload.encode("utf-8"), zxingcpp.BarcodeFormat.QRCode)
    return np.array(zxingcpp.write_barcode_to_image(code, scale=1, add_quiet_zones=True))


@dataclass(frozen=True)
class SceneParams:
    """How frames vary. The defaults made bench/data/qr_frames; other values make sets the
    decoders were not tuned on (small codes of a card far from the camera, a thumb on it)."""

    card_px: tuple[int, int] = (620, 950)  # card width on the sensor
    qr_px: tuple[int, int] | None = None  # QR side instead (the card width follows)
    max_rotation: float = 30.0
    max_tilt: float = 0.08
    max_blur: float = 1.3
    noise: tuple[float, float] = (1.5, 4.0)
    jpeg: tuple[int, int] = (72, 88)
    cover_half: bool = False  # a thumb over half of the QR: must not read, must not crash


def _card_face(rnd: random.Random, width: int, payload: str | None,
               qr_side: int | None = None, cover_half: bool = False) -> np.ndarray:
    """The card (85.6 × 54 mm) with blocks of 'text', a photo box and the QR code."""
    import cv2

    height = int(width * 54 / 85.6)
    base = np.array([rnd.randint(215, 240), rnd.randint(225, 245), rnd.randint(230, 250)], np.uint8)
    card = np.empty((height, width, 3), np.uint8)
    card[:] = base
    for y in range(height // 6, height - 20, max(12, height // 14)):  # lines of "text"
        x0 = int(width * rnd.uniform(0.05, 0.35))
        cv2.line(card, (x0, y), (int(x0 + width * rnd.uniform(0.2, 0.5)), y), (90, 80, 70),
                 max(2, width // 220))
    cv2.rectangle(card, (int(width * 0.05), int(height * 0.3)), (int(width * 0.28), int(height * 0.85)),
                  (170, 160, 150), -1)
    if payload is not None:
        matrix = qr_matrix(payload)
        side = qr_side or int(width * rnd.uniform(0.21, 0.25))
        qr = cv2.resize(matrix, (side, side), interpolation=cv2.INTER_NEAREST)
        y0, x0 = int(height * 0.08), width - side - int(width * 0.05)
        card[y0:y0 + side, x0:x0 + side] = cv2.cvtColor(qr, cv2.COLOR_GRAY2BGR)
        if cover_half:  # a thumb from below: skin tone, soft edge, over ~half the code
            top = y0 + int(side * rnd.uniform(0.4, 0.55))
            cv2.ellipse(card, (x0 + side // 2 + rnd.randint(-side // 8, side // 8), top + side),
                        (int(side * 0.75), side), 0, 180, 360,
                        (rnd.randint(120, 160), rnd.randint(150, 180), rnd.randint(190, 225)), -1)
    return card


def render_scene(seed: int, payload: str | None, size: tuple[int, int] = (1920, 1080),
                 params: SceneParams = SceneParams()) -> np.ndarray:
    import cv2

    rnd, prm = random.Random(seed), params
    w, h = size
    # The tray: a dark matte surface with a soft light gradient.
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 60 + 40 * np.exp(-(((xx - w * rnd.uniform(0.3, 0.7)) / w) ** 2 + ((yy - h / 2) / h) ** 2) * 3)
    scene = np.dstack([light * 0.9, light, light * 1.05]).clip(0, 255).astype(np.uint8)
    qr_side = None
    if prm.qr_px:
        qr_side = rnd.randint(*prm.qr_px)
        card_w = int(qr_side / rnd.uniform(0.21, 0.25))
    else:
        card_w = rnd.randint(*prm.card_px)
    card = _card_face(rnd, card_w, payload, qr_side, prm.cover_half)
    ch, cw = card.shape[:2]
    src = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    angle = np.radians(rnd.uniform(-prm.max_rotation, prm.max_rotation))
    cx, cy = w / 2 + rnd.uniform(-250, 250), h / 2 + rnd.uniform(-120, 120)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    corners = (src - [cw / 2, ch / 2]) @ rot.T
    tilt = rnd.uniform(-prm.max_tilt, prm.max_tilt)  # one edge nearer the camera
    corners[:, 0] *= 1 + tilt * np.sign(corners[:, 1])
    dst = np.float32(corners + [cx, cy])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(card, m, (w, h))
    mask = cv2.warpPerspective(np.full((ch, cw), 255, np.uint8), m, (w, h))
    scene[mask > 0] = warped[mask > 0]
    scene = cv2.convertScaleAbs(scene, alpha=rnd.uniform(0.75, 1.15), beta=rnd.uniform(-15, 15))
    if rnd.random() < 0.3:  # glare of the kiosk's light on the laminate
        glare = np.zeros((h, w), np.float32)
        gx, gy = int(cx + rnd.uniform(-300, 300)), int(cy + rnd.uniform(-150, 150))
        cv2.ellipse(glare, (gx, gy), (rnd.randint(60, 160), rnd.randint(30, 80)),
                    rnd.uniform(0, 180), 0, 360, rnd.uniform(50, 110), -1)
        glare = cv2.GaussianBlur(glare, (0, 0), 25)
        scene = (scene + glare[..., None]).clip(0, 255).astype(np.uint8)
    if rnd.random() < 0.2:  # the card still moving when the frame was taken
        k = rnd.randint(3, 6)
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        scene = cv2.filter2D(scene, -1, kernel)
    sigma = rnd.uniform(0.0, prm.max_blur)
    if sigma > 0.2:
        scene = cv2.GaussianBlur(scene, (0, 0), sigma)
    noise = np.random.default_rng(seed).normal(0, rnd.uniform(*prm.noise), scene.shape)
    return (scene + noise).clip(0, 255).astype(np.uint8)


def generate_frame_set(out_dir: Path, count: int = 40, empty: int = 4, seed: int = 2026,
                       params: SceneParams = SceneParams(), covered: int = 0) -> dict:
    """Write ``count`` JPEG frames and truth.json: the last ``empty`` without a QR, the
    ``covered`` before them with half the QR under a thumb (truth None: no read expected)."""
    import cv2

    out_dir.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    truth: dict[str, str | None] = {}
    for i in range(count):
        payload = None if i >= count - empty else format_qr_payload(
            random_citizen_qr(rnd), trailing_fields=rnd.choice([0, 0, 3]))
        is_covered = count - empty - covered <= i < count - empty
        scene_params = SceneParams(**{**params.__dict__, "cover_half": True}) if is_covered else params
        frame = render_scene(seed * 1000 + i, payload, params=scene_params)
        name = f"frame_{i:03d}.jpg"
        cv2.imwrite(str(out_dir / name), frame, [cv2.IMWRITE_JPEG_QUALITY, rnd.randint(*params.jpeg)])
        truth[name] = None if is_covered else payload
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    return truth
