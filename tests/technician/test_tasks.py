"""Device work that never starves: one bounded pool per kind of work, answers of a left
screen dropped, waits that stop when cancelled."""
from __future__ import annotations

import threading

from kiosk import tasks
from kiosk.tasks import POOL_SIZES, Cancel, run_task, thread_pool


def test_busy_ocr_and_card_waits_do_not_hold_a_printer_check(qtbot):
    release = threading.Event()
    # fill the OCR pool and the global pool with work that waits until released
    for _ in range(POOL_SIZES["ocr"]):
        run_task(lambda: release.wait(60), pool="ocr")
    for _ in range(thread_pool("default").maxThreadCount()):
        run_task(lambda: release.wait(60))
    answers = []
    run_task(lambda: "printer ok", answers.append, pool="device")
    run_task(lambda: "diag ok", answers.append, pool="diag")
    try:
        qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
        assert sorted(answers) == ["diag ok", "printer ok"]
    finally:
        release.set()
    for name in ("ocr", "default"):
        thread_pool(name).waitForDone(10_000)


def test_a_cancelled_task_stops_waiting_and_its_answer_is_dropped(qtbot):
    cancel = Cancel()
    answers, stopped = [], threading.Event()

    def card_wait(cancel):
        cancel.wait(3600)  # only the cancel ends this within the test's time limit
        stopped.set()
        return "card"

    run_task(card_wait, answers.append, answers.append, pool="device", cancel=cancel)
    cancel.cancel()
    qtbot.waitUntil(stopped.is_set, timeout=10_000)
    thread_pool("device").waitForDone(10_000)
    qtbot.waitUntil(lambda: not tasks._live, timeout=10_000)  # the answer reached the main thread
    assert answers == []
