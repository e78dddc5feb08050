"""A citizen identifies with the real Identify screen: camera frames, pcscd + emulated chip."""
from __future__ import annotations

import os
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from devices.camera.capture import FolderSource
from devices.camera.qr_decoders import make_decoder
from devices.idcard.settings import IdCardSettings
from devices.sim.card import Faults
from devices.sim.card_scene import render_scene
from kiosk.app import build
from kiosk.journeys.identify import Step
from kiosk.launch import demo_config
from kiosk.screens import identity as identity_screens

SHOTS = os.environ.get("IDENTITY_SCREENSHOTS")  # a folder: save the screens as PNG to look at


def _frames(folder: Path, payload: str) -> Path:
    """An empty tray, then the card with its QR (a seed whose frame decodes)."""
    folder.mkdir()
    cv2.imwrite(str(folder / "0_empty.jpg"), render_scene(1, None))
    decoder = make_decoder("zxing")
    for seed in range(10, 40):
        frame = render_scene(seed, payload)
        if decoder.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == [payload]:
            cv2.imwrite(str(folder / "1_card.jpg"), frame)
            return folder
    raise AssertionError("no decodable scene")


@pytest.fixture
def kiosk(qtbot, tmp_path, citizen):
    frames = _frames(tmp_path / "frames", citizen.qr_payload())
    built = []

    def make(reader_name: str = "", own_devices: bool = False, **settings):
        """``own_devices``: the flow opens camera and reader from the settings alone."""
        config = demo_config(tmp_path / "data")
        config.idcard = IdCardSettings(reader=reader_name, qr_timeout_s=20, card_wait_s=15, **settings)
        app = build(config)
        app.window.resize(1920, 1080)
        app.window.show()
        source = None if own_devices else (lambda: FolderSource(frames, fps=15))
        flow = identity_screens.install(app.window, app.ctx, source_factory=source)
        app.window.retranslate()
        built.append((app, flow))
        return app, flow

    yield make
    for app, flow in built:
        flow.reset()
        app.window.allow_close = True
        app.window.close()
        app.ctx.store.close()


def tap(qtbot, window, name):
    def ready():
        return [b for b in window.findChildren(QPushButton, name) if b.isVisible() and b.isEnabled()]
    qtbot.waitUntil(lambda: bool(ready()), timeout=5000)
    qtbot.mouseClick(ready()[0], Qt.MouseButton.LeftButton)


def shoot(window, name):
    if SHOTS:
        for size in ((1920, 1080), (1280, 800)):
            window.resize(*size)
            for _ in range(3):
                QApplication.processEvents()
            window.current().grab().save(str(Path(SHOTS) / f"{name}_{size[0]}.png"))
        window.resize(1920, 1080)
        QApplication.processEvents()


def test_chip_identity_confirmed_with_photo(qtbot, kiosk, card_on_reader, citizen, pcsc_stack):
    _, reader = card_on_reader(citizen)
    app, flow = kiosk(reader_name=reader)
    screen = app.window.screen("identify")
    got = []
    flow.identified.connect(got.append)
    flow.start()
    assert app.window.current().name == "identify"
    assert screen.instruction.text() == "Đặt mặt có mã QR của thẻ căn cước vào khay"
    qtbot.waitUntil(lambda: screen.view.pixmap() is not None and not screen.view.pixmap().isNull(),
                    timeout=5000)
    shoot(app.window, "identify_scan")
    qtbot.waitUntil(lambda: flow.journey.step is Step.CONFIRM, timeout=20000)
    assert screen.field_values[0].text() == "Nguyễn Thị Ánh Dương"
    assert screen.field_values[1].text() == "14/03/1996"
    assert screen.field_values[2].text() == "079196001234"
    assert screen.auth.text() == "Xác thực chip: hợp lệ"
    assert not screen.photo.pixmap().isNull()
    shoot(app.window, "identify_confirm")
    tap(qtbot, app.window, "identify_confirm")
    assert got and got[0].source == "chip" and got[0].access == "PACE"
    app.ctx.wipe_session()
    assert got[0].wiped


def test_qr_only_kiosk_and_english(qtbot, kiosk):
    app, flow = kiosk()
    app.ctx.set_language("en")
    screen = app.window.screen("identify")
    flow.start()
    qtbot.waitUntil(lambda: flow.journey.step is Step.CONFIRM, timeout=10000)
    assert screen.auth.text() == "Read from the QR code (chip not checked)"
    assert screen.title.text() == "Identify yourself"


def test_card_pulled_away_shows_a_retry(qtbot, kiosk, card_on_reader, citizen):
    _, reader = card_on_reader(citizen, Faults(remove_after_bytes=2500))
    app, flow = kiosk(reader_name=reader)
    screen = app.window.screen("identify")
    flow.start()
    qtbot.waitUntil(lambda: flow.journey.step is Step.ERROR, timeout=20000)
    assert "nhấc ra" in screen.error_text.text()
    shoot(app.window, "identify_error")
    tap(qtbot, app.window, "identify_retry")
    assert flow.journey.step is Step.WAITING_CARD
    assert screen.chip_text.text() == "Bây giờ hãy đặt thẻ căn cước lên đầu đọc thẻ"
    shoot(app.window, "identify_waiting")


def test_manual_entry_with_the_keypad(qtbot, kiosk):
    app, flow = kiosk()
    screen = app.window.screen("identify")
    flow.start()
    tap(qtbot, app.window, "identify_manual")
    assert flow.journey.step is Step.MANUAL_ENTRY
    for d in "001085009876" + "0207198":
        tap(qtbot, app.window, f"keypad_{d}")
    assert not screen.manual_submit.isEnabled()
    tap(qtbot, app.window, "keypad_5")
    tap(qtbot, app.window, "keypad_delete")
    tap(qtbot, app.window, "keypad_5")
    assert screen.dob_value.text() == "02/07/1985"
    shoot(app.window, "identify_manual")
    tap(qtbot, app.window, "identify_manual_submit")
    assert flow.journey.step is Step.CONFIRM
    assert screen.auth.text() == "Nhập thủ công" and screen.field_values[2].text() == "001085009876"


def test_demo_backend_reads_the_synthetic_card_end_to_end(qtbot, kiosk, pcsc_stack):
    """reader_backend = "simulator": the demo's own frames and chip, through pcscd."""
    app, flow = kiosk(own_devices=True, reader_backend="simulator")
    try:
        flow.start()
        qtbot.waitUntil(lambda: flow.journey.step is Step.CONFIRM, timeout=30000)
        ident = flow.journey.identity
        assert ident.source == "chip" and ident.full_name == "Nguyễn Thị Ánh Dương"
    finally:
        flow.demo.stop()


def test_camera_fault_is_shown_with_manual_entry(qtbot, kiosk, tmp_path):
    app, flow = kiosk(own_devices=True, camera="opencv",
                      camera_device=str(tmp_path / "no-camera.mp4"))
    screen = app.window.screen("identify")
    flow.start()
    qtbot.waitUntil(lambda: flow.journey.step is Step.ERROR, timeout=5000)
    assert screen.error_text.text().startswith("Camera không hoạt động")
    assert "camera" in app.ctx.faults
    tap(qtbot, app.window, "identify_error_manual")
    assert flow.journey.step is Step.MANUAL_ENTRY
