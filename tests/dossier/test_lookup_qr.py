"""Looking a dossier up by the QR of its receipt: the receipt the kiosk printed (ESC/POS
emulator → PNG) held under the tray camera (the folder simulator) finds the dossier without
a key pressed; the keypad shows a placeholder for every digit still to type; a QR that is
not a receipt, or a camera that does not work, leaves the keypad and what was typed, and
says so."""
from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from kiosk.journeys.lookup import receipt_digits

from .conftest import tap
from .test_gui_dossier import file_certified_copy_request


def tray_frame(receipt_png, folder) -> None:
    """The printed receipt lying in the tray: a 1080p frame, the paper on a grey tray."""
    folder.mkdir(exist_ok=True)
    paper = np.array(Image.open(receipt_png).convert("L"))
    scale = min(1.0, 1000 / paper.shape[0])
    paper = cv2.resize(paper, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    frame = np.full((1080, 1920), 90, np.uint8)
    y, x = (1080 - paper.shape[0]) // 2, (1920 - paper.shape[1]) // 2
    frame[y:y + paper.shape[0], x:x + paper.shape[1]] = paper
    cv2.imwrite(str(folder / "receipt.png"), frame)


def test_the_printed_receipt_under_the_camera_finds_the_dossier(qtbot, kiosk, tmp_path):
    app, emu, citizen, config = kiosk
    filed = file_certified_copy_request(qtbot, app, citizen)
    tray_frame(emu.wait_for_jobs(1)[-1].png_path, tmp_path / "receipt")
    config.idcard.camera_frames = str(tmp_path / "receipt")   # the citizen puts the receipt in the tray
    w = app.window
    tap(qtbot, w, "dossier_finish")
    tap(qtbot, w, "tile_lookup")
    result = w.screen("lookup_result")
    qtbot.waitUntil(lambda: result.status.isVisible(), timeout=15000)   # no key pressed
    assert result.code.text() == filed.code
    assert "Chứng thực bản sao từ bản chính" in result.details.text()
    tap(qtbot, w, "lookup_again")          # the receipt still in the tray is not looked up again
    qtbot.wait(500)
    assert w.current().name == "lookup"


def test_placeholders_and_a_qr_that_is_not_a_receipt(qtbot, kiosk):
    app, emu, citizen, config = kiosk      # the tray camera sees the citizen's ID card
    w = app.window
    tap(qtbot, w, "tile_lookup")
    screen = w.screen("lookup")
    assert screen.code.text() == "______-____ · ______"
    for d in "2611":
        tap(qtbot, w, f"keypad_{d}")
    assert screen.code.text() == "2611__-____ · ______"
    qtbot.waitUntil(lambda: screen.problem.isVisible(), timeout=15000)
    assert "không phải giấy tiếp nhận" in screen.problem.text()
    assert screen.code.text() == "2611__-____ · ______"            # nothing typed is lost
    tap(qtbot, w, "keypad_2")
    assert screen.code.text() == "26112_-____ · ______"


def test_a_camera_that_does_not_work_leaves_the_keypad(qtbot, kiosk, tmp_path):
    app, emu, citizen, config = kiosk
    (tmp_path / "empty").mkdir()
    config.idcard.camera_frames = str(tmp_path / "empty")         # no frame: the camera fails
    w = app.window
    tap(qtbot, w, "tile_lookup")
    screen = w.screen("lookup")
    qtbot.waitUntil(lambda: screen.problem.isVisible(), timeout=10000)
    assert "Camera không hoạt động" in screen.problem.text()
    tap(qtbot, w, "keypad_2")
    assert screen.code.text() == "2_____-____ · ______"


def test_receipt_qr_payloads():
    assert receipt_digits("000.00.00.H30-261204-0007|123456", "000.00.00.H30") == "2612040007123456"
    assert receipt_digits("000.00.00.H30-261204-0007", "000.00.00.H30") == "2612040007"
    for other in ("000.00.01.H22-261204-0007|123456", "TICKET|20261204|B001|kiosk-01",
                  "000.00.00.H30-261204-0007|12345", "", "079190001234|Nguyễn Văn A"):
        assert receipt_digits(other, "000.00.00.H30") is None
