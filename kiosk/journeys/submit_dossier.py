"""The "submit a dossier" journey: identify → declaration → papers → submit → receipt.

Each step is run by its own area's flow (identity, forms, papers); this state machine only
keeps what the steps hand over and decides what comes next, so the order can be tested
without a screen. Everything it holds is personal data: ``reset`` drops it all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from kiosk.journeys import expect


class Step(Enum):
    IDENTIFY = "identify"
    DECLARATION = "declaration"
    PAPERS = "papers"
    SUBMITTING = "submitting"
    DONE = "done"
    FAILED = "failed"


@dataclass
class SubmitDossierJourney:
    step: Step = Step.IDENTIFY
    identity: dict | None = None
    declaration: Any = None  # forms DeclarationResult
    papers: list = field(default_factory=list)  # papers PaperResult
    filed: Any = None  # FiledDossier
    error: BaseException | None = None

    def identified(self, identity: dict) -> Step:
        self._expect(Step.IDENTIFY)
        self.identity = identity
        self.step = Step.DECLARATION
        return self.step

    def declared(self, result: Any, needs_papers: bool) -> Step:
        self._expect(Step.DECLARATION)
        self.declaration = result
        self.step = Step.PAPERS if needs_papers else Step.SUBMITTING
        return self.step

    def papers_done(self, results: list) -> Step:
        self._expect(Step.PAPERS)
        self.papers = list(results)
        self.step = Step.SUBMITTING
        return self.step

    def filed_ok(self, filed: Any) -> Step:
        self._expect(Step.SUBMITTING)
        self.filed, self.error = filed, None
        self.step = Step.DONE
        return self.step

    def filing_failed(self, error: BaseException) -> Step:
        self._expect(Step.SUBMITTING)
        self.error = error
        self.step = Step.FAILED
        return self.step

    def retry(self) -> Step:
        self._expect(Step.FAILED)
        self.error = None
        self.step = Step.SUBMITTING
        return self.step

    def reset(self) -> None:
        self.step = Step.IDENTIFY
        self.identity = self.declaration = self.filed = self.error = None
        self.papers = []

    def _expect(self, step: Step) -> None:
        expect(self.step, step)
