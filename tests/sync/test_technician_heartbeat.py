"""The heartbeat carries the diagnostic checks and the technician's audit log to the central
(issue 11): the actions arrive once even when a heartbeat is repeated, and the kiosk marks
what the central accepted."""
from __future__ import annotations

import json

from sqlalchemy import select

from kiosk.technician import audit
from sync.central.models import Kiosk, TechnicianAction
from sync.worker import SyncWorker

from tests.sync.conftest import provisioned


def test_checks_and_audit_reach_the_central_once(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path)
    audit.record(kiosk_store, "pin_ok")
    audit.record(kiosk_store, "test_printer", "printer")
    checks = {"printer": {"status": "fault", "reason": "Printer out of paper"}}
    sent_batches = []

    def report():
        return checks, audit.unsent(kiosk_store)

    def sent(ids):
        sent_batches.append(ids)
        audit.mark_sent(kiosk_store, ids)

    worker = SyncWorker(kiosk_store, settings, technician_report=report, technician_sent=sent,
                        devices_health=lambda: {"printer": "fault", "central": "warning"})
    worker.run_once()
    assert sent_batches and audit.unsent(kiosk_store) == []
    with central.app.Session() as s:
        beat = json.loads(s.get(Kiosk, settings.kiosk_id).last_heartbeat)
    assert beat["checks"]["printer"] == {"status": "fault", "reason": "Printer out of paper"}
    assert beat["devices"]["central"] == "warning" and "audit" not in beat
    # the same entries again (a kiosk that missed the answer): stored once
    worker.client.heartbeat(0, checks=checks, audit=[
        {"id": 1, "at": "2026-12-03T08:00:00+00:00", "action": "pin_ok", "detail": ""}])
    with central.app.Session() as s:
        rows = s.scalars(select(TechnicianAction).order_by(TechnicianAction.entry_id)).all()
    assert [(r.kiosk_id, r.action, r.detail) for r in rows] == [
        (settings.kiosk_id, "pin_ok", ""), (settings.kiosk_id, "test_printer", "printer")]
    # later actions go with a later heartbeat, the old ones are not sent again
    audit.record(kiosk_store, "leave", "button")
    before = len(sent_batches)
    while len(sent_batches) == before:  # the next heartbeat is due after heartbeat_interval_s
        worker.run_once()
    assert sent_batches[-1] == [audit.recent(kiosk_store, 1)[0].id]
