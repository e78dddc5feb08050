"""Layouts as data: a list of blocks filled from a dict, so every paper reuses one machine.

A layout never knows the printer or its cable; :mod:`devices.printer.raster` turns it into
raster images and native commands for a given paper width. Template strings use
``str.format`` fields (``"{number}"``); a block with ``when="key"`` is printed only when
``data[key]`` is truthy (e.g. the priority band).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Union

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    """Wrapped text; ``size`` is the glyph height in printer dots (203 dpi: 24 ≈ 3 mm)."""

    template: str
    size: int = 24
    bold: bool = False
    align: Align = "left"
    invert: bool = False  # white on a black band, for what must not be missed
    when: str | None = None


@dataclass(frozen=True)
class BigNumber:
    """The ticket number: bold, centred, shrunk only if it would not fit the paper."""

    template: str
    size: int = 150
    when: str | None = None


@dataclass(frozen=True)
class Lines:
    """One wrapped line per item of the list ``data[key]`` (papers received, …)."""

    key: str
    item_template: str = "- {item}"
    size: int = 22
    when: str | None = None


@dataclass(frozen=True)
class Separator:
    style: Literal["solid", "dashed"] = "solid"
    when: str | None = None


@dataclass(frozen=True)
class QR:
    """A QR code: native ``GS ( k`` when the printer profile can, an image otherwise."""

    template: str
    module_dots: int = 6
    when: str | None = None


@dataclass(frozen=True)
class Image:
    """A picture (logo) from a file path given by the template; scaled down to the paper."""

    template: str
    max_height: int = 160
    when: str | None = None


@dataclass(frozen=True)
class Feed:
    dots: int = 24
    when: str | None = None


@dataclass(frozen=True)
class Cut:
    when: str | None = None


Block = Union[Text, BigNumber, Lines, Separator, QR, Image, Feed, Cut]
Layout = tuple[Block, ...]


def ticket_qr_payload(date: dt.date, number: str, kiosk_id: str) -> str:
    """What the counter staff's scanner reads from a queue ticket.

    ``TICKET|YYYYMMDD|<number>|<kiosk id>``: ASCII, pipe-separated like the ID card QR,
    short enough for a version-2 code at level M; no personal data.
    """
    for part in (number, kiosk_id):
        if "|" in part:
            raise ValueError("ticket number and kiosk id must not contain '|'")
    return f"TICKET|{date:%Y%m%d}|{number}|{kiosk_id}"


def ticket_data(
    *,
    centre_name: str,
    number: str,
    service_name: str,
    counter_group: str,
    issued_at: dt.datetime,
    waiting_ahead: int,
    estimated_wait_min: int,
    kiosk_id: str,
    priority_category: str = "",
    logo_path: str = "",
    opens_at: dt.datetime | None = None,
) -> dict:
    """The dict :func:`ticket_layout` expects, with the QR payload made from the number.

    ``opens_at``: the counters are closed now and open then; the ticket says so instead of
    a wait estimate that would be wrong (a ticket taken at 00:14 is not served in 5 minutes).
    """
    closed = (f"Ngoài giờ làm việc. Quầy mở cửa lúc {opens_at:%H:%M} ngày {opens_at:%d/%m/%Y}."
              if opens_at is not None else "")
    return {
        "open_now": not closed,
        "closed_line": closed,
        "centre_name": centre_name,
        "number": number,
        "service_name": service_name,
        "counter_group": counter_group,
        "date": f"{issued_at:%d/%m/%Y}",
        "time": f"{issued_at:%H:%M}",
        "waiting_ahead": waiting_ahead,
        "estimated_wait_min": estimated_wait_min,
        "priority_category": priority_category,
        "qr_payload": ticket_qr_payload(issued_at.date(), number, kiosk_id),
        "logo_path": logo_path,
    }


def ticket_layout(paper_width_mm: int = 80) -> Layout:
    """The queue ticket (số thứ tự). 58 mm paper gets slightly smaller type."""
    narrow = paper_width_mm < 70
    body = 22 if narrow else 26
    return (
        Image("{logo_path}", max_height=120, when="logo_path"),
        Text("{centre_name}", size=body, bold=True, align="center"),
        Separator(),
        Text("SỐ THỨ TỰ", size=body, align="center"),
        BigNumber("{number}", size=130 if narrow else 160),
        Text(" ƯU TIÊN ", size=body + 12, bold=True, align="center", invert=True,
             when="priority_category"),
        Text("{priority_category}", size=body, bold=True, align="center",
             when="priority_category"),
        Text("{service_name}", size=body + 4, bold=True, align="center"),
        Text("Mời đến: {counter_group}", size=body, align="center"),
        Separator("dashed"),
        Text("Số người đang chờ trước bạn: {waiting_ahead}", size=body, when="open_now"),
        Text("Dự kiến chờ: khoảng {estimated_wait_min} phút", size=body, when="open_now"),
        Text("{closed_line}", size=body, bold=True, when="closed_line"),
        Text("Ngày {date} lúc {time}", size=body),
        QR("{qr_payload}", module_dots=5 if narrow else 6),
        Text("Vui lòng giữ phiếu và chờ gọi số.", size=body - 4, align="center"),
        Feed(40),
        Cut(),
    )


def receipt_layout(paper_width_mm: int = 80) -> Layout:
    """Mẫu 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), Circular 01/2018/TT-VPCP, on a roll.

    Wording and numbering of the form as agencies print it (checked against several one-stop
    systems' templates, see forms/procedures/_catalog.yaml ``receipt_unverified``): "Số: …",
    "…, ngày … tháng … năm …", "Tiếp nhận hồ sơ của", items 1-6 with hour and minute on
    items 4 and 5, "Đăng ký nhận kết quả tại", "Vào Sổ theo dõi hồ sơ, Quyển số …, Số thứ
    tự …". The fee and an out-of-hours note are the kiosk's additions. ``papers`` is a list.
    """
    small = 20 if paper_width_mm < 70 else 22
    return (
        Image("{logo_path}", when="logo_path"),
        Text("{agency_name}", size=small + 2, bold=True, align="center"),
        Text("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", size=small, bold=True, align="center"),
        Text("Số: {receipt_no}", size=small, align="center"),
        Text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=small, bold=True, align="center"),
        Text("Độc lập - Tự do - Hạnh phúc", size=small, bold=True, align="center"),
        Text("{place}, ngày {day} tháng {month} năm {year}", size=small, align="center"),
        Separator(),
        Text("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", size=small + 6, bold=True, align="center"),
        Text("Mã hồ sơ: {dossier_code}", size=small + 2, bold=True, align="center"),
        Text("Mã kiểm tra (để tra cứu): {check_code}", size=small + 2, bold=True,
             align="center", when="check_code"),
        Separator("dashed"),
        Text("Bộ phận tiếp nhận và trả kết quả {agency_name}", size=small),
        Text("Tiếp nhận hồ sơ của: {applicant_name}", size=small),
        Text("Địa chỉ: {applicant_address}", size=small),
        Text("Số điện thoại: {applicant_phone}", size=small),
        Text("Email: {applicant_email}", size=small, when="applicant_email"),
        Text("Nội dung yêu cầu giải quyết: {procedure_name}", size=small),
        Text("1. Thành phần hồ sơ nộp gồm:", size=small, bold=True),
        Lines("papers", size=small),
        Text("2. Số lượng hồ sơ: {sets} (bộ)", size=small),
        Text("3. Thời gian giải quyết hồ sơ theo quy định là: {processing_time}", size=small),
        Text("4. Thời gian nhận hồ sơ: {received_at}", size=small),
        Text("5. Thời gian trả kết quả giải quyết hồ sơ: {appointment_at}", size=small, bold=True),
        Text("6. Đăng ký nhận kết quả tại: {collect_at}", size=small),
        Text("Phí, lệ phí: {fees}", size=small),
        Text("{after_hours}", size=small, bold=True, when="after_hours"),
        Text("Vào Sổ theo dõi hồ sơ, Quyển số: {book_no}, Số thứ tự: {book_line}", size=small),
        QR("{qr_payload}"),
        Text("NGƯỜI NỘP HỒ SƠ          NGƯỜI TIẾP NHẬN HỒ SƠ", size=small, bold=True, align="center"),
        Text("(Ký và ghi rõ họ tên)          (Ký và ghi rõ họ tên)", size=small - 2, align="center"),
        Feed(120),
        Cut(),
    )


def long_date(day: dt.date) -> str:
    """"ngày 04 tháng 12 năm 2026", as administrative papers write a date."""
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def long_moment(moment: dt.datetime) -> str:
    """"10 giờ 05 phút, ngày 04 tháng 12 năm 2026" (items 4 and 5 of Mẫu 01)."""
    return f"{moment:%H} giờ {moment:%M} phút, {long_date(moment.date())}"


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def receipt_data(
    *,
    agency_name: str,
    place: str,
    dossier_code: str,
    received_at: dt.datetime,
    due_at: dt.datetime,
    applicant_name: str,
    applicant_address: str,
    applicant_phone: str,
    applicant_email: str,
    procedure_name: str,
    papers: list[str],
    processing_days: int,
    collect_at: str,
    fees_vnd: int,
    counted_from: dt.date | None = None,
    check_code: str = "",
    qr_payload: str | None = None,
    logo_path: str = "",
) -> dict:
    """The dict :func:`receipt_layout` expects. Times are the centre's local time.

    ``counted_from``: filed out of hours, the dossier counts as received that working day.
    ``check_code``: the digits asked with the code to see the dossier's status (only the
    receipt's holder has them: docs/security.md), printed under the code.
    ``qr_payload``: what the receipt's QR carries (default: ``<dossier code>|<check code>``,
    pipe-separated like the ID card's QR, or the code alone without a check code).
    """
    date_part, seq = dossier_code.rsplit("-", 2)[-2:]
    return {
        "agency_name": agency_name,
        "place": place or "……",
        "receipt_no": f"{date_part}-{seq}",
        "day": f"{received_at:%d}", "month": f"{received_at:%m}", "year": f"{received_at:%Y}",
        "dossier_code": dossier_code,
        "applicant_name": applicant_name,
        "applicant_address": applicant_address,
        "applicant_phone": applicant_phone,
        "applicant_email": applicant_email,
        "procedure_name": procedure_name,
        "papers": papers,
        "sets": "01",
        "processing_time": f"{processing_days:02d} ngày làm việc" if processing_days else "trong ngày",
        "received_at": long_moment(received_at),
        "appointment_at": long_moment(due_at),
        "collect_at": collect_at,
        "fees": vnd(fees_vnd) if fees_vnd else "không thu",
        "after_hours": (f"Hồ sơ nộp ngoài giờ làm việc, được tiếp nhận vào {long_date(counted_from)}."
                        if counted_from else ""),
        "book_no": "……",  # the officer's paper tracking book (Mẫu 06): filled at the counter
        "book_line": seq,
        "check_code": check_code,
        "qr_payload": qr_payload or "|".join(filter(None, (dossier_code, check_code))),
        "logo_path": logo_path,
    }


def test_page_layout() -> Layout:
    """The technician's test page (``kiosk print-test``): Vietnamese incl. stacked marks, a QR."""
    return (
        Text("TRANG IN THỬ - TEST PAGE", size=30, bold=True, align="center"),
        Separator(),
        Text("Tiếng Việt: Ặ Ợ Ự ằ ẵ ỡ ữ ỹ Đ đ", size=28),
        Text("Chữ in đậm: Giấy tiếp nhận hồ sơ và hẹn trả kết quả", size=24, bold=True),
        Text(" ĐẢO MÀU / REVERSED ", size=26, bold=True, align="center", invert=True),
        Text("Máy in: {uri}", size=20),
        Text("Khổ giấy {paper_width_mm} mm, {raster_dots} điểm/dòng, QR {qr_mode}", size=20),
        Text("Trạng thái trước khi in: {status_before}", size=20),
        Text("Thời điểm: {printed_at}", size=20),
        QR("{qr_payload}"),
        Text("Nếu mã QR đọc được \"{qr_payload}\" thì máy in hoạt động tốt.", size=20,
             align="center"),
        Feed(60),
        Cut(),
    )
