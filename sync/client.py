"""The kiosk's HTTP client for the central: signed requests, timeouts, verified TLS.

Every answer is checked against what the contract promises before it is believed; anything
else (HTML from a proxy, truncated JSON, a field of the wrong type) becomes a
``TransientError`` so the dossier stays in the outbox and is tried again.
"""
from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ConfigDict, ValidationError

from sync import signing
from sync.errors import NotConfigured, PermanentError, TransientError

_NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                   requests.exceptions.ContentDecodingError)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class AttachmentState(_Answer):
    attachment_id: str
    size: int
    received: int
    complete: bool


class DossierState(_Answer):
    dossier_id: str
    code: str
    status: int
    committed: bool
    attachments: list[AttachmentState]


class BatchState(_Answer):
    dossiers: list[DossierState]


class ChunkState(_Answer):
    received: int
    complete: bool
    #: the central committed the dossier with this last chunk
    committed: bool = False


class Allocation(_Answer):
    first: int
    last: int


class _RatingsKept(_Answer):
    accepted: list[int]
    #: dated outside the central's window (a wrong kiosk clock): never counted, settled
    refused: list[int] = []


class Registration(_Answer):
    kiosk_id: str
    secret: str


class Challenge(_Answer):
    challenge: str


class _Parts:
    """A body sent part by part: ``requests`` takes its ``len`` as the Content-Length."""

    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts
        self.length = sum(len(p) for p in parts)

    def __iter__(self):
        return iter(self.parts)

    def __len__(self) -> int:
        return self.length


