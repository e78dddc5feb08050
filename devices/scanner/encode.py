"""How a page picture is kept: colour, grey or black-and-white, and within a size budget.

A dossier is uploaded to the central system and kept for years, so each page has a budget
(``ScannerSettings.page_budget_kb``). Which compression fits is not guessed: the candidates
are encoded, measured, and the best-looking one under the budget wins; when none fits, the
page is scaled down a step and measured again. Colour is kept when the page has colour worth
keeping (a red seal, a photo); text pages go to grey, where JPEG is far smaller, or to
black-and-white (1 bit, Flate) which is smallest of all for plain print.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

Mode = Literal["auto", "colour", "grey", "bilevel"]
MIN_DPI = 150  # below this, small print stops being legible
# A JPEG's size grows with the page's area: each candidate is first encoded at half the width
# and height, and one that is surely over the budget is not encoded at full size (three
# full-size JPEG trials of a 300 dpi text page cost ~0.4 s before it ends in 1 bit). Full size
# measured 0.65-0.87 × four times the half-size one (clean and camera pages, q55-q85): only a
# candidate whose half-size file is over 1.65× a quarter of the budget is skipped.
PREVIEW_SCALE = 0.5
PREVIEW_MARGIN = 1.65


@dataclass(frozen=True)
class EncodedPage:
    """A page picture ready to be placed in a PDF as an image XObject."""

    data: bytes
    filter: Literal["DCTDecode", "FlateDecode"]
    colour_space: Literal["DeviceRGB", "DeviceGray"]
    bits: int
    width: int
    height: int
    dpi: float
    label: str  # e.g. "grey jpeg q80": recorded so the choice can be audited

    @property
    def size(self) -> int:
        return len(self.data)


def has_colour(page_bgr: np.ndarray, fraction: float = 0.004) -> bool:
    """True when enough pixels are clearly coloured (a seal, a photo) to keep colour."""
    if page_bgr.ndim == 2:
        return False
    scale = 600 / max(page_bgr.shape[:2])
    small = cv2.resize(page_bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    coloured = (hsv[..., 1] > 90) & (hsv[..., 2] > 60)
    return bool(coloured.mean() > fraction)


def _jpeg(image: np.ndarray, quality: int, dpi: float) -> EncodedPage:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality,
                                            cv2.IMWRITE_JPEG_OPTIMIZE, 1])
    assert ok
    colour = image.ndim == 3
    return EncodedPage(data.tobytes(), "DCTDecode", "DeviceRGB" if colour else "DeviceGray", 8,
                       image.shape[1], image.shape[0], dpi,
                       f"{'colour' if colour else 'grey'} jpeg q{quality}")


def bilevel(grey: np.ndarray) -> np.ndarray:
    """Black-and-white from a lighting-flattened grey page (Otsu is enough once flat)."""
    _, white = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return white


def _bilevel_flate(grey: np.ndarray, dpi: float) -> EncodedPage:
    packed = np.packbits(bilevel(grey) > 0, axis=1)  # PDF DeviceGray 1 bit: 1 = white
    return EncodedPage(zlib.compress(packed.tobytes(), 9), "FlateDecode", "DeviceGray", 1,
                       grey.shape[1], grey.shape[0], dpi, "bilevel flate")


def encode_page(page_bgr: np.ndarray, grey_flat: np.ndarray, dpi: float, mode: Mode,
                budget_bytes: int) -> EncodedPage:
    """The best-looking encoding of the page that fits ``budget_bytes``.

    ``grey_flat`` is the same page, upright, lighting-flattened grey (what OCR reads);
    ``page_bgr`` is the colour original for the colour mode. Both have the same size.
    """
    if mode == "auto":
        mode = "colour" if has_colour(page_bgr) else "grey"
    scale = 1.0
    smallest: EncodedPage | None = None
    while True:
        colour, grey = _scaled(page_bgr, grey_flat, scale)
        current_dpi = dpi * scale
        previews = _scaled(colour, grey, PREVIEW_SCALE)
        for kind, quality in _candidates(mode):
            if kind != "bilevel" and _encode(kind, quality, *previews, current_dpi).size > (
                    PREVIEW_MARGIN * budget_bytes * PREVIEW_SCALE ** 2):
                continue  # far over the budget on a quarter-size copy: not worth a full encode
            candidate = _encode(kind, quality, colour, grey, current_dpi)
            if smallest is None or candidate.size < smallest.size:
                smallest = candidate
            if candidate.size <= budget_bytes:
                return candidate
        if current_dpi * 0.8 < MIN_DPI:
            return smallest  # legibility beats the budget: keep the smallest legible one
        scale *= 0.8


def _candidates(mode: str):
    """(kind, JPEG quality) in order of fidelity; 1-bit Flate, the smallest, comes last."""
    if mode == "colour":
        yield from (("colour", q) for q in (85, 70, 55))
    if mode in ("colour", "grey"):
        yield from (("grey", q) for q in (85, 70, 55))
    yield "bilevel", 0


def _encode(kind: str, quality: int, colour: np.ndarray, grey: np.ndarray,
            dpi: float) -> EncodedPage:
    if kind == "colour":
        return _jpeg(colour, quality, dpi)
    return _jpeg(grey, quality, dpi) if kind == "grey" else _bilevel_flate(grey, dpi)


def _scaled(colour: np.ndarray, grey: np.ndarray, scale: float):
    if scale == 1.0:
        return colour, grey
    size = (int(grey.shape[1] * scale), int(grey.shape[0] * scale))
    return (cv2.resize(colour, size, interpolation=cv2.INTER_AREA),
            cv2.resize(grey, size, interpolation=cv2.INTER_AREA))
