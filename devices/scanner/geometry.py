"""The true shape of a photographed page: its aspect ratio from the perspective, then its size.

A page photographed at an angle is a general quadrilateral; the ratio of its sides in the
picture is not the page's (a 4K photo of an A4 page at an angle measured 1.10 instead of
1.414). Zhang & He ("Whiteboard scanning and image enhancement", Digital Signal Processing
17(2), 2007, section 3) recover it from the four corners alone: a rectangle's vanishing points
give the camera's focal length (principal point at the picture's centre, square pixels), and
with it the ratio of the rectangle's sides. When the page is seen nearly square on, the
focal length cannot be told from the corners (parallel sides, no vanishing point), and is
not needed either: the picture's own ratio is then right. A focal length measured once for a
fixed document camera (``camera_focal_px``) replaces the estimate.

The ratio is then snapped to a paper size citizens bring (ISO A series, US Letter, ID-1
cards) when close, so the page can be drawn at its real size and a fixed resolution.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PaperSize:
    name: str
    short_mm: float
    long_mm: float

    @property
    def aspect(self) -> float:
        return self.long_mm / self.short_mm


# A5 and B5 share A4's √2 ratio (ISO 216): from the shape alone they cannot be told apart,
# so a √2 page is drawn at A4 size, the size a counter sees most.
PAPER_SIZES = (
    PaperSize("A4", 210.0, 297.0),
    PaperSize("Letter", 215.9, 279.4),
    PaperSize("ID-1", 53.98, 85.6),  # ISO/IEC 7810 cards: the ID card, a driving licence
)
SNAP_TOLERANCE = 0.04
# The focal length is estimated only when both pairs of opposite sides converge by at least
# this much; otherwise one vanishing point is near infinity and the estimate is noise
# (measured on synthetic 4K photos: tilts about the page's own axes gave 5-15% errors).
MIN_CONVERGENCE_DEG = 2.0
SQUARE_ON_DEG = 0.3  # sides this close to parallel: no perspective to undo
# Without an estimate or a calibration: a 26 mm-equivalent lens (a phone's main camera, most
# USB document cameras), f = 26/43.3 of the picture's diagonal.
TYPICAL_FOCAL = 0.6  # Letter (1.294) and ID-1 (1.586) are ≥ 8% away from √2


@dataclass(frozen=True)
class PageShape:
    aspect: float  # long side / short side of the page itself
    portrait: bool  # the page's long side runs down the picture
    focal_px: float | None  # the focal length used, None when seen square on
    tilt_deg: float  # angle between the page and the picture plane


def page_shape(quad: np.ndarray, frame_size: tuple[int, int],
               focal_px: float | None = None) -> PageShape:
    """Shape of the page whose corners (TL, TR, BR, BL, picture pixels) are ``quad``."""
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in np.asarray(quad, np.float64))
    u0, v0 = frame_size[0] / 2, frame_size[1] / 2
    # Zhang & He, eqs. (11)-(12): m1..m4 = TL, TR, BL, BR
    k2 = np.dot(np.cross(tl, br), bl) / np.dot(np.cross(tr, br), bl)
    k3 = np.dot(np.cross(tl, br), tr) / np.dot(np.cross(bl, br), tr)
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    if focal_px is None:
        focal_px = (_focal_length(quad, n2, n3, u0, v0, frame_size)
                    or TYPICAL_FOCAL * float(np.hypot(*frame_size)))
    if max(_convergence(quad)) < SQUARE_ON_DEG:  # seen square on: the picture's ratio is right
        width, height = np.linalg.norm(n2[:2]), np.linalg.norm(n3[:2])
        tilt = 0.0
    else:
        inverse = np.linalg.inv(np.array([[focal_px, 0, u0], [0, focal_px, v0], [0, 0, 1]]))
        a, b = inverse @ n2, inverse @ n3  # the page's sides, in camera coordinates
        width, height = np.linalg.norm(a), np.linalg.norm(b)
        normal = np.cross(a, b)
        tilt = float(np.degrees(np.arccos(abs(normal[2]) / np.linalg.norm(normal))))
    portrait = height >= width
    aspect = max(width, height) / max(min(width, height), 1e-9)
    return PageShape(float(aspect), bool(portrait), focal_px, tilt)


def _focal_length(quad: np.ndarray, n2: np.ndarray, n3: np.ndarray, u0: float, v0: float,
                  frame_size: tuple[int, int]) -> float | None:
    """Zhang & He eq. (21); None when the sides are (nearly) parallel or the answer absurd."""
    diagonal = float(np.hypot(*frame_size))
    if min(_convergence(quad)) < MIN_CONVERGENCE_DEG:
        return None  # a vanishing point near infinity: the focal length is not observable
    f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 ** 2)
           + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 ** 2)
           ) / (n2[2] * n3[2])
    if not np.isfinite(f2) or f2 <= 0:
        return None
    focal = float(np.sqrt(f2))
    # phone and document cameras span ~25-100° across the diagonal
    return focal if 0.4 * diagonal <= focal <= 2.5 * diagonal else None


def _convergence(quad: np.ndarray) -> tuple[float, float]:
    """Angles (degrees) between the top and bottom sides, and between the left and right."""
    tl, tr, br, bl = np.asarray(quad, np.float64)

    def angle(a: np.ndarray, b: np.ndarray) -> float:
        cos = np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
        return float(np.degrees(np.arccos(np.clip(cos, -1, 1))))

    return angle(tr - tl, br - bl), angle(bl - tl, br - tr)


def focal_px_from_35mm(f35_mm: float, frame_size: tuple[int, int]) -> float:
    """A 35 mm-equivalent focal length in pixels: the 36×24 mm frame's diagonal is 43.27 mm."""
    return f35_mm / 43.27 * float(np.hypot(*frame_size))


def snap(aspect: float) -> PaperSize | None:
    """The paper size whose ratio is within ``SNAP_TOLERANCE`` of ``aspect``, if any."""
    best = min(PAPER_SIZES, key=lambda size: abs(np.log(aspect / size.aspect)))
    return best if abs(aspect / best.aspect - 1) <= SNAP_TOLERANCE else None
