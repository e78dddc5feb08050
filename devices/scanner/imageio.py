"""Decoding pictures with bounded memory.

A picture can come from a camera, a scanner, a USB stick or a CLI argument: it may be
truncated, not an image at all, or a 30000×30000 "decompression bomb". The header is read
first and the pixel count checked before any pixel is decoded; a JPEG that is too large is
decoded at a reduced scale (libjpeg DCT scaling, so the full image never exists in memory).
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from devices.scanner.errors import ImageTooLarge, ImageUnreadable

DEFAULT_MAX_PIXELS = 40_000_000  # a 40 MP still; a 12 MP camera leaves room to spare


def load_image(source: bytes | str | Path, max_pixels: int = DEFAULT_MAX_PIXELS, *,
               keep_grey: bool = False) -> np.ndarray:
    """The picture as a BGR uint8 array (OpenCV order), never more than ``max_pixels``.

    ``keep_grey``: a grey or black-and-white picture (a flatbed scan) stays one channel, so
    the page pipeline does not make three copies of it only to turn them back into grey.
    """
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels:
                image = _reduced(image, width, height, max_pixels)
            image.load()  # raises on truncated or corrupt data
    except (ImageTooLarge, MemoryError):
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(f"decompression bomb refused: {exc}") from exc
    except Exception as exc:  # PIL raises OSError, SyntaxError, ValueError… on bad files
        raise ImageUnreadable(f"cannot decode picture ({len(data)} bytes): "
                              f"{type(exc).__name__}: {exc}") from exc
    if keep_grey and image.mode in ("1", "L"):
        return np.asarray(image.convert("L"))
    return _to_bgr(image)


def _reduced(image: Image.Image, width: int, height: int, max_pixels: int) -> Image.Image:
    if image.format != "JPEG":
        raise ImageTooLarge(f"{image.format} picture {width}x{height} exceeds {max_pixels} px")
    scale = 1
    while (width // scale) * (height // scale) > max_pixels and scale < 8:
        scale *= 2
    if (width // scale) * (height // scale) > max_pixels:
        raise ImageTooLarge(f"JPEG {width}x{height} too large even at 1/8 scale")
    image.draft("RGB", (width // scale, height // scale))
    return image


def _to_bgr(image: Image.Image) -> np.ndarray:
    """OpenCV's colour order, converted by OpenCV (numpy slicing and copying cost ~0.3 s on a
    300 dpi page); a black-and-white scan goes through grey."""
    if image.mode in ("1", "L"):
        return cv2.cvtColor(np.asarray(image.convert("L")), cv2.COLOR_GRAY2BGR)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)


def exif_focal_35mm(source: bytes | str | Path) -> float | None:
    """The 35 mm-equivalent focal length the camera recorded (EXIF tag 0xA405), if any.

    A phone photo carries it; with it a photographed page's shape needs no estimate
    (``geometry.focal_px_from_35mm``). Exif 2.3, section 4.6.5, FocalLengthIn35mmFilm.
    """
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
    try:
        with Image.open(io.BytesIO(data)) as image:
            f35 = image.getexif().get_ifd(0x8769).get(0xA405)
    except Exception:  # no EXIF or an unreadable file: the caller estimates instead
        return None
    return float(f35) if f35 else None
