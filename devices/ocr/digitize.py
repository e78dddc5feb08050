"""Digitize one paper: its prepared pages become one searchable PDF/A with a record.

The record is what the dossier keeps about the file (SHA-256, page count, dpi, size, the
encoding chosen per page) plus the recognized text for search. When tesseract is missing or
fails, the paper is still kept as a picture-only PDF/A and ``ocr_error`` says so: a citizen's
pages are never dropped because text recognition broke.
"""
from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

import cv2
import numpy as np

from devices.ocr.bands import cut_row
from devices.ocr.tesseract import Engine
from devices.scanner.correct import erase_rules
from devices.scanner.encode import EncodedPage, Mode, encode_page
from devices.scanner.errors import OcrUnavailable, PaperError
from devices.scanner.pipeline import PreparedPage

# More resolution only costs time. Less is tempting (~25% quicker at 200 dpi, prose pages of
# 8-12 pt still read perfectly) but an official paper's letterhead lost marks: 0.55% CER at
# 200 and 250 dpi against 0.11% at 300 (bench/data/pages/official.py, seed 7).
OCR_MAX_DPI = 300


@dataclass
class OcrOptions:
    langs: str = "vie"
    psm: int = 3
    timeout_s: float = 60.0
    command: str = "tesseract"
    processes: int | None = None  # per page: two on two cores or more (tesseract.Engine)

    def start(self) -> Engine:
        """A tesseract for one page, loading its model while the page is still prepared."""
        return Engine(langs=self.langs, psm=self.psm, timeout_s=self.timeout_s,
                      command=self.command, processes=self.processes)


@dataclass
class PageRecord:
    dpi: float
    width: int
    height: int
    encoding: str
    bytes: int
    rotation: int
    skew: float
    ocr_seconds: float


@dataclass
class DigitizedPaper:
    pdf: bytes
    text: str  # pages separated by a form feed
    sha256: str
    page_count: int
    dpi: float  # the lowest page resolution: what the file can be trusted for
    size: int
    pages: list[PageRecord] = field(default_factory=list)
    ocr_error: PaperError | None = None

    def metadata(self) -> dict:
        """JSON-ready record of the file (no text, no pictures: safe to log)."""
        return {"sha256": self.sha256, "page_count": self.page_count,
                "dpi": round(self.dpi, 1), "size": self.size, "searchable": self.ocr_error is None,
                "pages": [asdict(p) for p in self.pages]}


def digitize(pages: list[PreparedPage], title: str, *, ocr: OcrOptions | None = None,
             mode: Mode = "auto", budget_bytes: int = 400_000,
             on_progress: Callable[[int, int], None] | None = None,
             engine: Engine | None = None) -> DigitizedPaper:
    """OCR every page (``on_progress(done, total)`` after each) and build the PDF/A.

    ``engine``: one started with ``ocr.start()`` before the first page was prepared.
    """
    ocr = ocr or OcrOptions()
    items: list[tuple[EncodedPage, bytes | None]] = []
    records, texts = [], []
    ocr_error: PaperError | None = None
    # the page picture is encoded and the PDF library loaded while tesseract reads, beside it
    # on the second core, or between its two halves' processes (issue 13: ≤ 1.3× tesseract)
    with ThreadPoolExecutor(max_workers=1) as helper:
        helper.submit(importlib.import_module, "devices.ocr.pdfa")
        for index, page in enumerate(pages):
            pending = helper.submit(encode_page, page.colour, page.grey, page.dpi, mode,
                                    budget_bytes)
            layer, seconds = None, 0.0
            if ocr_error is None:
                try:
                    grey, dpi, cut = _for_ocr(page)
                    started, engine = engine or ocr.start(), None
                    result = started.read(grey, dpi, cut=cut)
                    layer, seconds = result.layer_pdf, result.seconds
                    texts.append(result.text)
                except OcrUnavailable as exc:
                    ocr_error = exc
            picture = pending.result()
            items.append((picture, layer))
            records.append(PageRecord(dpi=round(picture.dpi, 1), width=picture.width,
                                      height=picture.height, encoding=picture.label,
                                      bytes=picture.size, rotation=page.rotation,
                                      skew=page.skew, ocr_seconds=round(seconds, 3)))
            if on_progress:
                on_progress(index + 1, len(pages))
    if engine is not None:  # never used: OCR failed before its page, or there was none
        engine.close()
    if ocr_error is not None:  # a partly searchable file would mislead a search: none is
        items = [(picture, None) for picture, _ in items]
        texts = []
    from devices.ocr.pdfa import build_pdfa  # loaded by the helper thread during OCR

    pdf = build_pdfa(items, title)
    return DigitizedPaper(pdf=pdf, text="\f".join(texts), sha256=hashlib.sha256(pdf).hexdigest(),
                          page_count=len(items), dpi=min((r.dpi for r in records), default=0.0),
                          size=len(pdf), pages=records, ocr_error=ocr_error)


def _for_ocr(page: PreparedPage) -> tuple[np.ndarray, float, int | None]:
    """The picture the engine reads, its dpi, and the row where it may be cut in two (found
    before the ruling is painted out: a vertical rule across a band forbids the cut)."""
    grey, dpi = page.grey, page.dpi
    if dpi > OCR_MAX_DPI:
        scale = OCR_MAX_DPI / dpi
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = OCR_MAX_DPI
    return erase_rules(grey), dpi, cut_row(grey, dpi)
