"""Attachments on an S3-compatible object store (``serve --files s3://bucket/prefix``).

The store is a real S3 server, moto's, on 127.0.0.1 in this process (started and stopped by
the fixture); the central talks to it through boto3 as it would to any S3-compatible service.
What a user notices: every byte a kiosk sends is in the bucket with its SHA-256, whichever
central took it and however it was sent (bundle or resumable chunks), and a store that is
down or lacks its bucket makes the central answer 503 with nothing acknowledged, so the
kiosk keeps its copy and sends it again later."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from sync.central.models import Attachment, Dossier
from sync.central.server import CentralServer
from sync.central.storage import S3Storage
from sync.client import canonical_json
from sync.errors import PermanentError, TransientError
from sync.testing.central_proc import CentralProcess
from sync.testing.samples import submission
from tests.sync.conftest import ENV, ROOT, kiosk_settings, provision, register
from tests.sync.test_central_api import upload_all
from tests.sync.test_multiprocess import kiosk_cmd

BUCKET = "central-files"


@pytest.fixture
def s3(monkeypatch):
    """A real S3-compatible server on loopback with one bucket; the AWS variables the
    central reads (the child centrals inherit them)."""
    for name, value in {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret",
                        "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps its buckets per process, not per server: start from an empty store
    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", method="POST"))
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


def stored(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


@pytest.fixture
def s3_central(s3, central_db, tmp_path):
    endpoint, _ = s3
    server = CentralServer(central_db, files_dir=tmp_path / "unused-folder",
                           store=S3Storage(f"s3://{BUCKET}/h30", endpoint)).start()
    yield server
    server.stop()


def test_bundles_and_chunked_uploads_land_in_the_bucket_verified(s3, s3_central, tmp_path):
    _, client = s3
    kiosk = register(s3_central)
    blobs = [os.urandom(40_000), b"", os.urandom(3)]
    sub = submission(1, blobs)
    assert kiosk.submit_bundle(sub["dossier_id"], canonical_json(sub), blobs).committed
    for manifest, blob in zip(sub["attachments"], blobs):
        assert stored(client, f"h30/{manifest['attachment_id']}") == blob

    # a resumable upload: chunks staged in the bucket, a damaged whole refused and reset ...
    blob = os.urandom(300_000)
    sub = submission(2, [blob])
    att = sub["attachments"][0]["attachment_id"]
    kiosk.submit(sub["dossier_id"], canonical_json(sub))
    kiosk.upload_chunk(sub["dossier_id"], att, 0, blob[:100_000])
    with pytest.raises(PermanentError) as err:
        kiosk.upload_chunk(sub["dossier_id"], att, 100_000, bytes(200_000))
    assert err.value.code == "attachment_hash_mismatch" and err.value.body["received"] == 0
    for prefix in (f"h30/{att}", f"h30/.staging/{att}/"):  # no object, the chunks dropped
        assert "Contents" not in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    # ... then sent again in other chunk sizes: the object is the file, the staging is gone
    upload_all(kiosk, sub, [blob], chunk=64_000)
    assert kiosk.dossier_state(sub["dossier_id"]).committed
    data = stored(client, f"h30/{att}")
    assert hashlib.sha256(data).hexdigest() == sub["attachments"][0]["sha256"]
    assert "Contents" not in client.list_objects_v2(Bucket=BUCKET, Prefix="h30/.staging/")
    assert not any((tmp_path / "unused-folder").rglob("*")), "nothing went to the folder"
    kiosk.close()


@pytest.mark.parametrize("where", ["missing bucket", "unreachable store"])
def test_a_store_that_cannot_take_the_bytes_answers_503_and_acknowledges_nothing(
        s3, central_db, tmp_path, where):
    endpoint, client = s3
    url = f"s3://{BUCKET}/h30"
    if where == "missing bucket":
        url = "s3://no-such-bucket/h30"
    else:
        with socket.socket() as sock:  # a port nothing listens on
            sock.bind(("127.0.0.1", 0))
            endpoint = f"http://127.0.0.1:{sock.getsockname()[1]}"
    central = CentralServer(central_db, files_dir=tmp_path / "unused",
                            store=S3Storage(url, endpoint)).start()
    try:
        kiosk = register(central)
        blobs = [os.urandom(1000)]
        sub = submission(3, blobs)
        with pytest.raises(TransientError) as err:
            kiosk.submit_bundle(sub["dossier_id"], canonical_json(sub), blobs)
        assert err.value.status == 503 and err.value.code == "storage_unavailable"
        with pytest.raises(PermanentError) as err:  # the dossier was not recorded
            kiosk.dossier_state(sub["dossier_id"])
        assert err.value.status == 404
        # a chunk the store cannot take is not counted as received
        kiosk.submit(sub["dossier_id"], canonical_json(sub))
        with pytest.raises(TransientError) as err:
            kiosk.upload_chunk(sub["dossier_id"], sub["attachments"][0]["attachment_id"], 0,
                               blobs[0])
        assert err.value.status == 503
        state = kiosk.dossier_state(sub["dossier_id"])
        assert state.attachments[0].received == 0 and not state.committed
        kiosk.close()
    finally:
        central.stop()
    assert "Contents" not in client.list_objects_v2(Bucket=BUCKET)


PER_KIOSK = 15


@pytest.mark.slow
def test_two_centrals_store_every_kiosk_attachment_once_in_one_bucket(s3, central_db,
                                                                      tmp_path):
    """``serve --files s3://… --s3-endpoint …`` as two hosts would run it, one database,
    one bucket, a kiosk on each: every dossier once, every attachment in the bucket by hash."""
    endpoint, client = s3
    centrals = [CentralProcess(tmp_path / f"central-{n}", central_db, "--files",
                               f"s3://{BUCKET}/province", "--s3-endpoint", endpoint)
                for n in (1, 2)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(CentralProcess.start, centrals))
    engine = create_engine(central_db)
    try:
        kiosks = [provision(engine, kiosk_settings(
            tmp_path, centrals[i].url, f"kiosk-{i}", numbering="leased", kiosk_slot=i,
            lease_block=10, lease_low_water=5, ticket_series=["A"], fallback_size=250))
            for i in range(2)]
        procs = [subprocess.Popen(kiosk_cmd("numbers", tmp_path, s, str(PER_KIOSK), "attach"),
                                  cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for s in kiosks]
        codes = []
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()[-2000:]
            codes += json.loads(out)["codes"]
        drains = [subprocess.Popen(kiosk_cmd("drain", tmp_path, s), cwd=ROOT, env=ENV,
                                   stderr=subprocess.PIPE) for s in kiosks]
        for proc in drains:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()[-2000:]
        with Session(engine) as session:
            dossiers = session.scalars(select(Dossier)).all()
            atts = session.scalars(select(Attachment)).all()
        assert sorted(d.code for d in dossiers) == sorted(codes)
        assert len(codes) == len(set(codes)) == 2 * PER_KIOSK
        assert len(atts) == len(dossiers) and all(a.complete for a in atts)
        for att in atts:
            data = stored(client, f"province/{att.attachment_id}")
            assert hashlib.sha256(data).hexdigest() == att.sha256
        assert not any((tmp_path / "central-1").rglob("attachments/*"))
    finally:
        engine.dispose()
        for central in centrals:
            central.stop()


def test_serve_says_at_start_that_its_bucket_is_missing_and_answers_503(s3, central_db,
                                                                        tmp_path):
    endpoint, _ = s3
    proc = CentralProcess(tmp_path / "central", central_db, "--files", "s3://no-such-bucket/x",
                          "--s3-endpoint", endpoint).start()
    engine = create_engine(central_db)
    try:
        assert "s3://no-such-bucket cannot be reached" in proc.log_path.read_text()
        kiosk = register(engine, url=proc.url)
        blobs = [b"scan"]
        sub = submission(5, blobs)
        with pytest.raises(TransientError) as err:
            kiosk.submit_bundle(sub["dossier_id"], canonical_json(sub), blobs)
        assert err.value.status == 503 and err.value.code == "storage_unavailable"
        kiosk.close()
    finally:
        engine.dispose()
        proc.stop()
