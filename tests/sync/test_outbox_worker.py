"""Kiosk side: a dossier is queued with its outbox row, delivered by the worker, and kept
until the central has it whatever the central does."""
from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from sync.state import retry, sync_status
from sync.store.models_dossier import Dossier, DossierAttachment
from sync.store.models_sync import OutboxItem
from sync.worker import SyncWorker
from sync.check_code import check_code
from tests.sync.conftest import (
    central_file,
    kiosk_settings,
    presence,
    provisioned,
    queue_dossier,
)


def test_dossier_attachments_and_outbox_are_written_together_and_encrypted(kiosk_store, tmp_path):
    settings = kiosk_settings(tmp_path, "")
    got = queue_dossier(kiosk_store, settings, [b"page one", b"page two"])
    with kiosk_store.session() as s:
        dossier = s.get(Dossier, got.dossier_id)
        assert dossier.code == got.code and len(dossier.attachments) == 2
        assert dossier.applicant["full_name"] == "Trần Văn Mẫu"
        outbox = s.scalars(select(OutboxItem)).one()
        assert (outbox.ref_id, outbox.state) == (got.dossier_id, "pending")
    raw = b"".join(p.read_bytes() for p in (tmp_path / "kiosk").rglob("*") if p.is_file())
    for secret in ("Trần Văn Mẫu".encode(), b"001300999888", "chuyển nơi ở".encode(), b"page one"):
        assert secret not in raw, "personal data must be encrypted at rest"


def test_a_failed_code_allocation_leaves_nothing_half_written(kiosk_store, tmp_path):
    from sync.numbering_leased import NumbersExhausted

    settings = kiosk_settings(tmp_path, "", numbering="leased", fallback_size=1)
    queue_dossier(kiosk_store, settings)
    with pytest.raises(NumbersExhausted):
        queue_dossier(kiosk_store, settings)
    with kiosk_store.session() as s:
        assert len(s.scalars(select(Dossier)).all()) == 1
        assert len(s.scalars(select(OutboxItem)).all()) == 1
        assert len(s.scalars(select(DossierAttachment)).all()) == 1


def test_worker_delivers_and_records_success(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path)
    blobs = [os.urandom(200_000), os.urandom(3)]
    got = queue_dossier(kiosk_store, settings, blobs)
    worker = SyncWorker(kiosk_store, settings)
    assert worker.run_once()["delivered"] == 1
    st = sync_status(kiosk_store)
    assert (st.pending, st.delivered, st.failed) == (0, 1, 0) and st.last_success_at
    with kiosk_store.session() as s:
        atts = s.get(Dossier, got.dossier_id).attachments
        assert [central_file(central, a.id) for a in atts] == blobs
        assert s.get(Dossier, got.dossier_id).status == "acked"
    cred = tmp_path / "cred-kiosk-01.json"
    assert stat.S_IMODE(cred.stat().st_mode) == 0o600


def test_unreachable_central_backs_off_and_keeps_the_dossier(kiosk_store, tmp_path):
    from sync.testing.pgcluster import free_port

    settings = kiosk_settings(tmp_path, f"http://127.0.0.1:{free_port()}", backoff_base_s=30,
                              backoff_max_s=60, breaker_threshold=2)
    queue_dossier(kiosk_store, settings)
    (tmp_path / "cred-kiosk-01.json").write_text('{"kiosk_id": "kiosk-01", "secret": "00"}')
    worker = SyncWorker(kiosk_store, settings)
    before = datetime.now(timezone.utc)
    worker.run_once()
    after = datetime.now(timezone.utc)
    st = sync_status(kiosk_store)
    assert (st.pending, st.retrying) == (1, 1) and "network" in st.last_error
    with kiosk_store.session() as s:
        item = s.scalars(select(OutboxItem)).one()
        due = item.next_attempt_at.replace(tzinfo=timezone.utc)
        # the first retry waits 15-30 s (half to all of the base, jittered), counted from the
        # failure, however long the pass itself took on a slow machine
        assert before + timedelta(seconds=15) <= due <= after + timedelta(seconds=30)
    # not due yet: a second pass does not try it, so the breaker sees one failure only
    worker.run_once()
    assert worker.breaker.state == "closed"
    retry(kiosk_store, "all")
    worker.run_once()
    assert worker.breaker.state == "open" and sync_status(kiosk_store).breaker_open_until
    retry(kiosk_store, "all")
    assert worker.run_once()["retry"] == 0, "an open breaker must not call the central"


