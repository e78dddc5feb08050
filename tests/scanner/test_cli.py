"""``kiosk scan detect`` / ``kiosk scan ocr`` as a technician runs them."""
from __future__ import annotations

import json

from kiosk.cli import main
from tests.scanner.conftest import picture


def test_detect_prints_the_outline_and_a_clean_verdict(capsys):
    assert main(["scan", "detect", str(picture("cam_skew"))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["quality"] == [] and len(report["quad"]) == 4


def test_detect_explains_a_cut_off_page_and_fails(capsys):
    assert main(["scan", "detect", str(picture("bad_cutoff"))]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [q["code"] for q in report["quality"]] == ["cut_off"]
    assert "bốn góc" in report["quality"][0]["vi"]


def test_detect_on_a_corrupt_file_says_so_in_both_languages(tmp_path, capsys):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(picture("cam_skew").read_bytes()[:5000])
    assert main(["scan", "detect", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Ảnh bị hỏng" in err and "damaged" in err


def test_ocr_writes_a_searchable_pdf_and_prints_the_cer(tmp_path, capsys, pages_dir):
    out = tmp_path / "paper.pdf"
    code = main(["scan", "ocr", str(picture("clean_102")), "--out", str(out),
                 "--truth", str(pages_dir / "clean_102.txt"), "--source", "flatbed"])
    captured = capsys.readouterr()
    assert code == 0 and out.read_bytes().startswith(b"%PDF-1.7")
    assert "CER 0." in captured.out  # well under 1%
    report = json.loads(captured.out[: captured.out.rindex("}") + 1])
    assert report["cer"] <= 0.02 and report["page_count"] == 1 and report["dpi"] == 300


def test_ocr_without_tesseract_still_writes_the_pdf(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIOSK__SCANNER__TESSERACT_COMMAND", "no-such-engine")
    out = tmp_path / "paper.pdf"
    code = main(["scan", "ocr", str(picture("cam_straight")), "--out", str(out)])
    assert code == 3 and out.stat().st_size > 10_000
    assert "ảnh các trang vẫn được giữ lại" in capsys.readouterr().err


def test_capture_takes_a_still_from_the_configured_scanner(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIOSK__SCANNER__BACKEND", "sane")
    monkeypatch.setenv("KIOSK__SCANNER__SANE_DEVICE", "test")  # SANE's own test scanner
    monkeypatch.setenv("KIOSK__SCANNER__SANE_DPI", "75")
    out = tmp_path / "still.png"
    main(["scan", "capture", "--out", str(out)])
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "flatbed" and out.stat().st_size > 100
    assert report["size"][0] > 100 and report["quad"] is None


def test_capture_reports_a_missing_camera_as_a_fault(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIOSK__SCANNER__BACKEND", "camera")
    monkeypatch.setenv("KIOSK__SCANNER__CAMERA_URI", str(tmp_path / "unplugged.avi"))
    assert main(["scan", "capture", "--out", str(tmp_path / "x.jpg")]) == 4
    assert "sự cố" in capsys.readouterr().err
