"""Real tesseract into a searchable PDF/A; a missing or failing engine loses nothing."""
from __future__ import annotations

import io
import stat
import subprocess
import time

import pikepdf
import pytest

from devices.ocr.cer import cer
from devices.ocr.digitize import OcrOptions, digitize
from devices.ocr.tesseract import recognize
from devices.scanner.errors import OcrFailed, OcrUnavailable
from devices.scanner.imageio import load_image
from devices.scanner.pipeline import prepare_page
from tests.scanner.conftest import picture, truth


@pytest.fixture(scope="module")
def two_pages():
    return [prepare_page(load_image(picture("clean_103")), source="flatbed"),
            prepare_page(load_image(picture("cam_angle")), source="camera")]


@pytest.fixture(scope="module")
def paper(two_pages):
    progress = []
    result = digitize(two_pages, "Giấy khai sinh", on_progress=lambda d, t: progress.append((d, t)))
    return result, progress


def _pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_text_is_recognized_within_the_error_budget(paper):
    result, progress = paper
    clean_text, camera_text = result.text.split("\f")
    assert cer(clean_text, truth("clean_103")) <= 0.02
    assert cer(camera_text, truth("cam_angle")) <= 0.05
    assert progress == [(1, 2), (2, 2)]


def test_pdf_is_searchable_and_declares_pdfa_2b(paper):
    result, _ = paper
    assert cer(_pdftotext(result.pdf), truth("clean_103") + truth("cam_angle")) <= 0.05
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert len(pdf.pages) == 2 == result.page_count
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Giấy khai sinh"
        intent = pdf.Root.OutputIntents[0]
        profile = intent.DestOutputProfile.read_bytes()
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert profile[12:16] == b"mntr" and profile[8] <= 4  # ISO 19005-2, 6.2.3
        assert "/Filter" not in pdf.Root.Metadata  # XMP readable without decoding
        info_date = str(pdf.docinfo.CreationDate)  # D:YYYYmmddHHMMSSZ, same instant as XMP
        assert meta["xmp:CreateDate"].startswith(
            f"{info_date[2:6]}-{info_date[6:8]}-{info_date[8:10]}T{info_date[10:12]}:"
            f"{info_date[12:14]}:{info_date[14:16]}")
        assert pdf.trailer.ID and not pdf.is_encrypted
        for page in pdf.pages:  # every font embedded (PDF/A rule 6.2.11.4)
            for font in page.Resources.Font.values():
                assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor
    record = result.metadata()
    assert len(record["sha256"]) == 64 and record["size"] == len(result.pdf)
    assert record["dpi"] == 200 and record["searchable"] is True  # the camera page's fixed dpi
    assert "text" not in record  # the record is loggable: no recognized text in it


def test_missing_tesseract_keeps_the_pictures_in_a_pdf(two_pages):
    result = digitize(two_pages, "Sổ hộ khẩu", ocr=OcrOptions(command="no-such-tesseract"))
    assert isinstance(result.ocr_error, OcrUnavailable)
    assert "ảnh các trang vẫn được giữ lại" in result.ocr_error.vi
    assert result.page_count == 2 and result.text == ""
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert all("/XObject" in page.Resources for page in pdf.pages)


def _fake_engine(tmp_path, body: str) -> str:
    script = tmp_path / "broken-tesseract"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_crashing_tesseract_is_a_clear_failure(tmp_path, two_pages):
    engine = _fake_engine(tmp_path, "echo 'Error: bad language' >&2; exit 1")
    with pytest.raises(OcrFailed) as caught:
        recognize(two_pages[0].grey, 300, command=engine)
    assert "exit 1" in str(caught.value) and caught.value.en


def test_a_stuck_tesseract_is_stopped_at_its_timeout(tmp_path, two_pages):
    engine = _fake_engine(tmp_path, "sleep 30; echo late")  # sh waits: a child holds the pipe
    started = time.perf_counter()
    result = digitize(two_pages[:1], "Giấy tờ", ocr=OcrOptions(command=engine, timeout_s=0.5))
    assert time.perf_counter() - started < 25  # stopped, not waited for (it sleeps 30 s)
    assert isinstance(result.ocr_error, OcrFailed) and result.page_count == 1


def test_a_page_with_a_red_seal_is_kept_in_colour_in_the_pdf(two_pages):
    import cv2

    from devices.ocr.pdfa import build_pdfa
    from devices.scanner.encode import encode_page

    page = two_pages[1]
    stamped = page.colour.copy()
    cv2.circle(stamped, (700, 1500), 150, (40, 40, 210), 16)
    picture_ = encode_page(stamped, page.grey, page.dpi, "auto", 400_000)
    data = build_pdfa([(picture_, None)], "Giấy có dấu đỏ")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        image = next(iter(pdf.pages[0].Resources.XObject.values()))
        assert image.ColorSpace == "/DeviceRGB" and image.Filter == "/DCTDecode"
    rendered = subprocess.run(["pdftoppm", "-r", "20", "-png", "-"], input=data,
                              capture_output=True, check=True).stdout
    assert rendered.startswith(b"\x89PNG")  # a reader draws it
