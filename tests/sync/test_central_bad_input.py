"""Bad input at the central's door: a clear 4xx naming the problem, never a crash."""
from __future__ import annotations

import json
import socket

import pytest
import requests

from sync import signing
from sync.client import canonical_json
from sync.testing.samples import submission


JSON = {"Content-Type": "application/json"}


def send(central, client, method, path, body: bytes, content_type="application/json", **headers):
    signed = signing.sign(client.secret, client.kiosk_id, method, path, body,
                          headers={"Content-Type": content_type, **headers})
    return requests.request(method, central.url + path, data=body,
                            headers={"Content-Type": content_type, **signed, **headers}, timeout=10)


def post_dossier(central, client, body: bytes, key: str | None = None):
    return send(central, client, "POST", "/v1/dossiers", body, **{"Idempotency-Key": key or "a" * 32})


def test_malformed_json_is_refused_as_such(central, kiosk_client):
    resp = post_dossier(central, kiosk_client, b'{"dossier_id": ')
    assert resp.status_code == 400 and resp.json()["error"] == "malformed_json"


@pytest.mark.parametrize("mutate,field", [
    (lambda s: s.update(channel="1"), "channel"),                      # wrong type, no coercion
    (lambda s: s["applicant"].update(id_number=123456789012), "applicant.id_number"),
    (lambda s: s.update(surprise=True), "surprise"),                   # unknown field
    (lambda s: s["applicant"].update(nickname="x"), "applicant.nickname"),
    (lambda s: s.pop("procedure_code"), "procedure_code"),             # missing
    (lambda s: s.update(code="H30-261128-1"), "code"),                 # bad dossier code
    (lambda s: s.update(received_at="2026-11-28T08:00:00"), "received_at"),  # naive time
])
def test_contract_violations_name_the_field(central, kiosk_client, mutate, field):
    sub = submission(7, [b"x"])
    mutate(sub)
    resp = post_dossier(central, kiosk_client, canonical_json(sub), sub["dossier_id"])
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert body["error"] == "invalid_fields"
    assert any(f["field"] == field for f in body["fields"]), body
    assert sub["applicant"]["full_name"] not in resp.text  # no personal data echoed back


def test_non_object_json_and_wrong_media_type(central, kiosk_client):
    assert post_dossier(central, kiosk_client, b"[1, 2]").status_code == 422
    resp = send(central, kiosk_client, "POST", "/v1/heartbeat", b"{}", content_type="text/plain")
    assert resp.status_code == 415


def test_huge_bodies_are_refused_before_they_are_read(central, kiosk_client):
    huge = json.dumps({"answers": "x" * (3 << 20)}).encode()
    resp = post_dossier(central, kiosk_client, huge)
    assert resp.status_code == 413 and resp.json()["error"] == "body_too_large"


def test_requests_without_length_or_with_short_body(central, kiosk_client):
    with socket.create_connection(("127.0.0.1", central.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/heartbeat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"2\r\n{}\r\n0\r\n\r\n")
        assert b" 411 " in sock.recv(4096).split(b"\r\n")[0] + b" "


def test_unknown_paths_methods_and_unsigned_requests(central, kiosk_client):
    assert requests.get(central.url + "/v1/nothing", timeout=5).status_code == 404
    assert requests.delete(central.url + "/v1/heartbeat", timeout=5).status_code == 405
    resp = requests.post(central.url + "/v1/heartbeat", json={"queue_depth": 1}, timeout=5)
    assert resp.status_code == 401 and resp.json()["error"] == "unsigned"


def test_forged_and_replayed_requests_are_refused_over_http(central, kiosk_client):
    body = canonical_json({"queue_depth": 1})
    headers = {"Content-Type": "application/json",
               **signing.sign(kiosk_client.secret, kiosk_client.kiosk_id, "POST", "/v1/heartbeat", body,
                              headers=JSON)}
    ok = requests.post(central.url + "/v1/heartbeat", data=body, headers=headers, timeout=5)
    assert ok.status_code == 200
    replay = requests.post(central.url + "/v1/heartbeat", data=body, headers=headers, timeout=5)
    assert replay.status_code == 401 and replay.json()["error"] == "replayed"
    forged = {**headers, **signing.sign(b"0" * 32, kiosk_client.kiosk_id, "POST", "/v1/heartbeat", body,
                                        headers=JSON)}
    resp = requests.post(central.url + "/v1/heartbeat", data=body, headers=forged, timeout=5)
    assert resp.status_code == 401 and resp.json()["error"] == "unauthenticated"
    stale = {**headers, **signing.sign(kiosk_client.secret, kiosk_client.kiosk_id, "POST",
                                       "/v1/heartbeat", body, now=1_000_000_000, headers=JSON)}
    resp = requests.post(central.url + "/v1/heartbeat", data=body, headers=stale, timeout=5)
    assert resp.status_code == 401 and resp.json()["error"] == "stale_timestamp"
    tampered = requests.post(central.url + "/v1/heartbeat", data=b'{"queue_depth":2}',
                             headers={**headers, **signing.sign(kiosk_client.secret, kiosk_client.kiosk_id,
                                                                "POST", "/v1/heartbeat", body,
                                                                headers=JSON)},
                             timeout=5)
    # the headers are authentic, the body is not the one they promise
    assert tampered.status_code == 400 and tampered.json()["error"] == "digest_mismatch"


def test_the_server_keeps_serving_after_all_that(central, kiosk_client):
    for junk in (b"\x00\xff" * 100, b"GET / HTTP/9.9\r\n\r\n", b"\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", central.port), timeout=5) as sock:
            sock.sendall(junk)
            sock.shutdown(socket.SHUT_WR)
            sock.recv(4096)
    assert requests.get(central.url + "/v1/health", timeout=5).json() == {"ok": True}


def test_a_refused_request_cannot_be_replayed_either(central, kiosk_client):
    body = canonical_json({"queue_depth": -1})
    headers = {"Content-Type": "application/json",
               **signing.sign(kiosk_client.secret, kiosk_client.kiosk_id, "POST", "/v1/heartbeat", body,
                              headers=JSON)}
    first = requests.post(central.url + "/v1/heartbeat", data=body, headers=headers, timeout=5)
    assert first.status_code == 422
    again = requests.post(central.url + "/v1/heartbeat", data=body, headers=headers, timeout=5)
    assert again.status_code == 401 and again.json()["error"] == "replayed"
