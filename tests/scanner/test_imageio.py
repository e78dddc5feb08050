"""Bad pictures give a clear bilingual error and bounded memory, never a crash."""
from __future__ import annotations

import io
import resource
import zlib
import struct

import numpy as np
import pytest
from PIL import Image

from devices.scanner.errors import ImageTooLarge, ImageUnreadable
from devices.scanner.imageio import load_image
from tests.scanner.conftest import picture


def test_a_photo_decodes_in_opencv_order():
    image = load_image(picture("cam_straight"))
    assert image.shape == (2448, 3264, 3) and image.dtype == np.uint8


def test_garbage_bytes_are_unreadable_with_words_for_the_citizen():
    with pytest.raises(ImageUnreadable) as caught:
        load_image(b"this is not a picture at all")
    assert "chụp lại" in caught.value.vi and "take this page again" in caught.value.en


def test_truncated_jpeg_is_refused_not_half_kept():
    data = picture("cam_straight").read_bytes()
    with pytest.raises(ImageUnreadable):
        load_image(data[: len(data) // 2])


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size (a decompression bomb needs no real pixels to lie)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_huge_png_is_refused_before_decoding():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ImageTooLarge) as caught:
        load_image(_png_header_only(60000, 60000))  # 3.6 Gpx: 10 GB if decoded
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert (after - before) < 200_000  # KB: nothing near the claimed size was allocated
    assert caught.value.vi and caught.value.en


def test_oversized_jpeg_is_decoded_at_reduced_scale():
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), (200, 200, 200)).save(buffer, "JPEG", quality=50)
    image = load_image(buffer.getvalue(), max_pixels=2_000_000)
    assert image.shape[0] * image.shape[1] <= 2_000_000
    assert image.shape[1] == 1000  # 1/4 scale, straight from libjpeg


def test_truncated_png_scan_is_refused_too():
    data = picture("clean_101").read_bytes()
    with pytest.raises(ImageUnreadable):
        load_image(data[: len(data) * 2 // 3])
