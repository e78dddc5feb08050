"""Running tesseract: one process per page or per half page, one thread, bounded in time.

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
    """Text of one page image (grey uint8), read whole by one process, and, when ``layer``,
    its text-only PDF page."""
    engine = Engine(langs=langs, psm=psm, timeout_s=timeout_s, command=command, layer=layer,
                    processes=1)
    return engine.read(grey, dpi)


def cores() -> set[int]:
    """The processor cores this process may run on."""
    try:
        return os.sched_getaffinity(0)
    except AttributeError:  # not Linux
        return set(range(os.cpu_count() or 1))


class Engine:
    """Tesseract for one page, started before the page is ready: one process, or two.

    Tesseract loads its language model first and only then reads the picture from its
    standard input, so a process started while the page is still being flattened and
    straightened has its model ready when the page arrives (issue 13: the searchable PDF in
    ≤ 1.3× plain tesseract's time, which includes that load). With two cores two processes
    are started: a page that can be cut across a blank band (``devices/ocr/bands.py``) is
    read as two halves at once, the upper half's words first, and a page that cannot is
    read whole by the first while the second is stopped. Only the upper half's process
    writes the text-only PDF page, whose font the text layer uses. The picture never
    touches the disk; the outputs land in private temporary folders removed after reading.

    Until the page comes, the processes are kept on one core: loading two models beside
    the Python preparing the page (three busy processes on two cores) made the page ~0.06 s
    later; on a core of their own the models are still loaded long before the page is
    ready. When it comes, they may run anywhere.
    """

    def __init__(self, *, langs: str = "vie", psm: int = 3, timeout_s: float = 30.0,
                 command: str = "tesseract", layer: bool = True,
                 processes: int | None = None) -> None:
        executable = tesseract_path(command)
        if executable is None:
            raise OcrUnavailable(f"tesseract executable {command!r} not found on PATH")
        self.layer = layer
        self.started = time.perf_counter()
        allowed = cores()
        count = min(2, len(allowed)) if processes is None else processes
        loading = {max(allowed)} if len(allowed) > 1 else None
        self._processes: list[_Process] = []
        try:
            for index in range(count):
                self._processes.append(_Process(executable, langs, psm, timeout_s,
                                                pdf=layer and index == 0, loading=loading))
        except OcrUnavailable:
            self.close()
            raise

    def read(self, grey: np.ndarray, dpi: float, *, cut: int | None = None) -> OcrPage:
        """The page's text and layer; ``cut``: the row where it may be cut in two."""
        if cut is None or len(self._processes) < 2 or not 0 < cut < grey.shape[0]:
            parts = [(grey, 0)]
        else:
            parts = [(grey[:cut], 0), (grey[cut:], cut)]
        for spare in self._processes[len(parts):]:
            spare.close()
        try:
            if len(parts) == 1:
                results = [self._processes[0].read(grey, dpi)]
            else:  # the lower half is fed and waited for on a second thread
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(max_workers=1) as second:  # left when both ended
                    lower = second.submit(self._processes[1].read, parts[1][0], dpi)
                    upper = self._processes[0].read(parts[0][0], dpi)
                results = [upper, lower.result()]
        finally:
            self.close()
        blocks = [block for (tsv, _), (_, offset) in zip(results, parts)
                  for block in read_tsv(tsv, offset=offset)]
        pdf = results[0][1]
        if pdf is not None:
            pdf = _with_lines(pdf, content_stream(blocks, grey.shape[0], dpi),
                              grey.shape[1], grey.shape[0], dpi)
        return OcrPage(text=plain_text(blocks), layer_pdf=pdf,
                       seconds=time.perf_counter() - self.started)

    def close(self) -> None:
        """Stop the processes whose page never came (the page could not be prepared)."""
        for process in self._processes:
            process.close()


class _Process:
    """One tesseract process reading one picture from its standard input."""

    def __init__(self, executable: str, langs: str, psm: int, timeout_s: float,
                 pdf: bool, loading: set[int] | None = None) -> None:
        self.timeout_s, self.pdf, self._pinned = timeout_s, pdf, loading is not None
        self._folder = tempfile.TemporaryDirectory(prefix="ocr-")
        self._base = Path(self._folder.name) / "out"
        # no --dpi: the PNG's pHYs chunk carries the page's resolution
        args = [executable, "stdin", str(self._base), "-l", langs, "--psm", str(psm)]
        # TSV: words with their boxes, from which the text and the PDF's text layer are built
        # (devices/ocr/layer.py); tesseract's text-only PDF only lends its embedded font
        args += (["-c", "textonly_pdf=1", "tsv", "pdf"] if pdf else ["tsv"])
        try:  # its own process group, so a timeout kills the engine and anything it started
            self._process = subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                env=dict(os.environ, OMP_THREAD_LIMIT="1"), start_new_session=True)
        except OSError as exc:
            self._folder.cleanup()
            raise OcrUnavailable(f"tesseract could not start: {exc}") from exc
        if loading is not None:
            self._pin(loading)

    def read(self, grey: np.ndarray, dpi: float) -> tuple[str, bytes | None]:
        """Its TSV and, when asked for, its text-only PDF page."""
        picture = _png(grey, dpi)
        if self._pinned:
            self._pin(cores())
        returncode, stderr = self._finish(picture)
        if returncode != 0:
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise OcrFailed(f"tesseract exit {returncode}: {' | '.join(detail)}")
        try:
            tsv = self._base.with_suffix(".tsv").read_text(encoding="utf-8")
            pdf = self._base.with_suffix(".pdf").read_bytes() if self.pdf else None
        except (OSError, ValueError) as exc:
            raise OcrFailed(f"tesseract produced no output: {exc}") from exc
        return tsv, pdf

    def _pin(self, allowed: set[int]) -> None:
        """Keep the process (every thread it has started) on these cores."""
        try:
            tasks = [int(t) for t in os.listdir(f"/proc/{self._process.pid}/task")]
        except OSError:
            tasks = [self._process.pid]
        for task in tasks:
            try:
                os.sched_setaffinity(task, allowed)
            except (OSError, AttributeError):  # ended already, or not Linux: no harm
                pass

    def close(self) -> None:
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


