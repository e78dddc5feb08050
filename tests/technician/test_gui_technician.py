"""A technician at the real screens: the corner gesture, the PIN pad, the panel, the device
pages and their tests against the emulators; a citizen's home screen greys out the tile a
faulty printer would fail."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.app import build
from kiosk.config import load
from kiosk.technician import audit
from tests.technician.conftest import PIN


@pytest.fixture
def make_kiosk(qtbot, write_config):
    built = []

    def make(printer_uri: str, **overrides):
        config = load(write_config(printer_uri, **overrides), environ={})
        app = build(config, defer=True).complete()  # the dossier journey is not needed here
        app.window.resize(1280, 800)
        app.window.show()
        app.window.install_guards()
        built.append(app)
        return app

    yield make
    for app in built:
        app.technician.leave("test over")
        QApplication.instance().removeEventFilter(app.window.idle)
        QApplication.instance().removeEventFilter(app.window._guard)
        QApplication.instance().removeEventFilter(app.technician.gesture)
        from kiosk.tasks import wait_all
        wait_all()
        app.window.allow_close = True
        app.window.close()
        app.ctx.store.close()


def tap(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), f"no usable button {name}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def text_of(window, name) -> str:
    return window.findChild(QLabel, name).text()


def hold_corner(qtbot, app, corner: str, then_stage) -> None:
    w = app.window
    point = QPoint(5, 5) if corner == "top-left" else QPoint(w.width() - 5, w.height() - 5)
    target = w.childAt(point) or w
    local = target.mapFrom(w, point)
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    qtbot.waitUntil(then_stage, timeout=5000)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)


def enter_pin_pad(qtbot, app) -> None:
    gesture = app.technician.gesture
    hold_corner(qtbot, app, "top-left", lambda: gesture.stage == 1)
    hold_corner(qtbot, app, "bottom-right", lambda: app.window.current().name == "tech_pin")


def type_pin(qtbot, app, pin: str) -> None:
    for digit in pin:
        tap(qtbot, app.window, f"tech_pin_{digit}")
    tap(qtbot, app.window, "tech_pin_ok")


def test_a_tap_in_one_corner_does_nothing(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    w = app.window
    qtbot.mouseClick(w.childAt(QPoint(5, 5)) or w, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseClick(w.childAt(QPoint(w.width() - 5, w.height() - 5)) or w, Qt.MouseButton.LeftButton)
    assert w.current().name == "home" and app.technician.gesture.stage == 0


def test_wrong_pins_are_refused_then_the_pad_locks(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter_pin_pad(qtbot, app)
    type_pin(qtbot, app, "1111")
    qtbot.waitUntil(lambda: "Còn 2 lần thử" in text_of(app.window, "tech_pin_status"), timeout=10_000)
    type_pin(qtbot, app, "2222")
    qtbot.waitUntil(lambda: "Còn 1 lần thử" in text_of(app.window, "tech_pin_status"), timeout=10_000)
    type_pin(qtbot, app, "3333")
    qtbot.waitUntil(lambda: "Tạm khóa" in text_of(app.window, "tech_pin_status"), timeout=10_000)
    assert not app.window.findChild(QPushButton, "tech_pin_ok").isEnabled()  # no PIN taken while locked
    assert app.window.current().name == "tech_pin"
    tap(qtbot, app.window, "tech_pin_back")
    assert app.window.current().name == "home"
    actions = [e.action for e in audit.recent(app.ctx.store, 10)][::-1]
    assert actions[-5:] == ["pin_wrong", "pin_wrong", "pin_wrong", "pin_lockout", "leave"]


def enter(qtbot, app) -> None:
    enter_pin_pad(qtbot, app)
    type_pin(qtbot, app, PIN)
    qtbot.waitUntil(lambda: app.window.current().name == "tech_panel", timeout=10_000)
    qtbot.waitUntil(lambda: not app.technician.checking and bool(app.technician.results), timeout=20_000)


def test_the_panel_has_no_citizen_controls_and_ends_a_citizens_larger_text(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    tap(qtbot, app.window, "access_large")  # a citizen left A+ on
    assert app.window.access.large
    enter(qtbot, app)
    assert not app.window.findChild(QPushButton, "access_help").isVisible()  # staff need no "call staff"
    assert not app.window.findChild(QPushButton, "access_large").isVisible()
    assert not app.window.access.large
    tap(qtbot, app.window, "tech_leave")
    qtbot.waitUntil(lambda: app.window.current().name == "home", timeout=10_000)
    assert app.window.findChild(QPushButton, "access_help").isVisible()


def test_paper_out_shows_the_printer_red_and_greys_the_queue_tile(qtbot, make_kiosk, printer_emulator):
    printer_emulator.set_mode("paper_out")
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    row = app.window.findChild(QPushButton, "tech_row_printer")
    assert "Máy in hết giấy" in row.text() and "#b00020" in row.styleSheet()
    tap(qtbot, app.window, "tech_leave")
    assert app.window.current().name == "home"
    tile = app.window.findChild(QPushButton, "tile_take_number")
    assert "tạm ngừng" in tile.text() and tile.property("role") == "soon"
    tap(qtbot, app.window, "tile_take_number")
    assert app.window.current().name == "home"  # not two screens later
    assert text_of(app.window, "home_notice") == "Máy in tạm hết giấy — vui lòng lấy số tại quầy"
    tap(qtbot, app.window, "tile_submit_dossier")  # its receipt could not print either
    assert app.window.current().name == "home"
    assert text_of(app.window, "home_notice") == ("Tạm thời chưa nộp hồ sơ được tại máy — "
                                                  "vui lòng đến quầy tiếp nhận")
    # paper loaded: the next readiness check (between citizens) gives the tile back
    printer_emulator.set_mode("normal")
    app.technician.check_readiness()
    qtbot.waitUntil(lambda: tile.property("role") == "tile", timeout=20_000)


def open_page(qtbot, app, device: str) -> None:
    tap(qtbot, app.window, f"tech_row_{device}")
    assert app.window.current().name == "tech_device"


def test_printer_test_page_reaches_the_emulator_with_a_qr(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    open_page(qtbot, app, "printer")
    tap(qtbot, app.window, "tech_test")
    qtbot.waitUntil(lambda: "Đã in trang thử" in text_of(app.window, "tech_test_result"), timeout=20_000)
    from tests.printer.conftest import decode_qr

    job = printer_emulator.wait_for_jobs(1)[-1]
    assert any(code.startswith("KIOSK-TEST|") for code in decode_qr(job.png_path))
    assert job.cut  # the cutter worked: the emulator saw the cut command end the job


def test_a_camera_folder_without_a_qr_says_no_code(qtbot, make_kiosk, printer_emulator, tmp_path):
    import cv2
    import numpy as np

    frames = tmp_path / "empty-tray"
    frames.mkdir()
    cv2.imwrite(str(frames / "0001.jpg"), np.full((720, 1280, 3), 200, np.uint8))
    app = make_kiosk(printer_emulator.uri)
    app.ctx.config.idcard.camera_frames = str(frames)
    enter(qtbot, app)
    open_page(qtbot, app, "qr_camera")
    tap(qtbot, app.window, "tech_test")
    qtbot.waitUntil(lambda: "Không thấy mã" in text_of(app.window, "tech_test_result"), timeout=20_000)


def test_the_panel_answers_while_the_printer_hangs(qtbot, make_kiosk, printer_emulator):
    printer_emulator.set_mode("silent")  # never answers a status query
    app = make_kiosk(printer_emulator.uri, status_timeout=10, check_timeout=1)
    enter(qtbot, app)  # the checks came back: the hanging one was cut at its deadline
    assert "treo" in app.window.findChild(QPushButton, "tech_row_printer").text()
    open_page(qtbot, app, "printer")
    tap(qtbot, app.window, "tech_test")  # a test print into a printer that never answers
    tap(qtbot, app.window, "tech_back")  # the page is left at once, the test's answer dropped
    assert app.window.current().name == "tech_panel"
    tap(qtbot, app.window, "tech_leave")
    assert app.window.current().name == "home"


def test_reboot_without_logind_says_so(qtbot, make_kiosk, printer_emulator, monkeypatch, tmp_path):
    # Stand-in for a machine without logind: rebooting the test machine cannot be tested.
    from kiosk.technician import actions

    monkeypatch.setattr(actions, "LOGIND_RUNTIME", str(tmp_path / "no-logind"))
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    tap(qtbot, app.window, "tech_reboot")
    qtbot.waitUntil(lambda: "logind" in text_of(app.window, "tech_message"), timeout=10_000)
    assert app.window.findChild(QPushButton, "tech_desktop").isHidden()  # not allowed by default
    assert "action" in [e.action for e in audit.recent(app.ctx.store, 5)]


def test_an_idle_technician_session_ends_on_the_citizen_home(qtbot, make_kiosk, printer_emulator):
    app = make_kiosk(printer_emulator.uri)
    enter(qtbot, app)
    open_page(qtbot, app, "scanner")  # a live view running
    app.technician._session.setInterval(300)  # session_timeout_s is at least 30 s
    app.technician._session.start()
    qtbot.waitUntil(lambda: app.window.current().name == "home", timeout=10_000)
    assert ("leave", "session timeout") in [(e.action, e.detail) for e in audit.recent(app.ctx.store, 5)]
    assert not app.window.screen("tech_device")._live.isActive()  # the camera was let go


def test_a_closed_kiosk_window_checks_no_more_devices(qtbot, make_kiosk, printer_emulator):
    """Closing the window (the app ending) stops the minute-by-minute device checks: a camera
    check renders frames, and left running they kept a shutting-down kiosk (and the suite) busy."""
    app = make_kiosk(printer_emulator.uri)
    app.check_devices()
    qtbot.waitUntil(lambda: not app.technician._readiness_running, timeout=20_000)
    assert app.technician._readiness.isActive()
    app.window.allow_close = True
    app.window.close()
    assert not app.technician._readiness.isActive()
    app.technician.check_readiness()
    assert not app.technician._readiness_running  # nothing started
