"""Faults the citizen would notice: refused jobs, unknown status, lost printer, bilingual words."""
from __future__ import annotations

import socket
import time

import pytest

from devices.printer import (CoverOpen, PaperOut, PrinterOffline, PrinterState, PrinterUnreachable,
                             PrintResult, PrintUnconfirmed, ticket_layout)
from devices.printer.status import query_status, status_byte

from .conftest import sample_ticket


def _assert_bilingual(error):
    assert error.vi and error.en and error.vi != error.en
    assert "Vui lòng" in error.vi or "báo cán bộ" in error.vi


@pytest.mark.parametrize(("mode", "state", "error_type", "vi"), [
    ("paper_out", PrinterState.PAPER_OUT, PaperOut, "Máy in hết giấy. Vui lòng báo cán bộ tại quầy."),
    ("cover_open", PrinterState.COVER_OPEN, CoverOpen, "Nắp máy in đang mở. Vui lòng báo cán bộ tại quầy."),
    ("offline", PrinterState.OFFLINE, PrinterOffline, None),
])
def test_fault_before_the_job_refuses_it(emulator, connect, mode, state, error_type, vi):
    emulator.set_mode(mode)
    printer = connect(emulator)
    assert printer.status().state is state
    outcome = printer.print_layout(ticket_layout(80), sample_ticket())
    assert not outcome.ok and outcome.result is PrintResult.REFUSED
    assert outcome.status_before.state is state
    assert isinstance(outcome.error, error_type)
    _assert_bilingual(outcome.error)
    if vi:
        assert outcome.error.vi == vi
    assert outcome.bytes_sent == 0
    time.sleep(0.2)
    assert emulator.jobs == []  # nothing reached the paper path
    with pytest.raises(error_type):
        outcome.raise_for_error()


def test_paper_near_end_prints_and_asks_for_attention(emulator, connect):
    emulator.set_mode("near_end")
    outcome = connect(emulator).print_layout(ticket_layout(80), sample_ticket())
    assert outcome.ok and outcome.error is None
    assert outcome.status_after.state is PrinterState.NEAR_END
    assert outcome.needs_attention
    assert emulator.wait_for_jobs(1)[0].png_path.exists()


def test_paper_running_out_during_the_job_fails_it(emulator, connect):
    emulator.set_mode("paper_out", after_bytes=2000)
    outcome = connect(emulator).print_layout(ticket_layout(80), sample_ticket())
    assert outcome.result is PrintResult.FAILED and not outcome.ok
    assert outcome.status_before.state is PrinterState.OK
    assert outcome.status_after.state is PrinterState.PAPER_OUT
    assert outcome.end_confirmed  # GS r 1 came back after the paper ran out, saying so
    assert isinstance(outcome.error, PaperOut)
    job, = emulator.wait_for_jobs(1)
    assert not job.printed and job.png_path is None


def test_silent_printer_is_unknown_never_ok(emulator, connect):
    emulator.set_mode("silent")
    printer = connect(emulator, status_timeout_s=0.2)
    assert printer.status().state is PrinterState.UNKNOWN
    started = time.monotonic()
    outcome = printer.print_layout(ticket_layout(80), sample_ticket())
    assert time.monotonic() - started < 6  # not the 8-s wait for an end-of-job answer
    assert not outcome.ok and outcome.result is PrintResult.UNCONFIRMED
    assert outcome.status_before.state is PrinterState.UNKNOWN  # sent anyway, and said so
    assert outcome.status_after.state is PrinterState.UNKNOWN
    assert isinstance(outcome.error, PrintUnconfirmed)
    _assert_bilingual(outcome.error)
    assert outcome.bytes_sent > 0
    assert emulator.wait_for_jobs(1)[0].qr_payloads == ["TICKET|20261128|B012|KIOSK01"]


def test_empty_or_garbled_answer_is_unknown_not_ok():
    # python-escpos' paper_status() reads an empty answer as "paper adequate"
    assert query_status(lambda _cmd: b"").state is PrinterState.UNKNOWN
    assert query_status(lambda _cmd: b"\xff").state is PrinterState.UNKNOWN
    assert status_byte(b"\x00") is None and status_byte(b"\x12") == 0x12
    answers = {1: b"\x12", 2: b"\x12", 4: b""}
    assert query_status(lambda cmd: answers[cmd[2]]).state is PrinterState.UNKNOWN