def _with_lines(pdf: bytes, content: bytes, width_px: int, height_px: int, dpi: float) -> bytes:
    """Tesseract's one-page text-only PDF with its words replaced by our lines, sized to the
    whole page (tesseract sized it to the picture it read: the upper half of a cut page)."""
    import pikepdf  # ~0.15 s to load: digitize loads it on another thread while OCR runs

    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        page.obj.Contents = pikepdf.Stream(document, content)
        page.obj.MediaBox = pikepdf.Array([0, 0, round(width_px * 72 / dpi, 2),
                                           round(height_px * 72 / dpi, 2)])
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _png(grey: np.ndarray, dpi: float) -> bytes:
    import cv2

    # rows unfiltered, runs of paper compressed: a third of the time libpng's adaptive
    # filters took (10 ms instead of 30 for half an A4 page), about the same size
    params = [cv2.IMWRITE_PNG_COMPRESSION, 1,
              cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_RLE]
    if hasattr(cv2, "IMWRITE_PNG_FILTER"):  # OpenCV 4.10 and later
        params += [cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_NONE]
    ok, encoded = cv2.imencode(".png", grey, params)
    if not ok:
        raise OcrFailed("could not encode the page for tesseract")
    data = encoded.tobytes()
    # add a pHYs chunk so tesseract knows the resolution (pixels per metre)
    ppm = int(round(dpi / 0.0254))
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header_end = 8 + 25  # signature + IHDR chunk (length, type, 13 bytes, crc)
    return data[:header_end] + chunk + data[header_end:]
