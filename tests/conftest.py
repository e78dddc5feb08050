"""Suite-wide set-up: Qt renders offscreen, before anything imports Qt."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _patient_wait_until():
    """Condition waits get 4x their timeout (KIOSK_TEST_WAIT_FACTOR): a wait ends as soon as
    its condition holds, so this costs nothing when all is well, and a GUI test late in a
    35-minute suite on a loaded 2-core machine is not failed for being slow. Speed is
    measured in bench/, never asserted here."""
    from pytestqt.qtbot import QtBot

    factor = float(os.environ.get("KIOSK_TEST_WAIT_FACTOR", "4"))
    original = QtBot.waitUntil

    def wait_until(self, callback, *, timeout=5000):
        return original(self, callback, timeout=int(timeout * factor))

    QtBot.waitUntil = wait_until


_patient_wait_until()


import sys
import time

import pytest

_DRAINS: list[tuple[float, str, list]] = []


@pytest.fixture(autouse=True)
def _drain_background_tasks(request):
    """After each test, let the background work it started finish (bounded), so a test
    never waits behind another test's camera, printer or OCR task in a shared pool (a
    missing-camera test once waited 20 s for a pool thread in CI). Drains over a second are
    listed at the end of the run, naming the tasks: a test that leaks slow work shows up."""
    yield
    if "kiosk.tasks" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    from kiosk import tasks

    if QApplication.instance() is None:
        return
    _close_left_windows(QApplication)
    left = tasks.unfinished()
    if not left:
        return
    started = time.monotonic()
    tasks.wait_all(timeout_ms=30_000)
    QApplication.processEvents()  # deliver the answers while the test's objects still exist
    took = time.monotonic() - started
    if took > 1.0:
        _DRAINS.append((took, request.node.nodeid, left[:3]))


def _close_left_windows(QApplication) -> None:
    """A kiosk window a test left open keeps its timers: the clock, the voice watch, and the
    device readiness checks every minute (a camera check renders frames), so hundreds of
    them late in the run starved the tests that came after. Closed, they stop."""
    if "kiosk.shell.window" not in sys.modules:
        return
    from kiosk.shell.window import KioskWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, KioskWindow) and widget.isVisible():
            widget.allow_close = True
            widget.close()


def pytest_terminal_summary(terminalreporter):
    if _DRAINS:
        terminalreporter.section("background work left by tests (drained before the next)")
        for took, test, left in sorted(_DRAINS, reverse=True)[:15]:
            tasks = ", ".join(f"{name} ({age:.1f} s)" for name, age in left)
            terminalreporter.write_line(f"{took:5.1f} s  {test}: {tasks}")
