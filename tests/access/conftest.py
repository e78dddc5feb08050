"""A kiosk built from the demo configuration with the real printer emulator on 127.0.0.1."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from devices.printer.emulator import PrinterEmulator
from kiosk.app import build
from kiosk.launch import demo_config


@pytest.fixture
def printer_emulator(tmp_path):
    with PrinterEmulator(tmp_path / "printed") as emu:
        yield emu


@pytest.fixture
def kiosk(qtbot, tmp_path, printer_emulator):
    cfg = demo_config(tmp_path / "data")
    cfg.printer.uri = printer_emulator.uri
    app = build(cfg, defer=True).complete()  # the dossier journey only where a test touches it
    app.window.resize(1280, 800)
    app.window.show()
    app.window.install_guards()
    yield app
    for f in (app.window.idle, app.window._guard, app.window.navigator):
        QApplication.instance().removeEventFilter(f)
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()
