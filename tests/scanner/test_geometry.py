"""A page photographed at an angle keeps its true shape: A4 comes out A4, at a fixed dpi.

The photos are synthetic: a page rendered at 300 dpi, seen through a pinhole camera
(``generate.pinhole_quad``) from 0 to 60° off square, in a 4K frame. The failure that started
this: such a photo of an A4 page came out 1930×1755 (aspect 1.10 instead of 1.414).
"""
from __future__ import annotations

import io

import numpy as np
import pikepdf
import pytest

from devices.ocr.pdfa import build_pdfa
from devices.scanner.detect import STILL_WORK_SIZE, detect_page
from devices.scanner.encode import encode_page
from devices.scanner.geometry import focal_px_from_35mm, page_shape
from devices.scanner.pipeline import prepare_page

FRAME_4K = (3840, 2160)
FRAME_HD = (1920, 1080)  # the shape tests only need corners: a smaller frame is 4× quicker
FOCAL_35MM = 26.0  # a phone's main camera
A4 = 297 / 210


@pytest.fixture(scope="module")
def a4_page(generator):
    page, _ = generator.render_page(31)
    return page[::2, ::2]  # 150 dpi is plenty to find corners, and twice as quick to warp


def _photo(generator, page, tilt, axis, rotate=3.0, seed=0, frame=FRAME_4K):
    conditions = generator.Conditions(frame=frame, fill=0.8, tilt_deg=tilt,
                                      tilt_axis_deg=axis, rotate_deg=rotate,
                                      focal_35mm=FOCAL_35MM, seed=seed)
    return generator.photograph(page, conditions)


def _picture_aspect(quad):
    tl, tr, br, bl = quad
    sides = [np.linalg.norm(tr - tl), np.linalg.norm(br - bl),
             np.linalg.norm(bl - tl), np.linalg.norm(br - tr)]
    return max(sides[2:]) / max(sides[:2])


def test_an_a4_page_photographed_at_an_angle_comes_out_a4_at_200_dpi(generator, a4_page):
    frame, quad = _photo(generator, a4_page, tilt=45, axis=25, rotate=-2)
    assert _picture_aspect(quad) < 1.2  # squashed, like the report's 1.10
    page = prepare_page(frame, "camera")
    height, width = page.grey.shape
    assert abs(height / width / A4 - 1) < 0.02
    assert page.dpi == 200 and (width, height) == (1654, 2339)
    picture = encode_page(page.colour, page.grey, page.dpi, "auto", 400_000)
    with pikepdf.open(io.BytesIO(build_pdfa([(picture, None)], "A4"))) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert abs(box[2] - 595.3) < 1 and abs(box[3] - 841.9) < 1  # A4 in points


@pytest.mark.parametrize("tilt", [0, 15, 30, 45])
@pytest.mark.parametrize("axis", [25, 120])
def test_shape_is_recovered_from_the_corners_alone(generator, a4_page, tilt, axis):
    """An oblique tilt shows two vanishing points: the focal length is estimated (Zhang & He)."""
    frame, _ = _photo(generator, a4_page, tilt, axis, seed=tilt + axis, frame=FRAME_HD)
    found = detect_page(frame, STILL_WORK_SIZE)
    assert abs(page_shape(found.quad, FRAME_HD).aspect / A4 - 1) < 0.02


@pytest.mark.parametrize("tilt", [15, 30, 45])
@pytest.mark.parametrize("axis", [0, 90])
def test_shape_is_recovered_with_a_known_focal_length(generator, a4_page, tilt, axis):
    """Tilted about the page's own axis one vanishing point is at infinity and the focal length
    cannot be estimated: the camera's (settings or EXIF) makes the shape exact again."""
    frame, _ = _photo(generator, a4_page, tilt, axis, rotate=0.0, seed=tilt + axis,
                      frame=FRAME_HD)
    found = detect_page(frame, STILL_WORK_SIZE)
    shape = page_shape(found.quad, FRAME_HD, focal_px_from_35mm(FOCAL_35MM, FRAME_HD))
    assert abs(shape.aspect / A4 - 1) < 0.02 and abs(shape.tilt_deg - tilt) < 3


def test_an_id_card_keeps_its_card_shape(generator):
    card = np.full((638, 1012), 255, np.uint8)  # ID-1 at 300 dpi, landscape
    card[200:260, 100:900] = 30
    frame, _ = _photo(generator, card, tilt=30, axis=60, rotate=90, frame=FRAME_HD)
    page = prepare_page(frame, "camera")
    height, width = page.grey.shape
    assert abs(max(height, width) / min(height, width) / (85.6 / 53.98) - 1) < 0.02
    assert abs(max(height, width) - 85.6 / 25.4 * 200) < 2  # drawn at its real size


def test_a_page_at_60_degrees_is_named_too_steep_and_still_kept(generator, a4_page):
    frame, _ = _photo(generator, a4_page, tilt=60, axis=0, rotate=0.0, frame=FRAME_HD)
    page = prepare_page(frame, "camera")
    tilted = [issue for issue in page.issues if issue.code == "tilted"]
    assert tilted and "nghiêng" in tilted[0].vi and "angle" in tilted[0].en
    assert page.grey.size > 0


def test_a_page_upside_down_at_an_angle_comes_out_upright_and_a4(generator):
    page, _ = generator.render_page(33)
    frame, _ = _photo(generator, page[::2, ::2], tilt=30, axis=45, rotate=180, frame=FRAME_HD)
    prepared = prepare_page(frame, "camera")
    height, width = prepared.grey.shape
    assert prepared.rotation == 180 and abs(height / width / A4 - 1) < 0.02


def test_a_photo_file_says_its_lens_through_exif(tmp_path):
    from PIL import Image

    from devices.scanner.imageio import exif_focal_35mm

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0xA405] = 26  # FocalLengthIn35mmFilm, as a phone writes it
    with_lens, without = tmp_path / "phone.jpg", tmp_path / "scan.jpg"
    Image.new("RGB", (64, 48), "white").save(with_lens, exif=exif)
    Image.new("RGB", (64, 48), "white").save(without)
    assert exif_focal_35mm(with_lens) == 26.0 and exif_focal_35mm(without) is None
    assert exif_focal_35mm(b"not a picture") is None
