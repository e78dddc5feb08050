"""Request signing between a kiosk and the central system.

Every kiosk request carries an HMAC-SHA256 signature over a canonical string made of the
HTTP method, the path with its query, the SHA-256 of the body, a timestamp, a nonce and the
kiosk id.  The central recomputes it with the kiosk's secret, refuses timestamps outside a
window (a captured request cannot be sent tomorrow) and nonces it has already seen inside the
window (a captured request cannot be sent twice).  Qt-free, no network: pure functions and a
small verifier that takes the nonce memory as a callable so the central can keep it in its
database (shared by all server threads and processes).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from typing import Callable, Mapping

HEADER_KIOSK = "X-Kiosk-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
HEADER_BODY_SHA256 = "X-Content-SHA256"

#: how far a request's clock may be from the central's, in seconds, either way
DEFAULT_WINDOW_S = 300

_NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_KIOSK_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SIG_RE = re.compile(r"^[0-9a-f]{64}$")
#: ASCII digits only, bounded: ``str.isdigit()`` accepts '²' and ``int()`` then fails
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")


class SignatureError(Exception):
    """A request the central must refuse; ``reason`` is a stable machine-readable word."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_string(
    method: str, path: str, body_hash: str, timestamp: str, nonce: str, kiosk_id: str
) -> bytes:
    """The exact bytes that are signed; any change to one part breaks the signature."""
    return "\n".join(
        ["KIOSK-HMAC-SHA256", method.upper(), path, body_hash, timestamp, nonce, kiosk_id]
    ).encode("utf-8")


def sign(
    secret: bytes,
    kiosk_id: str,
    method: str,
    path: str,
    body: bytes = b"",
    *,
    now: float | None = None,
    nonce: str | None = None,
    body_hash: str | None = None,
) -> dict[str, str]:
    """Headers to add to a request.  ``path`` includes the query string, if any.

    ``body_hash``: the body's SHA-256 (hex) when the caller hashed it already, part by
    part; the signature is the same as if ``body`` had been given."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or secrets.token_urlsafe(18)
    digest = body_hash or body_sha256(body)
    mac = hmac.new(
        secret, canonical_string(method, path, digest, timestamp, nonce, kiosk_id), hashlib.sha256
    ).hexdigest()
    return {
        HEADER_KIOSK: kiosk_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_BODY_SHA256: digest,
        HEADER_SIGNATURE: mac,
    }


@dataclass(frozen=True)
class SignedRequest:
    kiosk_id: str
    nonce: str
    timestamp: int


class Verifier:
    """Checks a request's signature, freshness and uniqueness.

    ``secret_for(kiosk_id)`` returns the kiosk's secret or None when the kiosk is unknown;
    ``remember_nonce(kiosk_id, nonce, timestamp)`` returns False when that nonce was already
    used (it must be atomic: the central uses a unique index).
    """

    def __init__(
        self,
        secret_for: Callable[[str], bytes | None],
        remember_nonce: Callable[[str, str, int], bool],
        window_s: int = DEFAULT_WINDOW_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret_for = secret_for
        self._remember_nonce = remember_nonce
        self.window_s = window_s
        self._clock = clock

    def verify(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes = b"",
        *, body_hash: str | None = None,
    ) -> SignedRequest:
        """``body_hash``: the digest the request claims (its X-Content-SHA256), so the
        central checks the signature before reading a large body; the caller must then
        compare the body it reads with that digest."""
        kiosk_id = headers.get(HEADER_KIOSK, "")
        timestamp = headers.get(HEADER_TIMESTAMP, "")
        nonce = headers.get(HEADER_NONCE, "")
        signature = headers.get(HEADER_SIGNATURE, "").lower()
        if not (kiosk_id and timestamp and nonce and signature):
            raise SignatureError("unsigned", "signature headers missing")
        if not _KIOSK_RE.match(kiosk_id) or not _NONCE_RE.match(nonce):
            raise SignatureError("bad_signature", "malformed kiosk id or nonce")
        if not _TIMESTAMP_RE.match(timestamp) or not _SIG_RE.match(signature):
            raise SignatureError("bad_signature", "malformed timestamp or signature")
        ts = int(timestamp)
        if abs(self._clock() - ts) > self.window_s:
            raise SignatureError("stale_timestamp", f"clock skew over {self.window_s}s")
        secret = self._secret_for(kiosk_id)
        if secret is None:
            raise SignatureError("unknown_kiosk", "kiosk not registered")
        expected = hmac.new(
            secret,
            canonical_string(method, path, body_hash or body_sha256(body), timestamp, nonce,
                             kiosk_id),
            hashlib.sha256,
        ).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise SignatureError("bad_signature", "signature does not match")
        # Only a request with a valid signature may consume a nonce, so a forger cannot
        # burn the nonces of a real kiosk.
        if not self._remember_nonce(kiosk_id, nonce, ts):
            raise SignatureError("replayed", "nonce already used")
        return SignedRequest(kiosk_id=kiosk_id, nonce=nonce, timestamp=ts)
