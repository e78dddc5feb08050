"""After start, the dossier journey gets ready without making a citizen's first tap wait.

Its modules load in a worker thread and its screens are built one per event-loop turn, so
a tap on "Lấy số thứ tự" while that happens is served, and a tap on "Nộp hồ sơ" before
it ends finishes the build at once.
"""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.app import build
from kiosk.launch import demo_config


def _home_button(window, name):
    found = [b for b in window.findChildren(QPushButton, name) if b.isVisible()]
    assert found, f"no visible {name} button on home"
    return found[0]


def test_queue_tap_is_served_while_the_dossier_journey_warms_up(qtbot, tmp_path):
    app = build(demo_config(tmp_path / "data"), defer=True)
    app.window.resize(1280, 800)
    app.window.show()
    app.warm_up()
    assert app._dossier is None, "warm_up must not build the journey on the spot"
    _home_button(app.window, "tile_take_number").click()
    assert app.window.current().name != "home", "the queue tap waited for the warm-up"
    qtbot.waitUntil(lambda: app._dossier is not None, timeout=120_000)
    app.window.screen("dossier_done")  # the journey's last screen exists: fully built
    app.ctx.wipe_session()
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def test_dossier_tap_before_warm_up_ends_builds_the_rest_at_once(qtbot, tmp_path):
    app = build(demo_config(tmp_path / "data"), defer=True)
    app.window.resize(1280, 800)
    app.window.show()
    app.warm_up()
    flow = app.dossier  # the citizen taps "Nộp hồ sơ" right away
    assert flow is not None and app._dossier is flow
    flow.start()
    assert app.window.current().name != "home"
    app.ctx.wipe_session()
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()
