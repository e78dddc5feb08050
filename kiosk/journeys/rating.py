"""The "rate our service" journey: a level, a reason when not satisfied, then thanks.

Anonymous by design: nothing about the citizen is asked or kept. A reason is required for
"not satisfied" (domain notes §6) and is picked from a list, so nobody has to type.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kiosk.journeys import expect

LEVELS = ("very_satisfied", "satisfied", "unsatisfied")


class Step(Enum):
    CHOOSE_LEVEL = "choose_level"
    CHOOSE_REASONS = "choose_reasons"
    THANKS = "thanks"


@dataclass
class RatingJourney:
    step: Step = Step.CHOOSE_LEVEL
    level: str | None = None
    reasons: set[str] = field(default_factory=set)

    def choose_level(self, level: str) -> Step:
        """Very satisfied / satisfied are done at once; not satisfied asks why."""
        expect(self.step, Step.CHOOSE_LEVEL)
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        self.level = level
        self.step = Step.CHOOSE_REASONS if level == "unsatisfied" else Step.THANKS
        return self.step

    def toggle_reason(self, code: str) -> None:
        expect(self.step, Step.CHOOSE_REASONS)
        self.reasons ^= {code}

    @property
    def can_send(self) -> bool:
        return self.step is Step.CHOOSE_REASONS and bool(self.reasons)

    def send(self) -> Step:
        expect(self.step, Step.CHOOSE_REASONS)
        if not self.reasons:
            raise ValueError("a reason is required when not satisfied")
        self.step = Step.THANKS
        return self.step

    def back(self) -> Step:
        expect(self.step, Step.CHOOSE_REASONS)
        self.level, self.reasons, self.step = None, set(), Step.CHOOSE_LEVEL
        return self.step

    def reset(self) -> None:
        self.step, self.level, self.reasons = Step.CHOOSE_LEVEL, None, set()
