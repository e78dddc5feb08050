"""Basic Access Control, reader side (ICAO Doc 9303 Part 11 §4.3 and Appendix D).

The document basic access keys come from the MRZ (document number, DOB, expiry, each
with its check digit); mutual authentication with 3DES yields the session keys and SSC.
"""
from __future__ import annotations

import hashlib
import hmac
from typing import Callable

from ..apdu import Command
from ..errors import AccessDeniedError, ChipError, SecureMessagingError
from . import primitives as p
from .sm import SecureMessaging

Transmit = Callable[[bytes], tuple[bytes, int]]


def bac_keys(mrz_information: bytes) -> tuple[bytes, bytes]:
    """K_seed = SHA-1(MRZ_information)[:16]; K_enc, K_mac = KDF(K_seed, 1/2) (Part 11 §9.7.2)."""
    seed = hashlib.sha1(mrz_information).digest()[:16]
    return p.kdf(seed, p.ENC, "3DES"), p.kdf(seed, p.MAC, "3DES")


def external_authenticate_data(k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes,
                               k_ifd: bytes) -> bytes:
    e_ifd = p.tdes_cbc_encrypt(k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + p.retail_mac(k_mac, p.pad(e_ifd, 8))


def session_from_response(k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes,
                          k_ifd: bytes, response: bytes) -> SecureMessaging:
    """Verify the chip's answer to EXTERNAL AUTHENTICATE and derive the session."""
    if len(response) != 40:
        raise SecureMessagingError("BAC answer is not 40 bytes")
    e_ic, m_ic = response[:32], response[32:]
    if not hmac.compare_digest(p.retail_mac(k_mac, p.pad(e_ic, 8)), m_ic):
        raise AccessDeniedError("BAC answer MAC does not verify")
    r = p.tdes_cbc_decrypt(k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise AccessDeniedError("BAC answer does not echo the challenges")
    k_ic = r[16:32]
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
    ssc = rnd_ic[4:] + rnd_ifd[4:]
    return SecureMessaging("3DES", p.kdf(seed, p.ENC, "3DES"), p.kdf(seed, p.MAC, "3DES"), ssc)


def bac_authenticate(transmit: Transmit, mrz_information: bytes) -> SecureMessaging:
    k_enc, k_mac = bac_keys(mrz_information)
    rnd_ic, sw = transmit(Command(0x00, 0x84, 0x00, 0x00, le=8).encode())
    if sw != 0x9000 or len(rnd_ic) != 8:
        raise ChipError(f"GET CHALLENGE failed {sw:04X}")
    rnd_ifd, k_ifd = p.random_bytes(8), p.random_bytes(16)
    data = external_authenticate_data(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd)
    resp, sw = transmit(Command(0x00, 0x82, 0x00, 0x00, data, le=40).encode())
    if sw in (0x6300, 0x6982) or (sw & 0xFFF0) == 0x63C0:
        raise AccessDeniedError(f"BAC refused {sw:04X}")
    if sw != 0x9000:
        raise ChipError(f"EXTERNAL AUTHENTICATE failed {sw:04X}")
    return session_from_response(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd, resp)
