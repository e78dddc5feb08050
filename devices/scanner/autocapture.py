"""Auto-capture: take the picture when the page has stopped moving.

A citizen lays a paper down, straightens it, takes their hands away. The preview sees a page
whose corners jump about, then settle. ``SteadyCapture`` watches the corners of successive
detections; when they have stayed within ``tolerance`` (a fraction of the frame diagonal)
for ``hold_seconds`` and the page is whole, large enough and not too dark, it fires once. It then waits
for the page to go away or move a lot (the next page) before it can fire again, so one paper
is never taken twice by accident.

States: ``searching`` (no page) → ``steadying`` (page seen, moving or too recent) →
``capture`` (fire, reported once) → ``taken`` (waiting for the page to change).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from devices.scanner.detect import PageDetection
from devices.scanner.quality import MIN_AREA_FRACTION, MIN_PREVIEW_BRIGHTNESS


class CaptureState(str, Enum):
    SEARCHING = "searching"  # "Đặt giấy vào khung"
    STEADYING = "steadying"  # "Giữ yên giấy…"
    CAPTURE = "capture"  # take the still now
    TAKEN = "taken"  # the page was taken; waiting for it to be changed


@dataclass
class SteadyCapture:
    tolerance: float = 0.01
    hold_seconds: float = 0.8
    state: CaptureState = CaptureState.SEARCHING
    _anchor: np.ndarray | None = None  # corners when the page last settled
    _since: float = 0.0
    _taken_quad: np.ndarray | None = None
    progress: float = 0.0  # 0–1: how far through the hold, for a ring on screen

    def reset(self) -> None:
        """Forget the page (e.g. after a retake was asked): the next steady page fires."""
        self.state, self._anchor, self._taken_quad, self.progress = (
            CaptureState.SEARCHING, None, None, 0.0)

    def update(self, detection: PageDetection | None, now: float) -> CaptureState:
        """Feed one preview detection at time ``now`` (seconds); returns the new state."""
        if detection is None:
            self._anchor, self.progress = None, 0.0
            self._taken_quad = None  # the page left: the next page may be taken
            self.state = CaptureState.SEARCHING
            return self.state
        width, height = detection.frame_size
        limit = self.tolerance * float(np.hypot(width, height))
        if self.state in (CaptureState.CAPTURE, CaptureState.TAKEN):
            if self._taken_quad is not None and _moved(detection.quad, self._taken_quad) <= 4 * limit:
                self.state = CaptureState.TAKEN
                return self.state
            self._taken_quad = None  # a different page (or the same one moved): start over
            self._anchor = None
        acceptable = (not detection.touches_border
                      and detection.area_fraction >= MIN_AREA_FRACTION
                      and detection.brightness >= MIN_PREVIEW_BRIGHTNESS)
        if self._anchor is None or _moved(detection.quad, self._anchor) > limit or not acceptable:
            self._anchor, self._since, self.progress = detection.quad.copy(), now, 0.0
            self.state = CaptureState.STEADYING if acceptable else CaptureState.SEARCHING
            return self.state
        self.progress = min(1.0, (now - self._since) / self.hold_seconds)
        if self.progress >= 1.0:
            self.state, self._taken_quad = CaptureState.CAPTURE, detection.quad.copy()
        else:
            self.state = CaptureState.STEADYING
        return self.state


def _moved(quad: np.ndarray, reference: np.ndarray) -> float:
    return float(np.max(np.linalg.norm(quad - reference, axis=1)))
