"""Builds ``sync/openapi.yaml``, the OpenAPI 3.1 contract between kiosk and central.

Paths are written here; request schemas come from ``sync.contract`` so the document cannot
drift from what the central enforces (a test regenerates it and compares).
Run ``python -m sync.openapi`` after changing the contract.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from sync import contract

OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")

_MODELS = [contract.KioskRegistration, contract.Heartbeat, contract.AllocationRequest,
           contract.AllocationResult, contract.DossierSubmission, contract.PaperSearch]

_ERROR = {"description": "refused; `error` is a stable code, `message` a sentence",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_SIGNED = [{"kioskHmac": []}]


def _json_body(name: str) -> dict:
    return {"required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _ok(description: str, schema: str | dict) -> dict:
    schema = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    base = {"400": _ERROR, "401": _ERROR, "413": _ERROR, "415": _ERROR, "422": _ERROR,
            "503": _ERROR}
    base.update({str(c): _ERROR for c in codes})
    return base


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
            "summary": "register a kiosk (enrollment token); answers its HMAC secret once",
            "security": [{"enrollmentToken": []}],
            "parameters": [{"name": "rotate", "in": "query", "schema": {"enum": ["1"]}}],
            "requestBody": _json_body("KioskRegistration"),
            "responses": {"201": _ok("registered", {"type": "object", "required": ["secret"],
                                                   "properties": {"kiosk_id": {"type": "string"},
                                                                  "secret": {"type": "string"}}}),
                          **_errors(409)}}},
        "/v1/heartbeat": {"post": {"summary": "device health and outbox depth",
                                   "requestBody": _json_body("Heartbeat"),
                                   "responses": {"200": _ok("seen", {"type": "object"}),
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
            "summary": "status of a dossier by its code (mã hồ sơ)",
            "parameters": [{"name": "code", "in": "path", "required": True,
                            "schema": {"type": "string",
                                       "pattern": contract.DOSSIER_CODE_RE.pattern}}],
            "responses": {"200": _ok("status", {"type": "object"}), **_errors(404)}}},
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
        "/v1/papers/search": {"post": {
            "summary": "the citizen's reusable digitized papers (Circular 01/2023 Art. 24)",
            "requestBody": _json_body("PaperSearch"),
            "responses": {"200": _ok("papers", {"type": "object"}), **_errors()}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kiosk ↔ central one-stop system", "version": "1.0.0",
                 "description": (
                     "Signed with HMAC-SHA256 (see docs/sync.md): X-Kiosk-Id, X-Timestamp "
                     "(unix seconds, ±300 s), X-Nonce (16-64 url-safe chars, single use), "
                     "X-Content-SHA256, X-Signature = hex HMAC over 'KIOSK-HMAC-SHA256\\n"
                     "METHOD\\nPATH?QUERY\\nSHA256(body)\\nTIMESTAMP\\nNONCE\\nKIOSK_ID'."),
                 "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
        "servers": [{"url": "https://central.example.invalid"}],
        "security": _SIGNED,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "kioskHmac": {"type": "apiKey", "in": "header", "name": "X-Signature"},
                "enrollmentToken": {"type": "http", "scheme": "bearer"},
                "adminToken": {"type": "http", "scheme": "bearer"}}},
    }


def render() -> str:
    header = "# Generated by `python -m sync.openapi` from sync/openapi.py and sync/contract.py.\n"
    return header + yaml.safe_dump(build(), sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    OPENAPI_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {OPENAPI_PATH}")
