"""The "look up a dossier" journey: type the code from the receipt, see its status.

The agency part of the dossier code (``000.00.00.H30``) is the kiosk's own, so the citizen
types only the 10 digits printed after it on the receipt: the date (YYMMDD) and the number
(NNNN) — on a numeric keypad, no letters (Circular 01/2018/TT-VPCP Art. 19 for the format) —
then the receipt's 6-digit check code (``sync.check_code``): the code alone is a date and
a counter anyone could guess, the check code shows the citizen holds the receipt.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from kiosk.journeys import expect
from sync.check_code import DIGITS as CHECK_DIGITS

CODE_DIGITS = 10
DIGITS = CODE_DIGITS + CHECK_DIGITS


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

    def type_digit(self, digit: str) -> None:
        expect(self.step, Step.ENTER)
        if digit.isdigit() and len(digit) == 1 and len(self.digits) < DIGITS:
            self.digits += digit

    def backspace(self) -> None:
        expect(self.step, Step.ENTER)
        self.digits = self.digits[:-1]

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
