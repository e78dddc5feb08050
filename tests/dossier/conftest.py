"""Fixtures of the end-to-end dossier tests: the whole app, a QR camera simulator with a
synthetic citizen's card, the ESC/POS emulator, and (when a test asks) a real central."""
from __future__ import annotations

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from devices.printer.emulator import PrinterEmulator
from devices.sim.card_scene import render_scene
from devices.sim.citizen import SyntheticCitizen
from kiosk.app import build
from kiosk.launch import demo_config


@pytest.fixture
def central(tmp_path):
    """No central by default; the sync test asks for a real one on loopback."""
    return None


@pytest.fixture
def kiosk(qtbot, tmp_path, central):
    citizen = SyntheticCitizen()
    frames = tmp_path / "frames"
    frames.mkdir()
    cv2.imwrite(str(frames / "card.jpg"), render_scene(11, citizen.qr_payload()))
    with PrinterEmulator(tmp_path / "printed") as emu:
        config = demo_config(tmp_path / "data")
        config.printer.uri = emu.uri
        config.idcard.camera_frames = str(frames)
        config.idcard.reader_backend = "pcsc"
        config.idcard.reader = ""  # identity from the QR only
        if central is not None:  # provisioned as the demo does, with a token it issues
            from kiosk.provisioning import provision_demo

            config.sync.numbering = "leased"
            config.sync.poll_interval_s = 0.5
            config = provision_demo(config, central)
        app = build(config)
        app.start_sync()
        app.window.resize(1920, 1080)
        app.window.show()
        yield app, emu, citizen, config
        app.ctx.wipe_session()
        if app.sync_worker is not None:
            app.sync_worker.stop()
        app.window.allow_close = True
        app.window.close()
        app.ctx.store.close()


def tap(qtbot, window, name):
    def ready():
        return [b for b in window.findChildren(QPushButton, name) if b.isVisible() and b.isEnabled()]
    qtbot.waitUntil(lambda: bool(ready()), timeout=10000)
    qtbot.mouseClick(ready()[0], Qt.MouseButton.LeftButton)



def tap(qtbot, window, name):
    def ready():
        return [b for b in window.findChildren(QPushButton, name) if b.isVisible() and b.isEnabled()]
    qtbot.waitUntil(lambda: bool(ready()), timeout=10000)
    qtbot.mouseClick(ready()[0], Qt.MouseButton.LeftButton)
