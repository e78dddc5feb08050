"""Fixtures: a real ESC/POS emulator over TCP on 127.0.0.1 (random port, temp folder)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from devices.printer import PrinterSettings, open_printer, ticket_data
from devices.printer.emulator import PrinterEmulator


@pytest.fixture
def emulator(tmp_path):
    with PrinterEmulator(tmp_path / "jobs") as emu:
        yield emu


@pytest.fixture
def emulator_58(tmp_path):
    with PrinterEmulator(tmp_path / "jobs58", paper_dots=384) as emu:
        yield emu


@pytest.fixture
def connect():
    """``connect(emulator_or_uri, **settings)`` -> an open Printer, closed after the test."""
    opened = []

    def _connect(target, **overrides):
        uri = target if isinstance(target, str) else target.uri
        printer = open_printer(PrinterSettings(uri=uri, **overrides))
        opened.append(printer)
        return printer

    yield _connect
    for printer in opened:
        printer.close()


def sample_ticket(number: str = "B012", priority: str = "") -> dict:
    """A synthetic ticket; no person in it."""
    return ticket_data(
        centre_name="Trung tâm Phục vụ hành chính công phường Ba Đình",
        number=number,
        service_name="Hộ tịch",
        counter_group="Quầy 3, 4, 5",
        issued_at=dt.datetime(2026, 11, 28, 8, 15),
        waiting_ahead=4,
        estimated_wait_min=12,
        kiosk_id="KIOSK01",
        priority_category=priority,
    )


def decode_qr(png_path) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png_path).convert("L"))]


def dark_rows(png_path) -> np.ndarray:
    """Fraction of black dots per row of a printed PNG."""
    ink = np.asarray(Image.open(png_path).convert("L")) < 128
    return ink.mean(axis=1)
