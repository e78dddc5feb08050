"""Frame sources for the QR camera: an OpenCV device, a video file, or a folder of images.

The folder source is the simulator (demo, tests): it replays committed frames at a given
rate. A real camera that cannot open is a fault (:class:`CameraError`), never replaced by
the simulator.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Iterator, Protocol

import numpy as np

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}


class CameraError(Exception):
    vi = "Camera không hoạt động. Vui lòng báo cán bộ hoặc nhập thông tin thủ công."
    en = "The camera is not working. Please tell staff or enter your details by hand."


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None:
        """The next BGR frame, or None at the end of a finite source."""

    def close(self) -> None: ...


class OpenCvSource:
    """A capture device (``"0"``) or a video file through OpenCV."""

    def __init__(self, device: str, width: int = 1920, height: int = 1080):
        import cv2

        self._cv2 = cv2
        target = int(device) if device.isdigit() else device
        self._cap = cv2.VideoCapture(target)
        if not self._cap.isOpened():
            raise CameraError(f"cannot open camera/video {device!r}")
        if isinstance(target, int):
            self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    def read(self) -> np.ndarray | None:
        ok, frame = self._cap.read()
        return frame if ok else None

    def close(self) -> None:
        self._cap.release()


class FolderSource:
    """Replays the images of a folder in name order, looping, at ``fps`` frames per second."""

    def __init__(self, folder: Path, fps: float = 15.0, loop: bool = True):
        import cv2

        self._cv2 = cv2
        self.paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self.paths:
            raise CameraError(f"no images in {folder}")
        self.fps, self.loop = fps, loop
        self._index = 0
        self._next_at = 0.0

    def read(self) -> np.ndarray | None:
        if self._index >= len(self.paths):
            if not self.loop:
                return None
            self._index = 0
        delay = self._next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._next_at = time.monotonic() + 1.0 / self.fps
        frame = self._cv2.imread(str(self.paths[self._index]), self._cv2.IMREAD_COLOR)
        self._index += 1
        return frame

    def close(self) -> None:
        pass


def open_source(kind: str, device: str = "0", frames: str = "", fps: float = 15.0) -> FrameSource:
    """Open the source named by the ``[idcard]`` settings (camera, camera_device, camera_frames)."""
    if kind == "opencv":
        return OpenCvSource(device)
    if kind == "simulator":
        path = Path(frames)
        if path.is_file():
            return OpenCvSource(str(path))
        return FolderSource(path, fps)
    raise CameraError(f"unknown camera kind {kind!r}")


def frames(source: FrameSource) -> Iterator[np.ndarray]:
    while True:
        frame = source.read()
        if frame is None:
            return
        yield frame


class QrScanner:
    """Pulls frames in a worker thread, decodes each, and reports the first card payload.

    ``on_frame(frame)`` gets every frame (for the live view); ``on_payload(text)`` fires once
    for a payload that ``accept(text)`` approves (e.g. parses as an ID card QR).
    """

    def __init__(self, source: FrameSource, decoder, on_payload: Callable[[str], None],
                 on_frame: Callable[[np.ndarray], None] | None = None,
                 accept: Callable[[str], bool] = lambda text: True):
        self.source, self.decoder = source, decoder
        self.on_payload, self.on_frame, self.accept = on_payload, on_frame, accept
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.frames_seen = 0

    def start(self) -> "QrScanner":
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="qr-scanner", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        from .qr_decoders import to_gray

        while not self._stop.is_set():
            frame = self.source.read()
            if frame is None:
                break
            self.frames_seen += 1
            if self.on_frame:
                self.on_frame(frame)
            try:
                texts = self.decoder.decode(to_gray(frame))
            except Exception:  # a decoder failing on one frame must not stop the scan  # noqa: BLE001
                continue
            for text in texts:
                if self.accept(text):
                    self._stop.set()
                    self.on_payload(text)
                    return

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        self._thread = None
