"""Parsers of what the kiosk reads from the card: QR, MRZ, BER-TLV, EF.COM, DG1/2/13/14/15, SOD."""
from __future__ import annotations

import datetime as dt

import pytest

from devices.idcard import lds, tlv
from devices.idcard.dg13 import parse_dg13
from devices.idcard.errors import LdsError, MrzError, QrFormatError, TlvError
from devices.idcard.mrz import build_td1, check_digit, parse_td1
from devices.idcard.qr import parse_qr_payload
from devices.idcard.sod import parse_sod
from devices.idcard.validity import expiry_from_renewal_ages
from devices.sim.citizen import SyntheticCitizen, build_files
from devices.sim.pki import build_sod, make_test_pki

QR = ("079196001234|025123456|Nguyễn Thị Ánh Dương|14031996|Nữ|"
      "12 Đường Số 7, Phường Bình Trưng, Thành phố Hồ Chí Minh|10062021")


# --- QR ------------------------------------------------------------------------------------
def test_qr_of_a_chip_card():
    q = parse_qr_payload(QR)
    assert (q.id_number, q.old_id_number, q.full_name, q.sex) == (
        "079196001234", "025123456", "Nguyễn Thị Ánh Dương", "Nữ")
    assert q.date_of_birth == dt.date(1996, 3, 14) and q.issue_date == dt.date(2021, 6, 10)


def test_qr_of_a_2024_card_with_empty_trailing_fields_and_nfd_text():
    import unicodedata

    q = parse_qr_payload(unicodedata.normalize("NFD", QR.replace("025123456", "")) + "||||")
    assert q.full_name == "Nguyễn Thị Ánh Dương" and q.old_id_number == ""
    assert unicodedata.is_normalized("NFC", q.address)


@pytest.mark.parametrize("payload, reason", [
    ("hello", "fields"),
    (QR.replace("079196001234", "07919600123"), "12 digits"),
    (QR.replace("079196001234", "099196001234"), "province"),
    (QR.replace("079196001234", "079096001234"), "century/sex"),  # male digit for a woman
    (QR.replace("079196001234", "079197001234"), "birth year"),
    (QR.replace("14031996", "31021996"), "real date"),
    (QR.replace("|Nữ|", "|F|"), "Nam nor Nữ"),
    (QR.replace("10062021", "10061990"), "precedes"),
    (QR.replace("025123456", "0251234"), "9 digits"),
])
def test_qr_rejections_say_why(payload, reason):
    with pytest.raises(QrFormatError) as err:
        parse_qr_payload(payload)
    assert reason in str(err.value)
    assert "079196001234" not in str(err.value) and "Nguyễn" not in str(err.value)
    assert err.value.vi and err.value.en


# --- MRZ -----------------------------------------------------------------------------------
def test_icao_check_digit_examples():
    # Doc 9303 Part 3 §4.9 example and the Part 11 Appendix D document number.
    assert check_digit("520727") == "3"
    assert check_digit("L898902C<") == "3"


def test_td1_of_a_vietnamese_card_round_trips():
    text = build_td1("079196001234", dt.date(1996, 3, 14), "Nữ", dt.date(2036, 3, 14),
                     "Nguyễn Thị Ánh Dương")
    mrz = parse_td1(text)
    assert (mrz.document_number, mrz.id_number, mrz.sex) == ("196001234", "079196001234", "F")
    assert mrz.date_of_birth == dt.date(1996, 3, 14) and mrz.expiry == dt.date(2036, 3, 14)
    assert mrz.name == "NGUYEN THI ANH DUONG"


@pytest.mark.parametrize("line, pos", [(0, 14), (1, 6), (1, 14), (1, 29)])
def test_every_td1_check_digit_is_verified(line, pos):
    lines = SyntheticCitizen().mrz.split("\n")
    chars = list(lines[line])
    chars[pos] = str((int(chars[pos]) + 1) % 10)
    lines[line] = "".join(chars)
    with pytest.raises(MrzError, match="check digit"):
        parse_td1("\n".join(lines))


def test_card_without_expiry_in_the_mrz():
    text = build_td1("001955001111", dt.date(1955, 1, 2), "Nam", None, "Lê Văn Tám")
    assert parse_td1(text).expiry is None


# --- renewal ages ---------------------------------------------------------------------------
@pytest.mark.parametrize("issued, expected", [
    (dt.date(2021, 6, 10), dt.date(2036, 3, 14)),  # at 25: runs to 40
    (dt.date(2019, 6, 10), dt.date(2036, 3, 14)),  # at 23 (2 years before 25): runs to 40
    (dt.date(2018, 6, 10), dt.date(2021, 3, 14)),  # at 22: runs to 25
    (dt.date(2054, 6, 10), None),  # at 58: no expiry
    (dt.date(2050, 6, 10), dt.date(2056, 3, 14)),  # at 54: runs to 60
])
def test_expiry_from_renewal_ages(issued, expected):
    assert expiry_from_renewal_ages(dt.date(1996, 3, 14), issued) == expected


