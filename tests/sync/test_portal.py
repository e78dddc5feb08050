"""Our dossier in the national portal's names and codes (domain.md §3)."""
from __future__ import annotations

import pytest

from sync.contract import DossierSubmission
from sync.portal import TrangThaiHoSo, STATUS_VI, parse_portal_datetime, portal_datetime, to_portal
from sync.testing.samples import submission


def dossier(**changes) -> DossierSubmission:
    sub = submission(12, [b"scan one", b"scan two"])
    sub["received_at"] = "2026-11-27T23:05:09+00:00"  # 06:05:09 on the 28th in Hà Nội
    sub["code"] = "000.00.00.H30-261128-0012"
    sub.update(changes)
    return DossierSubmission.model_validate_json(__import__("json").dumps(sub))


def test_fields_carry_the_portal_names_of_the_dossier_sync_call():
    item = to_portal(dossier())
    for name in ("MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien",
                 "ChuHoSo", "LoaiDoiTuong", "MaDoiTuong", "Email", "SoDienThoai", "TrichYeuHoSo",
                 "NgayTiepNhan", "NgayHenTra", "NgayTra", "TrangThaiHoSo", "DonViXuLy", "GhiChu",
                 "HoSoCoThanhPhanSoHoa", "DinhDanhCHS", "TaiLieuNop", "DanhSachLePhi",
                 "DanhSachTepDinhKemKhac"):
        assert name in item
    assert item["MaHoSo"] == "000.00.00.H30-261128-0012"
    assert item["MaTTHC"] == "1.004222" and item["KenhThucHien"] == 1


def test_dates_are_yyyymmddhhmmss_in_ho_chi_minh_time():
    item = to_portal(dossier())
    assert item["NgayTiepNhan"] == "20261128060509"
    assert parse_portal_datetime(item["NgayTiepNhan"]).isoformat() == "2026-11-28T06:05:09+07:00"
    assert item["NgayTra"] == ""
    from datetime import datetime

    with pytest.raises(ValueError):
        portal_datetime(datetime(2026, 1, 1))


def test_id_kind_is_1_for_12_digits_and_2_for_the_old_9_digits():
    item = to_portal(dossier())
    assert item["DinhDanhCHS"] == [{"LoaiDinhDanh": 1, "SoDinhDanh": item["DinhDanhCHS"][0]["SoDinhDanh"]}]
    old = dossier()
    old = old.model_copy(update={"applicant": old.applicant.model_copy(update={"id_number": "123456789"})})
    assert to_portal(old)["DinhDanhCHS"][0]["LoaiDinhDanh"] == 2


def test_papers_carry_digitized_and_reused_flags():
    d = dossier()
    atts = [d.attachments[0], d.attachments[1].model_copy(update={"reused_result_code": "KQ-1", "digitized": False})]
    item = to_portal(d.model_copy(update={"attachments": atts}))
    first, second = item["TaiLieuNop"]
    assert (first["DuocSoHoa"], first["DuocTaiSuDung"]) == (1, 0)
    assert (second["DuocSoHoa"], second["DuocTaiSuDung"], second["MaKetQuaThayThe"]) == (0, 1, "KQ-1")
    assert item["HoSoCoThanhPhanSoHoa"] == 1


def test_status_codes_are_1_to_10_and_nothing_else():
    assert [s.value for s in TrangThaiHoSo] == list(range(1, 11))
    assert STATUS_VI[TrangThaiHoSo.RESULT_RETURNED] == "Đã trả kết quả"
    assert to_portal(dossier(), status=10)["TrangThaiHoSo"] == 10
    with pytest.raises(ValueError):
        to_portal(dossier(), status=11)
