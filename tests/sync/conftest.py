"""Fixtures of the sync tests: a throwaway PostgreSQL cluster and a central on loopback."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from sync.central.server import CentralServer
from sync.client import CentralClient
from sync.testing.pgcluster import PgCluster

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
AGENCY = "000.00.00.H30"
CENTRE = "centre-h30"
ADMIN = "admin-token-for-tests"


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = PgCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def central_db(pg_cluster) -> str:
    """A fresh database on the session's cluster, so tests never see each other's rows."""
    return pg_cluster.create_database("central_" + uuid.uuid4().hex[:12])


@pytest.fixture
def central(central_db, tmp_path):
    server = CentralServer(central_db, files_dir=tmp_path / "central-files",
                           admin_token=ADMIN).start()
    yield server
    server.stop()


def issue_token(central: CentralServer | Engine, kiosk_id: str = "kiosk-01",
                agency: str = AGENCY, centre: str = CENTRE, rekey: bool = False,
                ttl: timedelta = timedelta(hours=1)) -> str:
    """What the administrator's ``kiosk central enroll-token`` does, on the central's database."""
    from sync.central.service import issue_enrollment_token

    factory = (central.app.Session if isinstance(central, CentralServer)
               else sessionmaker(central))
    with factory() as session:
        token = issue_enrollment_token(session, kiosk_id, agency, centre, ttl, rekey)
        session.commit()
    return token


def register(central: CentralServer, kiosk_id: str = "kiosk-01", url: str | None = None,
             agency: str = AGENCY, centre: str = CENTRE, **kw) -> CentralClient:
    client = CentralClient(url or central.url, kiosk_id, None, allow_http=True, **kw)
    client.register(issue_token(central, kiosk_id, agency, centre), agency)
    return client


def provision(central: CentralServer | Engine, settings, url: str | None = None):
    """Register the kiosk of ``settings`` with a fresh token and keep its credentials, as
    ``kiosk provision`` does (through ``url`` when the settings point at a proxy)."""
    from sync.credentials import enroll

    client = CentralClient(url or settings.central_url, settings.kiosk_id, None, allow_http=True)
    try:
        token = issue_token(central, settings.kiosk_id, settings.agency_id)
    except ValueError:  # registered before: a re-keying token, spent only if the secret fails
        token = issue_token(central, settings.kiosk_id, settings.agency_id, rekey=True)
    try:
        enroll(settings, client, token)
    finally:
        client.close()
    return settings


@pytest.fixture
def kiosk_client(central):
    client = register(central)
    yield client
    client.close()


@pytest.fixture
def kiosk_store(tmp_path):
    from sync.store import open_store

    store = open_store(tmp_path / "kiosk" / "kiosk.db", tmp_path / "keys" / "store.key")
    yield store
    store.close()


def kiosk_settings(tmp_path, url: str, kiosk_id: str = "kiosk-01", **changes):
    from sync.settings import SyncSettings

    base = dict(central_url=url, kiosk_id=kiosk_id, dev_insecure_http=True,
                credentials_path=str(tmp_path / f"cred-{kiosk_id}.json"), backoff_base_s=0.05,
                backoff_max_s=0.2, breaker_threshold=1000, poll_interval_s=0.2,
                connect_timeout_s=2, read_timeout_s=3, heartbeat_interval_s=0.1)
    base.update(changes)
    return SyncSettings(**base)


def provisioned(central, tmp_path, kiosk_id: str = "kiosk-01", url: str | None = None,
                **changes):
    """``kiosk_settings`` of a kiosk provisioned with ``central`` (and talking to ``url``,
    a proxy in front of it, when given)."""
    settings = kiosk_settings(tmp_path, url or central.url, kiosk_id, **changes)
    return provision(central, settings, url=central.url)


def presence(client, id_number: str) -> dict:
    """The statement a kiosk sends after a verified chip read (sync.central.papers)."""
    return {"challenge": client.presence_challenge(), "id_number": id_number,
            "sod_sha256": "5" * 64, "passive_authentication": "verified_csca"}


def queue_dossier(store, settings, blobs=(b"scan",), **kw):
    from sync.dossiers import NewAttachment, submit_dossier
    from sync.numbering_leased import dossier_code_source

    atts = [NewAttachment(b, f"Giấy tờ {i + 1}", f"giay-to-{i + 1}.pdf", paper_code=f"GT{i + 1:02d}")
            for i, b in enumerate(blobs)]
    return submit_dossier(store, dossier_code_source(settings), agency_id=settings.agency_id,
                          procedure_code="1.004222", procedure_name="Đăng ký thường trú",
                          applicant={"full_name": "Trần Văn Mẫu", "id_number": "001300999888"},
                          answers={"ly_do": "chuyển nơi ở"}, attachments=atts,
                          summary="Đăng ký thường trú (thử)", **kw)


def central_file(central, attachment_id: str) -> bytes:
    from sync.central.intake import attachment_path

    return attachment_path(central.app.config.files_dir, attachment_id).read_bytes()


@pytest.fixture
def central_proc(central_db, tmp_path):
    """The central as its own process (``python -m sync.central serve``) on PostgreSQL."""
    ready = tmp_path / "central.url"
    log = open(tmp_path / "central.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.central", "serve", "--db", central_db, "--port", "0",
         "--data-dir", str(tmp_path / "central"), "--ready-file", str(ready), "--workers", "2"],
        cwd=ROOT, env={**ENV, "CENTRAL_ADMIN_TOKEN": ADMIN},
        stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None, (tmp_path / "central.log").read_text()
        assert time.monotonic() < deadline, "central did not start"
        time.sleep(0.05)
    engine = create_engine(central_db)
    yield ready.read_text(), engine, tmp_path / "central" / "attachments"
    engine.dispose()
    proc.terminate()
    proc.wait(10)
    log.close()


