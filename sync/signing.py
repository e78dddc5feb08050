"""Request and answer signatures between a kiosk and the central system.

Both directions are authenticated with the kiosk's HMAC-SHA256 secret (docs/security.md,
"Message signatures").  A request's signature covers the method, the path with its query,
a timestamp, a nonce, the kiosk id and every header that frames the body — its length
(``Content-Length``), its digest (``Content-Digest``, RFC 9530: ``sha-256=:<base64>:``), its
media type and our framing headers (``Upload-Offset``, ``X-Chunk-SHA256``,
``X-Submission-Length(s)``, ``Idempotency-Key``, ``If-None-Match``).  A covered header that
is absent is signed as empty, so it cannot be added on the way.  Because the body enters the
signature only through its declared length and digest, the central checks the signature
*before* it reads the body (:meth:`Verifier.verify_headers`), then hashes the body as it
reads it (:class:`BodyCheck`).

The central's answer carries its own ``Content-Digest`` and an ``X-Signature`` over the
status, the request's method, path, nonce and kiosk id, and the answer's framing headers
(:func:`sign_response`); the kiosk believes nothing it cannot verify
(:func:`verify_response`): a recorded answer cannot be replayed to another request, a fake
central cannot say "committed".

The model is RFC 9421's (HTTP Message Signatures: covered components, a signature base,
answers bound to their request) with one fixed list of components instead of a
``Signature-Input`` chosen by the signer, so a verifier can never accept a signature that
leaves a framing header out.  Qt-free, no network; the nonce memory is a callable so the
central keeps it in its database (shared by every process).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

SCHEME = "KIOSK-HMAC-SHA256-2"
HEADER_KIOSK = "X-Kiosk-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
HEADER_DIGEST = "Content-Digest"

#: headers that frame a request's body: always covered, absent ones as empty values
REQUEST_COVERED = ("content-type", "content-length", "content-digest", "idempotency-key",
                   "upload-offset", "x-chunk-sha256", "x-submission-length",
                   "x-submission-lengths", "if-none-match")
#: headers of an answer the kiosk acts on
RESPONSE_COVERED = ("content-type", "content-digest", "etag", "retry-after")

#: how far a request's clock may be from the central's, in seconds, either way
DEFAULT_WINDOW_S = 300

_NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_KIOSK_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SIG_RE = re.compile(r"^[0-9a-f]{64}$")
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")  # ASCII digits only: str.isdigit() takes '²'
_DIGEST_RE = re.compile(r"^sha-256=:([A-Za-z0-9+/]{43}=):$")
_LENGTH_RE = re.compile(r"^(0|[1-9][0-9]{0,11})$")
#: the key unknown kiosks are checked against, so they cost what a known one costs
_DUMMY_SECRET = secrets.token_bytes(32)


class SignatureError(Exception):
    """A message that must be refused; ``reason`` is a stable machine-readable word."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def content_digest(parts: bytes | Iterable[bytes]) -> str:
    """RFC 9530 ``Content-Digest`` value of a body given whole or as parts."""
    digest = hashlib.sha256()
    for part in ([parts] if isinstance(parts, (bytes, bytearray, memoryview)) else parts):
        digest.update(part)
    return digest_header(digest.digest())


def digest_header(raw_sha256: bytes) -> str:
    return "sha-256=:" + base64.b64encode(raw_sha256).decode("ascii") + ":"


def parse_digest(value: str) -> bytes:
    """The 32 raw bytes of a ``sha-256=:…:`` Content-Digest; anything else is refused."""
    match = _DIGEST_RE.match(value or "")
    if not match:
        raise SignatureError("unauthenticated", "Content-Digest must be sha-256=:<base64>:")
    return base64.b64decode(match[1])


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): str(v) for k, v in headers.items()}


def _base(lines: list[str], headers: dict[str, str], covered: tuple[str, ...]) -> bytes:
    return "\n".join(lines + [f"{name}:{headers.get(name, '').strip()}" for name in covered]
                     ).encode("utf-8")


