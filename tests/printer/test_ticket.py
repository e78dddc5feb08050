"""The queue ticket as the citizen gets it: number, marks, QR the counter scanner reads."""
from __future__ import annotations

import pytest
from PIL import Image

from devices.printer import LayoutError, PrintResult, ticket_layout
from devices.printer.emulator import PrinterEmulator

from .conftest import dark_rows, decode_qr, sample_ticket


@pytest.mark.parametrize("native_qr", [True, False])
def test_ticket_qr_decodes_to_the_ticket_number(emulator, connect, native_qr):
    printer = connect(emulator, native_qr=native_qr)
    outcome = printer.print_layout(ticket_layout(80), sample_ticket("B012"))
    assert outcome.ok and outcome.result is PrintResult.PRINTED
    job, = emulator.wait_for_jobs(1)
    assert job.cut and job.printed and not job.errors
    assert decode_qr(job.png_path) == ["TICKET|20261128|B012|KIOSK01"]
    assert (b"\x1d(k" in job.raw) is native_qr
    assert outcome.bytes_sent == len(job.raw)
    if native_qr:  # blank rows go as feeds: ~3 s on a 115,200-baud serial line, not 4
        assert outcome.bytes_sent < 34_000


@pytest.mark.parametrize(("paper", "profile", "dots"), [
    (80, "TM-T88V", 512), (58, "TM-T88V", 384), (58, "POS-5890", 384), (80, "TM-T20II", 576),
])
def test_raster_never_wider_than_the_paper(tmp_path, connect, paper, profile, dots):
    with PrinterEmulator(tmp_path / "jobs", paper_dots=dots) as emulator:
        printer = connect(emulator, paper_width_mm=paper, profile=profile)
        assert printer.raster_width == dots
        assert printer.print_layout(ticket_layout(paper), sample_ticket("A007")).ok
        job, = emulator.wait_for_jobs(1)
    assert job.raster_widths and max(job.raster_widths) <= dots
    assert not job.errors
    assert Image.open(job.png_path).width == dots
    assert decode_qr(job.png_path) == ["TICKET|20261128|A007|KIOSK01"]


def test_profile_without_native_qr_gets_an_image_qr(emulator_58, connect):
    printer = connect(emulator_58, paper_width_mm=58, profile="POS-5890", native_qr=True)
    assert printer.native_qr is False
    printer.print_layout(ticket_layout(58), sample_ticket("C100"))
    job, = emulator_58.wait_for_jobs(1)
    assert b"\x1d(k" not in job.raw
    assert decode_qr(job.png_path) == ["TICKET|20261128|C100|KIOSK01"]


def test_vietnamese_is_printed_as_raster_not_code_page_text(emulator, connect):
    connect(emulator).print_layout(ticket_layout(80), sample_ticket())
    job, = emulator.wait_for_jobs(1)
    assert job.texts == []  # nothing went through the printer's code page
    ink = dark_rows(job.png_path)
    assert (ink > 0.01).sum() > 200  # rows with printed dots: the text is there


def test_priority_ticket_carries_a_reversed_band(emulator, connect):
    printer = connect(emulator)
    printer.print_layout(ticket_layout(80), sample_ticket("B013"))
    printer.print_layout(ticket_layout(80), sample_ticket("B014", priority="Người cao tuổi"))
    normal, priority = emulator.wait_for_jobs(2)
    band = lambda job: int((dark_rows(job.png_path) > 0.99).sum())  # noqa: E731
    assert band(normal) == 0
    assert band(priority) >= 20  # edge-to-edge black rows around the white words
    assert Image.open(priority.png_path).height > Image.open(normal.png_path).height


def test_missing_field_is_refused_before_anything_is_sent(emulator, connect):
    data = sample_ticket()
    del data["service_name"]
    with pytest.raises(LayoutError, match="service_name"):
        connect(emulator).print_layout(ticket_layout(80), data)
    assert emulator.jobs == []


def test_stacked_marks_fit_inside_the_line():
    from devices.printer.raster import text_image

    img = text_image("Ặ Ợ Ự", size=40, bold=False, align="left", invert=False, width=384)
    rows = (__import__("numpy").asarray(img) < 128).any(axis=1)
    assert rows.any()
    assert not rows[0] and not rows[-1]  # the dot above and below are not clipped


def test_receipt_skeleton_reuses_the_machinery(emulator, connect):
    import datetime as dt

    from devices.printer import receipt_layout
    from devices.printer.layouts import receipt_data

    data = receipt_data(
        agency_name="UBND phường Ba Đình", place="Hà Nội", dossier_code="000.00.01.H26-261128-0001",
        received_at=dt.datetime(2026, 11, 28, 8, 15), due_at=dt.datetime(2026, 11, 30, 16, 30),
        applicant_name="Trần Văn Mẫu", applicant_address="Số 1 phố Thử Nghiệm",
        applicant_phone="0900000000", applicant_email="", procedure_name="Đăng ký khai sinh",
        papers=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], processing_days=1,
        collect_at="Quầy số 2", fees_vnd=0)
    assert connect(emulator).print_layout(receipt_layout(80), data).ok
    job, = emulator.wait_for_jobs(1)
    assert decode_qr(job.png_path) == ["000.00.01.H26-261128-0001"]


def test_logo_is_scaled_to_the_paper_never_wider(emulator_58, connect, tmp_path):
    from PIL import ImageDraw

    logo = Image.new("RGB", (2000, 400), "white")  # a synthetic emblem far wider than 58 mm
    ImageDraw.Draw(logo).ellipse((700, 20, 1300, 380), fill="red", outline="black", width=30)
    logo.save(tmp_path / "logo.png")
    printer = connect(emulator_58, paper_width_mm=58)
    with_logo = dict(sample_ticket("B020"), logo_path=str(tmp_path / "logo.png"))
    assert printer.print_layout(ticket_layout(58), sample_ticket("B019")).ok
    assert printer.print_layout(ticket_layout(58), with_logo).ok
    plain, logoed = emulator_58.wait_for_jobs(2)
    assert max(logoed.raster_widths) <= 384 and not logoed.errors
    top = dark_rows(logoed.png_path)[:100]
    assert top.max() > 0.1  # the emblem is there, at the top
    assert Image.open(logoed.png_path).height > Image.open(plain.png_path).height
    assert decode_qr(logoed.png_path) == ["TICKET|20261128|B020|KIOSK01"]


def test_unreadable_logo_is_a_layout_error_not_a_half_ticket(emulator, connect, tmp_path):
    data = dict(sample_ticket(), logo_path=str(tmp_path / "missing.png"))
    with pytest.raises(LayoutError, match="missing.png"):
        connect(emulator).print_layout(ticket_layout(80), data)
    assert emulator.jobs == []
