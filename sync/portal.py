"""Adapter from our dossier to the national public service portal's data model (DVCQG).

The only module that knows the portal's Vietnamese field names and codes.  No official public
specification was found: names come from open-source integrations of the ``DongBoHoSoMC``
dossier sync call, summarised in ``domain.md`` §3.  Codes whose meaning is not documented
there are not invented: ``HinhThuc`` and ``NoiNopHoSo`` are left to configuration (verify).
"""
from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from sync.contract import DossierSubmission

PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PORTAL_DATE_FORMAT = "%Y%m%d%H%M%S"  # yyyyMMddHHmmss


class TrangThaiHoSo(IntEnum):
    """Dossier status on the portal (domain.md §3)."""

    NEWLY_REGISTERED = 1   # mới đăng ký
    ACCEPTED = 2           # được tiếp nhận
    NOT_ACCEPTED = 3       # không được tiếp nhận
    IN_PROCESSING = 4      # đang xử lý
    SUPPLEMENT_REQUESTED = 5  # yêu cầu bổ sung giấy tờ
    FINANCIAL_OBLIGATION = 6  # yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7          # công dân yêu cầu rút hồ sơ
    STOPPED = 8            # dừng xử lý
    PROCESSED = 9          # đã xử lý xong
    RESULT_RETURNED = 10   # đã trả kết quả


STATUS_VI = {
    TrangThaiHoSo.NEWLY_REGISTERED: "Mới đăng ký",
    TrangThaiHoSo.ACCEPTED: "Được tiếp nhận",
    TrangThaiHoSo.NOT_ACCEPTED: "Không được tiếp nhận",
    TrangThaiHoSo.IN_PROCESSING: "Đang xử lý",
    TrangThaiHoSo.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    TrangThaiHoSo.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    TrangThaiHoSo.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    TrangThaiHoSo.STOPPED: "Dừng xử lý",
    TrangThaiHoSo.PROCESSED: "Đã xử lý xong",
    TrangThaiHoSo.RESULT_RETURNED: "Đã trả kết quả",
}


def portal_datetime(moment: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh; empty for a date not set yet."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        raise ValueError("a portal timestamp needs an aware datetime")
    return moment.astimezone(PORTAL_TZ).strftime(PORTAL_DATE_FORMAT)


def parse_portal_datetime(text: str) -> datetime:
    return datetime.strptime(text, PORTAL_DATE_FORMAT).replace(tzinfo=PORTAL_TZ)


def id_kind(id_number: str) -> int:
    """LoaiDinhDanh: 1 for the 12-digit personal ID, 2 for the old 9-digit ID."""
    if len(id_number) == 12 and id_number.isdigit():
        return 1
    if len(id_number) == 9 and id_number.isdigit():
        return 2
    raise ValueError("an ID number has 12 or 9 digits")


def to_portal(dossier: DossierSubmission, status: int = TrangThaiHoSo.NEWLY_REGISTERED,
              *, extra: dict | None = None) -> dict:
    """One item of the ``DongBoHoSoMC`` call for ``dossier``.

    ``extra`` carries fields whose codes a deployment must confirm with its portal
    (e.g. ``HinhThuc``, ``NoiNopHoSo``); they are passed through unchanged.
    """
    TrangThaiHoSo(status)  # refuses a status outside 1..10
    applicant = dossier.applicant
    item = {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure_code,
        "TenTTHC": dossier.procedure_name,
        "MaLinhVuc": dossier.field_code,
        "TenLinhVuc": dossier.field_name,
        "KenhThucHien": dossier.channel,
        "ChuHoSo": applicant.full_name,
        "LoaiDoiTuong": applicant.subject_kind,
        "MaDoiTuong": "",
        "Email": applicant.email,
        "SoDienThoai": applicant.phone,
        "TrichYeuHoSo": dossier.summary,
        "NgayTiepNhan": portal_datetime(dossier.received_at),
        "NgayHenTra": portal_datetime(dossier.due_at),
        "NgayTra": "",
        "TrangThaiHoSo": int(status),
        "DonViXuLy": dossier.agency_id,
        "GhiChu": "",
        "HoSoCoThanhPhanSoHoa": 1 if any(a.digitized for a in dossier.attachments) else 0,
        "DinhDanhCHS": [{"LoaiDinhDanh": id_kind(applicant.id_number),
                         "SoDinhDanh": applicant.id_number}],
        "TaiLieuNop": [
            {
                "TepDinhKemId": att.attachment_id,
                "TenTepDinhKem": att.file_name,
                "MaThanhPhanHoSo": att.paper_code,
                "TenThanhPhanHoSo": att.paper_name,
                "DuocSoHoa": 1 if att.digitized else 0,
                "DuocTaiSuDung": 1 if att.reused_result_code else 0,
                "DuocLayTuKhoDMQG": 0,
                "MaKetQuaThayThe": att.reused_result_code,
            }
            for att in dossier.attachments
        ],
        "DanhSachLePhi": [{"MaLePhi": f.code, "TenLePhi": f.name, "SoTien": f.amount_vnd}
                          for f in dossier.fees],
        "DanhSachTepDinhKemKhac": [],
    }
    item.update(extra or {})
    return item