def request_base(method: str, path: str, timestamp: str, nonce: str, kiosk_id: str,
                 headers: Mapping[str, str]) -> bytes:
    """The exact bytes a request's signature covers.  An absent Content-Length is signed as
    0 and the media type of an empty body as empty: servers drop the one on a GET and make
    the other up (wsgiref says text/plain), and neither frames anything then."""
    h = _lower(headers)
    h["content-length"] = h.get("content-length", "").strip() or "0"
    if h["content-length"] == "0":
        h["content-type"] = ""
    return _base([SCHEME, method.upper(), path, timestamp, nonce, kiosk_id], h, REQUEST_COVERED)


def response_base(status: int, method: str, path: str, nonce: str, kiosk_id: str,
                  headers: Mapping[str, str]) -> bytes:
    """The exact bytes an answer's signature covers: bound to its request by the nonce."""
    return _base([SCHEME + "-ANSWER", str(status), method.upper(), path, nonce, kiosk_id],
                 _lower(headers), RESPONSE_COVERED)


def _mac(secret: bytes, base: bytes) -> str:
    return hmac.new(secret, base, hashlib.sha256).hexdigest()


def sign(secret: bytes, kiosk_id: str, method: str, path: str,
         body: bytes | Iterable[bytes] = b"", *, headers: Mapping[str, str] | None = None,
         now: float | None = None, nonce: str | None = None,
         length: int | None = None) -> dict[str, str]:
    """The headers to add to a request: ``Content-Length``, ``Content-Digest``, the kiosk
    id, timestamp, nonce and signature.  ``path`` includes the query string; ``headers`` are
    the request's other headers (their framing ones are covered); ``body`` may be parts
    (hashed one after the other, never joined) whose total is ``length``."""
    if isinstance(body, (bytes, bytearray, memoryview)):
        length = len(body)
    elif length is None:
        raise ValueError("give the length of a body sent in parts")
    out = {**(headers or {}), "Content-Length": str(length), HEADER_DIGEST: content_digest(body),
           HEADER_KIOSK: kiosk_id, HEADER_TIMESTAMP: str(int(time.time() if now is None else now)),
           HEADER_NONCE: nonce or secrets.token_urlsafe(18)}
    out[HEADER_SIGNATURE] = _mac(secret, request_base(
        method, path, out[HEADER_TIMESTAMP], out[HEADER_NONCE], kiosk_id, out))
    return {k: out[k] for k in ("Content-Length", HEADER_DIGEST, HEADER_KIOSK, HEADER_TIMESTAMP,
                                HEADER_NONCE, HEADER_SIGNATURE)}


@dataclass(frozen=True)
class SignedRequest:
    """A request whose headers are authentic; its body is checked against ``digest``."""

    kiosk_id: str
    nonce: str
    timestamp: int
    secret: bytes
    #: the body's SHA-256 (raw) and length as signed
    digest: bytes
    length: int

    def check_body(self, body: bytes | bytearray | memoryview) -> None:
        check = BodyCheck(self)
        check.update(body)
        check.verify()


class BodyCheck:
    """Hash a body while it is read and compare it with what the signature promised."""

    def __init__(self, signed: SignedRequest) -> None:
        self.signed = signed
        self._hash = hashlib.sha256()
        self._seen = 0

    def update(self, block: bytes | bytearray | memoryview) -> None:
        self._hash.update(block)
        self._seen += len(block)

    def verify(self) -> None:
        if self._seen != self.signed.length or not hmac.compare_digest(
                self._hash.digest(), self.signed.digest):
            raise SignatureError("digest_mismatch", "the body is not the one that was signed")


