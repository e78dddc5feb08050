"""Real kiosk processes against a real central process on PostgreSQL, on loopback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.central.models import Dossier as CentralDossier
from tests.sync.conftest import ENV, ROOT, kiosk_settings, provision

def kiosk_cmd(mode: str, tmp_path: Path, settings, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sync.testing.kiosk_proc", mode,
            str(tmp_path / settings.kiosk_id / "kiosk.db"), str(tmp_path / f"{settings.kiosk_id}.key"),
            settings.to_json(), *extra]


@pytest.mark.slow
def test_four_kiosks_taking_numbers_at_once_never_share_one(central_proc, tmp_path):
    url, engine, _files = central_proc
    # fallback 9000-9999 shared out by four: a load spike never exhausts a kiosk
    kiosks = [provision(engine, kiosk_settings(
        tmp_path, url, f"kiosk-{i}", numbering="leased", kiosk_slot=i, lease_block=100,
        lease_low_water=60, ticket_series=["A"], fallback_size=250)) for i in range(4)]
    procs = [subprocess.Popen(kiosk_cmd("numbers", tmp_path, s, "250"), cwd=ROOT, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for s in kiosks]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()[-2000:]
        results.append(json.loads(out))
    tickets = [n for r in results for n in r["tickets"]]
    codes = [c for r in results for c in r["codes"]]
    assert len(tickets) == len(set(tickets)) == 1000
    assert len(codes) == len(set(codes)) == 1000
    leased = [n for n in tickets if n < 9000]
    assert len(leased) >= 250, "leases from the central must do most of the work"
    # every dossier reaches the central, under the code its receipt shows
    drains = [subprocess.Popen(kiosk_cmd("drain", tmp_path, s), cwd=ROOT, env=ENV,
                               stderr=subprocess.PIPE) for s in kiosks]
    for proc in drains:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()[-2000:]
    with Session(engine) as s:
        central_codes = s.scalars(select(CentralDossier.code)).all()
    assert sorted(central_codes) == sorted(codes)
