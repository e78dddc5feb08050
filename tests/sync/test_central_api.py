"""The reference central on PostgreSQL: intake, dedupe, resumable verified uploads, catalog."""
from __future__ import annotations

import os
import threading

import pytest

from sync.check_code import check_code
from sync.client import canonical_json
from sync.errors import PermanentError, SyncError
from sync.testing.samples import submission
from tests.sync.conftest import ADMIN, central_file, issue_token, presence, register


def upload_all(client, sub: dict, blobs: list[bytes], chunk: int = 100_000) -> None:
    for manifest, blob in zip(sub["attachments"], blobs):
        for off in range(0, len(blob), chunk):
            client.upload_chunk(sub["dossier_id"], manifest["attachment_id"], off,
                                blob[off:off + chunk])


def test_registration_needs_an_enrollment_token_issued_for_the_kiosk(central):
    from sync.client import CentralClient
    from sync.errors import TransientError

    intruder = CentralClient(central.url, "kiosk-x", None, allow_http=True)
    with pytest.raises(TransientError) as err:  # the central's 401 cannot be signed for it
        intruder.register("wrong", "000.00.00.H30")
    assert err.value.status == 401
    register(central, "kiosk-x")
    with pytest.raises(ValueError, match="--rekey"):  # the admin must ask for a re-keying
        issue_token(central, "kiosk-x")


def test_a_dossier_is_received_once_whatever_the_retries(central, kiosk_client):
    blobs = [os.urandom(250_000), os.urandom(1), b""]
    sub = submission(1, blobs)
    body = canonical_json(sub)
    first = kiosk_client.submit(sub["dossier_id"], body)
    again = kiosk_client.submit(sub["dossier_id"], body)
    assert first == again and first.code == sub["code"]
    # the same key with other content is an error, not a silent overwrite
    changed = canonical_json({**sub, "summary": "khác"})
    with pytest.raises(PermanentError) as err:
        kiosk_client.submit(sub["dossier_id"], changed)
    assert err.value.code == "idempotency_conflict"
    # another dossier cannot take the same code
    other = {**submission(1, []), "code": sub["code"]}
    with pytest.raises(PermanentError) as err:
        kiosk_client.submit(other["dossier_id"], canonical_json(other))
    assert err.value.status == 409

    with pytest.raises(PermanentError) as err:
        kiosk_client.commit(sub["dossier_id"])
    assert err.value.code == "incomplete_attachments"
    upload_all(kiosk_client, sub, blobs)
    state = kiosk_client.commit(sub["dossier_id"])
    assert state.committed and state.status == 2
    assert kiosk_client.commit(sub["dossier_id"]).committed  # commit is idempotent too
    for manifest, blob in zip(sub["attachments"], blobs):
        path = central.app.config.files_dir / manifest["attachment_id"][:2] / manifest["attachment_id"]
        assert path.read_bytes() == blob
    assert kiosk_client.status_by_code(sub["code"], check_code(sub["dossier_id"]))["status"] == 2


def test_uploads_resume_at_the_received_offset_and_refuse_bad_bytes(central, kiosk_client):
    blob = os.urandom(300_000)
    sub = submission(2, [blob])
    kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    att = sub["attachments"][0]["attachment_id"]
    kiosk_client.upload_chunk(sub["dossier_id"], att, 0, blob[:100_000])
    # a kiosk restarting from zero is told where to resume
    with pytest.raises(PermanentError) as err:
        kiosk_client.upload_chunk(sub["dossier_id"], att, 0, blob[:100_000])
    assert err.value.code == "offset_mismatch" and err.value.body["received"] == 100_000
    assert kiosk_client.dossier_state(sub["dossier_id"]).attachments[0].received == 100_000
    # corrupted bytes whose chunk hash still matches are caught by the whole-file SHA-256
    bad_tail = bytes(200_000)
    with pytest.raises(PermanentError) as err:
        kiosk_client.upload_chunk(sub["dossier_id"], att, 100_000, bad_tail)
    assert err.value.code == "attachment_hash_mismatch"
    assert kiosk_client.dossier_state(sub["dossier_id"]).attachments[0].received == 0
    upload_all(kiosk_client, sub, [blob], chunk=64_000)
    assert kiosk_client.commit(sub["dossier_id"]).committed


