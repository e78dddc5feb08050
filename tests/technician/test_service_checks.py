"""The network, store and software pages' facts, as the technician reads them: a central
over TLS whose certificate is about to end, the store's disk, key and retention backlog,
and the software's version, catalog and uptime. Real parts: a TLS central on loopback, the
kiosk's own encrypted store."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from kiosk.config import load
from kiosk.diagnostics import DiagEnv, run_checks
from kiosk.diagnostics.result import Status


def test_a_central_certificate_about_to_end_is_a_warning(write_config, printer_emulator, tmp_path):
    from sync.central.server import CentralServer
    from tests.sync.test_tls import make_pki

    pki = make_pki(tmp_path)  # a certificate for one day
    central = CentralServer(f"sqlite:///{tmp_path / 'c.db'}", files_dir=tmp_path / "files",
                            tls_cert=pki["cert"], tls_key=pki["key"]).start()
    try:
        config = load(write_config(printer_emulator.uri, central=central.url), environ={})
        config.sync.ca_bundle = str(pki["ca"])
        [result] = run_checks(DiagEnv(config), ["central"])
    finally:
        central.stop()
    assert result.status is Status.WARNING, result
    assert result.vi == "Chứng chỉ bảo mật của hệ thống trung tâm sắp hết hạn"
    assert result.details["cert_days_left"] in (0, 1) and isinstance(result.details["clock_skew_s"], int)


def test_the_store_page_names_disk_key_and_a_purge_that_does_not_run(write_config, printer_emulator,
                                                                     open_kiosk_store):
    from sqlalchemy import update

    from sync.retention import purge_acknowledged
    from sync.store.models_dossier import Dossier
    from tests.sync.conftest import kiosk_settings, queue_dossier

    config = load(write_config(printer_emulator.uri), environ={})
    store = open_kiosk_store(config)
    env = DiagEnv(config, store)
    [fresh] = run_checks(env, ["store"])
    assert fresh.status is Status.OK and fresh.details["key"] == "ok" and fresh.details["free_mb"] > 0
    assert (fresh.details["integrity"], fresh.details["retention_backlog"]) == ("ok", 0)

    settings = kiosk_settings(config.kiosk.resolved_data_dir(), "http://127.0.0.1:9")
    recent, old = queue_dossier(store, settings), queue_dossier(store, settings)
    hours = config.sync.retention_hours
    with store.session() as s:  # the central has both: one an hour ago, one past retention
        for code, hours_ago in ((recent.code, 1), (old.code, hours + 2)):
            s.execute(update(Dossier).where(Dossier.code == code).values(
                status="acked", acked_at=datetime.now(timezone.utc) - timedelta(hours=hours_ago)))
    [late] = run_checks(env, ["store"])
    assert late.status is Status.WARNING
    assert late.en == "Some dossiers keep personal data past the retention time (not purged)"
    assert (late.details["retention_backlog"], late.details["retention_overdue"]) == (2, 1)

    assert purge_acknowledged(store, hours) == 1  # what the sync worker does at every pass
    [purged] = run_checks(env, ["store"])
    assert purged.status is Status.OK and purged.details["retention_overdue"] == 0

    os.chmod(config.kiosk.resolved_key_file(), 0o644)  # readable by every user of the machine
    [exposed] = run_checks(env, ["store"])
    assert exposed.status is Status.WARNING and exposed.details["key"] == "mode 644"
    os.remove(config.kiosk.resolved_key_file())
    [missing] = run_checks(env, ["store"])
    assert missing.status is Status.FAULT and missing.vi == "Thiếu khóa mã hóa dữ liệu"


def test_the_software_page_names_version_catalog_uptime_and_restarts(write_config, printer_emulator,
                                                                     open_kiosk_store):
    from kiosk.technician import audit

    config = load(write_config(printer_emulator.uri), environ={})
    store = open_kiosk_store(config)
    started = datetime.now(timezone.utc) - timedelta(minutes=30)
    audit.record(store, "app_start")
    [result] = run_checks(DiagEnv(config, store, started), ["software"])
    assert result.status is Status.OK
    d = result.details
    assert d["version"] and "procedures, v" in d["catalog"] and d["system_uptime_h"] >= 0
    assert d["app_uptime_min"] == 30 and (d["starts_24h"], d["unclean_exits_24h"]) == (1, 0)
    audit.record(store, "app_start")  # started again without an exit: a crash or a power cut
    [crashed] = run_checks(DiagEnv(config, store, started), ["software"])
    assert crashed.status is Status.WARNING and crashed.details["unclean_exits_24h"] == 1


def test_a_kiosk_clock_ten_minutes_off_is_a_warning(write_config, printer_emulator):
    """A central whose ``Date`` is ten minutes behind: signed requests would be refused, so
    the technician is told before the sync fails (the health answer itself is fine)."""
    import threading
    import time
    from email.utils import formatdate
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Behind(BaseHTTPRequestHandler):
        def date_time_string(self, timestamp=None):
            return formatdate(time.time() - 600, usegmt=True)

        def do_GET(self):  # noqa: N802
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Behind)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        [result] = run_checks(DiagEnv(load(write_config(printer_emulator.uri, central=url), environ={})),
                              ["central"])
    finally:
        server.shutdown()
        server.server_close()
    assert result.status is Status.WARNING and result.vi == "Đồng hồ máy lệch so với hệ thống trung tâm"
    assert result.details["clock_skew_s"] >= 590
