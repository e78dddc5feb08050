"""Signed requests: a forged, altered, stale or replayed request is refused."""
from __future__ import annotations

import pytest

from sync import signing

SECRET = bytes(range(32))


def make_verifier(now: float = 1_800_000_000.0):
    seen: set[tuple[str, str]] = set()

    def remember(kiosk, nonce, ts):
        if (kiosk, nonce) in seen:
            return False
        seen.add((kiosk, nonce))
        return True

    verifier = signing.Verifier(lambda k: SECRET if k == "kiosk-01" else None, remember,
                                clock=lambda: now)
    return verifier, seen


def signed(method="POST", path="/v1/dossiers", body=b'{"a":1}', now=1_800_000_000.0, **kw):
    return signing.sign(SECRET, "kiosk-01", method, path, body, now=now, **kw)


def test_a_genuine_request_is_accepted_once_and_its_replay_refused():
    verifier, _ = make_verifier()
    headers = signed()
    assert verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}').kiosk_id == "kiosk-01"
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}')
    assert err.value.reason == "replayed"


@pytest.mark.parametrize("method,path,body", [
    ("PUT", "/v1/dossiers", b'{"a":1}'),
    ("POST", "/v1/dossiers?x=1", b'{"a":1}'),
    ("POST", "/v1/dossiers", b'{"a":2}'),
])
def test_any_change_to_method_path_or_body_breaks_the_signature(method, path, body):
    verifier, seen = make_verifier()
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify(method, path, signed(), body)
    assert err.value.reason == "bad_signature"
    assert not seen, "a forged request must not consume the kiosk's nonce"


def test_a_signature_made_with_another_secret_is_refused():
    verifier, _ = make_verifier()
    headers = signing.sign(b"x" * 32, "kiosk-01", "POST", "/v1/dossiers", b"", now=1_800_000_000)
    with pytest.raises(signing.SignatureError, match="bad_signature"):
        verifier.verify("POST", "/v1/dossiers", headers, b"")


@pytest.mark.parametrize("skew", [-301, 301, 86_400])
def test_stale_or_future_timestamps_are_refused(skew):
    verifier, _ = make_verifier()
    headers = signed(now=1_800_000_000 + skew)
    with pytest.raises(signing.SignatureError) as err:
        verifier.verify("POST", "/v1/dossiers", headers, b'{"a":1}')
    assert err.value.reason == "stale_timestamp"


def test_unknown_kiosk_and_missing_or_malformed_headers_are_refused():
    verifier, _ = make_verifier()
    headers = signing.sign(SECRET, "kiosk-99", "GET", "/v1/x", b"", now=1_800_000_000)
    with pytest.raises(signing.SignatureError, match="unknown_kiosk"):
        verifier.verify("GET", "/v1/x", headers, b"")
    with pytest.raises(signing.SignatureError, match="unsigned"):
        verifier.verify("GET", "/v1/x", {}, b"")
    bad = signed(method="GET", path="/v1/x", body=b"")
    bad[signing.HEADER_NONCE] = "short"
    with pytest.raises(signing.SignatureError, match="bad_signature"):
        verifier.verify("GET", "/v1/x", bad, b"")
