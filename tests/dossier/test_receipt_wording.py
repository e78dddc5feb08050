"""The Mẫu 01 receipt in the official wording, read back (OCR) from what the ESC/POS
emulator printed: "Số", the date in words, "Tiếp nhận hồ sơ của", hour and minute on the
result time, the fee, the declaration's official name, "Đăng ký nhận kết quả tại", a tracking
book number left for the officer (never the year), and the out-of-hours note."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytesseract
from PIL import Image

from devices.printer.emulator import PrinterEmulator
from devices.printer.printer import open_printer, print_once
from devices.printer.settings import PrinterSettings
from forms.fees import FeeLine
from forms.loader import load_catalog
from forms.workdays import ExpectedDate
from kiosk.dossier.filing import DossierFiling
from sync.check_code import check_code

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.00.00.H30-261204-0007"


def printed_receipt(tmp_path, received_local: dt.datetime, counted: dt.date) -> str:
    catalog = load_catalog()
    filing = DossierFiling(None, None, agency_id="000.00.00.H30", agency_name="UBND phường Ba Đình",
                           place_name="Hà Nội", catalog=catalog, open_printer=None)
    procedure = catalog.get("1.004222")
    submitted = SimpleNamespace(code=CODE, dossier_id="0" * 32,
                                received_at=received_local.astimezone(dt.timezone.utc))
    declaration = SimpleNamespace(
        answers={"phone": "0912345678", "email": ""},
        fees=[FeeLine("Lệ phí đăng ký thường trú (nộp trực tiếp)", "fee", 20000)],
        expected=ExpectedDate(dt.date(2026, 12, 15), counted, True))
    identity = {"full_name": "Nguyễn Văn An", "residence": "Số 12 ngõ 5 Hoàng Diệu, Hà Nội"}
    data = filing.receipt_data(submitted, identity, declaration, procedure, [])
    with PrinterEmulator(tmp_path / "printed") as emu:
        settings = PrinterSettings(uri=emu.uri)
        assert print_once(lambda: open_printer(settings), filing.layout, data).ok
        png = emu.wait_for_jobs(1)[0].png_path
        text = pytesseract.image_to_string(Image.open(png), lang="vie")
    return " ".join(text.split())


def test_the_receipt_reads_as_the_official_form(tmp_path):
    text = printed_receipt(tmp_path, dt.datetime(2026, 12, 4, 10, 5, tzinfo=VN), dt.date(2026, 12, 4))
    for words in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Số: 261204-0007",
                  "Hà Nội, ngày 04 tháng 12 năm 2026", "Tiếp nhận hồ sơ của: Nguyễn Văn An",
                  "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
                  "4. Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 04 tháng 12 năm 2026",
                  "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 15 tháng 12 năm 2026",
                  "6. Đăng ký nhận kết quả tại", "Phí, lệ phí: 20.000 đồng",
                  "Vào Sổ theo dõi hồ sơ, Quyển số: ......, Số thứ tự",
                  # the digits the lookup asks with the code (sync.check_code)
                  f"Mã kiểm tra (để tra cứu): {check_code('0' * 32)}"):
        assert words in text, (words, text)
    assert "Quyển số: 2026" not in text and "Người nộp:" not in text
    assert "ngoài giờ" not in text


def test_a_receipt_filed_at_night_says_when_it_is_received(tmp_path):
    text = printed_receipt(tmp_path, dt.datetime(2026, 12, 4, 21, 40, tzinfo=VN), dt.date(2026, 12, 7))
    assert "Hồ sơ nộp ngoài giờ làm việc, được tiếp nhận vào ngày 07 tháng 12 năm 2026" in text, text
