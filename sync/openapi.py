"""Builds ``sync/openapi.yaml``, the OpenAPI 3.1 contract between kiosk and central.

Paths are written here; request schemas come from ``sync.contract`` so the document cannot
drift from what the central enforces (a test regenerates it and compares).
Run ``python -m sync.openapi`` after changing the contract.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from sync import contract, signing

OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")

_MODELS = [contract.KioskRegistration, contract.Heartbeat, contract.AllocationRequest,
           contract.AllocationResult, contract.DossierSubmission, contract.PaperSearch,
           contract.RatingBatch]

_ERROR = {"description": "refused; `error` is a stable code, `message` a sentence",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_SIGNED = [{"kioskHmac": []}]
#: every request the central may refuse before or inside a handler: the door (length, media
#: type, JSON, signature, method), authorization (403), missing things (404), conflicts
#: (409), rate limits (429), a busy database (503, Retry-After)
_REFUSALS = (400, 401, 403, 404, 409, 411, 413, 415, 422, 429, 503)
_SIGNATURE_HEADERS = [
    ("X-Kiosk-Id", {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}),
    ("X-Timestamp", {"type": "string", "pattern": "^[0-9]{1,12}$",
                     "description": "unix seconds, within 300 s of the central's clock"}),
    ("X-Nonce", {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"}),
    ("Content-Digest", {"type": "string", "pattern": "^sha-256=:[A-Za-z0-9+/]{43}=:$",
                        "description": "RFC 9530, of the body (also of an empty one)"}),
    ("X-Signature", {"type": "string", "pattern": "^[0-9a-f]{64}$"}),
]


def _json_body(name: str) -> dict:
    return {"required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _ok(description: str, schema: str | dict) -> dict:
    schema = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    """The refusals every operation may answer (``codes``: kept for the reader: the ones
    that operation's own rules add)."""
    base = {str(c): _ERROR for c in sorted({*_REFUSALS, *codes})}
    base["405"] = {**_ERROR, "description": "wrong method; `Allow` names the right ones",
                   "headers": {"Allow": {"schema": {"type": "string"}, "required": True}}}
    return base


def _signed_headers() -> list[dict]:
    return [{"$ref": f"#/components/parameters/{name}"} for name, _ in _SIGNATURE_HEADERS]


def _with_signature(paths: dict) -> dict:
    """Signed operations (all but health, registration and catalog publishing) name the
    signature headers as parameters, so a generic client or fuzzer sends every header."""
    for operations in paths.values():
        for operation in operations.values():
            if "security" not in operation:
                operation["parameters"] = [*operation.get("parameters", []), *_signed_headers()]
    return paths


def _hex32(name: str, what: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": what,
            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}


def build() -> dict:
    schemas: dict = {}
    for model in _MODELS:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    schemas["Error"] = {"type": "object", "required": ["error", "message"],
                        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                        "additionalProperties": True}
    schemas["DossierState"] = {
        "type": "object", "required": ["dossier_id", "code", "status", "committed", "attachments"],
        "properties": {
            "dossier_id": {"type": "string"}, "code": {"type": "string"},
            "status": {"type": "integer", "minimum": 1, "maximum": 10,
                       "description": "TrangThaiHoSo"},
            "committed": {"type": "boolean"},
            "attachments": {"type": "array", "items": {
                "type": "object", "required": ["attachment_id", "size", "received", "complete"],
                "properties": {"attachment_id": {"type": "string"}, "size": {"type": "integer"},
                               "received": {"type": "integer"}, "complete": {"type": "boolean"}}}}}}
    paths = {
        "/v1/health": {"get": {"summary": "liveness, unsigned", "security": [],
                               "responses": {"200": _ok("up", {"type": "object"})}}},
        "/v1/kiosks": {"post": {
            "summary": "register a kiosk with a one-time enrollment token (signed with the "
                       "token's hash, the token itself never travels); answers its secret once",
            "security": [{"enrollmentSignature": []}],
            "parameters": _signed_headers(),
            "requestBody": _json_body("KioskRegistration"),
            "responses": {"201": _ok("registered", {"type": "object", "required": ["secret"],
                                                   "properties": {"kiosk_id": {"type": "string"},
                                                                  "secret": {"type": "string"}}}),
                          **_errors(409)}}},
        "/v1/heartbeat": {"post": {"summary": "device health and outbox depth",
                                   "requestBody": _json_body("Heartbeat"),
                                   "responses": {"200": _ok("seen", {"type": "object"}),
                                                 **_errors()}}},
        "/v1/ratings": {"post": {
            "summary": "anonymous satisfaction ratings (a level and reason codes); a repeat of "
                       "an entry id is accepted and not counted twice; a rating dated over "
                       "400 days ago or over 10 minutes ahead of the central's clock is "
                       "refused on its own (listed in `refused`, never counted)",
            "requestBody": _json_body("RatingBatch"),
            "responses": {"200": _ok("the entry ids kept, and those refused for their time", {
                "type": "object", "required": ["accepted", "refused"],
                "properties": {"accepted": {"type": "array", "items": {"type": "integer"}},
                               "refused": {"type": "array", "items": {"type": "integer"}}}}),
                **_errors()}}},
        "/v1/allocations": {"post": {
            "summary": "lease consecutive queue numbers or dossier sequence numbers of a day",
            "requestBody": _json_body("AllocationRequest"),
            "responses": {"200": _ok("the block [first, last]", "AllocationResult"),
                          **_errors(409)}}},
        "/v1/dossiers": {"post": {
            "summary": "submit a dossier; a repeat with the same key and bytes answers the same",
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                            "description": "equals dossier_id"}],
            "requestBody": _json_body("DossierSubmission"),
            "responses": {"201": _ok("created", "DossierState"),
                          "200": _ok("already known (deduplicated)", "DossierState"),
                          **_errors(409)}}},
        "/v1/dossier-bundles": {"post": {
            "summary": "a small dossier in one request: its JSON (X-Submission-Length bytes) then "
                       "its attachments' bytes in manifest order; stored, verified and committed "
                       "at once; same idempotency rules as /v1/dossiers",
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}},
                           {"name": "X-Submission-Length", "in": "header", "required": True,
                            "schema": {"type": "integer", "minimum": 2}}],
            "requestBody": {"required": True, "content": {
                "application/vnd.motcua.dossier-bundle": {"schema": {
                    "type": "string", "contentMediaType": "application/octet-stream"}}}},
            "responses": {"200": _ok("committed (maybe already before)", "DossierState"),
                          "201": _ok("created and committed", "DossierState"),
                          **_errors(409)}}},
        "/v1/dossier-batches": {"post": {
            "summary": "several small dossiers in one request, each framed as in "
                       "/v1/dossier-bundles (its JSON, X-Submission-Lengths gives each JSON's "
                       "length in order, then its attachments in manifest order); all or "
                       "nothing: one refused dossier refuses the batch (`index` names it) and "
                       "the kiosk sends them one by one; each dossier's id is its idempotency key",
            "parameters": [{"name": "X-Submission-Lengths", "in": "header", "required": True,
                            "schema": {"type": "string",
                                       "pattern": "^[0-9]{1,7}(,[0-9]{1,7}){0,15}$"}}],
            "requestBody": {"required": True, "content": {
                "application/vnd.motcua.dossier-batch": {"schema": {
                    "type": "string", "contentMediaType": "application/octet-stream"}}}},
            "responses": {"200": _ok("every dossier committed (some maybe already before)", {
                "type": "object", "required": ["dossiers"],
                "properties": {"dossiers": {"type": "array", "maxItems": 16,
                                            "items": {"$ref": "#/components/schemas/DossierState"}}}}),
                          **_errors(409)}}},
        "/v1/dossiers/{dossier_id}": {"get": {
            "summary": "upload progress of a dossier of this kiosk",
            "parameters": [_hex32("dossier_id", "dossier id")],
            "responses": {"200": _ok("state", "DossierState"), **_errors(404)}}},
        "/v1/dossiers/{dossier_id}/attachments/{attachment_id}": {"patch": {
            "summary": "append a chunk at Upload-Offset; resumable; the last chunk triggers "
                       "the whole file's SHA-256 check (422 attachment_hash_mismatch resets it)",
            "parameters": [_hex32("dossier_id", "dossier id"),
                           _hex32("attachment_id", "attachment id"),
                           {"name": "Upload-Offset", "in": "header", "required": True,
                            "schema": {"type": "integer", "minimum": 0}},
                           {"name": "X-Chunk-SHA256", "in": "header", "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}],
            "requestBody": {"required": True, "content": {"application/offset+octet-stream": {
                "schema": {"type": "string", "contentMediaType": "application/octet-stream"}}}},
            "responses": {"200": _ok("received so far", {
                "type": "object", "required": ["received", "complete"],
                "properties": {"received": {"type": "integer"}, "complete": {"type": "boolean"}}}),
                **_errors(404, 409)}}},
        "/v1/dossiers/{dossier_id}/commit": {"post": {
            "summary": "acknowledge: every attachment complete; the kiosk may purge after this",
            "parameters": [_hex32("dossier_id", "dossier id")],
            "responses": {"200": _ok("committed", "DossierState"), **_errors(404, 409)}}},
        "/v1/dossier-status/{code}": {"get": {
            "summary": "status of a dossier by its code (mã hồ sơ) and the receipt's check "
                       "code; too many wrong check codes from one kiosk answer 429",
            "parameters": [{"name": "code", "in": "path", "required": True,
                            "schema": {"type": "string",
                                       "pattern": contract.DOSSIER_CODE_PATTERN}},
                           {"name": "check", "in": "query", "required": True,
                            "description": "the 6 digits printed on the receipt and in its QR",
                            "schema": {"type": "string", "pattern": "^[0-9]{6}$"}}],
            "responses": {"200": _ok("status", {
                "type": "object", "required": ["code", "status", "received_at", "committed"],
                "properties": {"code": {"type": "string"},
                               "status": {"type": "integer", "minimum": 1, "maximum": 10},
                               "received_at": {"type": "string", "format": "date-time"},
                               "committed": {"type": "boolean"}}}), **_errors(404, 429)}}},
        "/v1/catalog/{name}": {
            "get": {"summary": "a catalog document; ETag / If-None-Match → 304",
                    "parameters": [{"name": "name", "in": "path", "required": True,
                                    "schema": {"enum": ["procedures", "forms", "admin-units",
                                                        "holidays"]}},
                                   {"name": "If-None-Match", "in": "header",
                                    "schema": {"type": "string"}}],
                    "responses": {"200": _ok("document", {"type": "object"}),
                                  "304": {"description": "unchanged"}, **_errors(404)}},
            "put": {"summary": "publish a catalog document (admin token)",
                    "security": [{"adminToken": []}],
                    "parameters": [{"name": "name", "in": "path", "required": True,
                                    "schema": {"type": "string"}}],
                    "requestBody": {"required": True,
                                    "content": {"application/json": {"schema": {}}}},
                    "responses": {"200": _ok("published", {"type": "object"}), **_errors(404)}}},
        "/v1/papers/challenge": {"post": {
            "summary": "a single-use challenge the kiosk binds its next chip read to "
                       "(needed by /v1/papers/search)",
            "responses": {"200": _ok("challenge", {
                "type": "object", "required": ["challenge", "expires_at"],
                "properties": {"challenge": {"type": "string"},
                               "expires_at": {"type": "string", "format": "date-time"}}}),
                **_errors()}}},
        "/v1/papers/search": {"post": {
            "summary": "the citizen's reusable digitized papers (Circular 01/2023 Art. 24)",
            "requestBody": _json_body("PaperSearch"),
            "responses": {"200": _ok("papers", {"type": "object"}), **_errors()}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kiosk ↔ central one-stop system", "version": "1.0.0",
                 "description": (
                     "Requests are signed with HMAC-SHA256 and the kiosk's secret "
                     "(docs/security.md, sync/signing.py): X-Kiosk-Id, X-Timestamp (unix "
                     "seconds, ±300 s), X-Nonce (16-64 url-safe chars, single use), "
                     "Content-Digest (RFC 9530), X-Signature = hex HMAC over the lines "
                     "'KIOSK-HMAC-SHA256-2', METHOD, PATH?QUERY, TIMESTAMP, NONCE, KIOSK_ID, "
                     "then 'name:value' for each header that frames the body (" +
                     ", ".join(signing.REQUEST_COVERED) + "; absent ones with an empty "
                     "value). Every answer to a signed request carries Content-Digest and an "
                     "X-Signature over 'KIOSK-HMAC-SHA256-2-ANSWER', STATUS, METHOD, PATH, the "
                     "request's NONCE, KIOSK_ID and " + ", ".join(signing.RESPONSE_COVERED) +
                     ". Numbers in headers are ASCII digits; JSON bodies are strict (UTF-8, "
                     "no duplicate keys, no NaN/Infinity; an integer-valued number such as "
                     "5.0 is the integer 5, as JSON Schema says)."),
                 "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
        "servers": [{"url": "https://central.example.invalid"}],
        "security": _SIGNED,
        "paths": _with_signature(paths),
        "components": {
            "schemas": schemas,
            "parameters": {name: {"name": name, "in": "header", "required": True,
                                  "schema": schema}
                           for name, schema in _SIGNATURE_HEADERS},
            "securitySchemes": {
                "kioskHmac": {"type": "apiKey", "in": "header", "name": "X-Signature",
                              "description": "HMAC-SHA256 with the kiosk's secret (docs/sync.md)"},
                "enrollmentSignature": {
                    "type": "apiKey", "in": "header", "name": "X-Signature",
                    "description": "HMAC-SHA256 keyed with the enrollment token's hash"},
                "adminToken": {"type": "http", "scheme": "bearer"}}},
    }


def render() -> str:
    header = "# Generated by `python -m sync.openapi` from sync/openapi.py and sync/contract.py.\n"
    return header + yaml.safe_dump(build(), sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    OPENAPI_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {OPENAPI_PATH}")
