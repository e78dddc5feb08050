"""The dossier a citizen files at the kiosk reaches the central one-stop system.

A real reference central (its own process, SQLite, loopback); the kiosk's sync worker
registers, leases dossier codes and delivers the dossier with its attachments.
"""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from sync.central.demo import DemoCentral
from sync.state import sync_status

from .test_gui_dossier import file_certified_copy_request


@pytest.fixture
def central(tmp_path):
    central = DemoCentral(tmp_path / "central")
    central.start()
    yield central
    central.stop()


def test_the_filed_dossier_reaches_the_central(qtbot, kiosk, central, tmp_path):
    app, emu, citizen, config = kiosk
    filed = file_certified_copy_request(qtbot, app, citizen)
    assert not filed.code.endswith(tuple(f"-9{n:03d}" for n in range(1000)))  # leased, not fallback
    qtbot.waitUntil(lambda: sync_status(app.ctx.store).delivered == 1, timeout=30000)
    status = sync_status(app.ctx.store)
    assert (status.pending, status.failed, status.last_error) == (0, 0, None)
    db = tmp_path / "central" / "central.sqlite3"
    codes = create_engine(f"sqlite:///{db}").connect().execute(text("select code from dossier")).scalars().all()
    assert codes == [filed.code]
