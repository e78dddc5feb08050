"""Issue 10's findings on loose input, each reproduced: all were 500s with a traceback or a
silent coercion; now each is a clear 4xx, and the logs cannot be flooded."""
from __future__ import annotations

import json
import logging
import socket

import pytest
import requests

from sync import contract, signing
from sync.central import strict_input
from sync.central.errors import ApiError
from sync.client import canonical_json
from sync.testing.samples import submission


def send(central, client, method, path, body: bytes, content_type="application/json", **headers):
    signed = signing.sign(client.secret, client.kiosk_id, method, path, body,
                          headers={"Content-Type": content_type, **headers})
    return requests.request(method, central.url + path, data=body,
                            headers={"Content-Type": content_type, **signed, **headers},
                            timeout=10)


def raw_request(central, head: bytes) -> bytes:
    host, port = central.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        data = b""
        while block := sock.recv(65536):
            data += block
    return data


def test_content_length_must_be_ascii_digits(central):
    for value in ["²", "9" * 5000, "-1", "1e3"]:
        answer = raw_request(central, b"POST /v1/heartbeat HTTP/1.1\r\nHost: c\r\n"
                             b"Connection: close\r\nContent-Length: " + value.encode() + b"\r\n\r\n")
        assert answer.split(b" ", 2)[1] == b"400", answer[:200]
        assert b"bad_content_length" in answer


def test_x_timestamp_must_be_ascii_digits(central, kiosk_client):
    body = b'{"queue_depth": 1}'
    for timestamp in ["²", "9" * 5000]:
        headers = signing.sign(kiosk_client.secret, kiosk_client.kiosk_id, "POST",
                               "/v1/heartbeat", body, headers={"Content-Type": "application/json"})
        headers[signing.HEADER_TIMESTAMP] = timestamp
        resp = requests.post(central.url + "/v1/heartbeat", data=body, timeout=10,
                             headers={**headers, "Content-Type": "application/json"})
        assert resp.status_code == 401, resp.text


def test_signed_upload_offset_must_be_ascii_digits(central, kiosk_client):
    path = f"/v1/dossiers/{'a' * 32}/attachments/{'b' * 32}"
    resp = send(central, kiosk_client, "PATCH", path, b"x", "application/offset+octet-stream",
                **{"Upload-Offset": "²", "X-Chunk-SHA256": "0" * 64})
    assert resp.status_code == 400 and resp.json()["error"] == "bad_upload_headers"


def test_signed_submission_lengths_must_be_ascii_digits(central, kiosk_client):
    for header, value in [("X-Submission-Length", "²"), ("X-Submission-Length", "9" * 5000),
                          ("X-Submission-Lengths", "²"), ("X-Submission-Lengths", "2,³")]:
        batch = header.endswith("s")
        extra = {} if batch else {"Idempotency-Key": "a" * 32}
        resp = send(central, kiosk_client, "POST",
                    "/v1/dossier-batches" if batch else "/v1/dossier-bundles", b"{}",
                    "application/vnd.motcua.dossier-" + ("batch" if batch else "bundle"),
                    **{header: value}, **extra)
        assert resp.status_code == 400 and resp.json()["error"] == "bad_submission_length"


def test_received_at_at_the_end_of_time_is_refused_not_overflowed(central, kiosk_client):
    sub = submission(3, [b"x"])
    sub["received_at"] = "9999-12-31T23:59:59+00:00"
    resp = send(central, kiosk_client, "POST", "/v1/dossiers", canonical_json(sub),
                **{"Idempotency-Key": sub["dossier_id"]})
    assert resp.status_code == 422, resp.text
    assert any(f["field"] == "received_at" for f in resp.json()["fields"])


@pytest.mark.parametrize("at", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
                                "2026-12-01T08:00:00"])
def test_a_technicians_entry_at_the_end_of_time_is_refused_not_overflowed(central, kiosk_client,
                                                                          at):
    """A heartbeat's audit entry dated where moving it to UTC overflows was a 500 (and, as
    the kiosk resends unsent entries, every heartbeat after it); a time without its offset
    was taken as whatever the database's zone is.  Now a 422 naming the field."""
    beat = {"queue_depth": 1, "audit": [{"id": 1, "at": at, "action": "printer_test"}]}
    resp = send(central, kiosk_client, "POST", "/v1/heartbeat", canonical_json(beat))
    assert resp.status_code == 422, resp.text
    assert [f["field"] for f in resp.json()["fields"]] == ["audit.0.at"]
    beat["audit"][0]["at"] = "1970-01-01T00:00:07+00:00"  # a kiosk before NTP: still taken
    resp = send(central, kiosk_client, "POST", "/v1/heartbeat", canonical_json(beat))
    assert resp.status_code == 200, resp.text


def test_json_is_parsed_strictly(central, kiosk_client):
    for body in [b'{"queue_depth": 1, "queue_depth": 2}', b'{"queue_depth": NaN}',
                 b'{"queue_depth": 1e400}', b'{"queue_depth": Infinity}',
                 b'\xff{"queue_depth": 1}']:
        resp = send(central, kiosk_client, "POST", "/v1/heartbeat", body)
        assert resp.status_code == 400 and resp.json()["error"] == "malformed_json", body


def test_numbers_and_strings_are_not_coerced(central, kiosk_client):
    for body, status in [
        (b'{"queue_depth": 579.0}', 200),   # an integer for JSON Schema, as the spec says
        (b'{"queue_depth": 579.5}', 422),
        (b'{"queue_depth": true}', 422),
        (b'{"queue_depth": "579"}', 422),
        (b'{"queue_depth": 1, "app_version": true}', 422),
        (b'{"queue_depth": 1, "app_version": 1.0}', 422),
    ]:
        resp = send(central, kiosk_client, "POST", "/v1/heartbeat", body)
        assert resp.status_code == status, (body, resp.text)


@pytest.mark.parametrize("field,value", [("channel", True), ("channel", 1.5),
                                         ("subject_kind", True)])
def test_booleans_do_not_pass_for_small_integers(field, value):
    sub = submission(3, [b"x"])
    (sub["applicant"] if field == "subject_kind" else sub)[field] = value
    with pytest.raises(ApiError) as refused:
        strict_input.parse_model(json.dumps(sub).encode(), contract.DossierSubmission)
    assert refused.value.status == 422


def test_wrong_method_answers_405_with_allow(central):
    resp = requests.delete(central.url + "/v1/heartbeat", timeout=10)
    assert resp.status_code == 405 and resp.headers["Allow"] == "POST"
    resp = requests.put(central.url + "/v1/catalog/procedures/x", timeout=10)
    assert resp.status_code == 404


def test_error_logging_is_rate_limited(central, caplog):
    app = central.app
    app.config.log_burst = 3
    with caplog.at_level(logging.ERROR, logger="sync.central.app"):
        for _ in range(50):
            try:
                raise RuntimeError("provoked")
            except RuntimeError:
                app._log_limited(logging.ERROR, "unhandled error")
    logged = [r for r in caplog.records if r.name == "sync.central.app"]
    assert len(logged) == 3
