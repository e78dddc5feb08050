"""Files of the eMRTD Logical Data Structure: EF.COM, DG1, DG2, DG14, DG15.

ICAO Doc 9303 Part 10 §4.6–4.7 (file tags, DG1 MRZ, DG2 biometric template of
ISO/IEC 19794-5 with the face image). DG13 (Vietnamese data) is in :mod:`.dg13`.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from . import tlv
from .errors import LdsError, TlvError
from .mrz import Mrz, parse_td1

# File identifiers and the tags of their outer object (Doc 9303 Part 10 Table 34).
FID = {"COM": 0x011E, "DG1": 0x0101, "DG2": 0x0102, "DG13": 0x010D, "DG14": 0x010E,
       "DG15": 0x010F, "SOD": 0x011D, "CardAccess": 0x011C, "ATRInfo": 0x2F01}
TAG = {"COM": 0x60, "DG1": 0x61, "DG2": 0x75, "DG13": 0x6D, "DG14": 0x6E, "DG15": 0x6F,
       "SOD": 0x77}
DG_BY_TAG = {0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
             0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16}


def _outer(data: bytes, name: str) -> tlv.Tlv:
    node = tlv.parse(data)
    if node.tag != TAG[name]:
        raise LdsError(f"{name} has outer tag {node.tag:X}")
    return node


@dataclass(frozen=True)
class EfCom:
    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


def parse_ef_com(data: bytes) -> EfCom:
    node = _outer(data, "COM")
    tags = node.require(0x5C).value
    groups = []
    for t in tags:
        if t not in DG_BY_TAG:
            raise LdsError(f"EF.COM lists unknown tag {t:X}")
        groups.append(DG_BY_TAG[t])
    lds = node.find(0x5F01)
    uni = node.find(0x5F36)
    return EfCom(lds.value.decode("ascii", "replace") if lds else "",
                 uni.value.decode("ascii", "replace") if uni else "", tuple(groups))


def parse_dg1(data: bytes) -> Mrz:
    node = _outer(data, "DG1")
    try:
        text = node.require(0x5F1F).value.decode("ascii")
    except UnicodeDecodeError:
        raise LdsError("DG1 MRZ is not ASCII") from None
    return parse_td1(text)


@dataclass(frozen=True)
class FaceImage:
    mime: str  # image/jpeg or image/jp2
    data: bytes
    width: int
    height: int


_JPEG_SOI = b"\xff\xd8\xff"
_JP2_SIG = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K_SOC = b"\xff\x4f\xff\x51"


def _image_from_19794_5(record: bytes) -> tuple[str, bytes, int, int]:
    """ISO/IEC 19794-5:2005 facial record: header, facial info, feature points, image info."""
    if record[:4] != b"FAC\x00" or len(record) < 14 + 20 + 12:
        raise LdsError("DG2 face record has no FAC header")
    pos = 14  # format id, version, record length, number of faces
    block_len = int.from_bytes(record[pos:pos + 4], "big")
    points = int.from_bytes(record[pos + 4:pos + 6], "big")
    pos += 20 + 8 * points
    if pos + 12 > len(record) or block_len > len(record):
        raise LdsError("DG2 face record truncated")
    data_type = record[pos + 1]
    width = int.from_bytes(record[pos + 2:pos + 4], "big")
    height = int.from_bytes(record[pos + 4:pos + 6], "big")
    image = record[pos + 12:14 + block_len]
    mime = "image/jp2" if data_type == 1 else "image/jpeg"
    return mime, image, width, height


def parse_dg2(data: bytes) -> FaceImage:
    """Extract the first face image from DG2 (JPEG or JPEG 2000)."""
    node = _outer(data, "DG2")
    group = node.require(0x7F61)
    template = group.require(0x7F60)
    block = template.find(0x5F2E) or template.find(0x7F2E)
    if block is None:
        raise LdsError("DG2 has no biometric data block")
    try:
        mime, image, w, h = _image_from_19794_5(block.value)
    except LdsError:
        image, w, h = block.value, 0, 0
        mime = ""
    # Trust the image's own signature over the header's claim.
    for sig, kind in ((_JPEG_SOI, "image/jpeg"), (_JP2_SIG, "image/jp2"), (_J2K_SOC, "image/jp2")):
        at = image.find(sig)
        if at >= 0 and (at == 0 or not mime):
            return FaceImage(kind, image[at:], w, h)
    raise LdsError("DG2 holds no JPEG or JPEG 2000 image")


def face_to_png(face: FaceImage, max_side: int = 480) -> bytes:
    """Decode the chip photo (JPEG or JPEG 2000) and re-encode it as PNG for display."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(face.data)) as img:
            img.load()
            out = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise LdsError(f"face image does not decode: {type(exc).__name__}") from None
    out.thumbnail((max_side, max_side))
    buf = io.BytesIO()
    out.save(buf, "PNG")
    return buf.getvalue()


@dataclass(frozen=True)
class SecurityInfo:
    oid: str
    params: tuple[int, ...]  # the INTEGER members (version, parameter id) when present


def parse_security_infos(der: bytes) -> list[SecurityInfo]:
    """SET OF SecurityInfo (EF.CardAccess, DG14): protocol OID plus its integer parameters."""
    root = tlv.parse(der)
    if root.tag != 0x31:
        raise LdsError("SecurityInfos is not a SET")
    infos = []
    for item in root.children:
        if item.tag != 0x30 or not item.children or item.children[0].tag != 0x06:
            raise LdsError("SecurityInfo without a protocol OID")
        ints = tuple(int.from_bytes(c.value, "big") for c in item.children[1:]
                     if c.tag == 0x02 and 0 < len(c.value) <= 4)
        infos.append(SecurityInfo(decode_oid(item.children[0].value), ints))
    return infos


def parse_dg14(data: bytes) -> list[SecurityInfo]:
    return parse_security_infos(_outer(data, "DG14").value)


def parse_dg15(data: bytes):
    """Active Authentication public key (SubjectPublicKeyInfo)."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    node = _outer(data, "DG15")
    try:
        return load_der_public_key(node.value)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise LdsError("DG15 public key does not parse") from None


def decode_oid(raw: bytes) -> str:
    if not raw or raw[-1] & 0x80:
        raise TlvError("malformed OID")
    parts, value = [], 0
    for b in raw:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(value)
            value = 0
    first = min(parts[0] // 40, 2)
    return ".".join(str(p) for p in [first, parts[0] - 40 * first, *parts[1:]])


def encode_oid(dotted: str) -> bytes:
    nums = [int(p) for p in dotted.split(".")]
    out = bytearray()
    for n in [40 * nums[0] + nums[1], *nums[2:]]:
        chunk = [n & 0x7F]
        n >>= 7
        while n:
            chunk.append(0x80 | (n & 0x7F))
            n >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)
