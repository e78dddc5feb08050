"""The "take a queue number" journey: service → priority → printing → done or failed.

A plain state machine so the rules can be driven in a unit test; the screens only show
``state`` and call the event methods. Printing itself is done by the caller (on a worker
thread), which reports back with ``printed`` or ``print_failed``.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from kiosk.journeys import JourneyError, expect


class Step(Enum):
    CHOOSE_SERVICE = "choose_service"
    CHOOSE_PRIORITY = "choose_priority"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass
class TakeNumberJourney:
    has_priorities: bool = True
    step: Step = Step.CHOOSE_SERVICE
    service_code: str | None = None
    priority_code: str | None = None
    ticket: Any = None
    error: Exception | None = None

    def choose_service(self, code: str) -> Step:
        self._expect(Step.CHOOSE_SERVICE)
        self.service_code = code
        self.step = Step.CHOOSE_PRIORITY if self.has_priorities else Step.PRINTING
        return self.step

    def choose_priority(self, code: str | None) -> Step:
        """``None`` means "no priority". Moves to PRINTING: the caller prints now."""
        self._expect(Step.CHOOSE_PRIORITY)
        self.priority_code = code
        self.step = Step.PRINTING
        return self.step

    def printed(self, ticket: Any) -> Step:
        self._expect(Step.PRINTING)
        self.ticket, self.error = ticket, None
        self.step = Step.DONE
        return self.step

    def print_failed(self, error: Exception) -> Step:
        self._expect(Step.PRINTING)
        self.error = error
        self.step = Step.FAILED
        return self.step

    def retry(self) -> Step:
        """After a failed print: try the same choice again."""
        self._expect(Step.FAILED)
        self.error = None
        self.step = Step.PRINTING
        return self.step

    def back(self) -> Step:
        if self.step is Step.CHOOSE_PRIORITY:
            self.service_code = None
            self.step = Step.CHOOSE_SERVICE
        elif self.step is Step.FAILED:
            self.error = None
            self.step = Step.CHOOSE_PRIORITY if self.has_priorities else Step.CHOOSE_SERVICE
        else:
            raise JourneyError(f"cannot go back from {self.step.value}")
        return self.step

    def reset(self) -> None:
        self.step = Step.CHOOSE_SERVICE
        self.service_code = self.priority_code = None
        self.ticket = self.error = None

    def _expect(self, step: Step) -> None:
        expect(self.step, step)
