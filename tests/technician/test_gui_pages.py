"""The device pages and the panel's actions as a technician sees them: the printer's ticket
count since the paper change, the cameras' live views and the capture verdicts, a log page
without ID numbers, the self-test report on the emulator, exit to the desktop only where
allowed, and the heartbeat's report of what was checked and done."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.technician import audit
from tests.technician.test_gui_technician import enter, make_kiosk, open_page, tap, text_of  # noqa: F401


def test_the_printer_page_counts_tickets_since_the_paper_change(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    for _ in range(2):  # two citizens took a number (printed on the emulator)
        app.queue.tickets.issue("CUTRU", None)
    enter(qtbot, app)
    panels = app.technician.results["printer"]
    open_page(qtbot, app, "printer")
    qtbot.waitUntil(lambda: app.technician.results["printer"] is not panels, timeout=20_000)  # the page's check
    assert "Số phiếu từ lần thay giấy: 2" in text_of(app.window, "tech_device_facts")
    tap(qtbot, app.window, "tech_test2")  # "Đã thay cuộn giấy": a new roll was loaded
    qtbot.waitUntil(lambda: "Đã ghi nhận thay cuộn giấy" in text_of(app.window, "tech_test_result"),
                    timeout=20_000)
    qtbot.waitUntil(lambda: "Số phiếu từ lần thay giấy: 0" in text_of(app.window, "tech_device_facts"),
                    timeout=20_000)
    facts = text_of(app.window, "tech_device_facts")
    assert "Trực tuyến: có" in facts and "Nắp mở: không" in facts  # the status bits


def test_the_cameras_show_a_live_picture_and_the_capture_its_verdicts(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    view = app.window.findChild(QLabel, "tech_live_view")
    for camera in ("qr_camera", "scanner"):
        open_page(qtbot, app, camera)
        view.clear()
        qtbot.waitUntil(lambda: view.pixmap() is not None and not view.pixmap().isNull(), timeout=20_000)
        test = app.window.findChild(QPushButton, "tech_test")  # the picture is not hidden under it
        bottom = view.mapTo(app.window, view.rect().bottomLeft()).y()
        assert bottom < test.mapTo(app.window, test.rect().topLeft()).y()
        assert view.pixmap().height() <= view.height() and view.pixmap().width() <= view.width()
        if camera == "scanner":
            tap(qtbot, app.window, "tech_test")
            qtbot.waitUntil(lambda: "page_found: True" in text_of(app.window, "tech_test_result"),
                            timeout=20_000)
            assert "issues:" in text_of(app.window, "tech_test_result")  # the quality verdicts
        tap(qtbot, app.window, "tech_back")
    assert not app.window.screen("tech_device")._live.isActive()


def test_the_log_page_shows_no_id_numbers(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    logging.getLogger("kiosk.test").warning("a careless line with 001234567890 in it")
    enter(qtbot, app)
    open_page(qtbot, app, "log")
    facts = text_of(app.window, "tech_device_facts")
    assert "a careless line with … in it" in facts and "001234567890" not in facts


def test_the_self_test_report_is_printed_from_the_panel(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    tap(qtbot, app.window, "tech_self_test")
    qtbot.waitUntil(lambda: text_of(app.window, "tech_message") == "Đã in báo cáo tự kiểm tra", timeout=20_000)
    assert len(printer_emulator.wait_for_jobs(1)) == 1
    assert ("action", "self_test") in [(e.action, e.detail) for e in audit.recent(app.ctx.store, 10)]


_EXIT_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from kiosk.app import build
from kiosk.config import load

app = build(load(sys.argv[1], environ={}), defer=True).complete()
app.window.show()
seen = []

def press():
    app.technician.enter()  # the PIN pad's way in is driven in test_gui_technician
    button = app.window.findChild(QPushButton, "tech_desktop")
    seen.append((button.isVisible(), button.text()))
    button.click()

QTimer.singleShot(0, press)
QTimer.singleShot(30_000, lambda: app.qapp.exit(99))  # only if the button did nothing
rc = app.qapp.exec()
app.ctx.store.close()
print(rc, *seen[0], sep="|")
"""


