"""Is this picture good enough to keep? Each problem comes with the words that fix it.

The checks run on the detected page (not the desk around it), on a copy shrunk to a fixed
height so the thresholds do not depend on the camera's resolution. Thresholds were set on the
synthetic set in ``bench/data/pages`` and are checked by ``bench/bench_scan.py`` (false alarms
on good pages ≤ 5%).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from devices.scanner.correct import flatten_lighting, warp_page
from devices.scanner.detect import PageDetection
from devices.scanner.geometry import page_shape

CHECK_HEIGHT = 1000  # the page is judged at this height in pixels
MIN_AREA_FRACTION = 0.15


@dataclass(frozen=True)
class QualityIssue:
    code: str  # no_page | too_small | cut_off | tilted | blur | dark | glare
    vi: str
    en: str
    value: float = 0.0  # the measure that triggered it, for the log and the benchmark

    def to_json(self) -> dict:
        return {"code": self.code, "vi": self.vi, "en": self.en, "value": round(self.value, 4)}


MESSAGES = {
    "no_page": ("Không thấy trang giấy. Đặt giấy phẳng trên mặt bàn, nằm trọn trong khung.",
                "No page in view. Lay the paper flat on the mat, fully inside the frame."),
    "too_small": ("Trang giấy quá nhỏ trong khung. Đặt giấy vào giữa khung, gần máy hơn.",
                  "The page is too small in the picture. Put it in the middle, nearer the camera."),
    "cut_off": ("Trang giấy bị cắt mất một phần. Đẩy giấy vào giữa để thấy đủ bốn góc.",
                "Part of the page is cut off. Move it to the middle so all four corners show."),
    "tilted": ("Trang giấy bị nghiêng quá. Đặt giấy nằm phẳng trên mặt bàn, ngay dưới máy chụp.",
               "The page is seen at too steep an angle. Lay it flat on the mat, under the camera."),
    "blur": ("Ảnh bị mờ. Giữ yên giấy và tay, đợi máy tự chụp.",
             "The picture is blurred. Hold the paper and your hands still; it will take itself."),
    "dark": ("Ảnh quá tối. Bỏ tay hoặc vật che khỏi trang giấy, hoặc nhờ cán bộ bật đèn.",
             "The picture is too dark. Move hands or objects off the page, or ask for more light."),
    "glare": ("Trang giấy bị chói sáng, mất chữ. Nghiêng nhẹ giấy hoặc bỏ lớp bọc nhựa.",
              "Glare hides part of the page. Tilt it slightly or take it out of its plastic sleeve."),
}

BLUR_MIN = 0.6  # edge steepness vs contrast on the flattened page: sharp ≈ 0.95, σ=4 px ≈ 0.47
DARK_PAPER_MAX = 55  # brightness of the paper (90th percentile) below this is too dark
GLARE_MIN = 0.02  # fraction of the page washed out to pure white
# beyond this angle the far edge has too few pixels per letter and a small corner error
# skews the page's shape (synthetic 4K photos: aspect off by 5-25% at 60°)
MAX_TILT_DEG = 50
MIN_PREVIEW_BRIGHTNESS = 45  # mean of a detected page (print included) below this: too dark


def issue(code: str, value: float = 0.0) -> QualityIssue:
    vi, en = MESSAGES[code]
    return QualityIssue(code, vi, en, value)


def assess(frame: np.ndarray, detection: PageDetection | None,
           focal_px: float | None = None) -> list[QualityIssue]:
    """Problems with ``frame`` as a picture of a paper; empty when it is good to keep."""
    if detection is None:
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        brightness = float(np.percentile(grey[::4, ::4], 90))
        if brightness < DARK_PAPER_MAX:
            return [issue("dark", brightness)]  # a page may be there: we cannot see it
        return [issue("no_page")]
    issues = []
    if detection.touches_border:
        issues.append(issue("cut_off"))
    if detection.area_fraction < MIN_AREA_FRACTION:
        issues.append(issue("too_small", detection.area_fraction))
    tilt = page_shape(detection.quad, detection.frame_size, focal_px).tilt_deg
    if tilt > MAX_TILT_DEG:
        issues.append(issue("tilted", tilt))
    page, _ = warp_page(frame, detection.quad, max_height=CHECK_HEIGHT, focal_px=focal_px)
    issues.extend(assess_page(page))
    return issues


def assess_page(page: np.ndarray) -> list[QualityIssue]:
    """Blur, darkness and glare of an already flattened (warped or scanned) page."""
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    if grey.shape[0] != CHECK_HEIGHT:
        scale = CHECK_HEIGHT / grey.shape[0]
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    margin = grey.shape[0] // 40  # skip the edge, where the desk may still show
    grey = grey[margin:-margin, margin:-margin]
    issues = []
    paper = float(np.percentile(grey, 90))
    if paper < DARK_PAPER_MAX:
        issues.append(issue("dark", paper))
    glare = _glare_fraction(grey)
    if glare > GLARE_MIN and np.median(grey) < 248:  # a blob, not a whole page set bright
        issues.append(issue("glare", glare))
    sharpness = _sharpness(flatten_lighting(grey))
    if sharpness is not None and sharpness < BLUR_MIN and not issues:  # dark/glare first
        issues.append(issue("blur", sharpness))
    return issues


def _glare_fraction(grey: np.ndarray) -> float:
    """Share of the page blown out to white in a patch: paper under even light stays grey
    enough to keep its text, a reflection saturates a blob and wipes the text inside it."""
    blown = (cv2.GaussianBlur(grey, (9, 9), 0) >= 250).astype(np.uint8)
    blown = cv2.morphologyEx(blown, cv2.MORPH_OPEN, np.ones((15, 15), np.uint8))
    return float(blown.mean())


def _sharpness(grey: np.ndarray) -> float | None:
    """Steepness of the strongest edges relative to the ink/paper contrast (None: no ink).
    A blurred stroke spreads its step over more pixels, so its gradient drops."""
    low, high = np.percentile(grey, [0.5, 95])
    contrast = float(high - low)
    if contrast < 30:
        return None  # a blank page has no edges to judge
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)
    magnitude = cv2.magnitude(gx, gy)
    return float(np.percentile(magnitude, 99.5) / (4 * contrast))
