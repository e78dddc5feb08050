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


def test_the_central_answers_the_lookup_and_knows_when_a_code_does_not_exist(qtbot, kiosk, central, tmp_path):
    from kiosk.journeys.lookup import Step as LookupStep
    from sync.portal import STATUS_VI, TrangThaiHoSo

    from .conftest import tap
    from .test_lookup import receipt_digits, type_code
    app, emu, citizen, config = kiosk
    filed = file_certified_copy_request(qtbot, app, citizen)
    qtbot.waitUntil(lambda: sync_status(app.ctx.store).delivered == 1, timeout=30000)
    tap(qtbot, app.window, "dossier_finish")
    type_code(qtbot, app.window, receipt_digits(filed))
    flow = app.window.screen("lookup").flow
    qtbot.waitUntil(lambda: flow.journey.step is LookupStep.FOUND, timeout=10000)
    db = tmp_path / "central" / "central.sqlite3"
    status = create_engine(f"sqlite:///{db}").connect().execute(
        text("select status from dossier where code = :c"), {"c": filed.code}).scalar_one()
    assert app.window.screen("lookup_result").status.text() == STATUS_VI[TrangThaiHoSo(status)]
    tap(qtbot, app.window, "lookup_again")
    for _ in range(4):
        tap(qtbot, app.window, "keypad_delete")
    for d in "9998":  # the check code is now wrong: the central says "no such dossier"
        tap(qtbot, app.window, f"keypad_{d}")
    tap(qtbot, app.window, "lookup_search")
    qtbot.waitUntil(lambda: flow.journey.step is LookupStep.NOT_FOUND, timeout=10000)
