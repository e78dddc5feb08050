"""Issue 10 item 5: the kiosk trusts only its central.

The finding: a fake central received the enrollment token and a whole dossier, answered
"committed", and the kiosk marked it acknowledged, which starts the purge clock on the only
copy.  Here a fake central on loopback answers "committed" to everything, or replays a
genuine signed answer of the real central; the kiosk believes neither, keeps the dossier
queued, and a plain-http central is refused outright without the development flag.
"""
from __future__ import annotations

import json

import pytest

from sync.client import CentralClient, canonical_json
from sync.credentials import Credentials, enroll, save_credentials
from sync.errors import NotConfigured, TransientError
from sync.retention import purge_acknowledged
from sync.state import sync_status
from sync.store.models_dossier import Dossier
from sync.testing.fake_central import FakeCentral
from sync.testing.samples import submission
from sync.worker import SyncWorker
from tests.sync.conftest import issue_token, kiosk_settings, queue_dossier


def says_committed(path, headers, body):
    """What a fake central would say to get a dossier purged: committed, in the contract's
    shape, for whichever dossier is asked about."""
    dossier_id = headers.get("Idempotency-Key") or (path.split("/")[3] if "/dossiers/" in path else "")
    state = {"dossier_id": dossier_id, "code": "000.00.00.H30-261203-0001", "status": 2,
             "committed": True, "attachments": []}
    if path == "/v1/kiosks":
        return 201, {"Content-Type": "application/json"}, json.dumps(
            {"kiosk_id": "kiosk-01", "secret": "ab" * 32}).encode()
    return 200, {"Content-Type": "application/json"}, json.dumps(state).encode()


@pytest.fixture
def fake():
    server = FakeCentral(says_committed)
    yield server
    server.close()


def test_a_fake_central_saying_committed_does_not_start_the_purge_clock(fake, kiosk_store, tmp_path):
    settings = kiosk_settings(tmp_path, fake.url, retention_hours=0)
    save_credentials(tmp_path / "cred-kiosk-01.json", Credentials("kiosk-01", b"s" * 32))
    got = queue_dossier(kiosk_store, settings, [b"the only copy"])
    worker = SyncWorker(kiosk_store, settings)
    result = worker.run_once()
    assert fake.received, "the kiosk did talk to the fake central"
    assert (result["delivered"], result["retry"]) == (0, 1)
    status = sync_status(kiosk_store)
    assert status.pending == 1 and "not authenticated" in status.last_error
    assert purge_acknowledged(kiosk_store, 0) == 0
    with kiosk_store.session() as s:
        dossier = s.get(Dossier, got.dossier_id)
        assert dossier.acked_at is None and dossier.status == "queued"
        assert kiosk_store.files.get(dossier.attachments[0].file_id) == b"the only copy"
    worker.close()


def test_a_fake_central_learns_no_enrollment_token_and_gives_no_secret(fake, tmp_path):
    settings = kiosk_settings(tmp_path, fake.url)
    token = "t0ken-the-administrator-typed-in-0123456789"
    kiosk = CentralClient(fake.url, "kiosk-01", None, allow_http=True)
    with pytest.raises(TransientError, match="not authenticated"):
        enroll(settings, kiosk, token)
    assert fake.received and token not in repr(fake.received)
    assert not (tmp_path / "cred-kiosk-01.json").exists()


def test_a_genuine_answer_replayed_to_another_request_is_not_believed(central, kiosk_client):
    first, second = submission(51, []), submission(52, [])
    kiosk_client.submit(first["dossier_id"], canonical_json(first))
    kiosk_client.submit(second["dossier_id"], canonical_json(second))
    genuine = kiosk_client.request("POST", f"/v1/dossiers/{first['dossier_id']}/commit")
    recorded = (genuine.status_code, dict(genuine.headers), genuine.content)
    replayer = FakeCentral(lambda path, headers, body: recorded)
    try:
        victim = CentralClient(replayer.url, "kiosk-01", kiosk_client.secret, allow_http=True)
        with pytest.raises(TransientError, match="not authenticated"):
            victim.commit(second["dossier_id"])  # the same answer, signed for another nonce
    finally:
        replayer.close()
    assert kiosk_client.dossier_state(second["dossier_id"]).committed is False


def test_plain_http_needs_the_development_flag_and_a_loopback_central(fake, kiosk_store, tmp_path):
    for url, flag in ((fake.url, False), ("http://10.20.30.40:8080", True),
                      ("ftp://127.0.0.1", True), ("https://", False)):
        with pytest.raises(NotConfigured):
            CentralClient(url, "kiosk-01", None, allow_http=flag)
    settings = kiosk_settings(tmp_path, fake.url, dev_insecure_http=False)
    save_credentials(tmp_path / "cred-kiosk-01.json", Credentials("kiosk-01", b"s" * 32))
    queue_dossier(kiosk_store, settings)
    worker = SyncWorker(kiosk_store, settings)  # the kiosk keeps working, sync says why
    assert worker.run_once()["delivered"] == 0
    assert not fake.received, "nothing may reach a central over plain http"
    assert "https" in sync_status(kiosk_store).last_error
    worker.close()


def test_the_kiosk_works_with_its_real_central(central, kiosk_store, tmp_path):
    """The counterpart: the genuine central's signed answers are believed."""
    settings = kiosk_settings(tmp_path, central.url)
    creds = CentralClient(central.url, "kiosk-01", None, allow_http=True)
    assert enroll(settings, creds, issue_token(central))[1] is True
    queue_dossier(kiosk_store, settings)
    worker = SyncWorker(kiosk_store, settings)
    assert worker.run_once()["delivered"] == 1
    worker.close()
