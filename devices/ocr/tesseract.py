"""Running tesseract: one process per page, one thread, bounded in time.

Why a subprocess of our own rather than pytesseract: one run gives both outputs we need (the
words with their boxes, for the text kept for search and the PDF's text layer, and a
text-only PDF page whose embedded glyph-less font that layer uses), the
timeout kills a stuck engine, and a missing or crashing binary becomes a bilingual error the
screen can show, while the page pictures stay safe. ``OMP_THREAD_LIMIT=1`` because tesseract's
OpenMP threads made an A4 page 6× slower on two cores (platform notes: 8.6 s → 1.4 s).
The packaged Vietnamese model is LSTM only; ``--psm 3`` (automatic layout) and ``6`` (one
block) were robust, ``4`` collapsed on degraded pages.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from devices.ocr.layer import content_stream, plain_text, read_tsv
from devices.scanner.errors import OcrFailed, OcrUnavailable

if TYPE_CHECKING:  # OpenCV and numpy load after the engine has started (kiosk scan ocr)
    import numpy as np


@dataclass(frozen=True)
class OcrPage:
    text: str
    layer_pdf: bytes | None  # one page, invisible text only, sized from the dpi
    seconds: float


def tesseract_path(command: str = "tesseract") -> str | None:
    return shutil.which(command)


def recognize(grey: np.ndarray, dpi: float, *, langs: str = "vie", psm: int = 3,
              timeout_s: float = 30.0, command: str = "tesseract", layer: bool = True) -> OcrPage:
    """Text of one page image (grey uint8) and, when ``layer``, its text-only PDF page."""
    engine = Engine(langs=langs, psm=psm, timeout_s=timeout_s, command=command, layer=layer)
    return engine.read(grey, dpi)


class Engine:
    """One tesseract process for one page, started before the page is ready.

    Tesseract loads its language model first and only then reads the picture from its
    standard input, so a process started while the page is still being flattened and
    straightened has its model ready when the page arrives (issue 13: the searchable PDF in
    ≤ 1.3× plain tesseract's time, which includes that load). The picture never touches the
    disk; the outputs land in a private temporary folder removed after reading.
    """

    def __init__(self, *, langs: str = "vie", psm: int = 3, timeout_s: float = 30.0,
                 command: str = "tesseract", layer: bool = True) -> None:
        executable = tesseract_path(command)
        if executable is None:
            raise OcrUnavailable(f"tesseract executable {command!r} not found on PATH")
        self.timeout_s, self.layer = timeout_s, layer
        self.started = time.perf_counter()
        self._folder = tempfile.TemporaryDirectory(prefix="ocr-")
        self._base = Path(self._folder.name) / "out"
        # no --dpi: the PNG's pHYs chunk carries the page's resolution
        args = [executable, "stdin", str(self._base), "-l", langs, "--psm", str(psm)]
        # TSV: words with their boxes, from which the text and the PDF's text layer are built
        # (devices/ocr/layer.py); tesseract's text-only PDF only lends its embedded font
        args += (["-c", "textonly_pdf=1", "tsv", "pdf"] if layer else ["tsv"])
        try:  # its own process group, so a timeout kills the engine and anything it started
            self._process = subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                env=dict(os.environ, OMP_THREAD_LIMIT="1"), start_new_session=True)
        except OSError as exc:
            self._folder.cleanup()
            raise OcrUnavailable(f"tesseract could not start: {exc}") from exc

    def read(self, grey: np.ndarray, dpi: float) -> OcrPage:
        try:
            returncode, stderr = self._finish(_png(grey, dpi))
            if returncode != 0:
                detail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
                raise OcrFailed(f"tesseract exit {returncode}: {' | '.join(detail)}")
            try:
                blocks = read_tsv(self._base.with_suffix(".tsv").read_text(encoding="utf-8"))
                pdf = self._base.with_suffix(".pdf").read_bytes() if self.layer else None
            except (OSError, ValueError) as exc:
                raise OcrFailed(f"tesseract produced no output: {exc}") from exc
        finally:
            self._folder.cleanup()
        if pdf is not None:
            pdf = _with_lines(pdf, content_stream(blocks, grey.shape[0], dpi))
        return OcrPage(text=plain_text(blocks), layer_pdf=pdf,
                       seconds=time.perf_counter() - self.started)

    def close(self) -> None:
        """Stop an engine whose page never came (the page could not be prepared)."""
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.communicate()
        self._folder.cleanup()

    def _finish(self, picture: bytes) -> tuple[int, bytes]:
        try:
            _, stderr = self._process.communicate(input=picture, timeout=self.timeout_s)
        except subprocess.TimeoutExpired as exc:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.communicate()
            raise OcrFailed(f"tesseract timed out after {self.timeout_s:.1f} s") from exc
        except BrokenPipeError:  # the engine died before reading the page
            _, stderr = self._process.communicate()
        return self._process.returncode, stderr


def _with_lines(pdf: bytes, content: bytes) -> bytes:
    """Tesseract's one-page text-only PDF with its words replaced by our lines."""
    import pikepdf  # ~0.15 s to load: digitize loads it on another thread while OCR runs

    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        page.obj.Contents = pikepdf.Stream(document, content)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _png(grey: np.ndarray, dpi: float) -> bytes:
    import cv2

    ok, encoded = cv2.imencode(".png", grey, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise OcrFailed("could not encode the page for tesseract")
    data = encoded.tobytes()
    # add a pHYs chunk so tesseract knows the resolution (pixels per metre)
    ppm = int(round(dpi / 0.0254))
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header_end = 8 + 25  # signature + IHDR chunk (length, type, 13 bytes, crc)
    return data[:header_end] + chunk + data[header_end:]
