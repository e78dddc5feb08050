"""Issue 10 item 4: one-time enrollment tokens, re-keying by the administrator only, kiosk ids
that cannot be probed, caches that cannot grow.  Against the real central on loopback."""
from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.cli import main
from sync import signing
from sync.central.models import EnrollmentToken
from sync.central.service import KioskCache
from sync.client import CentralClient, canonical_json
from sync.errors import SyncError, TransientError
from tests.sync.conftest import AGENCY, issue_token, register


def client(central, kiosk_id="kiosk-01") -> CentralClient:
    return CentralClient(central.url, kiosk_id, None, allow_http=True)


def refused_registration(central, token, kiosk_id="kiosk-01", agency=AGENCY) -> SyncError:
    with pytest.raises(SyncError) as err:
        client(central, kiosk_id).register(token, agency)
    return err.value


def test_a_token_registers_once(central):
    token = issue_token(central)
    client(central).register(token, AGENCY)
    err = refused_registration(central, token)  # the finding: it was a reusable master key
    assert err.status == 401


def test_a_token_is_bound_to_its_kiosk_agency_and_lifetime(central):
    token = issue_token(central, "kiosk-01")
    assert refused_registration(central, token, kiosk_id="kiosk-02").status == 401
    assert refused_registration(central, token, agency="000.00.01.H22").status == 403
    with Session(central.engine) as s:  # the lifetime runs out
        s.execute(update(EnrollmentToken).values(expires_at=EnrollmentToken.created_at))
        s.commit()
    assert refused_registration(central, token).status == 401
    newer = issue_token(central, "kiosk-01")
    client(central).register(newer, AGENCY)


def test_a_new_token_voids_the_older_one(central):
    old = issue_token(central, "kiosk-01")
    new = issue_token(central, "kiosk-01")
    assert refused_registration(central, old).status == 401
    client(central).register(new, AGENCY)


def test_only_the_tokens_hash_is_kept_and_the_token_never_travels(central):
    token = issue_token(central)
    with Session(central.engine) as s:
        kept = s.scalars(select(EnrollmentToken.token_sha256)).all()
    assert kept == [signing.enrollment_key(token).hex()] and token not in kept[0]
    seen = []
    kiosk = client(central)
    original = kiosk.session.request
    kiosk.session.request = lambda *a, **kw: seen.append((a, kw)) or original(*a, **kw)
    kiosk.register(token, AGENCY)
    assert token not in repr(seen)


def test_rekeying_is_an_administrators_act(central):
    kiosk = register(central, "kiosk-01")
    old_secret = kiosk.secret
    # no query string re-registers a kiosk any more
    resp = requests.post(central.url + "/v1/kiosks?rotate=1", json={"kiosk_id": "kiosk-01",
                                                                   "agency_id": AGENCY}, timeout=5)
    assert resp.status_code == 401
    with pytest.raises(ValueError, match="--rekey"):
        issue_token(central, "kiosk-01")
    with pytest.raises(ValueError, match="not registered"):
        issue_token(central, "kiosk-99", rekey=True)
    token = issue_token(central, "kiosk-01", rekey=True)
    kiosk.heartbeat(queue_depth=0)  # the old secret works until the new one is taken
    fresh = client(central)
    fresh.register(token, AGENCY)
    assert fresh.secret != old_secret
    fresh.heartbeat(queue_depth=0)
    central.app._kiosks.forget("kiosk-01")  # another process's cache: within its TTL
    with pytest.raises(TransientError) as err:
        kiosk.heartbeat(queue_depth=0)
    assert err.value.status == 401


def test_an_unknown_kiosk_and_a_bad_signature_answer_alike(central):
    register(central, "kiosk-01")
    body = canonical_json({"queue_depth": 0})
    answers = []
    for kiosk_id in ("kiosk-01", "kiosk-nobody"):  # exists (wrong key), does not exist
        headers = {"Content-Type": "application/json",
                   **signing.sign(b"k" * 32, kiosk_id, "POST", "/v1/heartbeat", body,
                                  headers={"Content-Type": "application/json"})}
        resp = requests.post(central.url + "/v1/heartbeat", data=body, headers=headers, timeout=5)
        answers.append((resp.status_code, resp.content,
                        {k: v for k, v in resp.headers.items() if k not in ("Date",)}))
    assert answers[0] == answers[1]
    assert answers[0][0] == 401 and b"unauthenticated" in answers[0][1]


def test_the_kiosk_cache_stays_bounded_whatever_ids_arrive(central):
    central.app._kiosks = KioskCache(max_entries=50)
    body = canonical_json({"queue_depth": 0})
    with requests.Session() as http:
        for n in range(200):
            kiosk_id = f"probe-{n}"
            headers = {"Content-Type": "application/json",
                       **signing.sign(b"k" * 32, kiosk_id, "POST", "/v1/heartbeat", body,
                                      headers={"Content-Type": "application/json"})}
            assert http.post(central.url + "/v1/heartbeat", data=body, headers=headers,
                             timeout=5).status_code == 401
    assert len(central.app._kiosks) == 50


def test_the_admin_command_issues_a_token_a_kiosk_can_use(central, central_db, capsys):
    assert main(["central", "enroll-token", "--db", central_db, "--kiosk-id", "kiosk-07",
                 "--agency", AGENCY, "--centre", "centre-h30", "--ttl", "2h"]) == 0
    out = capsys.readouterr()
    token = out.out.strip()
    assert "valid 2 h" in out.err
    client(central, "kiosk-07").register(token, AGENCY)
    assert main(["central", "enroll-token", "--db", central_db, "--kiosk-id", "kiosk-07",
                 "--agency", AGENCY]) == 1  # registered: --rekey is needed
    assert "--rekey" in capsys.readouterr().err
    with Session(central.engine) as s:
        row = s.scalars(select(EnrollmentToken)).one()
    assert row.used_at is not None and row.expires_at - row.created_at == timedelta(hours=2)
