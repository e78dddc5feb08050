"""The card reader page's facts and test read, through pcscd + vpcd + the card emulator.

Kept beside the identity tests, whose session-wide PC/SC stack it shares (a second stack
fixture would wait on the first one's lock). Run under ``flock /tmp/kiosk-pcsc.lock``.
"""
from __future__ import annotations

import threading

from devices.idcard.pcsc import wait_card_state
from devices.sim.citizen import SyntheticCitizen
from kiosk.config import load
from kiosk.diagnostics import DiagEnv, run_checks
from kiosk.diagnostics.device_tests import card_test_read
from kiosk.diagnostics.result import Status
from tests.technician.conftest import printer_emulator, write_config  # noqa: F401 (fixtures)


def _env(write_config, printer_emulator, reader: str) -> DiagEnv:
    return DiagEnv(load(write_config(printer_emulator.uri, reader=reader), environ={}))


def test_reader_found_card_present_and_its_atr(write_config, printer_emulator, card_on_reader):
    _, name = card_on_reader()
    [result] = run_checks(_env(write_config, printer_emulator, "Kiosk vpcd"), ["card_reader"])
    assert result.status is Status.OK
    assert result.details["reader"] == name and result.details["card_present"] is True
    assert result.details["atr"].startswith("3B")  # an ISO 7816-3 direct-convention ATR


def test_a_missing_reader_is_a_fault(write_config, printer_emulator, pcsc_stack):
    [result] = run_checks(_env(write_config, printer_emulator, "No Such Reader"), ["card_reader"])
    assert result.status is Status.FAULT and result.en == "Card reader not found"


def test_the_test_read_reports_how_not_who(write_config, printer_emulator, card_on_reader):
    citizen = SyntheticCitizen()
    card_on_reader(citizen)
    outcome = card_test_read(_env(write_config, printer_emulator, "Kiosk vpcd"), citizen.id_number[-6:])
    assert outcome.ok, outcome.details
    assert outcome.details["access"] == "PACE"
    assert outcome.details["passive_authentication"] in ("signature_valid", "hashes_only", "verified_csca")
    assert outcome.details["apdus"] > 10 and outcome.details["ms"] > 0
    shown = repr(outcome.details) + outcome.vi + outcome.en
    assert citizen.id_number not in shown and citizen.full_name not in shown


def test_a_wrong_can_is_said_plainly(write_config, printer_emulator, card_on_reader):
    card_on_reader()
    outcome = card_test_read(_env(write_config, printer_emulator, "Kiosk vpcd"), "000000")
    assert not outcome.ok and outcome.vi.startswith("Đọc thẻ không thành công")


def test_a_card_wait_stops_when_cancelled(pcsc_stack):
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    # an hour's timeout: only the cancel can end this wait within the test's time limit
    assert wait_card_state(pcsc_stack.slot(1)[0], True, timeout=3600, cancel=cancel) is False
