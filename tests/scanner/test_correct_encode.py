"""Flattening, straightening and keeping a page within its size budget."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.scanner.correct import orientation, rotate, skew_angle, upright
from devices.scanner.encode import encode_page, has_colour
from devices.scanner.imageio import load_image
from devices.scanner.pipeline import prepare_page
from tests.scanner.conftest import picture


@pytest.fixture(scope="module")
def clean_grey():
    return cv2.cvtColor(load_image(picture("clean_101")), cv2.COLOR_BGR2GRAY)


@pytest.mark.parametrize("turns", [0, 90, 180, 270])
def test_a_page_put_down_any_way_round_is_turned_upright(clean_grey, turns):
    turned = upright(clean_grey, (360 - turns) % 360)  # the citizen's placement
    assert orientation(turned) == turns


@pytest.mark.parametrize("turns", [0, 90, 180, 270])
def test_ruled_margins_do_not_turn_the_page(clean_grey, turns):
    """A full-height margin rule and a page-wide rule under the heading (school paper,
    ledgers, many forms) are single long lines: they must not outvote the text lines when
    the page's direction is judged (a margin rule turned an upright page a quarter)."""
    ruled = clean_grey.copy()
    h, w = ruled.shape
    ruled[int(h * 0.03):int(h * 0.97), int(w * 0.07):int(w * 0.07) + 4] = 40
    ruled[int(h * 0.2):int(h * 0.2) + 3, int(w * 0.05):int(w * 0.95)] = 40
    turned = upright(ruled, (360 - turns) % 360)
    assert orientation(turned) == turns


@pytest.mark.parametrize("angle", [-5.0, 2.5, 6.0])
def test_skew_is_measured_to_a_few_tenths_of_a_degree(clean_grey, angle):
    assert abs(skew_angle(rotate(clean_grey, angle)) + angle) <= 0.3


def test_photographed_page_comes_out_flat_upright_and_a4(manifest):
    page = prepare_page(load_image(picture("cam_upside_down")))
    assert page.rotation == 180 and page.detection is not None
    height, width = page.grey.shape
    assert abs(height / width - 297 / 210) < 0.02
    # drawn at the fixed 200 dpi, so the picture is an A4 page (1654 x 2339 px) in the PDF
    assert page.dpi == 200 and (width, height) == (1654, 2339)
    # lighting flattened: the paper is near white everywhere, the ink near black
    assert np.percentile(page.grey, 50) > 220 and np.percentile(page.grey, 1) < 80


def test_flatbed_scan_is_taken_whole():
    page = prepare_page(load_image(picture("clean_102")), source="flatbed")
    assert page.detection is None and page.dpi == 300 and page.rotation == 0


def test_budget_picks_the_best_encoding_that_fits():
    page = prepare_page(load_image(picture("cam_shadow")))
    roomy = encode_page(page.colour, page.grey, page.dpi, "grey", 2_000_000)
    tight = encode_page(page.colour, page.grey, page.dpi, "grey", 120_000)
    assert roomy.label == "grey jpeg q85"
    assert tight.size <= 120_000 and tight.label != roomy.label
    bilevel = encode_page(page.colour, page.grey, page.dpi, "bilevel", 10_000_000)
    assert bilevel.bits == 1 and bilevel.size <= tight.size  # 1 bit: the smallest of all


def test_colour_is_kept_only_when_the_page_has_some():
    page = prepare_page(load_image(picture("cam_straight")))
    assert not has_colour(page.colour)
    stamped = page.colour.copy()
    cv2.circle(stamped, (900, 1700), 160, (40, 40, 210), 18)  # a red seal
    assert has_colour(stamped)
    kept = encode_page(stamped, page.grey, page.dpi, "auto", 2_000_000)
    assert kept.colour_space == "DeviceRGB"


@pytest.mark.parametrize("placed_deg", [90, -88])
def test_a_page_photographed_sideways_comes_out_with_level_upright_lines(generator, placed_deg):
    page, _ = generator.render_page(77)
    frame, _ = generator.photograph(page, generator.Conditions(rotate_deg=placed_deg, fill=0.7,
                                                               seed=3))
    prepared = prepare_page(frame, "camera")
    assert prepared.rotation in (90, 270) and prepared.issues == []
    assert prepared.grey.shape[0] > prepared.grey.shape[1]  # portrait again
    assert orientation(prepared.grey) == 0 and abs(skew_angle(prepared.grey)) <= 0.3
