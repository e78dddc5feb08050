"""Looking up a dossier by the code on the receipt."""
from __future__ import annotations

import pytest

from kiosk.journeys import JourneyError
from kiosk.journeys.lookup import LookupJourney, Step
from sync.check_code import check_code

from .conftest import tap
from .test_gui_dossier import file_certified_copy_request


def test_only_the_code_with_a_real_date_and_its_check_code_can_be_looked_up():
    j = LookupJourney("000.00.00.H30")
    for d in "2613450007":  # month 13
        j.type_digit(d)
    assert j.shown == "261345-0007" and j.wrong_date
    for d in "1234567":
        j.type_digit(d)  # a seventh check digit is ignored
    assert j.shown == "261345-0007 · 123456" and not j.complete
    with pytest.raises(ValueError):
        j.search()
    for _ in range(14):
        j.backspace()
    for d in "11280007":
        j.type_digit(d)
    assert not j.complete  # the check code is missing
    for d in "123456":
        j.type_digit(d)
    assert j.complete and (j.code, j.check) == ("000.00.00.H30-261128-0007", "123456")
    assert j.search() is Step.SEARCHING
    with pytest.raises(JourneyError):
        j.type_digit("1")
    assert j.found(None) is Step.NOT_FOUND
    assert j.again() is Step.ENTER and j.digits == "2611280007123456"  # a typo is one tap to fix


def receipt_digits(filed) -> str:
    """What the citizen reads off the receipt: the code after the agency part, then the
    check code printed beside it."""
    return filed.code.split("-", 1)[1].replace("-", "") + check_code(filed.dossier_id)


def type_code(qtbot, w, digits: str) -> None:
    tap(qtbot, w, "tile_lookup")
    for d in digits:
        tap(qtbot, w, f"keypad_{d}")
    tap(qtbot, w, "lookup_search")


def test_a_dossier_filed_here_is_found_offline_and_an_unknown_one_is_not_claimed_missing(qtbot, kiosk):
    app, emu, citizen, config = kiosk
    filed = file_certified_copy_request(qtbot, app, citizen)
    tap(qtbot, app.window, "dossier_finish")
    w = app.window
    type_code(qtbot, w, receipt_digits(filed))
    result = w.screen("lookup_result")
    qtbot.waitUntil(lambda: result.status.isVisible(), timeout=5000)
    assert "đang gửi về hệ thống một cửa" in result.status.text()
    assert "Chứng thực bản sao từ bản chính" in result.details.text()
    tap(qtbot, w, "lookup_again")
    for _ in range(4):
        tap(qtbot, w, "keypad_delete")
    for d in "9999":
        tap(qtbot, w, f"keypad_{d}")
    tap(qtbot, w, "lookup_search")
    qtbot.waitUntil(lambda: result.error.isVisible(), timeout=5000)
    assert "mất kết nối" in result.error.text()  # no central to ask: never a false "not found"
