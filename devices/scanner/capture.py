"""One interface for every way a paper gets into the kiosk.

A document camera gives a live preview (for the outline and auto-capture) and, on demand, a
high-resolution still: the platform notes measured that a page filling a 1080p preview is
only ~69 dpi after warping (33% CER), so OCR always reads a still. A flatbed gives stills
only. The simulator plays pictures from files so the demo and tests run without hardware.
The screens and the journey only ever see ``CaptureDevice``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import cv2
import numpy as np

from devices.scanner.errors import CaptureDeviceError
from devices.scanner.imageio import load_image
from devices.scanner.settings import ScannerSettings


@runtime_checkable
class CaptureDevice(Protocol):
    kind: str  # "camera" or "flatbed": a camera picture has a desk around the page
    live: bool  # True when ``preview`` gives frames to watch

    def open(self) -> None: ...
    def preview(self) -> np.ndarray: ...
    def still(self) -> np.ndarray: ...
    def close(self) -> None: ...


class SimulatedCamera:
    """A document camera that shows pictures from files, one paper after another.

    The first ``settle_frames`` previews of each picture jitter a little, as a page does while
    a hand straightens it, so auto-capture has something real to wait for. ``advance()``
    moves to the next picture: the citizen put the next page down.
    """

    kind = "camera"
    live = True

    def __init__(self, pictures: list[Path] | None = None, preview_width: int = 1920,
                 settle_frames: int = 6, max_pixels: int = 40_000_000):
        self.pictures = list(pictures or [])
        self.preview_width = preview_width
        self.settle_frames = settle_frames
        self.max_pixels = max_pixels
        self.index = 0
        self._frames_shown = 0
        self._current: np.ndarray | None = None
        self._opened = False

    def open(self) -> None:
        self._opened = True

    def close(self) -> None:
        self._opened = False

    def advance(self) -> None:
        self.index = (self.index + 1) % max(len(self.pictures), 1)
        self._current, self._frames_shown = None, 0

    def _picture(self) -> np.ndarray:
        if not self._opened:
            raise CaptureDeviceError("simulated camera used before open()")
        if self._current is None:
            self._current = (load_image(self.pictures[self.index], self.max_pixels)
                             if self.pictures else synthetic_scene())
        return self._current

    def preview(self) -> np.ndarray:
        picture = self._picture()
        scale = self.preview_width / picture.shape[1]
        frame = cv2.resize(picture, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        self._frames_shown += 1
        if self._frames_shown <= self.settle_frames:
            shift = 25.0 * (self.settle_frames - self._frames_shown + 1) / self.settle_frames
            matrix = np.float32([[1, 0, shift], [0, 1, -shift / 2]])
            frame = cv2.warpAffine(frame, matrix, (frame.shape[1], frame.shape[0]),
                                   borderMode=cv2.BORDER_REPLICATE)
        return frame

    def still(self) -> np.ndarray:
        return self._picture().copy()


def synthetic_scene(width: int = 3264, height: int = 2448) -> np.ndarray:
    """A plain page with lines of print on a dark mat, for a simulator with no pictures."""
    frame = np.full((height, width, 3), (62, 58, 55), np.uint8)
    page_h = int(height * 0.85)
    page_w = int(page_h / 1.414)
    x0, y0 = (width - page_w) // 2, (height - page_h) // 2
    cv2.rectangle(frame, (x0, y0), (x0 + page_w, y0 + page_h), (238, 240, 242), -1)
    for row in range(24):
        y = y0 + 160 + row * 70
        cv2.putText(frame, "GIAY TO MAU - SAMPLE PAPER - KIOSK MOT CUA", (x0 + 120, y),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.3, (30, 30, 30), 2, cv2.LINE_AA)
    return frame


def open_capture_device(settings: ScannerSettings) -> CaptureDevice:
    """The device the configuration names (not yet opened). A real device is never swapped
    for the simulator: if it is missing, ``open()`` raises ``CaptureDeviceError``."""
    if settings.backend == "camera":
        from devices.scanner.camera import OpenCvCamera
        source: int | str = settings.camera_uri or settings.camera_index
        return OpenCvCamera(source, (settings.preview_width, settings.preview_height),
                            (settings.still_width, settings.still_height), settings.max_pixels)
    if settings.backend == "sane":
        from devices.scanner.flatbed import SaneFlatbed
        return SaneFlatbed(settings.sane_device, settings.sane_dpi, settings.sane_timeout_s,
                           max_pixels=settings.max_pixels)
    pictures = []
    if settings.simulator_dir is not None:
        pictures = sorted(p for p in Path(settings.simulator_dir).iterdir()
                          if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    return SimulatedCamera(pictures, preview_width=settings.preview_width,
                           max_pixels=settings.max_pixels)
