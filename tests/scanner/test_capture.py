"""Every capture device behind one interface: simulator, OpenCV camera, SANE flatbed."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.scanner.autocapture import CaptureState, SteadyCapture
from devices.scanner.capture import CaptureDevice, SimulatedCamera, open_capture_device
from devices.scanner.camera import OpenCvCamera
from devices.scanner.detect import detect_page
from devices.scanner.errors import CaptureDeviceError
from devices.scanner.flatbed import SaneFlatbed
from devices.scanner.settings import ScannerSettings
from tests.scanner.conftest import picture


def test_simulator_preview_settles_and_auto_capture_takes_a_full_resolution_still():
    camera = SimulatedCamera([picture("cam_angle"), picture("cam_skew")], settle_frames=5)
    assert isinstance(camera, CaptureDevice)
    camera.open()
    steady = SteadyCapture(tolerance=0.005, hold_seconds=0.3)
    states = []
    for frame_number in range(20):
        frame = camera.preview()
        assert frame.shape[1] == 1920
        states.append(steady.update(detect_page(frame), frame_number / 25))
    first_capture = states.index(CaptureState.CAPTURE)
    assert first_capture > 5  # not while the page was still moving
    still = camera.still()
    assert still.shape[:2] == (2448, 3264)  # the 8 MP still, not the preview
    camera.advance()
    assert not np.array_equal(camera.still(), still)


def test_settings_choose_the_device_and_a_missing_camera_is_a_fault(tmp_path):
    assert isinstance(open_capture_device(ScannerSettings()), SimulatedCamera)
    camera = open_capture_device(ScannerSettings(backend="camera",
                                                 camera_uri=str(tmp_path / "none.avi")))
    assert isinstance(camera, OpenCvCamera)
    with pytest.raises(CaptureDeviceError) as caught:
        camera.open()  # never silently replaced by the simulator
    assert "cán bộ" in caught.value.vi


def test_opencv_camera_reads_preview_and_still_from_a_real_stream(tmp_path):
    video = tmp_path / "doc-camera.avi"
    frame = cv2.resize(cv2.imread(str(picture("cam_straight"))), (1280, 960))
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (1280, 960))
    for _ in range(8):
        writer.write(frame)
    writer.release()
    camera = OpenCvCamera(str(video), (1280, 960), (3264, 2448))
    camera.open()
    try:
        assert detect_page(camera.preview()) is not None
        assert camera.still().shape == (960, 1280, 3)  # a file cannot change resolution
        for _ in range(8):  # the stream ends: a clear device fault, not a hang
            try:
                camera.preview()
            except CaptureDeviceError as exc:
                assert exc.vi
                break
        else:
            pytest.fail("the end of the stream was not reported")
    finally:
        camera.close()


def test_sane_test_backend_scans_a_page():
    scanner = open_capture_device(ScannerSettings(backend="sane", sane_device="test",
                                                  sane_dpi=75))
    assert isinstance(scanner, SaneFlatbed) and not scanner.live
    scanner.open()
    image = scanner.still()
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    with pytest.raises(CaptureDeviceError):
        scanner.preview()


def test_unknown_sane_device_is_a_fault_with_words_for_the_citizen():
    scanner = SaneFlatbed("nosuch:device")
    scanner.open()
    with pytest.raises(CaptureDeviceError) as caught:
        scanner.still()
    assert "nosuch:device" in str(caught.value) and caught.value.en
