"""A citizen scans papers through the real screens: live view, auto-capture, review, OCR."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from devices.scanner.capture import SimulatedCamera
from devices.scanner.settings import ScannerSettings
from kiosk.app import build
from kiosk.journeys.papers import Status, papers_from_config
from kiosk.launch import demo_config
from tests.scanner.conftest import picture

PAPERS = [{"vi": "Giấy chứng sinh", "en": "Birth certificate from the hospital"},
          {"vi": "Giấy tờ chứng minh nơi cư trú", "en": "Proof of residence",
           "required": False}]
SHOTS = os.environ.get("PAPERS_SCREENSHOTS")  # a folder: save the screens as PNG to look at


@pytest.fixture
def kiosk(qtbot, tmp_path):
    config = demo_config(tmp_path / "data")
    config.scanner = ScannerSettings(steady_seconds=0.4, steady_tolerance=0.004)
    app = build(config)
    app.window.resize(1920, 1080)
    app.window.show()
    cameras = []

    def camera():
        cameras.append(SimulatedCamera([picture("cam_angle"), picture("bad_blur")],
                                       settle_frames=6))
        return cameras[-1]

    flow = app.dossier.papers_flow  # the flow the kiosk itself wires into "Nộp hồ sơ"
    flow.device_factory = camera
    yield app, flow, cameras
    flow.reset()
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def tap(qtbot, window, name):
    """Touch the visible, enabled button ``name`` (a rebuilt row shows at the next turn)."""
    def ready():
        return [b for b in window.findChildren(QPushButton, name)
                if b.isVisible() and b.isEnabled()]
    qtbot.waitUntil(lambda: bool(ready()), timeout=3000)
    qtbot.mouseClick(ready()[0], Qt.MouseButton.LeftButton)


def shoot(window, name):
    if SHOTS:
        for size in ((1920, 1080), (1280, 800)):
            window.resize(*size)
            for _ in range(3):  # resize, then the screen's deferred re-layout
                QApplication.processEvents()
            window.current().grab().save(str(Path(SHOTS) / f"{name}_{size[0]}.png"))
        window.resize(1920, 1080)
        QApplication.processEvents()


def test_scan_review_and_digitize_a_paper_without_a_frozen_screen(qtbot, kiosk):
    app, flow, cameras = kiosk
    window = app.window
    results = []
    flow.start(papers_from_config(PAPERS), on_complete=results.extend)
    assert window.current().name == "papers_checklist"
    shoot(window, "papers_checklist")
    tap(qtbot, window, "paper_scan_0")
    assert window.current().name == "papers_capture"
    screen = window.screen("papers_capture")
    # the live view shows frames and asks the citizen to hold still before taking one
    qtbot.waitUntil(lambda: screen.instruction.text() == "Giữ yên giấy…", timeout=5000)
    shoot(window, "papers_capture")
    qtbot.waitUntil(lambda: window.current().name == "papers_review", timeout=10000)
    assert cameras[0].index == 1  # one auto-capture, then the simulator's next page
    shoot(window, "papers_review")

    tap(qtbot, window, "papers_add_page")  # the next page is blurred: the big button
    qtbot.waitUntil(lambda: screen.capture_button.isEnabled(), timeout=5000)
    tap(qtbot, window, "papers_capture_now")
    qtbot.waitUntil(lambda: window.current().name == "papers_review", timeout=10000)
    item = flow.journey.items[0]
    assert [p.issues[0].code if p.issues else None for p in item.pages] == [None, "blur"]
    review = window.screen("papers_review")
    assert "Ảnh bị mờ" in review.findChild(type(review.title), "").text() or any(
        "Ảnh bị mờ" in w.text() for w in review.findChildren(type(review.title)))
    shoot(window, "papers_review_blur")
    tap(qtbot, window, "papers_delete_1")
    assert len(item.pages) == 1

    tap(qtbot, window, "papers_accept")
    assert window.current().name == "papers_checklist"
    assert item.status is Status.PROCESSING  # OCR runs in the background…
    checklist = window.screen("papers_checklist")
    assert "Đang đọc chữ" in checklist.rows[0]["status"].text()
    shoot(window, "papers_checklist_processing")
    tap(qtbot, window, "paper_skip_1")
    qtbot.waitUntil(lambda: item.status is Status.DONE, timeout=30000)
    assert "Xong" in checklist.rows[0]["status"].text()
    shoot(window, "papers_checklist_done")
    tap(qtbot, window, "papers_continue")
    [result] = results
    assert app.ctx.store.files.get(result.file).startswith(b"%PDF")
    assert result.metadata["searchable"] and result.metadata["page_count"] == 1


def test_a_missing_camera_is_shown_as_a_fault_not_simulated(qtbot, tmp_path):
    config = demo_config(tmp_path / "data")
    config.scanner = ScannerSettings(backend="camera", camera_uri=str(tmp_path / "no.avi"))
    app = build(config)
    app.window.resize(1280, 800)
    app.window.show()
    flow = app.dossier.papers_flow
    try:
        flow.start(papers_from_config(PAPERS[:1]))
        tap(qtbot, app.window, "paper_scan_0")
        screen = app.window.screen("papers_capture")
        qtbot.waitUntil(lambda: "scanner" in app.ctx.faults, timeout=5000)
        assert "sự cố" in screen.problem.text() and not screen.capture_button.isEnabled()
        shoot(app.window, "papers_capture_fault")
    finally:
        flow.reset()
        app.window.allow_close = True
        app.window.close()
        app.ctx.store.close()


def test_a_session_wiped_before_hand_over_leaves_no_pdf_in_the_store(qtbot, kiosk):
    app, flow, _ = kiosk
    flow.settings = ScannerSettings(tesseract_command="no-such-tesseract")  # quick: no OCR
    flow.start(papers_from_config(PAPERS[:1]))
    tap(qtbot, app.window, "paper_scan_0")
    qtbot.waitUntil(lambda: app.window.current().name == "papers_review", timeout=10000)
    tap(qtbot, app.window, "papers_accept")
    item = flow.journey.items[0]
    qtbot.waitUntil(lambda: item.status is Status.DONE, timeout=10000)
    first = item.result.file
    tap(qtbot, app.window, "paper_scan_0")  # "Quét lại": the old PDF is superseded
    # the rescan is captured and prepared in a worker: wait for its review as the first time
    qtbot.waitUntil(lambda: app.window.current().name == "papers_review", timeout=10000)
    tap(qtbot, app.window, "papers_accept")
    qtbot.waitUntil(lambda: item.status is Status.DONE, timeout=10000)
    second = item.result.file
    assert app.ctx.store.files.exists(first) and app.ctx.store.files.exists(second)
    app.ctx.wipe_session()  # the citizen walked away
    qtbot.waitUntil(lambda: not app.ctx.store.files.exists(first)
                    and not app.ctx.store.files.exists(second), timeout=5000)


def test_a_flatbed_has_no_live_view_and_scans_on_the_button(qtbot, kiosk):
    from devices.scanner.flatbed import SaneFlatbed

    app, flow, _ = kiosk
    flow.device_factory = lambda: SaneFlatbed("test", dpi=75)  # SANE's own test scanner
    flow.start(papers_from_config(PAPERS[:1]))
    tap(qtbot, app.window, "paper_scan_0")
    screen = app.window.screen("papers_capture")
    qtbot.waitUntil(lambda: screen.capture_button.isEnabled(), timeout=5000)
    assert "mặt kính" in screen.instruction.text() and not flow.timer.isActive()
    tap(qtbot, app.window, "papers_capture_now")
    qtbot.waitUntil(lambda: app.window.current().name == "papers_review", timeout=10000)
    page = flow.journey.item.pages[0]
    assert page.detection is None and page.dpi == 75  # taken whole, at the scanner's dpi


def test_papers_are_read_one_at_a_time_leaving_a_thread_for_the_live_view(qtbot, kiosk):
    from devices.scanner.imageio import load_image
    from kiosk.journeys.papers import PapersJourney

    app, flow, _ = kiosk
    page = PapersJourney.prepare_still(load_image(picture("cam_skew")))
    flow.start(papers_from_config([PAPERS[0], {**PAPERS[1], "required": True}]))
    for index in (0, 1):
        flow.open_item(index)
        flow.journey.add_page(page)
        flow.accept()
    first, second = flow.journey.items
    assert first.status is second.status is Status.PROCESSING
    assert len(flow._ocr_queue) == 1  # the second waits: one pool thread stays free
    flow.open_item(0)  # still being read: stays on the checklist
    assert app.window.current().name == "papers_checklist"
    qtbot.waitUntil(lambda: second.status is Status.DONE, timeout=30000)
    assert first.status is Status.DONE and flow.journey.complete


def test_a_long_checklist_scrolls_instead_of_pushing_the_buttons_off_screen(qtbot, kiosk):
    app, flow, _ = kiosk
    app.window.resize(1280, 800)
    flow.start(papers_from_config([{"vi": f"Giấy tờ số {n}", "en": f"Paper {n}"}
                                   for n in range(1, 9)]))
    tap(qtbot, app.window, "paper_scan_7")  # the last row can be reached…
    assert app.window.current().name == "papers_capture"
    flow.back()
    button = app.window.findChild(QPushButton, "papers_continue")
    bottom = button.mapTo(app.window, button.rect().bottomLeft()).y()
    assert bottom <= app.window.height()  # …and "Tiếp tục" stays on screen
    shoot(app.window, "papers_checklist_long")
