"""Finding the page in a camera frame: its four corners, fast enough for a live preview.

A paper on the kiosk's dark mat is the largest bright, roughly four-sided blob. The frame is
shrunk to ~640 px, blurred, mapped to log brightness, split with Otsu's threshold, closed (so
text does not punch holes), and the largest contour is reduced to four corners. The log
mapping matters: a shadow multiplies brightness, so in log space a shadowed half of the page
stays on the paper's side of the threshold; with plain Otsu a half-shadowed page in low light
was cut at the shadow's edge (4 of 40 benchmark photos, 0 with the log mapping). At that size one frame costs a
few milliseconds, so the preview can outline the page at the camera's frame rate.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIZE = 640  # longest side of the detection image: ~3 ms per 1080p preview frame
STILL_WORK_SIZE = 1280  # for a still: corners within ~5 px of 3264 (640 gives ~10) in ~60 ms
MIN_AREA = 0.03  # smaller blobs are desk texture, not a page
BORDER_MARGIN = 0.006  # a corner this close to the frame edge means the page is cut off
LOG_LUT = np.clip(np.log1p(np.arange(256)) / np.log(256) * 255, 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class PageDetection:
    """A page seen in a frame; ``quad`` is TL, TR, BR, BL in frame pixels."""

    quad: np.ndarray  # shape (4, 2), float32
    frame_size: tuple[int, int]  # width, height
    area_fraction: float  # page area / frame area
    touches_border: bool  # part of the page is outside the frame
    contrast: float  # page minus surroundings, in log brightness scaled to 0–255
    brightness: float = 255.0  # mean grey level on the page (print included), 0–255

    def to_json(self) -> dict:
        return {"quad": [[round(float(x), 1), round(float(y), 1)] for x, y in self.quad],
                "frame_size": list(self.frame_size),
                "area_fraction": round(self.area_fraction, 4),
                "touches_border": self.touches_border,
                "contrast": round(self.contrast, 1), "brightness": round(self.brightness, 1)}


def detect_page(frame: np.ndarray, work_size: int = WORK_SIZE) -> PageDetection | None:
    """The page in ``frame`` (BGR or grey), or None when no page is in view."""
    height, width = frame.shape[:2]
    scale = min(1.0, work_size / max(width, height))
    small = cv2.resize(frame, (round(width * scale), round(height * scale)),
                       interpolation=cv2.INTER_AREA)
    linear = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3
                              else small, (5, 5), 0)
    grey = cv2.LUT(linear, LOG_LUT)
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    small_area = grey.shape[0] * grey.shape[1]
    if area < MIN_AREA * small_area:
        return None
    quad = _four_corners(contour)
    if quad is None or cv2.contourArea(quad) < 0.85 * area:
        return None  # ragged blob (hands, a cluttered desk), not a sheet
    contrast, brightness = _contrast(grey, linear, quad)
    if contrast < 25:
        return None  # Otsu split a uniform scene in two: there is no page
    ordered = order_corners(quad) / scale
    margin = BORDER_MARGIN * max(width, height)
    touches = bool(np.any(ordered[:, 0] < margin) or np.any(ordered[:, 1] < margin)
                   or np.any(ordered[:, 0] > width - 1 - margin)
                   or np.any(ordered[:, 1] > height - 1 - margin))
    return PageDetection(quad=ordered.astype(np.float32), frame_size=(width, height),
                         area_fraction=float(cv2.contourArea(quad) / small_area),
                         touches_border=touches, contrast=contrast, brightness=brightness)


def _four_corners(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    return cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)


def _contrast(grey: np.ndarray, linear: np.ndarray, quad: np.ndarray) -> tuple[float, float]:
    """(page minus surroundings in ``grey``, mean of the page in ``linear``)."""
    inside = np.zeros_like(grey)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    brightness = float(cv2.mean(linear, inside)[0])
    outside = cv2.bitwise_not(cv2.dilate(inside, np.ones((15, 15), np.uint8)))
    if not outside.any():
        return 255.0, brightness  # the page fills the frame: nothing to compare, trust the shape
    return float(cv2.mean(grey, inside)[0] - cv2.mean(grey, outside)[0]), brightness


def order_corners(quad: np.ndarray) -> np.ndarray:
    """Corners clockwise on screen, starting at the one nearest the frame's top-left."""
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    clockwise = quad[np.argsort(angles)]  # y grows downwards, so ascending angle = clockwise
    start = int(np.argmin(clockwise.sum(axis=1)))
    return np.roll(clockwise, -start, axis=0)
