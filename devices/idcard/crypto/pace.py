"""PACE with the generic mapping over elliptic curves, reader side.

ICAO Doc 9303 Part 11 §4.4 (protocol), §4.4.3.3.2 (ECDH generic mapping G' = s·G + H),
§4.4.4 (MSE:Set AT and GENERAL AUTHENTICATE), §9.7.3 (K_pi from the CAN or MRZ) and
Appendix G (the worked example our tests replay).
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Callable

from .. import tlv
from ..apdu import Command
from ..errors import AccessDeniedError, ChipError, SecureMessagingError, TlvError
from ..lds import encode_oid, parse_security_infos
from . import primitives as p
from .ec import CURVES_BY_PARAMETER_ID, Curve
from .sm import SecureMessaging

Transmit = Callable[[bytes], tuple[bytes, int]]

PACE_ECDH_GM = "0.4.0.127.0.7.2.2.4.2"
CIPHER_BY_SUFFIX = {2: "AES-128", 3: "AES-192", 4: "AES-256"}  # .1 (3DES) not supported
PASSWORD_MRZ, PASSWORD_CAN = 1, 2


@dataclass(frozen=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int

    @property
    def cipher(self) -> str:
        return CIPHER_BY_SUFFIX[int(self.oid.rsplit(".", 1)[1])]

    @property
    def curve(self) -> Curve:
        return CURVES_BY_PARAMETER_ID[self.parameter_id]


def supported_pace_infos(card_access: bytes) -> list[PaceInfo]:
    """PACEInfos of EF.CardAccess we can run: ECDH-GM, AES, a standard 256-bit curve."""
    out = []
    for info in parse_security_infos(card_access):
        base, _, suffix = info.oid.rpartition(".")
        if base != PACE_ECDH_GM or not suffix.isdigit() or int(suffix) not in CIPHER_BY_SUFFIX:
            continue
        if len(info.params) < 2 or info.params[1] not in CURVES_BY_PARAMETER_ID:
            continue
        out.append(PaceInfo(info.oid, info.params[0], info.params[1]))
    return out


def password_key(password: bytes, ref: int, cipher: str) -> bytes:
    """K_pi = KDF(f(pi), 3): f(CAN) = its ISO 8859-1 bytes, f(MRZ) = SHA-1(MRZ_information)."""
    secret = hashlib.sha1(password).digest() if ref == PASSWORD_MRZ else password
    return p.kdf(secret, p.PACE, cipher)


def auth_token(info: PaceInfo, ks_mac: bytes, curve: Curve, public: bytes) -> bytes:
    """T = MAC(KS_mac, 7F49{06 OID, 86 public point}) truncated to 8 bytes (§4.4.3.4)."""
    body = tlv.encode(0x06, encode_oid(info.oid)) + tlv.encode(0x86, public)
    return p.aes_cmac(ks_mac, tlv.encode(0x7F49, body))[:8]


def map_generator(curve: Curve, nonce: int, sk_map: int, pk_map_other: bytes):
    """G' = s·G + H where H = sk·PK_other (ECDH generic mapping); s·G and H through OpenSSL."""
    h = curve.ecdh_point(sk_map, pk_map_other)
    g2 = curve.add(curve.public_point(nonce), h)
    if g2 is None:
        raise SecureMessagingError("mapped generator is the point at infinity")
    return g2


def _dynamic(resp: bytes, tag: int) -> bytes:
    try:
        outer = tlv.parse(resp)
    except TlvError:
        raise SecureMessagingError("GENERAL AUTHENTICATE answer is not BER-TLV") from None
    if outer.tag != 0x7C or outer.find(tag) is None:
        raise SecureMessagingError(f"GENERAL AUTHENTICATE answer lacks tag {tag:X}")
    return outer.find(tag).value


def _general_authenticate(transmit: Transmit, tag: int, value: bytes, last: bool) -> bytes:
    inner = tlv.encode(tag, value) if tag else b""
    cmd = Command(0x00 if last else 0x10, 0x86, 0x00, 0x00, tlv.encode(0x7C, inner), le=256)
    resp, sw = transmit(cmd.encode())
    if last and (sw == 0x6300 or (sw & 0xFFF0) == 0x63C0):
        raise AccessDeniedError(f"PACE mutual authentication refused {sw:04X}")
    if sw != 0x9000:
        raise ChipError(f"GENERAL AUTHENTICATE failed {sw:04X}")
    return resp


def pace_authenticate(transmit: Transmit, password: bytes, ref: int, info: PaceInfo,
                      *, map_key: int | None = None, agreement_key: int | None = None
                      ) -> SecureMessaging:
    """Run PACE; return the AES secure-messaging session (SSC starts at zero).

    ``map_key``/``agreement_key`` fix the ephemeral secrets for the known-answer test only.
    """
    curve, cipher = info.curve, info.cipher
    mse = tlv.encode(0x80, encode_oid(info.oid)) + tlv.encode(0x83, bytes([ref]))
    _, sw = transmit(Command(0x00, 0x22, 0xC1, 0xA4,
                             mse + tlv.encode(0x84, bytes([info.parameter_id]))).encode())
    if sw in (0x6A80, 0x6A88):
        # Tag 84 is only required when a chip offers several domain parameters; some
        # chips refuse it otherwise. Ask again without it.
        _, sw = transmit(Command(0x00, 0x22, 0xC1, 0xA4, mse).encode())
    if sw != 0x9000:
        raise ChipError(f"MSE:Set AT failed {sw:04X}")
    # 1. The encrypted nonce.
    z = _dynamic(_general_authenticate(transmit, 0, b"", False), 0x80)
    if len(z) != 16:
        raise SecureMessagingError("encrypted nonce is not one AES block")
    s = int.from_bytes(p.aes_cbc_decrypt(password_key(password, ref, cipher), z), "big")
    # 2. Generic mapping.
    sk_map = map_key or curve.random_scalar()
    pk_map = curve.encode(curve.public_point(sk_map))
    pk_map_ic = _dynamic(_general_authenticate(transmit, 0x81, pk_map, False), 0x82)
    try:
        g2 = map_generator(curve, s, sk_map, pk_map_ic)
        # 3. Key agreement on the mapped generator.
        sk = agreement_key or curve.random_scalar()
        pk = curve.encode(curve.ladder(sk, g2))  # the one generic-point step
        pk_ic = _dynamic(_general_authenticate(transmit, 0x83, pk, False), 0x84)
        if pk_ic == pk:
            raise SecureMessagingError("chip echoed the reader's public key")
        k = curve.exchange_x(sk, pk_ic)
    except ValueError as exc:
        raise SecureMessagingError(f"PACE point rejected: {exc}") from None
    ks_enc, ks_mac = p.kdf(k, p.ENC, cipher), p.kdf(k, p.MAC, cipher)
    # 4. Mutual authentication tokens.
    t_ifd = auth_token(info, ks_mac, curve, pk_ic)
    t_ic = _dynamic(_general_authenticate(transmit, 0x85, t_ifd, True), 0x86)
    if not hmac.compare_digest(t_ic, auth_token(info, ks_mac, curve, pk)):
        raise AccessDeniedError("chip authentication token does not verify")
    return SecureMessaging(cipher, ks_enc, ks_mac, bytes(16))
