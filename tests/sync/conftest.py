"""Fixtures of the sync tests: a throwaway PostgreSQL cluster and a central on loopback."""
from __future__ import annotations

import secrets
import uuid

import pytest

from sync.central.server import CentralServer
from sync.client import CentralClient
from sync.testing.pgcluster import PgCluster

AGENCY = "000.00.00.H30"
ENROLL = "enroll-token-for-tests"
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
                           enrollment_token=ENROLL, admin_token=ADMIN).start()
    yield server
    server.stop()


def register(central: CentralServer, kiosk_id: str = "kiosk-01", url: str | None = None,
             **kw) -> CentralClient:
    client = CentralClient(url or central.url, kiosk_id, None, **kw)
    client.register(ENROLL, AGENCY)
    return client


@pytest.fixture
def kiosk_client(central):
    client = register(central)
    yield client
    client.close()
