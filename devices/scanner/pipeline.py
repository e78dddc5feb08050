"""From a captured picture to a page ready to keep and to read.

``prepare_page`` is the one place where the steps meet: find the page (camera) or take the
whole picture (flatbed), warp it flat, even out the light, turn it upright, level its lines,
and judge its quality. What it returns carries both the colour page (for a photo-like keep)
and the clean grey page tesseract reads.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from devices.scanner.correct import (flatten_lighting, orientation, rotate,
                                     skew_angle, to_grey, upright, warp_page)
from devices.scanner.detect import STILL_WORK_SIZE, PageDetection, detect_page
from devices.scanner.errors import NoPageFound
from devices.scanner.quality import QualityIssue, assess, assess_page

Source = Literal["auto", "camera", "flatbed"]


@dataclass
class PreparedPage:
    colour: np.ndarray  # BGR, upright, deskewed
    grey: np.ndarray  # flattened grey, same geometry: what OCR reads
    dpi: float
    rotation: int  # clockwise quarter turns applied
    skew: float  # degrees of residual skew removed
    detection: PageDetection | None
    issues: list[QualityIssue] = field(default_factory=list)


def prepare_page(image: np.ndarray, source: Source = "auto", scan_dpi: float = 300.0
                 ) -> PreparedPage:
    """Flatten, straighten and judge one captured picture.

    ``camera``: a page must be found in the picture (raises ``NoPageFound`` otherwise);
    ``flatbed``: the picture is the page, at ``scan_dpi``; ``auto``: a camera-like picture
    when a page with desk around it is found, a scan otherwise.
    """
    detection = detect_page(image, STILL_WORK_SIZE) if source != "flatbed" else None
    as_photo = detection is not None and (
        source == "camera" or (not detection.touches_border and detection.area_fraction < 0.9))
    if source == "camera" and detection is None:
        issues = assess(image, None)
        raise NoPageFound(f"no page in a {image.shape[1]}x{image.shape[0]} picture",
                          vi=issues[0].vi, en=issues[0].en)
    if as_photo:
        issues = assess(image, detection)
        page, dpi = warp_page(image, detection.quad)
        page = _trim(page)  # a few pixels of desk may survive the corners' error
    else:
        detection = None
        page, dpi = image, scan_dpi
        issues = assess_page(page)
    grey = flatten_lighting(cv2.medianBlur(to_grey(page), 3))
    turns = orientation(grey)
    grey, page = upright(grey, turns), upright(page, turns)
    angle = skew_angle(grey)
    return PreparedPage(colour=rotate(page, angle), grey=rotate(grey, angle), dpi=dpi,
                        rotation=turns, skew=angle, detection=detection, issues=issues)


def _trim(page: np.ndarray, fraction: float = 0.005) -> np.ndarray:
    """Cut 0.5% off each edge (~1 mm of A4 margin): never text, often a dark desk sliver."""
    h, w = page.shape[:2]
    dy, dx = max(1, int(h * fraction)), max(1, int(w * fraction))
    return np.ascontiguousarray(page[dy:h - dy, dx:w - dx])