def test_a_refused_dossier_is_parked_and_retried_on_request(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path)
    got = queue_dossier(kiosk_store, settings)
    with kiosk_store.session() as s:  # break the contract: the central will refuse it
        s.get(Dossier, got.dossier_id).procedure_code = "not-a-code"
    worker = SyncWorker(kiosk_store, settings)
    assert worker.run_once()["failed"] == 1
    st = sync_status(kiosk_store)
    assert st.failed == 1 and "422" in st.failing_items[0].last_error
    assert worker.run_once()["failed"] == 0, "a refused item is not retried by itself"
    with kiosk_store.session() as s:
        s.get(Dossier, got.dossier_id).procedure_code = "1.004222"
    assert retry(kiosk_store, got.code) == 1
    assert worker.run_once()["delivered"] == 1
    assert sync_status(kiosk_store).failed == 0


def test_a_partial_upload_is_resumed_not_restarted(central, kiosk_store, tmp_path):
    from sync.dossiers import submission_body

    settings = provisioned(central, tmp_path, chunk_size_bytes=65_536,
                              parallel_deliveries=1, bundle_max_bytes=0)
    blob = os.urandom(400_000)
    got = queue_dossier(kiosk_store, settings, [blob])
    worker = SyncWorker(kiosk_store, settings)
    worker.run_once()  # delivers everything: make a second one to interrupt
    got = queue_dossier(kiosk_store, settings, [blob])
    with kiosk_store.session() as s:
        dossier = s.get(Dossier, got.dossier_id)
        body, att = submission_body(dossier), dossier.attachments[0].id
    worker.client.submit(got.dossier_id, body)
    worker.client.upload_chunk(got.dossier_id, att, 0, blob[:300_000])
    sent = []
    original = worker.client.upload_chunk
    worker.client.upload_chunk = lambda d, a, off, chunk: sent.append(off) or original(d, a, off, chunk)
    assert worker.run_once()["delivered"] == 1
    assert sent and min(sent) == 300_000, "the upload must continue where the central stopped"
    assert central_file(central, att) == blob


def test_purge_waits_for_the_acknowledgement_then_the_window(central, kiosk_store, tmp_path):
    from sync.retention import purge_acknowledged

    settings = provisioned(central, tmp_path, retention_hours=24)
    later = datetime.now(timezone.utc) + timedelta(days=30)
    got = queue_dossier(kiosk_store, settings, [b"scan of a paper"])
    with kiosk_store.session() as s:
        file_id = s.get(Dossier, got.dossier_id).attachments[0].file_id
    # not acknowledged: never purged, however old
    assert purge_acknowledged(kiosk_store, 0, now=later) == 0
    assert kiosk_store.files.exists(file_id)
    SyncWorker(kiosk_store, settings).run_once()
    # acknowledged, inside the window: kept
    assert purge_acknowledged(kiosk_store, 24) == 0
    # past the window: personal data and files gone, the code stays for the receipt
    assert purge_acknowledged(kiosk_store, 24, now=later) == 1
    assert not kiosk_store.files.exists(file_id)
    with kiosk_store.session() as s:
        dossier = s.get(Dossier, got.dossier_id)
        assert (dossier.applicant, dossier.answers, dossier.summary) == (None, None, None)
        assert dossier.status == "purged" and dossier.code == got.code
        assert dossier.attachments[0].file_id is None


def test_a_small_dossier_goes_in_one_request(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path, bundle_max_bytes=1 << 20)
    worker = SyncWorker(kiosk_store, settings)
    worker.run_once()  # leases, heartbeat
    blobs = [os.urandom(100_000), os.urandom(5), os.urandom(70_000)]
    got = queue_dossier(kiosk_store, settings, blobs)
    calls = []
    original = worker.client.request
    worker.client.request = lambda method, path, *a, **k: calls.append(path) or original(method, path, *a, **k)
    assert worker.run_once()["delivered"] == 1
    assert [c for c in calls if "dossier" in c] == ["/v1/dossier-bundles"]
    with kiosk_store.session() as s:
        ids = [a.id for a in s.get(Dossier, got.dossier_id).attachments]
    assert [central_file(central, i) for i in ids] == blobs
    assert worker.client.status_by_code(got.code, check_code(got.dossier_id)) | {"received_at": None} == {
        "code": got.code, "status": 2, "committed": True, "received_at": None}
    papers = worker.client.search_papers("001300999888", presence(worker.client, "001300999888"))
    assert sorted(p["TenGiayTo"] for p in papers if p["SoKyHieu"] == got.code) == [
        "Giấy tờ 1", "Giấy tờ 2", "Giấy tờ 3"]


def test_a_dossier_that_breaks_the_contract_is_refused_before_anything_is_written(kiosk_store,
                                                                                  tmp_path):
    from sync.dossiers import InvalidDossier, submit_dossier
    from sync.numbering_leased import dossier_code_source

    settings = kiosk_settings(tmp_path, "")
    for applicant in ({"full_name": "Trần Văn Mẫu", "id_number": "12AB"},          # bad ID
                      {"full_name": "Trần Văn Mẫu", "id_number": 1300999888},       # wrong type
                      {"full_name": "Trần Văn Mẫu", "id_number": "001300999888", "x": 1}):  # unknown
        with pytest.raises(InvalidDossier) as err:
            submit_dossier(kiosk_store, dossier_code_source(settings), agency_id=settings.agency_id,
                           procedure_code="1.004222", procedure_name="Đăng ký thường trú",
                           applicant=applicant, answers={})
        assert "applicant" in str(err.value) and err.value.vi and err.value.en
        assert "1300999888" not in str(err.value) and "12AB" not in str(err.value)
    with kiosk_store.session() as s:
        assert s.scalars(select(Dossier)).all() == [] and s.scalars(select(OutboxItem)).all() == []
    assert not list(kiosk_store.files.root.rglob("*.bin"))


