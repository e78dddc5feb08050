"""A citizen taps through the real screens and takes a ticket from the emulated printer."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.app import build

from .conftest import decode_qr


@pytest.fixture
def kiosk(qtbot, config):
    app = build(config)
    app.window.resize(1920, 1080)
    app.window.show()
    app.window.install_guards()
    yield app
    QApplication.instance().removeEventFilter(app.window.idle)
    QApplication.instance().removeEventFilter(app.window._guard)
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def tap(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), f"no visible button {name}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_take_a_number_prints_a_ticket_and_shows_it_in_large_digits(qtbot, kiosk, printer_emulator):
    w = kiosk.window
    assert w.current().name == "home"
    tap(qtbot, w, "tile_take_number")
    assert w.current().name == "take_number"
    tap(qtbot, w, "service_CUTRU")
    assert w.current().name == "queue_priority"
    tap(qtbot, w, "priority_elderly")
    qtbot.waitUntil(lambda: w.screen("queue_ticket").number.isVisible(), timeout=5000)
    screen = w.screen("queue_ticket")
    assert screen.number.text() == "B001"
    assert "ƯU TIÊN" in screen.badge.text() and "Người cao tuổi" in screen.badge.text()
    assert "Cư trú" in screen.details.text()
    job = printer_emulator.wait_for_jobs(1)[0]
    assert job.printed
    assert decode_qr(job.png_path)[0].split("|")[2] == "B001"
    tap(qtbot, w, "done")
    assert w.current().name == "home"


def test_printer_out_of_paper_tells_the_citizen_and_retry_works(qtbot, kiosk, printer_emulator):
    w = kiosk.window
    printer_emulator.set_mode("paper_out")
    tap(qtbot, w, "tile_take_number")
    tap(qtbot, w, "service_HOTICH")
    tap(qtbot, w, "priority_none")
    screen = w.screen("queue_ticket")
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5000)
    assert "hết giấy" in screen.error.text()
    assert not screen.number.isVisible()
    # only the staff can load paper: going home is the green button, a retry the second one
    assert (screen.done_button.property("role"), screen.retry_button.property("role")) == (
        "primary", "secondary")
    printer_emulator.set_mode("normal")
    tap(qtbot, w, "retry")
    qtbot.waitUntil(lambda: screen.number.isVisible(), timeout=5000)
    assert screen.number.text() == "A002"
    tap(qtbot, w, "done")
    assert w.screen("home").notice.text() == ""  # the printer works again: no warning


def test_unreachable_printer_at_start_is_shown_and_recorded(qtbot, config):
    import sqlite3
    config.printer.uri = "tcp://127.0.0.1:9"
    config.printer.timeout_s = 0.5
    app = build(config)
    app.check_devices()
    home = app.window.screen("home")
    qtbot.waitUntil(lambda: home.notice.text() != "", timeout=5000)
    # the queue tile is greyed with a plain message before anyone taps it (issue 11)
    assert home.notice.text() == "Máy in phiếu đang tạm ngừng — vui lòng lấy số tại quầy"
    assert home.buttons["take_number"].property("role") == "soon"
    db = sqlite3.connect(config.kiosk.resolved_data_dir() / "kiosk.db")
    assert db.execute("select device, kind from device_fault").fetchall() == [("printer", "unreachable")]
    app.ctx.store.close()


def test_language_toggle_shows_english_and_a_new_session_is_vietnamese_again(qtbot, kiosk):
    w = kiosk.window
    home = w.screen("home")
    assert home.buttons["take_number"].text() == "Lấy số thứ tự"
    qtbot.mouseClick(w.lang_button, Qt.MouseButton.LeftButton)
    assert home.buttons["take_number"].text() == "Take a queue number"
    assert w.lang_button.text() == "Tiếng Việt"
    tap(qtbot, w, "tile_take_number")
    assert "Civil status" in w.screen("take_number").buttons["HOTICH"].text()
    tap(qtbot, w, "home")
    assert home.buttons["take_number"].text() == "Lấy số thứ tự"


def test_a_tile_without_its_journey_says_coming_soon_instead_of_crashing(qtbot, kiosk):
    from kiosk.screens.home import HomeScreen
    home = HomeScreen(kiosk.ctx, {"take_number": lambda: None})  # a kiosk with one journey
    home.retranslate()
    qtbot.addWidget(home)
    home.show()
    assert "(sắp có)" in home.buttons["rating"].text()
    qtbot.mouseClick(home.buttons["rating"], Qt.MouseButton.LeftButton)
    assert "sắp có" in home.notice.text()


def test_no_way_out_for_a_citizen(qtbot, kiosk):
    w = kiosk.window
    for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        QApplication.sendEvent(w, QKeyEvent(QEvent.Type.KeyPress, key, mods))
    assert w.close() is False
    assert w.isVisible()


def test_idle_session_asks_for_more_time_then_wipes_and_goes_home(qtbot, kiosk):
    w = kiosk.window
    kiosk.ctx.config.kiosk.idle_timeout_s = 0.15  # read by each screen as it shows
    w.idle._tick.setInterval(50)
    tap(qtbot, w, "tile_take_number")
    tap(qtbot, w, "service_CUTRU")
    qtbot.mouseClick(w.lang_button, Qt.MouseButton.LeftButton)  # English for this citizen
    qtbot.waitUntil(lambda: w.overlay.isVisible(), timeout=3000)
    assert w.overlay.question.text() == "Do you need more time?"
    qtbot.waitUntil(lambda: w.current().name == "home", timeout=5000)
    assert not w.overlay.isVisible()
    assert kiosk.queue.journey.service_code is None
    assert kiosk.ctx.language == "vi"


def test_more_time_keeps_the_session(qtbot, kiosk):
    w = kiosk.window
    kiosk.ctx.config.kiosk.idle_timeout_s = 0.15  # read by each screen as it shows
    w.idle._tick.setInterval(400)
    tap(qtbot, w, "tile_take_number")
    tap(qtbot, w, "service_DATDAI")
    qtbot.waitUntil(lambda: w.overlay.isVisible(), timeout=3000)
    w.idle._idle.setInterval(60_000)
    qtbot.mouseClick(w.overlay.more, Qt.MouseButton.LeftButton)
    assert not w.overlay.isVisible()
    qtbot.wait(1000)
    assert w.current().name == "queue_priority"
    assert kiosk.queue.journey.service_code == "DATDAI"
