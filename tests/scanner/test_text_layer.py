"""The searchable PDF reads right where the user copies from it: the text extracted from the
PDF (poppler's pdftotext and pypdf), never the engine's own text file, is measured.

The pages are official papers (``bench/data/pages/official.py``): a two-column letterhead
with the national motto, upper-case titles, a ruled table, dossier codes and an e-mail.
Before: upper-case words lost their marks with ``vie+eng``, pdftotext read the letterhead as
separate blocks and a table row one word per line (8-15% CER on a camera page).
"""
from __future__ import annotations

import io
import subprocess

import pypdf
import pytest

from devices.ocr.cer import cer_by_category
from devices.ocr.digitize import digitize
from devices.scanner.pipeline import prepare_page


def _extracted(pdf: bytes) -> dict[str, str]:
    poppler = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode("utf-8")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {"pdftotext": poppler, "pypdf": "\n".join(p.extract_text() for p in reader.pages)}


@pytest.fixture(scope="module")
def clean_paper(official):
    import cv2

    image, lines = official.render_official(7)
    page = prepare_page(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), "flatbed")
    return digitize([page], "Thông báo"), lines


@pytest.fixture(scope="module")
def photographed_paper(official, generator):
    image, lines = official.render_official(8)
    frame, _ = generator.photograph(image, generator.Conditions(
        frame=(3840, 2160), fill=0.85, tilt_deg=30, tilt_axis_deg=25, rotate_deg=-3, seed=8))
    return digitize([prepare_page(frame, "camera")], "Thông báo"), lines


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_a_clean_official_paper_copies_out_within_0_3_percent(clean_paper, extractor):
    paper, lines = clean_paper
    rates = cer_by_category(_extracted(paper.pdf)[extractor], lines)
    assert rates["all"] <= 0.003, rates
    # upper-case Vietnamese keeps its marks, codes keep every digit and dot
    assert rates["letterhead"] <= 0.01 and rates["heading"] <= 0.01, rates
    assert rates["table"] <= 0.01 and rates["codes"] <= 0.01, rates


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_a_photographed_official_paper_copies_out_in_reading_order(photographed_paper,
                                                                   extractor):
    paper, lines = photographed_paper
    rates = cer_by_category(_extracted(paper.pdf)[extractor], lines)
    assert rates["all"] <= 0.02, rates
    assert rates["letterhead"] <= 0.03 and rates["table"] <= 0.03, rates


def test_the_kept_text_is_what_the_pdf_gives(photographed_paper):
    paper, lines = photographed_paper
    assert cer_by_category(paper.text, lines)["all"] == pytest.approx(
        cer_by_category(_extracted(paper.pdf)["pdftotext"], lines)["all"], abs=0.002)


def test_errors_are_charged_to_the_category_of_the_line_they_are_in():
    lines = [("heading", "CỘNG HÒA"), ("codes", "000.00.00.H30")]
    rates = cer_by_category("CONG HÒA 000.00.00.H30", lines)
    assert rates["heading"] == pytest.approx(1 / 8) and rates["codes"] == 0
    assert rates["all"] == pytest.approx(1 / 22)
