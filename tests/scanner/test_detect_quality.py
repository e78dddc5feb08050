"""Page outline, quality verdicts and the steady-page auto-capture, on the synthetic set."""
from __future__ import annotations


import cv2
import numpy as np
import pytest

from devices.scanner.autocapture import CaptureState, SteadyCapture
from devices.scanner.detect import STILL_WORK_SIZE, PageDetection, detect_page
from devices.scanner.imageio import load_image
from devices.scanner.quality import assess
from tests.scanner.conftest import picture

GOOD = ["cam_straight", "cam_angle", "cam_skew", "cam_lowlight", "cam_shadow", "cam_softblur",
        "cam_upside_down"]


def _corner_error(found: np.ndarray, true: list) -> float:
    true = np.array(true, np.float32)
    return min(float(np.abs(np.roll(found, k, axis=0) - true).max()) for k in range(4))


@pytest.mark.parametrize("name", GOOD)
def test_good_photo_is_outlined_and_passes_every_check(name, manifest):
    frame = load_image(picture(name))
    detection = detect_page(frame)
    assert detection is not None
    # 3264 px wide frame: within 0.6% of the width is well inside the outline's line width
    assert _corner_error(detection.quad, manifest[name]["quad"]) < 20
    assert assess(frame, detection) == []


@pytest.mark.parametrize("name", ["bad_blur", "bad_dark", "bad_glare", "bad_cutoff", "bad_small",
                                  "no_page"])
def test_bad_photo_is_reported_with_the_problem_and_a_fix(name, manifest):
    frame = load_image(picture(name))
    issues = assess(frame, detect_page(frame))
    assert [i.code for i in issues][:1] == manifest[name]["expect"]
    assert all(i.vi and i.en and i.vi != i.en for i in issues)


def test_a_half_shadowed_page_in_low_light_is_found_whole(generator):
    """Plain Otsu cut this page at the shadow's edge (corner error 834 px); log brightness
    keeps the shadowed half on the paper's side."""
    page, _ = generator.render_page(502)
    frame, quad = generator.photograph(page, generator.Conditions(
        rotate_deg=95, light=0.45, shadow=0.45, tilt_deg=20, tilt_axis_deg=40, fill=0.8,
        seed=7))
    detection = detect_page(frame, STILL_WORK_SIZE)
    assert _corner_error(detection.quad, quad.tolist()) < 20


def test_detection_finds_the_page_in_a_1080p_preview_frame():
    """The live view outlines the page on preview frames; its speed (≥ 30 frames/s on one
    core) is measured by bench/bench_scan.py, not asserted here."""
    frame = cv2.resize(load_image(picture("cam_angle")), (1920, 1080))
    assert detect_page(frame) is not None


def _detection(offset: float, touches: bool = False, area: float = 0.4,
               brightness: float = 200.0) -> PageDetection:
    quad = np.array([[100, 100], [500, 100], [500, 660], [100, 660]], np.float32) + offset
    return PageDetection(quad, (1920, 1080), area, touches, 150.0, brightness)


def test_auto_capture_fires_once_after_the_page_holds_still():
    steady = SteadyCapture(tolerance=0.01, hold_seconds=0.8)
    assert steady.update(None, 0.0) is CaptureState.SEARCHING
    assert steady.update(_detection(0), 0.1) is CaptureState.STEADYING
    assert steady.update(_detection(60), 0.2) is CaptureState.STEADYING  # still moving
    states = [steady.update(_detection(60 + (t % 2)), 0.2 + t / 10) for t in range(1, 12)]
    assert states.count(CaptureState.CAPTURE) == 1  # fired once, ~0.8 s after settling
    assert states.index(CaptureState.CAPTURE) == 7
    assert states[-1] is CaptureState.TAKEN  # the same page is not taken twice


def test_auto_capture_rearms_for_the_next_page_and_ignores_a_cut_off_one():
    steady = SteadyCapture(tolerance=0.01, hold_seconds=0.3)
    for t in range(6):
        steady.update(_detection(0), t / 10)
    assert steady.state is CaptureState.TAKEN
    steady.update(None, 1.0)  # page taken away
    for t in range(10):
        assert steady.update(_detection(0, touches=True), 1.1 + t / 10) is CaptureState.SEARCHING
    fired = [steady.update(_detection(200), 3 + t / 10) for t in range(6)]
    assert CaptureState.CAPTURE in fired


def test_auto_capture_waits_while_the_page_is_too_dark_to_read():
    steady = SteadyCapture(tolerance=0.01, hold_seconds=0.3)
    states = [steady.update(_detection(0, brightness=30), t / 10) for t in range(10)]
    assert set(states) == {CaptureState.SEARCHING}
    states = [steady.update(_detection(0), 1 + t / 10) for t in range(6)]
    assert CaptureState.CAPTURE in states  # the light came back
