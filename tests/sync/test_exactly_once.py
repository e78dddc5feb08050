"""Exactly once under faults: kill -9 of the kiosk mid-sync, and a proxy that misbehaves."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.central.models import Attachment as CentralAttachment
from sync.central.models import Dossier as CentralDossier
from sync.central.intake import attachment_path
from sync.state import sync_status
from sync.store.models_dossier import Dossier
from sync.testing.faultproxy import FAULTS, FaultProxy
from sync.testing.kiosk_proc import drain
from sync.worker import SyncWorker
from tests.sync.conftest import (
    ENV,
    ROOT,
    central_file,
    kiosk_settings,
    provision,
    queue_dossier,
)


def assert_arrived_exactly_once(store, session: Session, files_dir, originals: dict[str, bytes]):
    with store.session() as s:
        kiosk = {d.id: d.code for d in s.scalars(select(Dossier))}
    central = dict(session.execute(select(CentralDossier.dossier_id, CentralDossier.code)).all())
    assert central == kiosk, "every dossier once, under its own code"
    assert session.scalar(select(func.count()).select_from(CentralDossier)
                          .where(CentralDossier.committed_at.is_(None))) == 0
    assert session.scalar(select(func.count()).select_from(CentralAttachment)) == len(originals)
    for attachment_id, data in originals.items():
        assert attachment_path(files_dir, attachment_id).read_bytes() == data
    st = sync_status(store)
    assert (st.pending, st.failed, st.delivered) == (0, 0, len(kiosk))


def central_progress(engine) -> tuple[int, int]:
    """Bytes received and dossiers committed at the central: moves whenever a kiosk syncs."""
    with Session(engine) as session:
        received = session.scalar(select(func.coalesce(func.sum(CentralAttachment.received), 0)))
        committed = session.scalar(select(func.count()).select_from(CentralDossier)
                                   .where(CentralDossier.committed_at.is_not(None)))
    return int(received), int(committed)


def _queue_random(store, settings, rng, originals):
    blobs = [rng.randbytes(rng.randrange(1, 90_000)) for _ in range(rng.choice((1, 2, 3)))]
    got = queue_dossier(store, settings, blobs)
    with store.session() as s:
        for att, blob in zip(s.get(Dossier, got.dossier_id).attachments, blobs):
            originals[att.id] = blob


@pytest.mark.slow
def test_kill_9_at_random_moments_100_times(central_proc, kiosk_store, tmp_path):
    url, engine, files_dir = central_proc
    # small dossiers go as one bundle, the others in 16 KB chunks: both paths get killed
    settings = provision(engine, kiosk_settings(tmp_path, url, chunk_size_bytes=16_384,
                                                bundle_max_bytes=60_000))
    store_path, key_path = str(tmp_path / "kiosk" / "kiosk.db"), str(tmp_path / "keys" / "store.key")
    rng = random.Random(468)
    originals: dict[str, bytes] = {}
    mid_sync = 0
    window = 0.3  # adapts to how long a drain takes here, so kills land all through it
    # kiosk processes are forked by a clean helper process, not by pytest (whatever threads
    # other tests left in this one)
    zygote = subprocess.Popen(
        [sys.executable, "-m", "sync.testing.kiosk_proc", "zygote", store_path, key_path,
         settings.to_json()], cwd=ROOT, env=ENV, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True)
    try:
        for _trial in range(100):
            _queue_random(kiosk_store, settings, rng, originals)
            before = central_progress(engine)
            zygote.stdin.write("fork\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0.0, window))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it finished first
            killed = zygote.stdout.readline().strip() == f"exit signal {int(signal.SIGKILL)}"
            window = min(1.5, window * 1.05) if killed else max(0.05, window * 0.8)
            # the central had moved on and the kiosk still had work: killed in the middle
            if killed and central_progress(engine) != before and sync_status(kiosk_store).pending:
                mid_sync += 1
    finally:
        zygote.stdin.close()
        zygote.wait(30)
    assert mid_sync >= 20, f"only {mid_sync} kills landed mid-sync"
    assert drain(store_path, key_path, settings, timeout_s=60) == 0
    with Session(engine) as session:
        assert_arrived_exactly_once(kiosk_store, session, files_dir, originals)


@pytest.mark.slow
def test_every_dossier_arrives_through_a_faulty_network(central, kiosk_store, tmp_path):
    weights = {fault: 1.0 for fault in FAULTS}
    weights["pass"], weights["timeout"] = 8.0, 0.5
    proxy = FaultProxy(central.port, weights, seed=11, hold_s=1.2).start()
    settings = provision(central, kiosk_settings(tmp_path, proxy.url, chunk_size_bytes=32_768,
                                                 read_timeout_s=0.8, bundle_max_bytes=100_000),
                         url=central.url)
    rng = random.Random(118)
    originals: dict[str, bytes] = {}
    for _ in range(30):
        _queue_random(kiosk_store, settings, rng, originals)
    worker = SyncWorker(kiosk_store, settings)
    deadline = time.monotonic() + 150
    while sync_status(kiosk_store).pending and time.monotonic() < deadline:
        worker.run_once()
        time.sleep(0.02)
    proxy.stop()
    assert all(proxy.counts[f] > 0 for f in FAULTS), proxy.counts
    with Session(central.engine) as session:
        assert_arrived_exactly_once(kiosk_store, session, central.app.config.files_dir, originals)
