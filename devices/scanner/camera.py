"""A document camera through OpenCV: preview frames, and a high-resolution still on demand.

UVC document cameras stream a small mode for preview and take a full-sensor frame when the
resolution is raised; the first frames after a mode change are often stale or under-exposed,
so a few are dropped before the still is kept. ``source`` may also be a file or stream URL
(OpenCV's FFmpeg back-end), which is how the tests drive this class with a real video file.
"""
from __future__ import annotations

import cv2
import numpy as np

from devices.scanner.errors import CaptureDeviceError, ImageTooLarge

STILL_WARMUP_FRAMES = 3


class OpenCvCamera:
    kind = "camera"
    live = True

    def __init__(self, source: int | str, preview_size: tuple[int, int],
                 still_size: tuple[int, int], max_pixels: int = 40_000_000):
        self.source = source
        self.preview_size = preview_size
        self.still_size = still_size
        self.max_pixels = max_pixels
        self._capture: cv2.VideoCapture | None = None

    def open(self) -> None:
        capture = cv2.VideoCapture(self.source)
        if not capture.isOpened():
            capture.release()
            raise CaptureDeviceError(f"camera {self.source!r} did not open")
        self._capture = capture
        self._set_size(self.preview_size)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def _set_size(self, size: tuple[int, int]) -> None:
        assert self._capture is not None
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])

    def _read(self) -> np.ndarray:
        if self._capture is None:
            raise CaptureDeviceError("camera used before open()")
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CaptureDeviceError(f"camera {self.source!r} gave no frame")
        if frame.shape[0] * frame.shape[1] > self.max_pixels:
            raise ImageTooLarge(f"camera frame {frame.shape[1]}x{frame.shape[0]} too large")
        return frame

    def preview(self) -> np.ndarray:
        return self._read()

    def still(self) -> np.ndarray:
        self._set_size(self.still_size)
        try:
            for _ in range(STILL_WARMUP_FRAMES - 1):
                self._read()
            return self._read()
        finally:
            self._set_size(self.preview_size)
