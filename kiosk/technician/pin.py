"""The technician PIN: a salted, memory-hard hash in the configuration, never the PIN.

scrypt (RFC 7914) through ``hashlib.scrypt``: n = 2**14, r = 8, p = 1 costs 16 MiB and tens
of milliseconds per guess, so a copied configuration file does not give up a 6-digit PIN in
a blink the way a plain SHA-256 would. The stored form is
``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``; the parameters are bounded when read so an
edited file cannot make the kiosk allocate gigabytes.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re

N, R, P = 1 << 14, 8, 1
_FORMAT = re.compile(r"scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([0-9a-f]{32})\$([0-9a-f]{64})")
PIN_PATTERN = re.compile(r"\d{4,12}")


class PinFormatError(ValueError):
    """Not a hash this kiosk wrote, or not an acceptable PIN."""


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 << 20, dklen=32)


def hash_pin(pin: str) -> str:
    if not PIN_PATTERN.fullmatch(pin):
        raise PinFormatError("the PIN must be 4 to 12 digits")
    salt = os.urandom(16)
    return f"scrypt${N}${R}${P}${salt.hex()}${_derive(pin, salt, N, R, P).hex()}"


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    match = _FORMAT.fullmatch(stored)
    if not match:
        raise PinFormatError("technician.pin_hash is not a hash written by `kiosk config set-pin`")
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or n > 1 << 17 or not 1 <= r <= 16 or not 1 <= p <= 4:
        raise PinFormatError("technician.pin_hash has scrypt parameters out of range")
    return n, r, p, bytes.fromhex(match.group(4)), bytes.fromhex(match.group(5))


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one hashed into ``stored`` (constant-time comparison)."""
    if not stored or not PIN_PATTERN.fullmatch(pin):
        return False
    n, r, p, salt, expected = parse_hash(stored)
    return hmac.compare_digest(_derive(pin, salt, n, r, p), expected)
