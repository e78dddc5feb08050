"""Issuing tickets through the real printing path: ESC/POS over TCP to the emulator."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from devices.printer.layouts import ticket_layout
from devices.printer.printer import open_printer
from kiosk.queue.tickets import TicketNotPrinted, TicketService
from sync.store import open_store

from .conftest import decode_qr


def _service(config, clock=None):
    store = open_store(config.kiosk.resolved_data_dir() / "kiosk.db", config.kiosk.resolved_key_file())
    kwargs = {"clock": clock} if clock else {}
    return TicketService(store, config.queue, config.kiosk.id, config.kiosk.centre_name_vi,
                         lambda: open_printer(config.printer), ticket_layout(80), **kwargs)


def test_ticket_prints_with_a_qr_that_reads_back_the_number(config, printer_emulator):
    tickets = _service(config)
    first = tickets.issue("CUTRU", None)
    second = tickets.issue("CUTRU", "elderly")
    assert (first.number, second.number) == ("B001", "B002")
    jobs = printer_emulator.wait_for_jobs(2)
    payloads = decode_qr(jobs[1].png_path)
    assert payloads and payloads[0].split("|")[2] == "B002"
    assert second.waiting_ahead <= 1


def test_failed_print_is_not_issued_and_says_what_to_do(config, printer_emulator, tmp_path):
    tickets = _service(config)
    printer_emulator.set_mode("paper_out")
    with pytest.raises(TicketNotPrinted) as err:
        tickets.issue("HOTICH", None)
    assert "hết giấy" in err.value.vi and "paper" in err.value.en
    printer_emulator.set_mode("normal")
    again = tickets.issue("HOTICH", None)
    assert again.number == "A002"  # the failed number is never handed out again
    assert again.waiting_ahead == 0  # the failed ticket is not in the queue
    db = sqlite3.connect(config.kiosk.resolved_data_dir() / "kiosk.db")
    rows = db.execute("select number, status from ticket order by id").fetchall()
    assert rows == [("A001", "print_failed"), ("A002", "issued")]
    assert db.execute("select device, kind from device_fault").fetchall() == [("printer", "print_failed")]


def test_unreachable_printer_fails_clearly(config):
    config.printer.uri = "tcp://127.0.0.1:9"  # nothing listens on the discard port here
    config.printer.timeout_s = 1.0
    with pytest.raises(TicketNotPrinted) as err:
        _service(config).issue("CUTRU", None)
    assert err.value.vi and err.value.en


def test_silent_printer_is_not_taken_for_ok(config, printer_emulator):
    printer_emulator.set_mode("silent")
    with pytest.raises(TicketNotPrinted):
        _service(config).issue("CUTRU", None)


def test_numbering_restarts_after_local_midnight(config, printer_emulator):
    now = [datetime(2026, 11, 28, 16, 58, tzinfo=timezone.utc)]  # 23:58 in Vietnam
    tickets = _service(config, clock=lambda: now[0])
    assert tickets.issue("DATDAI", None).number == "D001"
    assert tickets.issue("DATDAI", None).number == "D002"
    now[0] += timedelta(minutes=3)  # 00:01 the next day
    assert tickets.issue("DATDAI", None).number == "D001"
