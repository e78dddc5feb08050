"""Rating the service: three levels, a reason required for "not satisfied", anonymous."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.app import build
from kiosk.journeys import JourneyError
from kiosk.journeys.rating import RatingJourney, Step


def test_not_satisfied_needs_a_reason_before_it_can_be_sent():
    j = RatingJourney()
    assert j.choose_level("unsatisfied") is Step.CHOOSE_REASONS
    assert not j.can_send
    with pytest.raises(ValueError):
        j.send()
    j.toggle_reason("waiting")
    j.toggle_reason("waiting")
    assert not j.can_send  # touched twice: unchosen again
    j.toggle_reason("guidance")
    assert j.send() is Step.THANKS and j.reasons == {"guidance"}
    with pytest.raises(JourneyError):
        j.toggle_reason("waiting")


def test_satisfied_is_done_at_once():
    assert RatingJourney().choose_level("very_satisfied") is Step.THANKS


@pytest.fixture
def kiosk(qtbot, config):
    app = build(config, defer=True).complete()
    app.window.resize(1280, 800)
    app.window.show()
    yield app
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def tap(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_unhappy_citizen_picks_reasons_and_the_rating_is_kept_without_personal_data(qtbot, kiosk, config):
    w = kiosk.window
    tap(qtbot, w, "tile_rating")
    assert w.current().name == "rating"
    tap(qtbot, w, "rating_unsatisfied")
    assert w.current().name == "rating_reasons"
    assert not w.findChild(QPushButton, "reasons_send").isEnabled()
    tap(qtbot, w, "reason_waiting")
    tap(qtbot, w, "reason_kiosk")
    assert w.findChild(QPushButton, "reason_waiting").text().startswith("✓")
    tap(qtbot, w, "reasons_send")
    assert w.current().name == "rating_thanks"
    db = sqlite3.connect(config.kiosk.resolved_data_dir() / "kiosk.db")
    qtbot.waitUntil(lambda: db.execute("select count(*) from rating").fetchone()[0] == 1, timeout=5000)
    level, reasons = db.execute("select level, reasons from rating").fetchone()
    assert (level, reasons) == ("unsatisfied", '["kiosk", "waiting"]')
    w.screen("rating").flow.home_timer.setInterval(50)
    w.screen("rating").flow.home_timer.start()
    qtbot.waitUntil(lambda: w.current().name == "home", timeout=3000)
    QApplication.processEvents()
