"""Past one machine: two central processes (as two hosts behind a load balancer would run
them) share one PostgreSQL database and one attachments folder; four kiosk processes, two
on each, take numbers and file dossiers with a scan at the same time.  No number is handed
out twice and every dossier is stored exactly once, whichever central took it."""
from __future__ import annotations

import hashlib
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from sync.central.intake import attachment_path
from sync.central.models import Attachment, Dossier
from sync.testing.central_proc import CentralProcess
from tests.sync.conftest import ENV, ROOT, kiosk_settings, provision
from tests.sync.test_multiprocess import kiosk_cmd

PER_KIOSK = 60


@pytest.mark.slow
def test_kiosks_spread_over_two_centrals_share_numbers_and_dossiers(central_db, tmp_path):
    shared = tmp_path / "shared-attachments"
    centrals = [CentralProcess(tmp_path / f"central-{n}", central_db, "--files-dir", str(shared))
                for n in (1, 2)]
    with ThreadPoolExecutor(2) as pool:  # both migrate the same empty database at once
        list(pool.map(CentralProcess.start, centrals))
    engine = create_engine(central_db)
    try:
        kiosks = [provision(engine, kiosk_settings(
            tmp_path, centrals[i % 2].url, f"kiosk-{i}", numbering="leased", kiosk_slot=i,
            lease_block=20, lease_low_water=10, ticket_series=["A"], fallback_size=250))
            for i in range(4)]
        procs = [subprocess.Popen(kiosk_cmd("numbers", tmp_path, s, str(PER_KIOSK), "attach"),
                                  cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for s in kiosks]
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=240)
            assert proc.returncode == 0, err.decode()[-2000:]
            results.append(json.loads(out))
        tickets = [n for r in results for n in r["tickets"]]
        codes = [c for r in results for c in r["codes"]]
        assert len(tickets) == len(set(tickets)) == 4 * PER_KIOSK
        assert len(codes) == len(set(codes)) == 4 * PER_KIOSK
        assert sum(n < 9000 for n in tickets) >= PER_KIOSK, "both centrals leased blocks"
        drains = [subprocess.Popen(kiosk_cmd("drain", tmp_path, s), cwd=ROOT, env=ENV,
                                   stderr=subprocess.PIPE) for s in kiosks]
        for proc in drains:
            _, err = proc.communicate(timeout=240)
            assert proc.returncode == 0, err.decode()[-2000:]
        with Session(engine) as session:
            stored = session.scalars(select(Dossier)).all()
            atts = session.scalars(select(Attachment)).all()
        assert sorted(d.code for d in stored) == sorted(codes)  # each exactly once
        assert {d.kiosk_id for d in stored} == {s.kiosk_id for s in kiosks}
        assert len(atts) == len(stored) and all(a.complete for a in atts)
        for att in atts:  # whichever central stored it, the file is in the shared folder
            data = attachment_path(shared, att.attachment_id).read_bytes()
            assert hashlib.sha256(data).hexdigest() == att.sha256
    finally:
        engine.dispose()
        for central in centrals:
            central.stop()
