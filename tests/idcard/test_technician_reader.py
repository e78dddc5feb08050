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
from tests.technician.test_gui_technician import enter, make_kiosk, open_page, tap, text_of  # noqa: F401


def _env(write_config, printer_emulator, reader: str) -> DiagEnv:
    return DiagEnv(load(write_config(printer_emulator.uri, reader=reader), environ={}))


def test_reader_found_card_present_and_its_atr(write_config, printer_emulator, card_on_reader):
    _, name = card_on_reader()
    assert wait_card_state(name, True, timeout=10)  # vpcd is connected before pcscd sees the card
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


def test_the_panel_test_read_succeeds_on_the_emulated_card(qtbot, make_kiosk, printer_emulator, card_on_reader):
    citizen = SyntheticCitizen()
    _, name = card_on_reader(citizen)
    assert wait_card_state(name, True, timeout=10)
    app = make_kiosk(printer_emulator.uri, reader="Kiosk vpcd")
    enter(qtbot, app)
    open_page(qtbot, app, "card_reader")
    qtbot.waitUntil(lambda: "ATR" in text_of(app.window, "tech_device_facts"), timeout=20_000)
    tap(qtbot, app.window, "tech_test")  # no CAN yet: asked for it, nothing read
    assert "CAN" in text_of(app.window, "tech_test_result")
    for digit in citizen.can:
        tap(qtbot, app.window, f"tech_can_{digit}")
    tap(qtbot, app.window, "tech_test")
    qtbot.waitUntil(lambda: "Đọc thẻ thành công" in text_of(app.window, "tech_test_result"), timeout=30_000)
    shown = text_of(app.window, "tech_test_result")
    assert "PACE" in shown and "apdus" in shown
    assert citizen.id_number not in shown and citizen.full_name not in shown


def test_the_panel_checking_the_reader_never_breaks_a_read_in_progress(write_config, printer_emulator,
                                                                        card_on_reader):
    """The panel refreshes the reader's facts while the technician's test read runs: the ATR
    comes from pcscd's reader state, so no second connection unpowers the card mid-read
    (which read as "the card was lifted" before)."""
    citizen = SyntheticCitizen()
    _, name = card_on_reader(citizen)
    assert wait_card_state(name, True, timeout=10)
    env = _env(write_config, printer_emulator, "Kiosk vpcd")
    reading = threading.Event()
    outcomes = []

    def read() -> None:
        reading.set()
        outcomes.append(card_test_read(env, citizen.can))

    reader = threading.Thread(target=read)
    reader.start()
    reading.wait(5)
    atrs = []
    while reader.is_alive():
        [result] = run_checks(env, ["card_reader"])
        atrs.append(result.details.get("atr", ""))
    reader.join()
    assert outcomes[0].ok, outcomes[0].details
    assert atrs and all(a.startswith("3B") for a in atrs)


def test_a_missing_reader_greys_the_dossier_tile_before_a_citizen_meets_it(qtbot, make_kiosk, printer_emulator,
                                                                             pcsc_stack):
    """The identity step must read the chip when a reader is configured: without the reader
    the dossier would end there, so the tile says so at home; taking a number still works."""
    from PySide6.QtWidgets import QPushButton

    app = make_kiosk(printer_emulator.uri, reader="No Such Reader")
    app.check_devices()
    tile = app.window.findChild(QPushButton, "tile_submit_dossier")
    qtbot.waitUntil(lambda: tile.property("role") == "soon", timeout=20_000)
    assert "tạm ngừng" in tile.text()
    assert app.window.findChild(QPushButton, "tile_take_number").property("role") == "tile"
    tap(qtbot, app.window, "tile_submit_dossier")
    assert app.window.current().name == "home"
    assert text_of(app.window, "home_notice") == ("Tạm thời chưa nộp hồ sơ được tại máy — "
                                                  "vui lòng đến quầy tiếp nhận")