class Verifier:
    """Checks a request's signature, then its freshness and uniqueness.

    ``secret_for(kiosk_id)`` returns the kiosk's secret or None when the kiosk is unknown;
    ``remember_nonce(kiosk_id, nonce, timestamp)`` returns False when that nonce was already
    used (it must be atomic: the central uses a primary key).

    An unknown kiosk, a malformed header and a wrong signature all raise
    ``unauthenticated`` after the same HMAC work, so an outsider cannot tell which kiosk
    ids exist.  ``stale_timestamp`` and ``replayed`` are only said to a correct signer.
    """

    def __init__(self, secret_for: Callable[[str], bytes | None],
                 remember_nonce: Callable[[str, str, int], bool],
                 window_s: int = DEFAULT_WINDOW_S, clock: Callable[[], float] = time.time) -> None:
        self._secret_for = secret_for
        self._remember_nonce = remember_nonce
        self.window_s = window_s
        self._clock = clock

    def verify_headers(self, method: str, path: str, headers: Mapping[str, str]) -> SignedRequest:
        """Authenticate a request from its headers alone, before its body is read.

        The central's HTTP layer calls this first, refuses a ``Content-Length`` that differs
        from ``SignedRequest.length`` (it is covered, so it cannot differ unless the request
        is forged), then reads at most that many bytes through a :class:`BodyCheck`."""
        h = _lower(headers)
        kiosk_id, timestamp = h.get("x-kiosk-id", ""), h.get("x-timestamp", "")
        nonce, signature = h.get("x-nonce", ""), h.get("x-signature", "").lower()
        if not (kiosk_id or timestamp or nonce or signature):
            raise SignatureError("unsigned", "signature headers missing")
        well_formed = bool(_KIOSK_RE.match(kiosk_id) and _NONCE_RE.match(nonce)
                           and _TIMESTAMP_RE.match(timestamp) and _SIG_RE.match(signature)
                           and _LENGTH_RE.match(h.get("content-length", "0"))
                           and _DIGEST_RE.match(h.get("content-digest", "")))
        secret = self._secret_for(kiosk_id) if well_formed else None
        expected = _mac(secret or _DUMMY_SECRET,
                        request_base(method, path, timestamp, nonce, kiosk_id, h))
        if not (hmac.compare_digest(expected, signature) and secret is not None):
            raise SignatureError("unauthenticated", "request not authenticated")
        ts = int(timestamp)
        if abs(self._clock() - ts) > self.window_s:
            raise SignatureError("stale_timestamp", f"clock skew over {self.window_s}s")
        # Only a request with a valid signature may consume a nonce, so a forger cannot
        # burn the nonces of a real kiosk.
        if not self._remember_nonce(kiosk_id, nonce, ts):
            raise SignatureError("replayed", "nonce already used")
        return SignedRequest(kiosk_id, nonce, ts, secret, parse_digest(h["content-digest"]),
                             int(h.get("content-length", "0")))

    def verify(self, method: str, path: str, headers: Mapping[str, str],
               body: bytes | bytearray | memoryview) -> SignedRequest:
        """Headers then the body already read: for callers that hold the whole body."""
        signed = self.verify_headers(method, path, headers)
        signed.check_body(body)
        return signed


def sign_response(secret: bytes, kiosk_id: str, nonce: str, method: str, path: str,
                  status: int, body: bytes, headers: Mapping[str, str]) -> dict[str, str]:
    """``Content-Digest`` and ``X-Signature`` for the central's answer to one request."""
    out = {**headers, HEADER_DIGEST: content_digest(body)}
    return {HEADER_DIGEST: out[HEADER_DIGEST], HEADER_SIGNATURE: _mac(
        secret, response_base(status, method, path, nonce, kiosk_id, out))}


def verify_response(secret: bytes, kiosk_id: str, nonce: str, method: str, path: str,
                    status: int, headers: Mapping[str, str], body: bytes) -> None:
    """Raise unless the answer was made by the holder of ``secret`` for this request."""
    h = _lower(headers)
    signature = h.get("x-signature", "").lower()
    if not _SIG_RE.match(signature):
        raise SignatureError("unauthenticated_answer", "the answer is not signed")
    expected = _mac(secret, response_base(status, method, path, nonce, kiosk_id, h))
    if not hmac.compare_digest(expected, signature):
        raise SignatureError("unauthenticated_answer", "the answer's signature is wrong")
    if not hmac.compare_digest(parse_digest(h.get("content-digest", "")),
                               hashlib.sha256(body).digest()):
        raise SignatureError("unauthenticated_answer", "the answer's body is not the signed one")


def enrollment_key(token: str) -> bytes:
    """What the central stores of an enrollment token (its SHA-256), and the key of the
    registration answer's signature: only the central that issued the token holds it."""
    return hashlib.sha256(token.encode("utf-8")).digest()