def test_slow_printer_is_waited_for_or_reported_unconfirmed(emulator, connect):
    emulator.set_mode("slow", delay_s=0.02)  # ~35 KB ticket -> ~0.7 s of printing
    patient = connect(emulator).print_layout(ticket_layout(80), sample_ticket("B001"))
    assert patient.ok and patient.end_confirmed and patient.duration_s > 0.5
    assert emulator.jobs[-1].qr_payloads == ["TICKET|20261128|B001|KIOSK01"]  # landed before ok
    hasty = connect(emulator, print_timeout_s=0.2).print_layout(ticket_layout(80), sample_ticket("B002"))
    assert hasty.result is PrintResult.UNCONFIRMED and not hasty.ok
    assert hasty.end_confirmed is False
    assert hasty.status_after.state is PrinterState.OK  # DLE EOT answers at once, even busy
    assert len(emulator.wait_for_jobs(2, timeout=10)) == 2


def test_status_answers_come_at_once_while_the_printer_is_busy(emulator, connect):
    emulator.set_mode("slow", delay_s=0.05)
    printer = connect(emulator, print_timeout_s=0.1)
    printer.print_layout(ticket_layout(80), sample_ticket())  # ~1.7 s of printing queued
    assert printer.status().state is PrinterState.OK
    assert emulator.jobs == [], "the status waited for the queued job (it must be answered at once)"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_printer_is_a_clear_error_within_the_timeout(connect):
    printer = connect(f"tcp://127.0.0.1:{_closed_port()}", timeout_s=1.0)
    started = time.monotonic()
    outcome = printer.print_layout(ticket_layout(80), sample_ticket())
    assert time.monotonic() - started < 5  # the 1-s timeout holds, with room for a slow machine
    assert outcome.result is PrintResult.FAILED and outcome.bytes_sent == 0
    assert isinstance(outcome.error, PrinterUnreachable)
    assert outcome.error.vi == "Không kết nối được máy in. Vui lòng báo cán bộ tại quầy."
    with pytest.raises(PrinterUnreachable):
        printer.status()


def test_printer_that_went_away_then_came_back(tmp_path, connect):
    from devices.printer.emulator import PrinterEmulator

    first = PrinterEmulator(tmp_path / "a").start()
    port = first.port
    printer = connect(first)
    assert printer.print_layout(ticket_layout(80), sample_ticket("B001")).ok
    first.stop()
    lost = printer.print_layout(ticket_layout(80), sample_ticket("B002"))
    assert not lost.ok and lost.error is not None
    with PrinterEmulator(tmp_path / "b", port=port) as again:
        back = printer.print_layout(ticket_layout(80), sample_ticket("B003"))
        assert back.ok, back.error
        assert again.wait_for_jobs(1)[0].qr_payloads == ["TICKET|20261128|B003|KIOSK01"]


def test_printer_restarted_between_tickets_needs_no_kiosk_restart(tmp_path, connect):
    from devices.printer.emulator import PrinterEmulator

    first = PrinterEmulator(tmp_path / "a").start()
    port = first.port
    printer = connect(first)
    assert printer.print_layout(ticket_layout(80), sample_ticket("B001")).ok
    first.stop()  # overnight: the printer was switched off and on; our socket is stale
    with PrinterEmulator(tmp_path / "b", port=port) as again:
        morning = printer.print_layout(ticket_layout(80), sample_ticket("B001"))
        assert morning.ok, morning.error
        assert again.wait_for_jobs(1)[0].qr_payloads == ["TICKET|20261128|B001|KIOSK01"]


def test_outcome_is_storable(emulator, connect):
    import json

    record = connect(emulator).print_layout(ticket_layout(80), sample_ticket()).to_dict()
    assert json.loads(json.dumps(record))["status_after"]["state"] == "ok"
    assert record["ok"] is True and record["bytes_sent"] > 1000
