"""Synthetic official papers: the layouts a counter really scans, with a truth per category.

The prose pages of ``generate.py`` are one column of mixed-case sentences. A real paper at a
one-stop counter is harder: a two-column letterhead with the national motto ("CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", the layout of Decree 30/2020/NĐ-CP,
Appendix I), centred upper-case titles whose diacritics an English model drops, a ruled
table, and Latin codes (dossier codes such as ``000.00.00.H30-261203-0001``, e-mail
addresses, telephone numbers). Every truth line carries its category so the benchmark can
report an error rate per category. All names and numbers are invented.

Truth order is reading order, top to bottom; the letterhead row by row (agency, then motto
on the same row), which is how tesseract and poppler's pdftotext both read such a letterhead;
a table row by row, its cells left to right.
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parents[3] / "assets" / "fonts"  # Noto Sans (OFL), bold too
CATEGORIES = ("letterhead", "heading", "body", "table", "codes")
COMMUNES = ["An Bình", "Hòa Khánh", "Tân Phú", "Đông Hải", "Phước Mỹ", "Ngũ Hành Sơn",
            "Thạch Thang", "Quỳnh Lưu", "Ẳng Nưa", "Hưng Lộc"]
TITLES = ["THÔNG BÁO", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "PHIẾU YÊU CẦU BỔ SUNG HỒ SƠ",
          "GIẤY XÁC NHẬN", "BIÊN BẢN BÀN GIAO"]
SUBTITLES = ["VỀ VIỆC TIẾP NHẬN VÀ TRẢ KẾT QUẢ HỒ SƠ", "VỀ VIỆC ĐĂNG KÝ THƯỜNG TRÚ",
             "VỀ VIỆC CẤP BẢN SAO TRÍCH LỤC", "VỀ VIỆC CHỨNG THỰC CHỮ KÝ"]
SECTIONS = ["I. THÀNH PHẦN HỒ SƠ ĐÃ NHẬN", "II. THỜI GIAN TRẢ KẾT QUẢ", "III. LỆ PHÍ VÀ HÌNH THỨC NỘP",
            "IV. ĐỊA ĐIỂM NHẬN KẾT QUẢ", "V. TRÁCH NHIỆM CỦA NGƯỜI NỘP HỒ SƠ"]
SENTENCES = [
    "Bộ phận tiếp nhận và trả kết quả đã nhận đủ hồ sơ của ông bà theo danh mục dưới đây.",
    "Ông bà vui lòng mang theo giấy hẹn này khi đến nhận kết quả tại trụ sở một cửa.",
    "Trường hợp hồ sơ cần bổ sung, cán bộ sẽ thông báo qua tin nhắn hoặc thư điện tử.",
    "Kết quả được trả trong thời hạn mười lăm ngày làm việc kể từ ngày nhận đủ hồ sơ.",
    "Mọi thắc mắc xin liên hệ số điện thoại đường dây nóng ghi ở cuối giấy này.",
    "Người nộp hồ sơ chịu trách nhiệm về tính chính xác của các thông tin đã khai.",
    "Hồ sơ được lưu trữ điện tử và có thể tra cứu bằng mã hồ sơ trên cổng dịch vụ công.",
]
PAPERS = ["Tờ khai đăng ký thường trú", "Bản sao giấy khai sinh", "Giấy xác nhận tình trạng hôn nhân",
          "Hợp đồng thuê nhà ở", "Văn bản ủy quyền có công chứng", "Phiếu lý lịch tư pháp"]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def render_official(seed: int, size_pt: float = 12.0, dpi: int = 300
                    ) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """A white A4 official paper; returns (grey image, [(category, truth line), …])."""
    regular, bold = FONTS / "NotoSans-Regular.ttf", FONTS / "NotoSans-Bold.ttf"
    rng = random.Random(seed)
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    px = size_pt / 72 * dpi
    body, strong = (ImageFont.truetype(str(regular), round(px)),
                    ImageFont.truetype(str(bold), round(px)))
    title = ImageFont.truetype(str(bold), round(px * 1.3))
    margin = round(0.8 * dpi)
    lines: list[tuple[str, str]] = []

    def text_at(x_centre: float | None, y: float, text: str, font, x_left: float = margin):
        text = _nfc(text)
        x = x_centre - font.getlength(text) / 2 if x_centre is not None else x_left
        draw.text((x, y), text, font=font, fill=15)
        return round(font.size * 1.5)

    commune = rng.choice(COMMUNES)
    number = f"Số: {rng.randint(10, 999)}/TB-BPMC"
    date = f"{commune}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2025, 2026)}"
    left_x, right_x = margin + (width - 2 * margin) * 0.2, margin + (width - 2 * margin) * 0.68
    left = [(f"ỦY BAN NHÂN DÂN XÃ {commune.upper()}", body), ("BỘ PHẬN MỘT CỬA", strong),
            (number, body)]
    right = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", strong), ("Độc lập - Tự do - Hạnh phúc", strong),
             (date, body)]
    y = margin
    for (left_text, left_font), (right_text, right_font) in zip(left, right):
        text_at(left_x, y, left_text, left_font)
        y += text_at(right_x, y, right_text, right_font)
        lines.append(("letterhead", _nfc(f"{left_text} {right_text}")))
    y += round(px * 1.5)
    for text in (rng.choice(TITLES), rng.choice(SUBTITLES)):
        y += text_at(width / 2, y, text, title)
        lines.append(("heading", _nfc(text)))
    y += round(px)

    def paragraph(y: int, sentence: str) -> int:
        row = ""
        for word in _nfc(sentence).split():
            if body.getlength(f"{row} {word}".strip()) > width - 2 * margin:
                y += text_at(None, y, row, body)
                lines.append(("body", row))
                row = word
            else:
                row = f"{row} {word}".strip()
        y += text_at(None, y, row, body)
        lines.append(("body", row))
        return y

    code = (f"000.00.{rng.randint(10, 99)}.H{rng.randint(10, 63)}-"
            f"{rng.randint(250101, 261231)}-{rng.randint(1, 9999):04d}")
    mail = f"motcua.{rng.choice(['anbinh', 'hoakhanh', 'tanphu', 'donghai'])}{rng.randint(1, 99)}@example.gov.vn"
    phone = f"0{rng.randint(200, 299)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    sections = rng.sample(SECTIONS, 2)
    for sentence in rng.sample(SENTENCES, 2):
        y = paragraph(y, sentence)
    y += round(px * 0.6)
    y += text_at(None, y, sections[0], strong)
    lines.append(("heading", sections[0]))
    y = _table(draw, lines, rng, y + round(px * 0.4), margin, width - 2 * margin, body, strong)
    y += round(px * 0.8)
    for label, value in (("Mã hồ sơ", code), ("Thư điện tử", mail), ("Điện thoại", phone)):
        y += text_at(None, y, f"{label}: {value}", body)
        lines.append(("codes", _nfc(f"{label}: {value}")))
    y += round(px * 0.6)
    y += text_at(None, y, sections[1], strong)
    lines.append(("heading", sections[1]))
    for sentence in rng.sample(SENTENCES, 3):
        y = paragraph(y, sentence)
    return np.asarray(image), lines


def _table(draw, lines, rng, y, x0, width, body, strong) -> int:
    """A ruled three-column table (STT, paper, copies); returns the y below it."""
    columns = [0.1, 0.72, 0.18]
    edges = [x0 + round(width * sum(columns[:i])) for i in range(len(columns) + 1)]
    row_h = round(body.size * 1.9)
    rows = [("STT", "Tên giấy tờ", "Số bản")]
    rows += [(str(i + 1), paper, f"{rng.randint(1, 3):02d}")
             for i, paper in enumerate(rng.sample(PAPERS, 4))]
    for index, row in enumerate(rows):
        font = strong if index == 0 else body
        for cell, left, right in zip(row, edges, edges[1:]):
            cell = _nfc(cell)
            x = left + body.size * 0.4 if cell and not cell[0].isdigit() else (
                (left + right) / 2 - font.getlength(cell) / 2)
            draw.text((x, y + index * row_h + body.size * 0.35), cell, font=font, fill=15)
        lines.append(("table", _nfc(" ".join(row))))
    bottom = y + len(rows) * row_h
    for k in range(len(rows) + 1):
        draw.line([(edges[0], y + k * row_h), (edges[-1], y + k * row_h)], fill=40, width=3)
    for edge in edges:
        draw.line([(edge, y), (edge, bottom)], fill=40, width=3)
    return bottom