def test_a_kiosk_sees_only_its_own_dossiers(central, kiosk_client):
    sub = submission(3, [b"abc"])
    kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    other = register(central, "kiosk-02")
    with pytest.raises(PermanentError) as err:
        other.upload_chunk(sub["dossier_id"], sub["attachments"][0]["attachment_id"], 0, b"abc")
    assert err.value.status == 404


def test_code_must_match_the_day_received(central, kiosk_client):
    from datetime import datetime, timedelta, timezone

    sub = submission(4, [])
    sub["received_at"] = (datetime.now(timezone.utc) - timedelta(days=2)).isoformat()
    with pytest.raises(PermanentError) as err:
        kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    assert err.value.code == "code_day_mismatch"


def test_allocations_never_overlap_under_concurrent_kiosks(central):
    from sync.numbering_leased import centre_today

    DAY = centre_today()

    clients = [register(central, f"kiosk-{i:02d}") for i in range(4)]
    got: list[tuple[int, int]] = []
    lock = threading.Lock()

    def take(client):
        for _ in range(25):
            block = client.allocate("dossier_code", "000.00.00.H30", DAY, 3)
            with lock:
                got.append(block)

    threads = [threading.Thread(target=take, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [n for first, last in got for n in range(first, last + 1)]
    assert sorted(numbers) == list(range(1, 301))
    with pytest.raises(PermanentError) as err:
        clients[0].allocate("dossier_code", "000.00.00.H30", DAY, 9000)
    assert err.value.status == 422  # count is limited to 1000 per request
    clients[0].allocate("ticket", "A", DAY, 1000)
    with pytest.raises(PermanentError) as err:
        for _ in range(9):
            clients[0].allocate("ticket", "A", DAY, 1000)
    assert err.value.code == "series_exhausted"


def test_catalog_is_served_with_etags(central, kiosk_client):
    import requests

    doc = {"procedures": [{"code": "1.004222", "name": "Đăng ký thường trú"}]}
    resp = requests.put(central.url + "/v1/catalog/procedures", json=doc,
                        headers={"Authorization": "Bearer " + issue_token(central, "kiosk-9")})
    assert resp.status_code == 401  # an enrollment token does not publish catalogs
    resp = requests.put(central.url + "/v1/catalog/procedures", json=doc,
                        headers={"Authorization": "Bearer " + ADMIN})
    assert resp.status_code == 200
    etag, body = kiosk_client.catalog("procedures")
    assert body == doc and etag
    assert kiosk_client.catalog("procedures", etag) == (etag, None)
    requests.put(central.url + "/v1/catalog/procedures", json={"procedures": []},
                 headers={"Authorization": "Bearer " + ADMIN})
    new_etag, body = kiosk_client.catalog("procedures", etag)
    assert new_etag != etag and body == {"procedures": []}


def test_committed_papers_become_reusable_by_id_number(central, kiosk_client):
    sub = submission(5, [b"scan"])
    kiosk_client.submit(sub["dossier_id"], canonical_json(sub))
    owner = sub["applicant"]["id_number"]
    assert kiosk_client.search_papers(owner, presence(kiosk_client, owner)) == []
    upload_all(kiosk_client, sub, [b"scan"])
    kiosk_client.commit(sub["dossier_id"])
    papers = kiosk_client.search_papers(owner, presence(kiosk_client, owner))
    assert [p["TenGiayTo"] for p in papers] == ["Giấy tờ"]
    assert papers[0]["SoKyHieu"] == sub["code"]


def test_heartbeat_is_recorded(central, kiosk_client):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from sync.central.models import Kiosk

    kiosk_client.heartbeat(queue_depth=3, devices={"printer": "ok", "idcard": "fault"})
    with Session(central.engine) as s:
        kiosk = s.scalars(select(Kiosk).where(Kiosk.kiosk_id == "kiosk-01")).one()
        assert '"queue_depth":3' in kiosk.last_heartbeat and kiosk.last_heartbeat_at


def test_bundles_are_all_or_nothing_and_complete_a_partial_upload(central, kiosk_client):
    blobs = [os.urandom(120_000), os.urandom(40_000)]
    sub = submission(8, blobs)
    body = canonical_json(sub)
    with pytest.raises(PermanentError) as err:  # one byte short
        kiosk_client.submit_bundle(sub["dossier_id"], body, [blobs[0], blobs[1][:-1]])
    assert err.value.code == "bundle_length_mismatch"
    with pytest.raises(PermanentError) as err:  # right length, wrong bytes
        kiosk_client.submit_bundle(sub["dossier_id"], body, [blobs[0], bytes(40_000)])
    assert err.value.code == "attachment_hash_mismatch"
    with pytest.raises(PermanentError):  # nothing of the refused bundles was kept
        kiosk_client.dossier_state(sub["dossier_id"])
    # a chunked attempt got the first attachment through, then the bundle completes it
    kiosk_client.submit(sub["dossier_id"], body)
    kiosk_client.upload_chunk(sub["dossier_id"], sub["attachments"][0]["attachment_id"], 0, blobs[0])
    state = kiosk_client.submit_bundle(sub["dossier_id"], body, blobs)
    assert state.committed and all(a.complete for a in state.attachments)
    assert [central_file(central, a["attachment_id"]) for a in sub["attachments"]] == blobs
    assert kiosk_client.submit_bundle(sub["dossier_id"], body, blobs).committed  # repeat


def test_a_bundle_over_the_limit_is_refused_with_413(central, kiosk_client):
    central.app.config.max_bundle_bytes = 100_000
    blob = os.urandom(150_000)
    sub = submission(9, [blob])
    with pytest.raises(SyncError) as err:  # refused before the signature is read: unsigned
        kiosk_client.submit_bundle(sub["dossier_id"], canonical_json(sub), [blob])
    assert err.value.status == 413


def test_a_batch_of_dossiers_is_all_or_nothing_and_idempotent(central, kiosk_client):
    blobs = [[os.urandom(50_000), os.urandom(7)] for _ in range(3)]
    subs = [submission(20 + i, b) for i, b in enumerate(blobs)]
    batch = [(s["dossier_id"], canonical_json(s), b) for s, b in zip(subs, blobs)]
    broken = batch[:2] + [(batch[2][0], batch[2][1], [blobs[2][0], bytes(7)])]
    with pytest.raises(PermanentError) as err:  # the third has a wrong attachment
        kiosk_client.submit_batch(broken)
    assert (err.value.code, err.value.body["index"]) == ("attachment_hash_mismatch", 2)
    with pytest.raises(PermanentError):  # nothing of the refused batch was kept
        kiosk_client.dossier_state(subs[0]["dossier_id"])
    states = kiosk_client.submit_batch(batch)
    assert [s.dossier_id for s in states] == [s["dossier_id"] for s in subs]
    assert all(s.committed and s.status == 2 for s in states)
    for sub, pair in zip(subs, blobs):
        assert [central_file(central, a["attachment_id"]) for a in sub["attachments"]] == pair
    again = kiosk_client.submit_batch(batch)  # a retry after a lost answer: nothing twice
    assert [s.code for s in again] == [s.code for s in states]
    assert kiosk_client.submit_bundle(subs[1]["dossier_id"], batch[1][1], blobs[1]).committed


def test_a_batch_that_does_not_add_up_is_refused(central, kiosk_client):
    blobs = [os.urandom(1000)]
    sub = submission(30, blobs)
    body = canonical_json(sub)
    for lengths, payload in ((f"{len(body)}", body + blobs[0][:-1]),  # ends too soon
                             (f"{len(body)}", body + blobs[0] + b"x"),  # bytes left over
                             ("12,x", body + blobs[0]), ("", body + blobs[0])):
        with pytest.raises(PermanentError) as err:
            kiosk_client.request("POST", "/v1/dossier-batches", payload, headers={
                "Content-Type": "application/vnd.motcua.dossier-batch",
                "X-Submission-Lengths": lengths})
        assert err.value.status == 400, lengths
    with pytest.raises(PermanentError):
        kiosk_client.dossier_state(sub["dossier_id"])