def test_exit_to_the_desktop_where_the_configuration_allows_it(write_config, printer_emulator, open_kiosk_store):
    """In a kiosk process of its own: the button ends the application's main loop, which
    cannot be undone in the test process (its later waits would return at once)."""
    import os
    import subprocess
    import sys

    from kiosk.config import load

    path = write_config(printer_emulator.uri, allow_exit=True)
    done = subprocess.run([sys.executable, "-c", _EXIT_SCRIPT, str(path)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip().splitlines()[-1] == "0|True|Thoát ra màn hình nền", done.stderr[-2000:]
    store = open_kiosk_store(load(path, environ={}))
    assert ("action", "exit_desktop") in [(e.action, e.detail) for e in audit.recent(store, 10)]


def test_the_heartbeat_report_carries_the_checks_and_the_actions(qtbot, make_kiosk, printer_emulator):
    from kiosk.app import technician_report

    printer_emulator.set_mode("paper_out")
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    checks, entries = technician_report(app.ctx)  # what the sync worker sends (tests/sync)
    assert checks["printer"] == {"status": "fault", "reason": "Printer out of paper"}
    assert set(checks) >= {"printer", "qr_camera", "scanner", "card_reader", "central", "store", "software"}
    assert [e["action"] for e in entries][-2:] == ["gesture", "pin_ok"]
    assert all("246810" not in e["detail"] for e in entries)  # never the PIN


def test_refused_dossiers_are_sent_again_and_exported_from_the_central_page(qtbot, make_kiosk, printer_emulator):
    from sqlalchemy import update

    from sync.store.models_sync import OutboxItem
    from tests.sync.conftest import kiosk_settings, queue_dossier

    app = make_kiosk(printer_emulator.uri)
    store = app.ctx.store
    refused = queue_dossier(store, kiosk_settings(app.ctx.config.kiosk.resolved_data_dir(), "http://127.0.0.1:9"))
    with store.session() as s:
        s.execute(update(OutboxItem).values(state="failed", attempts=3, last_error="422 procedure_unknown"))
    enter(qtbot, app)
    open_page(qtbot, app, "central")
    qtbot.waitUntil(lambda: "Bị từ chối (tạm giữ): 1" in text_of(app.window, "tech_device_facts"), timeout=20_000)
    assert refused.code in text_of(app.window, "tech_device_facts")  # the code, for the counter
    tap(qtbot, app.window, "tech_test3")  # export for the counter
    qtbot.waitUntil(lambda: "Đã xuất 1 hồ sơ bị từ chối" in text_of(app.window, "tech_test_result"),
                    timeout=20_000)
    tap(qtbot, app.window, "tech_test2")  # send them again
    qtbot.waitUntil(lambda: "Đã đưa 1 hồ sơ vào hàng gửi lại" in text_of(app.window, "tech_test_result"),
                    timeout=20_000)
    qtbot.waitUntil(lambda: "Bị từ chối (tạm giữ): 0" in text_of(app.window, "tech_device_facts"), timeout=20_000)
    assert "Hồ sơ chờ gửi: 1" in text_of(app.window, "tech_device_facts")  # nothing lost


def test_a_printer_unplugged_before_its_test_is_said_plainly(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    open_page(qtbot, app, "printer")
    printer_emulator.stop()  # the cable pulled while the technician reads the page
    tap(qtbot, app.window, "tech_test")
    qtbot.waitUntil(lambda: text_of(app.window, "tech_test_result").startswith("Không in được trang thử"),
                    timeout=20_000)
    qtbot.waitUntil(lambda: app.technician.results["printer"].faulty, timeout=20_000)  # re-checked after it
    assert text_of(app.window, "tech_device_status") == app.technician.results["printer"].vi
    assert "#b00020" in app.window.findChild(QLabel, "tech_device_status").styleSheet()  # red
    tap(qtbot, app.window, "tech_device_leave")
    assert app.window.current().name == "home"


_RESTART_SCRIPT = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from kiosk.app import build
from kiosk.config import load

marker = Path(sys.argv[2])
app = build(load(sys.argv[1], environ={}), defer=True).complete()
if marker.exists():  # the process the button started: the same command line
    from kiosk.technician import audit
    print("restarted", [(e.action, e.detail) for e in audit.recent(app.ctx.store, 3)], flush=True)
    app.ctx.store.close()
    sys.exit(0)
marker.write_text("pressed")
app.window.show()

def press():
    app.technician.enter()
    app.window.findChild(QPushButton, "tech_restart").click()

QTimer.singleShot(0, press)
QTimer.singleShot(30_000, lambda: app.qapp.exit(99))  # only if the button did nothing
sys.exit(app.qapp.exec())
"""


def test_restart_the_app_starts_it_again_in_place(write_config, printer_emulator, tmp_path):
    """In a process of its own: the button replaces the process (``os.execv``) by a kiosk with
    the same command line, after writing that this exit was not a crash."""
    import os
    import subprocess
    import sys

    path = write_config(printer_emulator.uri)
    done = subprocess.run([sys.executable, "-c", _RESTART_SCRIPT, str(path), str(tmp_path / "pressed")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("restarted") and "('app_exit', 'restart')" in last, done.stdout
