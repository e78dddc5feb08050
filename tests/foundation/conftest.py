"""Fixtures for the foundation: a demo-like configuration on a temp folder and a real
ESC/POS printer emulator on 127.0.0.1."""
from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from devices.printer.emulator import PrinterEmulator
from kiosk.launch import demo_config


@pytest.fixture
def printer_emulator(tmp_path):
    with PrinterEmulator(tmp_path / "printed") as emu:
        yield emu


@pytest.fixture
def config(tmp_path, printer_emulator):
    cfg = demo_config(tmp_path / "data")
    cfg.printer.uri = printer_emulator.uri
    return cfg


def decode_qr(png_path) -> list[str]:
    """What a counter scanner would read from a printed ticket image."""
    image = np.array(Image.open(png_path).convert("L"))
    return [r.text for r in zxingcpp.read_barcodes(image)]
