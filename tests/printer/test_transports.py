"""The same job over every cable python-escpos offers: TCP, serial (a real pty), file, USB."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from devices.printer import (PrinterSettings, PrinterState, PrinterUnreachable, PrintResult,
                             open_printer, ticket_layout)
from devices.printer.emulator import PrinterEmulator
from devices.printer.transport import parse_uri

from .conftest import decode_qr, sample_ticket


def test_serial_printer_on_a_pseudo_terminal(emulator, connect):
    path = emulator.serve_pty()
    printer = connect(f"serial://{path}?baudrate=19200")
    assert printer.status().state is PrinterState.OK
    outcome = printer.print_layout(ticket_layout(80), sample_ticket("D021"))
    assert outcome.ok, outcome.error
    job, = emulator.wait_for_jobs(1)
    assert decode_qr(job.png_path) == ["TICKET|20261128|D021|KIOSK01"]


def test_serial_status_follows_the_printer(emulator, connect):
    path = emulator.serve_pty()
    emulator.set_mode("paper_out")
    outcome = connect(f"serial://{path}").print_layout(ticket_layout(80), sample_ticket())
    assert outcome.result is PrintResult.REFUSED
    assert outcome.error.vi.startswith("Máy in hết giấy")


def test_file_printer_writes_the_job_and_cannot_confirm_it(tmp_path, connect):
    target = tmp_path / "lp0"
    outcome = connect(f"file://{target}").print_layout(ticket_layout(80), sample_ticket("E005"))
    assert outcome.result is PrintResult.UNCONFIRMED and not outcome.ok  # write-only: unknown
    assert outcome.status_before.state is PrinterState.UNKNOWN
    data = target.read_bytes()
    assert len(data) == outcome.bytes_sent
    with PrinterEmulator(tmp_path / "render") as emulator:
        job, = emulator.render_capture(data)
    assert decode_qr(job.png_path) == ["TICKET|20261128|E005|KIOSK01"]


def test_usb_printer_that_is_not_plugged_in_is_unreachable(connect):
    printer = connect("usb://04b8:0e15")  # an Epson TM-T20 id; no such device here
    outcome = printer.print_layout(ticket_layout(80), sample_ticket())
    assert outcome.result is PrintResult.FAILED
    assert isinstance(outcome.error, PrinterUnreachable)


@pytest.mark.parametrize("uri", ["lpt://x", "tcp://", "tcp://host:99999", "usb://zz:01",
                                 "serial://", "serial:///dev/ttyS0?baudrate=fast", "file://"])
def test_bad_uri_is_a_configuration_error_naming_it(uri):
    with pytest.raises(ValueError, match="printer uri"):
        parse_uri(uri)
    with pytest.raises(ValueError):
        PrinterSettings(uri=uri)


def test_emulator_runs_by_hand(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "devices.printer.emulator", "--port", "0",
                             "--out", str(tmp_path)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    try:
        banner = proc.stdout.readline()
        uri = banner.split()[3].rstrip(",")
        assert uri.startswith("tcp://127.0.0.1:")
        printer = open_printer(PrinterSettings(uri=uri))
        assert printer.print_layout(ticket_layout(80), sample_ticket()).ok
        printer.close()
        deadline = time.monotonic() + 5
        while not list(tmp_path.glob("job-*.png")) and time.monotonic() < deadline:
            time.sleep(0.05)
        png, = tmp_path.glob("job-*.png")
        assert decode_qr(png) == ["TICKET|20261128|B012|KIOSK01"]
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_uri_emulator_starts_the_bundled_emulator_for_the_demo(tmp_path):
    from devices.printer.emulator import shared_emulator

    printer = open_printer(PrinterSettings(uri="emulator", emulator_dir=str(tmp_path)))
    try:
        emulator = shared_emulator()
        already = len(emulator.jobs)
        assert printer.print_layout(ticket_layout(80), sample_ticket("F001")).ok
        job = emulator.wait_for_jobs(already + 1)[-1]
    finally:
        printer.close()
    assert printer.transport.address.target == f"127.0.0.1:{emulator.port}"
    assert decode_qr(job.png_path) == ["TICKET|20261128|F001|KIOSK01"]


def test_emulator_never_overwrites_earlier_tickets(tmp_path):
    for number in ("G001", "G002"):
        with PrinterEmulator(tmp_path) as emulator:
            with open_printer(PrinterSettings(uri=emulator.uri)) as printer:
                assert printer.print_layout(ticket_layout(80), sample_ticket(number)).ok
            emulator.wait_for_jobs(1)
    first, second = sorted(tmp_path.glob("job-*.png"))
    assert decode_qr(first) == ["TICKET|20261128|G001|KIOSK01"]
    assert decode_qr(second) == ["TICKET|20261128|G002|KIOSK01"]