# --- BER-TLV and the LDS files ----------------------------------------------------------------
def test_tlv_multi_byte_tags_and_long_lengths():
    value = bytes(300)
    raw = tlv.encode(0x7F61, tlv.encode(0x5F2E, value))
    node = tlv.parse(raw)
    assert node.tag == 0x7F61 and node.require(0x5F2E).value == value
    assert tlv.total_length(raw[:8]) == len(raw)


@pytest.mark.parametrize("raw", [b"", b"\x61", b"\x61\x05\x01", b"\x61\x85\x01\x02\x03\x04\x05",
                                 b"\x5f", b"\x61\x80\x00\x00", b"\x30" + b"\x81"])
def test_tlv_truncated_or_indefinite_is_an_error(raw):
    with pytest.raises(TlvError):
        tlv.parse(raw)


@pytest.fixture(scope="module")
def files():
    return build_files(SyntheticCitizen())


def test_ef_com_and_dg1(files):
    com = lds.parse_ef_com(files["COM"])
    assert com.data_groups == (1, 2, 13, 14, 15) and com.lds_version == "0107"
    assert lds.parse_dg1(files["DG1"]).id_number == "079196001234"


@pytest.mark.parametrize("fmt", ["jpeg", "jp2"])
def test_dg2_face_in_jpeg_and_jpeg2000_converts_for_display(fmt):
    from PIL import Image
    import io

    dg2 = build_files(SyntheticCitizen(photo_format=fmt))["DG2"]
    assert 15_000 <= len(dg2) <= 30_000
    face = lds.parse_dg2(dg2)
    assert face.mime == ("image/jp2" if fmt == "jp2" else "image/jpeg")
    img = Image.open(io.BytesIO(lds.face_to_png(face)))
    assert img.format == "PNG" and img.size == (360, 480)


def test_dg13_fields_by_walking_the_structure(files):
    d = parse_dg13(files["DG13"])
    assert d.full_name == "Nguyễn Thị Ánh Dương" and d.date_of_birth == dt.date(1996, 3, 14)
    assert d.parents == ["Nguyễn Văn Bình", "Trần Thị Cúc"]
    assert d.get(15) == "025123456" and d.expiry == dt.date(2036, 3, 14)
    assert 16 in d.unknown  # kept, not dropped


def test_dg13_with_fields_in_another_order_and_nesting():
    def field(n, *vals):
        return tlv.encode(0x30, tlv.encode(0x02, bytes([n])) + b"".join(vals))

    utf8 = lambda s: tlv.encode(0x0C, s.encode())  # noqa: E731
    body = field(2, tlv.encode(0x30, utf8("Trần Văn Ơn"))) + field(1, utf8("001085009876")) + \
        field(21, utf8("x"))
    d = parse_dg13(tlv.encode(0x6D, tlv.encode(0x31, body)))
    assert (d.id_number, d.full_name, d.unknown) == ("001085009876", "Trần Văn Ơn", {21: ["x"]})


def test_dg14_dg15_and_card_access(files):
    assert lds.parse_dg14(files["DG14"])[0].oid == "0.4.0.127.0.7.2.2.4.2.2"
    assert lds.parse_security_infos(files["CardAccess"])[0].params == (2, 13)
    assert lds.parse_dg15(files["DG15"]).key_size == 256


def test_sod_lists_the_hashes_of_the_data_groups(files):
    import hashlib

    sod = parse_sod(build_sod(files, make_test_pki("parsers")))
    assert sod.hash_algorithm == "sha256"
    assert sod.dg_hashes[13] == hashlib.sha256(files["DG13"]).digest()
    assert set(sod.dg_hashes) == {1, 2, 13, 14, 15}


def test_wrong_outer_tags_are_lds_errors(files):
    with pytest.raises(LdsError):
        lds.parse_dg1(files["DG13"])
    with pytest.raises(LdsError):
        parse_sod(files["DG1"])


def test_tlv_value_ending_in_zero_is_not_taken_for_padding():
    from devices.idcard import tlv

    node = tlv.parse(bytes.fromhex("7F660802020F0002020F00"))
    assert [c.value for c in node.children] == [b"\x0f\x00", b"\x0f\x00"]
    padded = tlv.parse(bytes.fromhex("300502010100FF"))
    assert [c.value for c in padded.children] == [b"\x01"]
