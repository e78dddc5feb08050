"""A page read by two tesseract processes, one per half, reads as the whole page does.

The engine used here is the real tesseract behind a small script that keeps a copy of the
picture each process was given, so a test sees where the page was cut (or that it was not).
"""
from __future__ import annotations

import dataclasses
import stat
import subprocess

import cv2
import numpy as np
import pytest

from devices.ocr.bands import cut_row
from devices.ocr.cer import cer
from devices.ocr.digitize import OcrOptions, digitize
from devices.ocr.tesseract import recognize
from devices.scanner.imageio import load_image
from devices.scanner.pipeline import prepare_page
from tests.scanner.conftest import picture, truth


@pytest.fixture(scope="module")
def page():
    return prepare_page(load_image(picture("clean_101")), source="flatbed")


def _recording_engine(folder) -> str:
    """Tesseract, keeping each picture it reads from its standard input in ``folder``."""
    script = folder / "recording-tesseract"
    script.write_text('#!/bin/sh\n'
                      f'picture=$(mktemp "{folder}/read-XXXXXX")\n'
                      'cat > "$picture"\n'
                      'shift  # "stdin": the picture is read from the file instead\n'
                      'exec tesseract "$picture" "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def _pictures_read(folder) -> list[np.ndarray]:
    """The pictures the engine's processes were given (a stopped spare was given none)."""
    files = [f for f in sorted(folder.glob("read-*")) if f.stat().st_size]
    return [cv2.imread(str(f), cv2.IMREAD_GRAYSCALE) for f in files]


def _pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_a_page_cut_in_two_reads_top_half_then_bottom_half_in_the_pdf(tmp_path, page):
    ocr = OcrOptions(command=_recording_engine(tmp_path), processes=2)
    paper = digitize([page], "Giấy đề nghị", ocr=ocr)

    heights = [p.shape[0] for p in _pictures_read(tmp_path)]
    assert len(heights) == 2 and sum(heights) == page.grey.shape[0]
    assert min(heights) > page.grey.shape[0] / 4  # a cut near the middle, not a sliver
    extracted, expected = _pdftotext(paper.pdf), truth("clean_101")
    assert cer(extracted, expected) <= 0.01  # halves swapped would cost ~100%
    in_order, at = 0, 0
    for line in expected.splitlines():  # each line searched after the one before it
        found = extracted.find(line, at)
        if found >= 0:
            in_order, at = in_order + 1, found + len(line)
    assert in_order >= 30  # of 33 lines (a slip of the engine loses one)
    whole = recognize(page.grey, page.dpi, layer=False).text  # one process, uncut
    assert cer(paper.text, whole) <= 0.005
    assert paper.ocr_error is None and paper.page_count == 1


def test_the_cut_pdf_page_is_the_whole_page(page):
    import io

    import pikepdf

    paper = digitize([page], "Giấy đề nghị", ocr=OcrOptions(processes=2))
    with pikepdf.open(io.BytesIO(paper.pdf)) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box == pytest.approx([0, 0, 2480 * 72 / 300, 3508 * 72 / 300], abs=0.01)


def test_a_page_with_a_full_height_rule_is_read_whole_by_one_process(tmp_path, page):
    ruled = page.grey.copy()
    cv2.line(ruled, (150, 0), (150, ruled.shape[0] - 1), 0, 4)  # a margin rule, top to bottom
    assert cut_row(ruled, page.dpi) is None
    ruled_page = dataclasses.replace(page, grey=ruled,
                                     colour=cv2.cvtColor(ruled, cv2.COLOR_GRAY2BGR))

    paper = digitize([ruled_page], "Giấy đề nghị",
                     ocr=OcrOptions(command=_recording_engine(tmp_path), processes=2))
    assert [p.shape for p in _pictures_read(tmp_path)] == [ruled_page.grey.shape]
    assert paper.ocr_error is None
    assert cer(_pdftotext(paper.pdf), truth("clean_101")) <= 0.01


def test_two_columns_are_not_cut_across(page):
    """Cut across two columns, the engine would read both upper halves before either lower."""
    text = page.grey[:, 270:1170]  # a column of the page's text, 3 inches wide
    columns = np.full_like(page.grey, 255)
    columns[:, 200:1100] = text
    columns[:-60, 1300:2200] = text[60:]  # the right column's lines not level with the left's
    assert cut_row(columns, page.dpi) is None
    assert cut_row(page.grey, page.dpi) is not None


def test_a_band_is_never_cut_through_a_line_of_text(page):
    row = cut_row(page.grey, page.dpi)
    ink = np.count_nonzero(page.grey < 128, axis=1)
    band = slice(row - round(0.02 * page.dpi), row + round(0.02 * page.dpi))
    assert ink[band].max() <= 2  # the cut lies inside a blank band at least 0.04 inch high