def test_the_background_worker_stops_mid_upload_and_the_next_one_resumes(central, kiosk_store,
                                                                         tmp_path):
    import time

    from sync.testing.faultproxy import FaultProxy

    proxy = FaultProxy(central.port, {"slow": 1.0}).start()
    slow = provisioned(central, tmp_path, url=proxy.url, bundle_max_bytes=0,
                       chunk_size_bytes=4096, parallel_deliveries=1)
    blob = os.urandom(400_000)
    got = queue_dossier(kiosk_store, slow, [blob])
    worker = SyncWorker(kiosk_store, slow).start()
    with kiosk_store.session() as s:
        att = s.get(Dossier, got.dossier_id).attachments[0].id
    from sqlalchemy.orm import Session

    from sync.central.models import Attachment as CentralAttachment

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # wait until the upload is under way at the central
        with Session(central.engine) as cs:
            row = cs.get(CentralAttachment, att)
            if row is not None and row.received > 0:
                break
        time.sleep(0.1)
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 5, "stopping must not wait for the whole upload"
    proxy.stop()
    st = sync_status(kiosk_store)
    assert st.pending == 1 and st.last_error is None, "a shutdown is not a failure"
    fast = provisioned(central, tmp_path, bundle_max_bytes=0)
    SyncWorker(kiosk_store, fast).run_once()
    assert sync_status(kiosk_store).delivered == 1
    assert central_file(central, att) == blob


def test_first_attempts_share_a_request_and_a_refused_one_does_not_hold_up_the_rest(
        central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path, bundle_max_bytes=1 << 20, batch_dossiers=4,
                              parallel_deliveries=1)
    worker = SyncWorker(kiosk_store, settings)
    worker.run_once()  # leases, heartbeat
    blobs = [[os.urandom(60_000), os.urandom(3)] for _ in range(5)]
    got = [queue_dossier(kiosk_store, settings, b) for b in blobs]
    calls = []
    original = worker.client.request
    worker.client.request = lambda method, path, *a, **k: calls.append(path) or original(method, path, *a, **k)
    assert worker.run_once()["delivered"] == 5
    assert [c for c in calls if "dossier" in c] == ["/v1/dossier-batches", "/v1/dossier-bundles"]
    for one, pair in zip(got, blobs):
        with kiosk_store.session() as s:
            ids = [a.id for a in s.get(Dossier, one.dossier_id).attachments]
        assert [central_file(central, i) for i in ids] == pair
    # a batch with a dossier the central refuses: the others arrive, that one is parked
    got = [queue_dossier(kiosk_store, settings, b) for b in blobs[:3]]
    with kiosk_store.session() as s:
        s.get(Dossier, got[1].dossier_id).procedure_code = "not-a-code"
    calls.clear()
    result = worker.run_once()
    assert (result["delivered"], result["failed"]) == (2, 1)
    assert [c for c in calls if "dossier" in c][0] == "/v1/dossier-batches"
    st = sync_status(kiosk_store)
    assert st.failed == 1 and st.failing_items[0].dossier_code == got[1].code
    assert worker.client.status_by_code(got[2].code, check_code(got[2].dossier_id))["committed"]


def test_a_damaged_attachment_on_the_kiosk_is_parked_not_sent(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path, bundle_max_bytes=1 << 20)
    worker = SyncWorker(kiosk_store, settings)
    worker.run_once()  # leases, heartbeat
    got = [queue_dossier(kiosk_store, settings, [os.urandom(20_000)]) for _ in range(3)]
    with kiosk_store.session() as s:
        file_id = s.get(Dossier, got[0].dossier_id).attachments[0].file_id
    path = kiosk_store.files.root / file_id[:2] / f"{file_id}.bin"
    blob = bytearray(path.read_bytes())
    blob[100] ^= 1  # a flipped bit on the kiosk's disk
    path.write_bytes(bytes(blob))
    result = worker.run_once()
    assert (result["delivered"], result["failed"]) == (2, 1)
    assert sync_status(kiosk_store).failing_items[0].dossier_code == got[0].code
    from sync.errors import PermanentError

    with pytest.raises(PermanentError) as err:  # nothing of it reached the central
        worker.client.status_by_code(got[0].code, check_code(got[0].dossier_id))
    assert err.value.status == 404
