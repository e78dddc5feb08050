"""``kiosk print-test`` as a technician runs it over SSH."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.cli.cmd_printer import cmd_print_test, register

from .conftest import decode_qr


def _run(argv):
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["print-test", *argv])
    return cmd_print_test(args)


def test_print_test_page_prints_and_says_so(emulator, capsys):
    assert _run(["--printer", emulator.uri]) == 0
    out = capsys.readouterr().out
    assert "ĐÃ IN / PRINTED" in out and "status before: ok" in out and "status after: ok" in out
    job, = emulator.wait_for_jobs(1)
    payload, = decode_qr(job.png_path)
    assert payload.startswith("PRINT-TEST|")


def test_print_test_on_58mm_with_image_qr(emulator_58, capsys):
    assert _run(["--printer", emulator_58.uri, "--paper", "58", "--no-native-qr"]) == 0
    job, = emulator_58.wait_for_jobs(1)
    assert max(job.raster_widths) <= 384 and b"\x1d(k" not in job.raw
    assert "384 dots" in capsys.readouterr().out


def test_print_test_reports_a_fault_in_both_languages(emulator, capsys):
    emulator.set_mode("cover_open")
    assert _run(["--printer", emulator.uri]) == 1
    captured = capsys.readouterr()
    assert "REFUSED" in captured.out
    assert "Nắp máy in đang mở" in captured.err and "The printer cover is open" in captured.err


def test_print_test_with_a_bad_uri_names_it(capsys):
    assert _run(["--printer", "lpt://nowhere"]) == 2
    assert "lpt://nowhere" in capsys.readouterr().err


def test_print_test_imports_no_qt(emulator):
    code = ("import sys; from kiosk.cli import main; rc = main(['print-test', '--printer', "
            f"'{emulator.uri}']); assert 'PySide6' not in sys.modules; sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert done.returncode == 0, done.stderr
    assert "PRINTED" in done.stdout
