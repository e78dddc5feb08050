"""Signed requests and answers: a forged, altered, stale or replayed message is refused."""
from __future__ import annotations

import pytest

from sync import signing

SECRET = bytes(range(32))
NOW = 1_800_000_000.0


def make_verifier(now: float = NOW):
    seen: set[tuple[str, str]] = set()

    def remember(kiosk, nonce, ts):
        if (kiosk, nonce) in seen:
            return False
        seen.add((kiosk, nonce))
        return True

    verifier = signing.Verifier(lambda k: SECRET if k == "kiosk-01" else None, remember,
                                clock=lambda: now)
    return verifier, seen


def signed(method="POST", path="/v1/dossiers", body=b'{"a":1}', now=NOW, headers=None, **kw):
    headers = headers or {"Content-Type": "application/json"}
    return {**headers, **signing.sign(SECRET, "kiosk-01", method, path, body, headers=headers,
                                      now=now, **kw)}


def test_a_genuine_request_is_accepted_once_and_its_replay_refused():
    verifier, _ = make_verifier()
    headers = signed()
    assert verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}').kiosk_id == "kiosk-01"
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}')
    assert err.value.reason == "replayed"


@pytest.mark.parametrize("method,path", [("PUT", "/v1/dossiers"), ("POST", "/v1/dossiers?x=1")])
def test_any_change_to_method_or_path_breaks_the_signature(method, path):
    verifier, seen = make_verifier()
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify(method, path, signed(), b'{"a":1}')
    assert err.value.reason == "unauthenticated"
    assert not seen, "a forged request must not consume the kiosk's nonce"


def test_the_headers_are_checked_before_the_body_and_the_body_after():
    verifier, _ = make_verifier()
    headers = signed(body=b'{"a":1}')
    request = verifier.verify_headers("POST", "/v1/dossiers", headers)  # no body needed
    assert request.length == 7
    with pytest.raises(signing.SignatureError, match="digest_mismatch"):
        request.check_body(b'{"a":2}')
    request.check_body(b'{"a":1}')


@pytest.mark.parametrize("name,value", [
    ("Upload-Offset", "4096"), ("X-Chunk-SHA256", "0" * 64), ("X-Submission-Length", "12"),
    ("X-Submission-Lengths", "12,30"), ("Content-Type", "application/offset+octet-stream"),
    ("Content-Length", "8"), ("Idempotency-Key", "b" * 32),
    ("Content-Digest", signing.content_digest(b"other")),
])
def test_every_header_that_frames_the_body_is_signed(name, value):
    """Changing, or adding, a framing header on the way breaks the signature (issue 10)."""
    verifier, seen = make_verifier()
    headers = signed(headers={"Content-Type": "application/json", "Upload-Offset": "0",
                              "X-Chunk-SHA256": "f" * 64, "X-Submission-Length": "7"})
    tampered = {k: v for k, v in headers.items() if k.lower() != name.lower()}
    tampered[name] = value
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify_headers("POST", "/v1/dossiers", tampered)
    assert err.value.reason == "unauthenticated" and not seen


def test_a_body_sent_in_parts_signs_as_the_whole():
    verifier, _ = make_verifier()
    headers = {**signing.sign(SECRET, "kiosk-01", "POST", "/v1/x", [b"ab", b"cd"], length=4,
                              now=NOW)}
    verifier.verify("POST", "/v1/x", headers, b"abcd")


def test_unknown_kiosk_wrong_key_and_malformed_headers_answer_alike():
    verifier, _ = make_verifier()
    reasons = set()
    for headers in (signing.sign(SECRET, "kiosk-99", "GET", "/v1/x", b"", now=NOW),
                    signing.sign(b"x" * 32, "kiosk-01", "GET", "/v1/x", b"", now=NOW),
                    {**signed(method="GET", path="/v1/x", body=b""), signing.HEADER_NONCE: "short"},
                    {**signed(method="GET", path="/v1/x", body=b""), signing.HEADER_TIMESTAMP: "²"}):
        with pytest.raises(signing.SignatureError) as err:
            verifier.verify("GET", "/v1/x", headers, b"")
        reasons.add(err.value.reason)
    assert reasons == {"unauthenticated"}
    with pytest.raises(signing.SignatureError, match="unsigned"):
        verifier.verify("GET", "/v1/x", {}, b"")


@pytest.mark.parametrize("skew", [-301, 301, 86_400])
def test_stale_or_future_timestamps_are_refused(skew):
    verifier, _ = make_verifier()
    headers = signed(now=NOW + skew)
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}')
    assert err.value.reason == "stale_timestamp"


def test_an_answer_is_believed_only_for_its_own_request():
    body = b'{"committed":true}'
    answer = {"Content-Type": "application/json"}
    answer.update(signing.sign_response(SECRET, "kiosk-01", "nonce-1-abcdefghijk", "POST",
                                        "/v1/dossiers/x/commit", 200, body, answer))
    signing.verify_response(SECRET, "kiosk-01", "nonce-1-abcdefghijk", "POST",
                            "/v1/dossiers/x/commit", 200, answer, body)
    wrong = [("nonce-2-abcdefghijk", 200, body, SECRET),   # replayed to another request
             ("nonce-1-abcdefghijk", 201, body, SECRET),   # another status
             ("nonce-1-abcdefghijk", 200, b'{"committed":false}', SECRET),  # another body
             ("nonce-1-abcdefghijk", 200, body, b"y" * 32)]  # made by someone else
    for nonce, status, got, key in wrong:
        with pytest.raises(signing.SignatureError, match="unauthenticated_answer"):
            signing.verify_response(key, "kiosk-01", nonce, "POST", "/v1/dossiers/x/commit",
                                    status, answer, got)
    with pytest.raises(signing.SignatureError, match="unauthenticated_answer"):
        signing.verify_response(SECRET, "kiosk-01", "nonce-1-abcdefghijk", "POST",
                                "/v1/dossiers/x/commit", 200, {"Content-Type": "application/json"}, body)


def test_a_bodyless_request_verifies_whatever_the_server_adds_or_drops():
    """Servers drop ``Content-Length: 0`` on a GET and invent a media type (wsgiref says
    text/plain): neither frames a body, so neither may break the signature."""
    verifier, _ = make_verifier()
    headers = signing.sign(SECRET, "kiosk-01", "GET", "/v1/x", b"", now=NOW)
    as_received = {k: v for k, v in headers.items() if k != "Content-Length"}
    as_received["Content-Type"] = "text/plain"
    verifier.verify("GET", "/v1/x", as_received, b"")
