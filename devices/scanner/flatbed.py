"""A flatbed scanner through SANE, driven by the ``scanimage`` command.

Why a subprocess and not the python-sane binding (HPND-style licence, 2.9.2, which builds and
scans with SANE's ``test`` backend here): a SANE backend runs inside the process that loads
it, and a USB scanner that stalls can block ``sane_read`` for ever or crash the process.
As a child process it can be killed at ``timeout_s`` and a crash costs one scan, not the
kiosk; it also needs no C build at install. The price is ~50 ms of process start per page.
"""
from __future__ import annotations

import shutil
import subprocess

import numpy as np

from devices.scanner.errors import CaptureDeviceError
from devices.scanner.imageio import load_image


class SaneFlatbed:
    kind = "flatbed"
    live = False

    def __init__(self, device: str, dpi: int = 300, timeout_s: float = 60.0,
                 mode: str = "Gray", command: str = "scanimage", max_pixels: int = 40_000_000,
                 extra_args: tuple[str, ...] = ()):
        self.device, self.dpi, self.timeout_s, self.mode = device, dpi, timeout_s, mode
        self.command, self.max_pixels, self.extra_args = command, max_pixels, extra_args
        self._executable: str | None = None

    def open(self) -> None:
        self._executable = shutil.which(self.command)
        if self._executable is None:
            raise CaptureDeviceError(f"{self.command!r} not found: install sane-utils")

    def close(self) -> None:
        self._executable = None

    def preview(self) -> np.ndarray:
        raise CaptureDeviceError("a flatbed scanner has no live preview")

    def still(self) -> np.ndarray:
        if self._executable is None:
            raise CaptureDeviceError("scanner used before open()")
        args = [self._executable, "-d", self.device, "--format=png",
                f"--resolution={self.dpi}", f"--mode={self.mode}", *self.extra_args]
        try:
            done = subprocess.run(args, capture_output=True, timeout=self.timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CaptureDeviceError(f"scanner {self.device!r} timed out") from exc
        if done.returncode != 0 or not done.stdout:
            detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
            raise CaptureDeviceError(f"scanner {self.device!r} failed ({done.returncode}): {detail}")
        return load_image(done.stdout, self.max_pixels)
