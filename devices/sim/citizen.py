"""A configurable synthetic citizen and the chip files (LDS) of their ID card.

Synthetic people only: the default citizen is invented, with a drawn (not photographed)
face. The files follow ICAO Doc 9303 Part 10 and the DG13 layout of the domain notes.
"""
from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field, replace

from devices.idcard import tlv
from devices.idcard.lds import encode_oid
from devices.idcard.mrz import build_td1
from devices.idcard.qr import QrIdentity, format_qr_payload
from devices.idcard.validity import expiry_from_renewal_ages

PACE_OID_AES128 = "0.4.0.127.0.7.2.2.4.2.2"
DG13_OID = "2.16.704.1.1.2.1"  # placeholder arc under Vietnam's country OID (synthetic)


@dataclass
class SyntheticCitizen:
    id_number: str = "079196001234"
    old_id_number: str = "025123456"
    full_name: str = "Nguyễn Thị Ánh Dương"
    date_of_birth: dt.date = dt.date(1996, 3, 14)
    sex: str = "Nữ"
    nationality: str = "Việt Nam"
    ethnicity: str = "Kinh"
    religion: str = "Không"
    hometown: str = "Xã Phước Hưng, Tỉnh Bà Rịa - Vũng Tàu"
    residence: str = "12 Đường Số 7, Phường Bình Trưng, Thành phố Hồ Chí Minh"
    identifying_marks: str = "Nốt ruồi C:2cm dưới trước đuôi mắt trái"
    issue_date: dt.date = dt.date(2021, 6, 10)
    father: str = "Nguyễn Văn Bình"
    mother: str = "Trần Thị Cúc"
    spouse: str = ""
    photo_format: str = "jpeg"  # or "jp2"
    photo_seed: int = 7
    extra_dg13: dict[int, str] = field(default_factory=lambda: {16: ""})

    @property
    def can(self) -> str:
        """The card access number: the last six digits of the ID (domain notes §7)."""
        return self.id_number[-6:]

    @property
    def expiry(self) -> dt.date | None:
        return expiry_from_renewal_ages(self.date_of_birth, self.issue_date)

    @property
    def mrz(self) -> str:
        return build_td1(self.id_number, self.date_of_birth, self.sex, self.expiry,
                         self.full_name)

    def qr_identity(self) -> QrIdentity:
        return QrIdentity(self.id_number, self.old_id_number, self.full_name,
                          self.date_of_birth, self.sex, self.residence, self.issue_date)

    def qr_payload(self, trailing_fields: int = 0) -> str:
        return format_qr_payload(self.qr_identity(), trailing_fields)

    def with_(self, **changes) -> "SyntheticCitizen":
        return replace(self, **changes)


