"""The "look up a dossier" journey: scan the receipt's QR (or type its code), see its status.

The agency part of the dossier code (``000.00.00.H30``) is the kiosk's own, so the citizen
types only the 10 digits printed after it on the receipt: the date (YYMMDD) and the number
(NNNN) — on a numeric keypad, no letters (Circular 01/2018/TT-VPCP Art. 19 for the format) —
then the receipt's 6-digit check code (``sync.check_code``): the code alone is a date and
a counter anyone could guess, the check code shows the citizen holds the receipt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from kiosk.journeys import expect
from sync.check_code import DIGITS as CHECK_DIGITS

CODE_DIGITS = 10
DIGITS = CODE_DIGITS + CHECK_DIGITS


RECEIPT_QR = re.compile(r"(?P<agency>[0-9A-Z.]{1,40})-(?P<day>\d{6})-(?P<seq>\d{4})(?:\|(?P<check>\d{%d}))?"
                        % CHECK_DIGITS)


def receipt_digits(payload: str, agency_id: str) -> str | None:
    """The digits a citizen would type, from the QR printed on a receipt of ``agency_id``:
    ``<agency>-<YYMMDD>-<NNNN>|<check code>`` (devices/printer/layouts.py receipt_data) or
    the code alone (the check code is then typed). None for any other QR."""
    match = RECEIPT_QR.fullmatch(payload.strip())
    if match is None or match["agency"] != agency_id:
        return None
    return match["day"] + match["seq"] + (match["check"] or "")


class Notice(Enum):
    """What the citizen is told about the receipt's QR."""
    NOT_A_RECEIPT = "not_a_receipt"      # another QR (an ID card, another office's receipt)
    TYPE_CHECK_CODE = "type_check_code"  # a QR with the code only: the check code is typed


class Step(Enum):
    ENTER = "enter"
    SEARCHING = "searching"
    FOUND = "found"
    NOT_FOUND = "not_found"
    FAILED = "failed"


@dataclass
class LookupJourney:
    agency_id: str
    step: Step = Step.ENTER
    digits: str = ""
    result: Any = None
    error: BaseException | None = None
    notice: Notice | None = None

    def type_digit(self, digit: str) -> None:
        expect(self.step, Step.ENTER)
        if digit.isdigit() and len(digit) == 1 and len(self.digits) < DIGITS:
            self.digits += digit
        if self.notice is Notice.NOT_A_RECEIPT:  # typing now: the QR's notice has been read
            self.notice = None

    def backspace(self) -> None:
        expect(self.step, Step.ENTER)
        self.digits = self.digits[:-1]

    @property
    def shown_with_placeholders(self) -> str:
        """The receipt's layout with a "_" for every digit still to type: ``2611__-____ · ______``."""
        d = self.digits.ljust(DIGITS, "_")
        return f"{d[:6]}-{d[6:CODE_DIGITS]} · {d[CODE_DIGITS:]}"

    def scanned(self, payload: str) -> bool:
        """The receipt's QR was read: its digits replace what was typed. False (nothing
        typed is lost) for a QR that is not a receipt of this office, with a notice."""
        expect(self.step, Step.ENTER)
        digits = receipt_digits(payload, self.agency_id)
        if digits is None:
            self.notice = Notice.NOT_A_RECEIPT
            return False
        self.digits = digits
        self.notice = None if len(digits) == DIGITS else Notice.TYPE_CHECK_CODE
        return True

    @property
    def shown(self) -> str:
        """What the citizen has typed, laid out like the receipt: ``261128-0007 · 123456``."""
        d = self.digits
        return (d[:6] + ("-" + d[6:CODE_DIGITS] if len(d) > 6 else "")
                + (" · " + d[CODE_DIGITS:] if len(d) > CODE_DIGITS else ""))

    @property
    def wrong_date(self) -> bool:
        """The first six digits are typed and are not a date (YYMMDD)."""
        if len(self.digits) < 6:
            return False
        try:
            datetime.strptime(self.digits[:6], "%y%m%d")
        except ValueError:
            return True
        return False

    @property
    def complete(self) -> bool:
        return len(self.digits) == DIGITS and not self.wrong_date

    @property
    def code(self) -> str:
        return f"{self.agency_id}-{self.digits[:6]}-{self.digits[6:CODE_DIGITS]}"

    @property
    def check(self) -> str:
        return self.digits[CODE_DIGITS:]

    def search(self) -> Step:
        expect(self.step, Step.ENTER)
        if not self.complete:
            raise ValueError("the code is not complete")
        self.step = Step.SEARCHING
        return self.step

    def found(self, result: Any) -> Step:
        expect(self.step, Step.SEARCHING)
        self.result = result
        self.step = Step.FOUND if result is not None else Step.NOT_FOUND
        return self.step

    def failed(self, error: BaseException) -> Step:
        expect(self.step, Step.SEARCHING)
        self.error, self.step = error, Step.FAILED
        return self.step

    def again(self) -> Step:
        """Back to the keypad, keeping the digits so a typo is one tap to fix."""
        expect(self.step, Step.FOUND, Step.NOT_FOUND, Step.FAILED)
        self.result, self.error, self.step = None, None, Step.ENTER
        return self.step

    def reset(self) -> None:
        self.step, self.digits, self.result, self.error = Step.ENTER, "", None, None
        self.notice = None
