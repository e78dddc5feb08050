"""The central's HTTP face: a WSGI application routing signed requests to ``service``.

Strict at the door: a body must declare its length and stay under the limit, JSON must parse
and match the contract exactly, every /v1 request except registration and health must be
signed by a registered kiosk.  Whatever goes wrong inside answers a JSON error and the server
keeps serving: a 4xx names what the caller must fix, a 503 asks it to come back later.
"""
from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync import contract, signing
from sync.central import intake, overview, papers, service, strict_input
from sync.central.dashboard import PREFIX as DASHBOARD, Dashboard
from sync.central.errors import ApiError
from sync.central.storage import AttachmentStore, FolderStorage

log = logging.getLogger(__name__)

HEX32 = r"[0-9a-f]{32}"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_LENGTH = re.compile(r"[0-9]{1,7}")
#: a dossier's JSON (X-Submission-Length bytes) followed by its attachments in manifest order
BUNDLE_TYPE = "application/vnd.motcua.dossier-bundle"
#: several bundles back to back, X-Submission-Lengths giving each one's JSON length
BATCH_TYPE = "application/vnd.motcua.dossier-batch"
MAX_BATCH = 16


@dataclass
class CentralConfig:
    files_dir: Path
    admin_token: str = ""
    #: where attachment bytes go (``sync.central.storage``); None: the folder ``files_dir``
    store: AttachmentStore | None = None
    window_s: int = signing.DEFAULT_WINDOW_S
    max_json_bytes: int = 1 << 20
    max_chunk_bytes: int = 8 << 20
    max_bundle_bytes: int = 16 << 20
    #: highest number the central hands out per series and day; the numbers above are the
    #: kiosks' own offline fallback series (docs/numbering.md)
    limits: dict[str, int] = field(default_factory=lambda: {"ticket": 8999, "dossier_code": 8999})
    #: tracebacks logged per minute at most (a hostile client must not fill the disk)
    log_burst: int = 10


@dataclass
class Request:
    method: str
    path: str
    signed_path: str
    headers: dict[str, str]
    body: bytes | bytearray = b""
    kiosk_id: str = ""
    #: the unread body: read only once the caller is authenticated (``CentralApp._load``)
    stream: object = None
    length: int = 0
    #: the authenticated kiosk (its agency and centre bound what it may do)
    kiosk: service.KioskRecord | None = None
    #: the verified signature: the answer is signed with the same key for the same nonce
    signed: signing.SignedRequest | None = None

    def json(self, model: type[BaseModel]):
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            raise ApiError(415, "unsupported_media_type", "send application/json")
        return strict_input.parse_model(self.body, model)


Handler = Callable[[Session, Request, re.Match], "tuple[int, object] | tuple[int, object, dict]"]