def _code_of(resp: requests.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return ""
    return str(body.get("error", ""))[:60] if isinstance(body, dict) else ""


def check_central_url(url: str, allow_http: bool = False) -> str:
    """``https://`` only; plain ``http://`` to a loopback address with the development flag
    (the demo and tests on one machine).  Anything else is a configuration error: a kiosk
    must never hand a dossier to whoever answers on the network."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and allow_http:
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if loopback:
            return url
        raise NotConfigured(f"plain http is allowed for a loopback central only, not {host}")
    raise NotConfigured("the central must be an https:// URL (plain http only with the "
                        "development flag, on loopback)")


def canonical_json(obj: Any) -> bytes:
    """The same object always gives the same bytes: retries must match the first attempt."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class CentralClient:
    def __init__(self, base_url: str, kiosk_id: str, secret: bytes | None, *,
                 ca_bundle: str | None = None, connect_timeout: float = 3.05,
                 read_timeout: float = 20.0, allow_http: bool = False) -> None:
        self.base_url = check_central_url(base_url, allow_http).rstrip("/")
        self.kiosk_id = kiosk_id
        self.secret = secret
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        # TLS is verified always; a private CA (the province's) is configured, never disabled.
        self.session.verify = ca_bundle or True
        self.session.trust_env = False

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------------ transport
    def request(self, method: str, path: str, body: bytes | list[bytes] = b"", *,
                headers: dict[str, str] | None = None, ok: tuple[int, ...] = (200, 201),
                key: bytes | None = None) -> requests.Response:
        """Send a signed request and return its answer once it is authenticated.

        ``body`` may be a list of parts: sent one after the other with their total as
        Content-Length and hashed part by part, never joined into one more large buffer.
        The request is signed with our secret (or ``key``: a registration signs with its
        enrollment token's hash) and the answer must be signed with the same key for this
        very request (its nonce).  An answer that is not is never believed: whatever it
        says, it is a ``TransientError``."""
        key = key or self.secret
        if key is None:
            raise PermanentError("kiosk has no credentials", code="no_credentials")
        headers = dict(headers or {})
        parts = body if isinstance(body, list) else [body]
        data = _Parts(parts) if isinstance(body, list) else body
        headers.update(signing.sign(key, self.kiosk_id, method, path, parts, headers=headers,
                                    length=sum(len(p) for p in parts)))
        try:
            resp = self.session.request(method, self.base_url + path, data=data or None,
                                        headers=headers, timeout=self.timeout,
                                        allow_redirects=False)
            resp.content  # read the whole body inside the try: a reset mid-body is transient
        except _NETWORK_ERRORS as exc:
            raise TransientError(f"{method} {path}: network: {type(exc).__name__}") from None
        try:
            signing.verify_response(key, self.kiosk_id, headers[signing.HEADER_NONCE],
                                    method, path, resp.status_code, resp.headers, resp.content)
        except signing.SignatureError as exc:
            raise TransientError(
                f"{method} {path}: HTTP {resp.status_code} {_code_of(resp) or 'no error code'}: "
                f"answer not authenticated ({exc}); nothing is believed",
                status=resp.status_code, code="unauthenticated_answer") from None
        if resp.status_code in ok:
            return resp
        raise self._error(method, path, resp)

    def _error(self, method: str, path: str, resp: requests.Response) -> Exception:
        try:
            body = resp.json()
        except ValueError:
            body = {}
        code = _code_of(resp)
        retry_after = resp.headers.get("Retry-After", "")
        retry = float(retry_after) if retry_after.isascii() and retry_after.isdigit() else None
        text = f"{method} {path}: HTTP {resp.status_code} {code or 'no error code'}"
        kwargs = dict(status=resp.status_code, code=code, retry_after=retry,
                      body=body if isinstance(body, dict) else {})
        if resp.status_code >= 500 or resp.status_code in (408, 425, 429) or not code:
            # a 4xx without our error body came from something in between, not the central
            return TransientError(text, **kwargs)
        if code == "stale_timestamp":  # our clock is off: retrying after NTP fixes it
            return TransientError(text, **kwargs)
        return PermanentError(text, **kwargs)

    def _json(self, resp: requests.Response, model: type[_Answer]):
        try:
            return model.model_validate_json(resp.content)
        except ValidationError:
            raise TransientError(
                f"{resp.request.method} {resp.request.path_url}: answer does not match the "
                f"contract (HTTP {resp.status_code}, {len(resp.content)} bytes)") from None

    def _post_json(self, path: str, obj: Any, model: type[_Answer], **kw):
        body = canonical_json(obj)
        headers = {"Content-Type": "application/json", **kw.pop("headers", {})}
        return self._json(self.request("POST", path, body, headers=headers, **kw), model)

    # ------------------------------------------------------------------ contract
    def register(self, enrollment_token: str, agency_id: str) -> bytes:
        """Spend a one-time enrollment token for this kiosk's secret.  The request and its
        answer are signed with the token's hash, which only the central that issued the
        token holds: the token never travels, a fake central can neither use it nor answer."""
        reg = self._post_json("/v1/kiosks", {"kiosk_id": self.kiosk_id, "agency_id": agency_id},
                              Registration, key=signing.enrollment_key(enrollment_token))
        if reg.kiosk_id != self.kiosk_id or not re.fullmatch(r"[0-9a-f]{64}", reg.secret):
            raise TransientError("registration answer names another kiosk or a bad secret")
        self.secret = bytes.fromhex(reg.secret)
        return self.secret

    def heartbeat(self, queue_depth: int, failing: int = 0, devices: dict | None = None,
                  app_version: str = "", checks: dict | None = None, audit: list | None = None,
                  catalog_version: str = "") -> None:
        """``checks``: name -> {status, reason}; ``audit``: technician actions not yet sent;
        ``catalog_version``: the ETag of the procedure catalog the kiosk runs."""
        self._post_json("/v1/heartbeat", {"queue_depth": queue_depth, "failing": failing,
                                          "devices": devices or {}, "app_version": app_version,
                                          "checks": checks or {}, "audit": audit or [],
                                          "catalog_version": catalog_version},
                        _Answer)

    def send_ratings(self, ratings: list[dict]) -> tuple[list[int], list[int]]:
        """Anonymous ratings (``sync.ratings``): the entry ids the central kept, and those it
        refused for their time (they will never be counted: not worth sending again)."""
        answer = self._post_json("/v1/ratings", {"ratings": ratings}, _RatingsKept)
        return answer.accepted, answer.refused

    def allocate(self, kind: str, scope: str, day: date, count: int) -> tuple[int, int]:
        got = self._post_json("/v1/allocations", {"kind": kind, "scope": scope,
                                                  "day": day.isoformat(), "count": count},
                              Allocation)
        if got.last - got.first + 1 != count or got.first < 1:
            raise TransientError("allocation answer has the wrong size")
        return got.first, got.last

    def submit(self, dossier_id: str, body: bytes) -> DossierState:
        resp = self.request("POST", "/v1/dossiers", body,
                            headers={"Content-Type": "application/json",
                                     "Idempotency-Key": dossier_id})
        state = self._json(resp, DossierState)
        if state.dossier_id != dossier_id:
            raise TransientError("submit answer names another dossier")
        return state

    def submit_bundle(self, dossier_id: str, body: bytes, attachments: list[bytes]) -> DossierState:
        """The dossier and all its attachments in one request (small dossiers)."""
        resp = self.request("POST", "/v1/dossier-bundles", [body, *attachments],
                            headers={"Content-Type": "application/vnd.motcua.dossier-bundle",
                                     "Idempotency-Key": dossier_id,
                                     "X-Submission-Length": str(len(body))})
        state = self._json(resp, DossierState)
        if state.dossier_id != dossier_id or not state.committed:
            raise TransientError("bundle answer is not a committed state of this dossier")
        return state

    def submit_batch(self, dossiers: list[tuple[str, bytes, list[bytes]]]) -> list[DossierState]:
        """Several small dossiers ``(id, JSON, attachments)`` in one request, all or nothing."""
        payload = [part for _, body, atts in dossiers for part in (body, *atts)]
        resp = self.request("POST", "/v1/dossier-batches", payload,
                            headers={"Content-Type": "application/vnd.motcua.dossier-batch",
                                     "X-Submission-Lengths": ",".join(
                                         str(len(body)) for _, body, _ in dossiers)})
        states = self._json(resp, BatchState).dossiers
        if ([s.dossier_id for s in states] != [d for d, _, _ in dossiers]
                or not all(s.committed for s in states)):
            raise TransientError("batch answer is not the committed states of these dossiers")
        return states

    def dossier_state(self, dossier_id: str) -> DossierState:
        return self._json(self.request("GET", f"/v1/dossiers/{dossier_id}"), DossierState)

    def upload_chunk(self, dossier_id: str, attachment_id: str, offset: int,
                     chunk: bytes) -> ChunkState:
        headers = {"Content-Type": "application/offset+octet-stream",
                   "Upload-Offset": str(offset),
                   "X-Chunk-SHA256": hashlib.sha256(chunk).hexdigest()}
        resp = self.request("PATCH", f"/v1/dossiers/{dossier_id}/attachments/{attachment_id}",
                            chunk, headers=headers)
        return self._json(resp, ChunkState)

    def commit(self, dossier_id: str) -> DossierState:
        state = self._json(self.request("POST", f"/v1/dossiers/{dossier_id}/commit"), DossierState)
        if not state.committed:
            raise TransientError("commit answer says not committed")
        return state

    def status_by_code(self, code: str, check: str) -> dict:
        """A dossier's status for its code and the receipt's check code (sync.check_code)."""
        resp = self.request("GET", f"/v1/dossier-status/{code}?check={check}")
        try:
            return dict(resp.json())
        except (ValueError, TypeError):
            raise TransientError("status answer is not JSON") from None

    def catalog(self, name: str, etag: str | None = None) -> tuple[str, Any | None]:
        """``(etag, document)``; the document is None when ``etag`` is still current."""
        headers = {"If-None-Match": etag} if etag else {}
        resp = self.request("GET", f"/v1/catalog/{name}", headers=headers, ok=(200, 304))
        new_etag = resp.headers.get("ETag", "")
        if resp.status_code == 304:
            return etag or new_etag, None
        try:
            return new_etag, resp.json()
        except ValueError:
            raise TransientError("catalog answer is not JSON") from None

    def presence_challenge(self) -> str:
        """A single-use challenge to bind the statement of a chip read to (papers search)."""
        return self._post_json("/v1/papers/challenge", {}, Challenge).challenge

    def search_papers(self, owner_id_number: str, presence: dict,
                      procedure_code: str | None = None) -> list[dict]:
        """The citizen's reusable papers; ``presence`` is the statement of this session's
        verified chip read (challenge, id_number, sod_sha256, passive_authentication):
        see ``sync.central.papers``."""
        obj: dict[str, Any] = {"owner_id_number": owner_id_number, "presence": presence}
        if procedure_code:
            obj["procedure_code"] = procedure_code
        resp = self.request("POST", "/v1/papers/search", canonical_json(obj),
                            headers={"Content-Type": "application/json"})
        try:
            papers = resp.json()["papers"]
            assert isinstance(papers, list)
            return papers
        except (ValueError, KeyError, TypeError, AssertionError):
            raise TransientError("papers answer does not match the contract") from None
