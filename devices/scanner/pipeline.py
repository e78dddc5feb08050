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

from devices.scanner.correct import (PAGE_DPI, flatten_lighting, orientation, rotate,
                                     skew_angle, to_grey, upright, warp_page)
from devices.scanner.detect import STILL_WORK_SIZE, PageDetection, detect_page
from devices.scanner.errors import NoPageFound
from devices.scanner.geometry import focal_px_from_35mm
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


def prepare_page(image: np.ndarray, source: Source = "auto", scan_dpi: float = 300.0, *,
                 focal_35mm: float | None = None, page_dpi: float = PAGE_DPI) -> PreparedPage:
    """Flatten, straighten and judge one captured picture.

    ``camera``: a page must be found in the picture (raises ``NoPageFound`` otherwise);
    ``flatbed``: the picture is the page, at ``scan_dpi``; ``auto``: a camera-like picture
    when a page with desk around it is found, a scan otherwise. ``focal_35mm``: the camera's
    35 mm-equivalent focal length when known (settings, EXIF), else estimated from the page;
    ``page_dpi``: the fixed resolution a photographed page is drawn at.
    """
    detection = detect_page(image, STILL_WORK_SIZE) if source != "flatbed" else None
    as_photo = detection is not None and (
        source == "camera" or (not detection.touches_border and detection.area_fraction < 0.9))
    if source == "camera" and detection is None:
        issues = assess(image, None)
        raise NoPageFound(f"no page in a {image.shape[1]}x{image.shape[0]} picture",
                          vi=issues[0].vi, en=issues[0].en)
    if as_photo:
        focal_px = focal_px_from_35mm(focal_35mm, detection.frame_size) if focal_35mm else None
        issues = assess(image, detection, focal_px)
        page, dpi = warp_page(image, detection.quad, focal_px=focal_px, dpi=page_dpi)
        page = _clear_edges(page)  # a few pixels of desk may survive the corners' error
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


def _clear_edges(page: np.ndarray, fraction: float = 0.005) -> np.ndarray:
    """Paint 0.5% of each edge (~1 mm of A4 margin: never text, often a dark desk sliver) the
    paper's colour, rather than cutting it off, so the page keeps its paper size."""
    h, w = page.shape[:2]
    dy, dx = max(1, int(h * fraction)), max(1, int(w * fraction))
    paper = np.percentile(page[dy:h - dy:8, dx:w - dx:8], 90, axis=(0, 1)).astype(page.dtype)
    page = page.copy()
    page[:dy], page[h - dy:], page[:, :dx], page[:, w - dx:] = paper, paper, paper, paper
    return page
