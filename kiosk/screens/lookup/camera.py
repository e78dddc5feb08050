"""The tray camera watching for a receipt's QR while the lookup keypad is shown.

The same camera and decoder as the ID card's QR (``devices.camera``, ``[idcard]`` settings):
a frame is grabbed and decoded in the device pool (the next only when the last is back), each
payload found is handed to the flow on the main thread. A camera that cannot open is a fault
for the technician and a sentence for the citizen; the keypad keeps working either way.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.tasks import Cancel, run_task

if TYPE_CHECKING:  # OpenCV, NumPy and zxing load in the device pool, not on the start path
    from devices.camera.capture import FrameSource

log = logging.getLogger(__name__)
FRAME_INTERVAL_MS = 100


class ReceiptCamera(QObject):
    payload = Signal(str)       # a QR's text, on the main thread
    unavailable = Signal()      # the camera did not open or stopped

    def __init__(self, ctx, source_factory: Callable[[], FrameSource] | None) -> None:
        """``source_factory`` None: no camera to watch (keypad only)."""
        super().__init__()
        self.ctx = ctx
        self.source_factory = source_factory
        self.decoder = None  # made with the first frame, in the device pool
        self.source: FrameSource | None = None
        self.cancel: Cancel | None = None
        self._pending = False
        self.timer = QTimer(self, interval=FRAME_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)

    @property
    def available(self) -> bool:
        return self.source_factory is not None

    def start(self) -> None:
        if self.source_factory is None or self.cancel is not None:
            return
        cancel = self.cancel = Cancel()
        run_task(self.source_factory, lambda src: self._opened(src, cancel), self._failed,
                 pool="device", cancel=cancel)

    def stop(self) -> None:
        self.timer.stop()
        if self.cancel is not None:
            self.cancel.cancel()
        self.cancel, self._pending = None, False
        source, self.source = self.source, None
        if source is not None:
            run_task(source.close, pool="device")

    def _opened(self, source: FrameSource, cancel: Cancel) -> None:
        if cancel is not self.cancel:      # left the screen while it opened
            run_task(source.close, pool="device")
            return
        self.source = source
        self.ctx.clear_fault("camera")
        self.timer.start()

    def _failed(self, exc: BaseException) -> None:
        log.warning("receipt QR camera: %s", type(exc).__name__)
        self.ctx.note_fault("camera")
        self.stop()
        self.unavailable.emit()

    def _tick(self) -> None:
        if self._pending or self.source is None:
            return
        self._pending = True
        source, cancel = self.source, self.cancel

        def grab() -> list[str]:
            from devices.camera.qr_decoders import make_decoder, to_gray

            if self.decoder is None:
                self.decoder = make_decoder(self.ctx.config.idcard.qr_decoder)
            frame = source.read()
            return self.decoder.decode(to_gray(frame)) if frame is not None else []

        run_task(grab, lambda texts: self._decoded(texts, cancel), self._failed, pool="device", cancel=cancel)

    def _decoded(self, texts: list[str], cancel: Cancel) -> None:
        self._pending = False
        if cancel is not self.cancel:
            return
        for text in texts:
            self.payload.emit(text)


def configured_camera(ctx) -> Callable[[], FrameSource] | None:
    """The tray camera of ``[idcard]``; the simulator only with frames of its own
    (``camera_frames``): the demo's card frames hold no receipt."""
    s = ctx.config.idcard
    if s.camera == "simulator" and not s.camera_frames:
        return None

    def open_camera() -> "FrameSource":
        from devices.camera.capture import open_source

        return open_source(s.camera, s.camera_device, s.camera_frames, s.camera_fps)

    return open_camera
