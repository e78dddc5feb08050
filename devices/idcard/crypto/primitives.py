"""Block ciphers, MACs and the key derivation of ICAO Doc 9303 Part 11 §9.7 and §9.8."""
from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

ENC, MAC, PACE = 1, 2, 3  # KDF counters (Part 11 §9.7.1)


def adjust_des_parity(key: bytes) -> bytes:
    """Set odd parity on each DES key byte (Part 11 §9.7.1.1 for 3DES keys)."""
    out = bytearray()
    for b in key:
        b &= 0xFE
        out.append(b | (bin(b).count("1") + 1) % 2)
    return bytes(out)


def kdf(secret: bytes, counter: int, cipher: str = "AES-128") -> bytes:
    """KDF(K, c): SHA-1 for 3DES and AES-128, SHA-256 for AES-192/256."""
    data = secret + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return adjust_des_parity(hashlib.sha1(data).digest()[:16])
    if cipher == "AES-128":
        return hashlib.sha1(data).digest()[:16]
    size = {"AES-192": 24, "AES-256": 32}[cipher]
    return hashlib.sha256(data).digest()[:size]


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to the block size."""
    data = data + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80:
        raise ValueError("bad ISO 9797-1 padding")
    return stripped[:-1]


def _tdes(key16: bytes):
    return TripleDES(key16 + key16[:8])


def tdes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    enc = Cipher(_tdes(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    dec = Cipher(_tdes(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 (DES CBC with K1, last block 3DES); data padded already."""
    k1, k2 = key[:8], key[8:16]
    single = Cipher(TripleDES(k1 * 3), modes.CBC(bytes(8))).encryptor()
    chained = single.update(data) + single.finalize()
    last = chained[-8:]
    dec = Cipher(TripleDES(k2 * 3), modes.ECB()).decryptor()
    mid = dec.update(last) + dec.finalize()
    enc = Cipher(TripleDES(k1 * 3), modes.ECB()).encryptor()
    return enc.update(mid) + enc.finalize()


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb_encrypt(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    c = CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def random_bytes(n: int) -> bytes:
    return os.urandom(n)