def draw_face(seed: int, size: tuple[int, int] = (360, 480)) -> "Image":
    """A drawn portrait: a face-like shape with mild texture, so its JPEG is ~15–30 KB."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size, (232, 236, 242))
    d = ImageDraw.Draw(img)
    skin = (rnd.randint(200, 235), rnd.randint(160, 195), rnd.randint(130, 160))
    d.rectangle([w * 0.18, h * 0.72, w * 0.82, h], fill=(40, 60, 110))  # shoulders
    d.ellipse([w * 0.25, h * 0.12, w * 0.75, h * 0.72], fill=skin)
    d.chord([w * 0.22, h * 0.06, w * 0.78, h * 0.5], 180, 360, fill=(25, 20, 18))  # hair
    for ex in (0.38, 0.62):
        d.ellipse([w * (ex - 0.05), h * 0.38, w * (ex + 0.05), h * 0.43], fill="white")
        d.ellipse([w * (ex - 0.02), h * 0.385, w * (ex + 0.02), h * 0.425], fill=(30, 25, 20))
    d.arc([w * 0.4, h * 0.52, w * 0.6, h * 0.62], 20, 160, fill=(150, 60, 60), width=3)
    noise = Image.effect_noise(size, 18).convert("RGB")
    return Image.blend(img, noise, 0.08).filter(ImageFilter.SMOOTH)


def photo_bytes(citizen: SyntheticCitizen) -> bytes:
    img = draw_face(citizen.photo_seed)
    buf = io.BytesIO()
    if citizen.photo_format == "jp2":
        img.save(buf, "JPEG2000", quality_mode="rates", quality_layers=[30])
    else:
        img.save(buf, "JPEG", quality=93)
    return buf.getvalue()


def _face_record(image: bytes, width: int, height: int, jp2: bool) -> bytes:
    """ISO/IEC 19794-5 facial record with one face and no feature points."""
    image_info = bytes([1, 1 if jp2 else 0]) + width.to_bytes(2, "big") + \
        height.to_bytes(2, "big") + bytes([1, 2]) + b"\x00\x00" + b"\x00\x00"
    facial_info = bytes(2) + bytes([2, 0, 0]) + bytes(3) + bytes(2) + bytes(3) + bytes(3)
    block = facial_info + image_info + image
    block = (len(block) + 4).to_bytes(4, "big") + block
    header = b"FAC\x00" + b"010\x00" + (14 + len(block)).to_bytes(4, "big") + b"\x00\x01"
    return header + block


def build_files(citizen: SyntheticCitizen, parameter_id: int = 13) -> dict[str, bytes]:
    """The chip's files by name: CardAccess, COM, DG1, DG2, DG13, DG14, DG15 (SOD apart)."""
    pace_info = tlv.encode(0x30, tlv.encode(0x06, encode_oid(PACE_OID_AES128))
                           + tlv.encode(0x02, b"\x02") + tlv.encode(0x02, bytes([parameter_id])))
    security_infos = tlv.encode(0x31, pace_info)
    image = photo_bytes(citizen)
    biometric = tlv.encode(0xA1, tlv.encode(0x87, b"\x01\x01") + tlv.encode(0x88, b"\x00\x08"))
    biometric += tlv.encode(0x5F2E, _face_record(image, 360, 480, citizen.photo_format == "jp2"))
    dg2 = tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01")
                                      + tlv.encode(0x7F60, biometric)))
    return {
        "CardAccess": security_infos,
        "COM": tlv.encode(0x60, tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000")
                          + tlv.encode(0x5C, bytes([0x61, 0x75, 0x6D, 0x6E, 0x6F]))),
        "DG1": tlv.encode(0x61, tlv.encode(0x5F1F, citizen.mrz.replace("\n", "").encode())),
        "DG2": dg2,
        "DG13": build_dg13(citizen),
        "DG14": tlv.encode(0x6E, security_infos),
        "DG15": tlv.encode(0x6F, _aa_public_key(citizen.photo_seed)),
    }


def _aa_public_key(seed: int) -> bytes:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.derive_private_key(seed + 1000, ec.SECP256R1())
    return key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _field(number: int, *values: bytes) -> bytes:
    return tlv.encode(0x30, tlv.encode(0x02, bytes([number])) + b"".join(values))


def _utf8(text: str) -> bytes:
    return tlv.encode(0x0C, text.encode("utf-8"))


def build_dg13(c: SyntheticCitizen) -> bytes:
    def date(d: dt.date | None) -> str:
        return d.strftime("%d/%m/%Y") if d else "Không thời hạn"

    simple = [(1, c.id_number), (2, c.full_name), (3, date(c.date_of_birth)), (4, c.sex),
              (5, c.nationality), (6, c.ethnicity), (7, c.religion), (8, c.hometown),
              (9, c.residence), (10, c.identifying_marks), (11, date(c.issue_date)),
              (12, date(c.expiry))]
    fields = [_field(n, _utf8(v)) for n, v in simple]
    fields.append(_field(13, tlv.encode(0x30, _utf8(c.father)), tlv.encode(0x30, _utf8(c.mother))))
    fields.append(_field(14, _utf8(c.spouse)))
    fields.append(_field(15, _utf8(c.old_id_number)))
    fields += [_field(n, _utf8(v)) for n, v in sorted(c.extra_dg13.items())]
    body = tlv.encode(0x02, b"\x01") + tlv.encode(0x06, encode_oid(DG13_OID)) + \
        tlv.encode(0x31, b"".join(fields))
    return tlv.encode(0x6D, tlv.encode(0x30, body))