class CentralApp:
    def __init__(self, session_factory: sessionmaker, config: CentralConfig) -> None:
        self.Session = session_factory
        self.config = config
        #: kiosk records by id: bounded, so unknown ids cannot grow it
        self._kiosks = service.KioskCache()
        self._log_lock = threading.Lock()
        self._log_window = [time.monotonic(), 0, 0]  # window start, messages, suppressed
        self.store = config.store or FolderStorage(config.files_dir)
        #: the staff's read-only web page (its own login, not the kiosks' signatures)
        self.dashboard = Dashboard(session_factory)
        self.routes: list[tuple[str, re.Pattern, Handler, str]] = []
        add = self._route
        add("GET", r"/v1/health", self.h_health, auth="none")
        add("POST", r"/v1/kiosks", self.h_register, auth="enrollment")
        add("POST", r"/v1/heartbeat", self.h_heartbeat)
        add("POST", r"/v1/ratings", self.h_ratings)
        add("POST", r"/v1/allocations", self.h_allocate)
        add("POST", r"/v1/dossiers", self.h_submit)
        add("POST", r"/v1/dossier-bundles", self.h_bundle)
        add("POST", r"/v1/dossier-batches", self.h_batch)
        add("GET", rf"/v1/dossiers/(?P<d>{HEX32})", self.h_dossier)
        add("PATCH", rf"/v1/dossiers/(?P<d>{HEX32})/attachments/(?P<a>{HEX32})", self.h_chunk)
        add("POST", rf"/v1/dossiers/(?P<d>{HEX32})/commit", self.h_commit)
        add("GET", r"/v1/dossier-status/(?P<code>[0-9A-Z.]{1,20}-[0-9]{6}-[0-9]{4})", self.h_status)
        add("GET", r"/v1/catalog/(?P<name>[a-z-]{1,40})", self.h_catalog_get)
        add("PUT", r"/v1/catalog/(?P<name>[a-z-]{1,40})", self.h_catalog_put, auth="admin")
        add("POST", r"/v1/papers/challenge", self.h_papers_challenge)
        add("POST", r"/v1/papers/search", self.h_papers)

    def _route(self, method: str, pattern: str, handler: Handler, auth: str = "signed") -> None:
        self.routes.append((method, re.compile(pattern + r"\Z"), handler, auth))

    # ------------------------------------------------------------------ WSGI entry
    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == DASHBOARD or path.startswith(DASHBOARD + "/"):
            return self.dashboard(environ, start_response)
        box: list[Request] = []
        status, body, headers = self._dispatch(environ, box)
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        out = {"Content-Length": str(len(payload))}
        if payload:
            out["Content-Type"] = "application/json; charset=utf-8"
        out.update(headers)
        signed = box[0].signed if box else None
        if signed is not None:  # the kiosk believes only answers signed for its request
            out.update(signing.sign_response(signed.secret, signed.kiosk_id, signed.nonce,
                                             box[0].method, box[0].signed_path, status,
                                             payload, out))
        start_response(f"{status} {_REASONS.get(status, 'Status')}", list(out.items()))
        return [payload]

    def _dispatch(self, environ: dict, box: list) -> tuple[int, object, dict]:
        try:
            # the route first: a wrong path or method is answered before any header is read
            path = environ.get("PATH_INFO", "") or "/"
            method = environ["REQUEST_METHOD"].upper()
            route = next(((p.match(path), h, a) for m, p, h, a in self.routes
                          if m == method and p.match(path)), None)
            if route is None:
                allowed = sorted({m for m, p, _, _ in self.routes if p.match(path)})
                if allowed:  # RFC 9110 §15.5.6: a 405 names the methods the resource takes
                    raise ApiError(405, "method_not_allowed",
                                   "this path does not take that method",
                                   headers={"Allow": ", ".join(allowed)})
                raise ApiError(404, "not_found", "no such endpoint")
            request = self._read(environ)
            box.append(request)
            return self._run(route[1], request, route[0], route[2])
        except ApiError as exc:
            return exc.status, exc.body(), exc.headers
        except OperationalError:
            self._log_limited(logging.WARNING, "database busy or unreachable")
            return 503, {"error": "busy", "message": "try again shortly"}, {"Retry-After": "1"}
        except Exception:  # the server must survive anything a request provokes
            self._log_limited(logging.ERROR, "unhandled error")
            return 500, {"error": "internal", "message": "internal error"}, {}

    def _read(self, environ: dict) -> Request:
        method = environ["REQUEST_METHOD"].upper()
        path = environ.get("PATH_INFO", "") or "/"
        query = environ.get("QUERY_STRING", "")
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items()
                   if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        if environ.get("CONTENT_LENGTH"):  # covered by the signature
            headers["Content-Length"] = environ["CONTENT_LENGTH"]
        length_text = environ.get("CONTENT_LENGTH") or ""
        length = 0
        if method in ("POST", "PUT", "PATCH"):
            if not length_text:
                raise ApiError(411, "length_required", "send a Content-Length")
            length = strict_input.header_int(length_text, "bad_content_length",
                                             "Content-Length")
            limit = (self.config.max_chunk_bytes if method == "PATCH"
                     else self.config.max_bundle_bytes
                     if path in ("/v1/dossier-bundles", "/v1/dossier-batches")
                     else self.config.max_json_bytes)
            if length > limit:  # refused before a byte of it is read
                raise ApiError(413, "body_too_large", f"bodies are limited to {limit} bytes")
        elif length_text not in ("", "0"):
            raise ApiError(400, "unexpected_body", f"{method} takes no body")
        return Request(method, path, path + ("?" + query if query else ""), headers,
                       stream=environ["wsgi.input"], length=length)

    def _load(self, request: Request) -> None:
        """Read the body (already checked against its limit), after authentication; a signed
        body must be the one whose length and digest the signature covers."""
        signed = request.signed
        if signed is not None and signed.length != request.length:
            raise ApiError(400, "digest_mismatch", "Content-Length differs from the signed one")
        if request.length:
            request.body = strict_input.read_body(
                request.stream, request.length, signed.digest.hex() if signed else None)
        elif signed is not None:
            try:
                signed.check_body(b"")
            except signing.SignatureError:
                raise ApiError(400, "digest_mismatch", "the body is not the signed one") from None

    def _log_limited(self, level: int, message: str) -> None:
        """At most ``log_burst`` tracebacks per minute: a client provoking errors must not
        fill the disk with logs (the others are counted and reported with the next one)."""
        now = time.monotonic()
        with self._log_lock:
            if now - self._log_window[0] >= 60:
                self._log_window = [now, 0, self._log_window[2]]
            self._log_window[1] += 1
            if self._log_window[1] > self.config.log_burst:
                self._log_window[2] += 1
                return
            dropped, self._log_window[2] = self._log_window[2], 0
        log.log(level, "%s (%d similar messages suppressed before)", message, dropped,
                exc_info=True)

    def _run(self, handler: Handler, request: Request, match: re.Match, auth: str):
        if auth == "admin":
            expected = self.config.admin_token
            given = request.headers.get("Authorization", "").removeprefix("Bearer ")
            if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
                raise ApiError(401, "bad_token", "a valid admin token is required")
        with self.Session() as session:
            # the signed headers first (they carry the body's length and digest), the body
            # after: an outsider's declared length allocates nothing
            signed = self._verify(session, request, auth) if auth in ("signed", "enrollment") else None
            try:
                self._load(request)
                result = handler(session, request, match)
                session.commit()
            except (ApiError, DBAPIError) as exc:
                if isinstance(exc, ApiError) and exc.commit:
                    session.commit()
                else:
                    session.rollback()
                    if signed is not None:  # a refused request still spends its nonce
                        self._spend_nonce(signed)
                    if isinstance(exc, service.SecurityRefusal):
                        self._security_event(request, exc)
                raise
        status, body, *rest = result
        return status, body, (rest[0] if rest else {})

    def _verify(self, session: Session, request: Request, auth: str) -> signing.SignedRequest:
        """Check the signature from the headers alone; the nonce is recorded in the request's
        own transaction.  A registration is signed with its enrollment token's hash
        (``service.enrollment_secret``): the token itself never travels."""
        if auth == "enrollment":
            secret_for = lambda kiosk: service.enrollment_secret(session, kiosk)  # noqa: E731
        else:
            def secret_for(kiosk_id: str) -> bytes | None:
                request.kiosk = self._kiosks.get(session, kiosk_id)
                return request.kiosk.secret if request.kiosk else None
        verifier = signing.Verifier(
            secret_for,
            lambda kiosk, nonce, ts: service.remember_nonce(
                session, kiosk, nonce, ts, self.config.window_s),
            window_s=self.config.window_s)
        try:
            signed = verifier.verify_headers(request.method, request.signed_path, request.headers)
        except signing.SignatureError as exc:
            session.rollback()
            # no signature at all, or a correct signer's stale or replayed request
            if exc.reason in ("unsigned", "stale_timestamp", "replayed"):
                raise ApiError(401, exc.reason, "request refused: " + exc.reason) from None
            # unknown kiosk, wrong key, malformed: one answer, so kiosk ids cannot be probed
            raise ApiError(401, "unauthenticated", "request not authenticated") from None
        request.kiosk_id = signed.kiosk_id
        request.signed = signed
        return signed

    def _security_event(self, request: Request, exc: service.SecurityRefusal) -> None:
        with self.Session() as session:
            service.record_security_event(session, request.kiosk_id, exc.event,
                                          f"{request.method} {request.path}", exc.code)
            session.commit()

    def _spend_nonce(self, signed: signing.SignedRequest) -> None:
        with self.Session() as session:
            service.remember_nonce(session, signed.kiosk_id, signed.nonce, signed.timestamp,
                                   self.config.window_s)
            session.commit()

    # ------------------------------------------------------------------ handlers
    def h_health(self, session, request, match):
        return 200, {"ok": True}

    def h_register(self, session, request, match):
        reg = request.json(contract.KioskRegistration)
        if reg.kiosk_id != request.kiosk_id:
            raise ApiError(422, "kiosk_id_mismatch", "the body names another kiosk")
        self._kiosks.forget(reg.kiosk_id)
        return 201, service.register_kiosk(session, request.signed.secret, reg)

    def h_heartbeat(self, session, request, match):
        return 200, service.heartbeat(session, request.kiosk_id, request.json(contract.Heartbeat))

    def h_ratings(self, session, request, match):
        return 200, overview.record_ratings(session, request.kiosk_id,
                                            request.json(contract.RatingBatch), service.utcnow())

    def h_allocate(self, session, request, match):
        req = request.json(contract.AllocationRequest)
        return 200, service.allocate(session, request.kiosk, req, self.config.limits)

    def h_submit(self, session, request, match):
        key = request.headers.get("Idempotency-Key", "")
        if not re.fullmatch(HEX32, key):
            raise ApiError(400, "idempotency_key_required", "send Idempotency-Key (32 hex digits)")
        sub = request.json(contract.DossierSubmission)
        return intake.submit_dossier(session, self.store, request.kiosk, key,
                                      request.body, sub)

    def h_bundle(self, session, request, match):
        if request.headers.get("Content-Type") != BUNDLE_TYPE:
            raise ApiError(415, "unsupported_media_type", f"send {BUNDLE_TYPE}")
        key = request.headers.get("Idempotency-Key", "")
        if not re.fullmatch(HEX32, key):
            raise ApiError(400, "idempotency_key_required", "send Idempotency-Key (32 hex digits)")
        length = strict_input.header_int(request.headers.get("X-Submission-Length"),
                                         "bad_submission_length", "X-Submission-Length", 7)
        if length > min(len(request.body), self.config.max_json_bytes):
            raise ApiError(400, "bad_submission_length", "X-Submission-Length must frame the JSON")
        body = memoryview(request.body)
        raw = bytes(body[:length])
        return intake.submit_bundle(session, self.store, request.kiosk, key, raw,
                                     self._submission(raw), body[length:])

    def h_batch(self, session, request, match):
        """Bundles back to back in one transaction: the per-request costs (connection,
        signature, nonce, commit) are paid once for several small dossiers."""
        if request.headers.get("Content-Type") != BATCH_TYPE:
            raise ApiError(415, "unsupported_media_type", f"send {BATCH_TYPE}")
        lengths = request.headers.get("X-Submission-Lengths", "").split(",")
        if (not 1 <= len(lengths) <= MAX_BATCH
                or not all(_LENGTH.fullmatch(n) and 2 <= int(n) <= self.config.max_json_bytes
                           for n in lengths)):
            raise ApiError(400, "bad_submission_length",
                           f"X-Submission-Lengths must frame 1 to {MAX_BATCH} JSON parts")
        body, offset, states = memoryview(request.body), 0, []
        for index, length in enumerate(int(n) for n in lengths):
            try:
                raw = bytes(body[offset:offset + length])
                if len(raw) != length:
                    raise ApiError(400, "bundle_length_mismatch", "the batch ends too soon")
                sub = self._submission(raw)
                size = sum(a.size for a in sub.attachments)
                payload = body[offset + length:offset + length + size]
                if len(payload) != size:
                    raise ApiError(400, "bundle_length_mismatch", "the batch ends too soon")
                states.append(intake.submit_bundle(
                    session, self.store, request.kiosk, sub.dossier_id, raw, sub,
                    payload)[1])
            except ApiError as exc:
                exc.extra.setdefault("index", index)
                raise
            offset += length + size
        if offset != len(body):
            raise ApiError(400, "bundle_length_mismatch", "bytes left after the last dossier")
        return 200, {"dossiers": states}

    @staticmethod
    def _submission(raw: bytes) -> contract.DossierSubmission:
        return Request("POST", "", "", {"Content-Type": "application/json"},
                       raw).json(contract.DossierSubmission)

    def h_dossier(self, session, request, match):
        return 200, intake.dossier_state(session, request.kiosk_id, match["d"])

    def h_chunk(self, session, request, match):
        if request.headers.get("Content-Type") != "application/offset+octet-stream":
            raise ApiError(415, "unsupported_media_type", "send application/offset+octet-stream")
        offset = strict_input.header_int(request.headers.get("Upload-Offset"),
                                         "bad_upload_headers", "Upload-Offset", 12)
        chunk_hash = request.headers.get("X-Chunk-Sha256", "")
        if not _SHA256.fullmatch(chunk_hash):
            raise ApiError(400, "bad_upload_headers", "send Upload-Offset and X-Chunk-SHA256")
        return 200, intake.upload_chunk(session, self.store, request.kiosk_id,
                                         match["d"], match["a"], offset, request.body,
                                         chunk_hash)

    def h_commit(self, session, request, match):
        return 200, intake.commit_dossier(session, request.kiosk_id, match["d"])

    def h_status(self, session, request, match):
        check = re.fullmatch(r"check=([0-9]{6})", request.signed_path.partition("?")[2])
        if not check:
            raise ApiError(400, "check_code_required", "send ?check= with the receipt's 6 digits")
        return 200, intake.status_by_code(session, request.kiosk_id, match["code"], check[1])

    def h_catalog_get(self, session, request, match):
        doc = service.get_catalog(session, match["name"])
        if request.headers.get("If-None-Match") == doc.etag:
            return 304, None, {"ETag": doc.etag}
        return 200, json.loads(doc.body), {"ETag": doc.etag}

    def h_catalog_put(self, session, request, match):
        strict_input.loads(request.body)
        return 200, service.put_catalog(session, match["name"], request.body)

    def h_papers_challenge(self, session, request, match):
        return 200, papers.issue_challenge(session, request.kiosk_id)

    def h_papers(self, session, request, match):
        return 200, papers.search_papers(session, request.kiosk_id,
                                         request.json(contract.PaperSearch))


_REASONS = {200: "OK", 201: "Created", 304: "Not Modified", 400: "Bad Request",
            401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
            411: "Length Required", 413: "Payload Too Large", 415: "Unsupported Media Type",
            422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable"}
