"""Glue of the submit-dossier journey: identity → declaration → papers → filing → receipt.

The journey (``kiosk.journeys.submit_dossier``) decides the order; each step is run by its
area's own flow, which reports back by signal or callback. Filing and the receipt print run
on the thread pool. Navigation after another flow's signal is deferred one event-loop turn,
because that flow may still move to its own next screen after emitting.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.dossier.filing import DossierFiling
from kiosk.journeys.papers import papers_from_procedure
from kiosk.journeys.submit_dossier import Step, SubmitDossierJourney
from kiosk.tasks import run_task

log = logging.getLogger(__name__)


class DossierFlow(QObject):
    changed = Signal()

    def __init__(self, ctx, filing: DossierFiling, identity_flow, forms_flow, papers_flow) -> None:
        super().__init__()
        self.ctx = ctx
        self.filing = filing
        self.identity_flow = identity_flow
        self.forms_flow = forms_flow
        self.papers_flow = papers_flow
        self.journey = SubmitDossierJourney()
        ctx.on_wipe(self.journey.reset)
        identity_flow.identified.connect(self._identified)
        identity_flow.cancelled.connect(self._cancel)
        forms_flow.submitted.connect(self._declared)

    def start(self) -> None:
        self.journey.reset()
        self.identity_flow.start()

    def _identified(self, identity) -> None:
        if self.journey.step is not Step.IDENTIFY:
            return
        data = identity.to_dict()  # a copy: the Identity object is wiped with the session
        self.journey.identified(data)
        QTimer.singleShot(0, lambda: self.forms_flow.begin(data))

    def _declared(self, result) -> None:
        if self.journey.step is not Step.DECLARATION:
            return
        procedure = self.filing.catalog.get(result.procedure_code)
        papers = papers_from_procedure(procedure)
        if self.journey.declared(result, needs_papers=bool(papers)) is Step.PAPERS:
            QTimer.singleShot(0, lambda: self.papers_flow.start(
                papers, on_complete=self._papers_done, on_cancel=self._cancel,
                title_prefix=procedure.name.vi if self.ctx.language == "vi" else procedure.name.en))
        else:
            QTimer.singleShot(0, self._file)

    def _papers_done(self, results) -> None:
        if self.journey.step is Step.PAPERS:
            self.journey.papers_done(results)
            self._file()

    def retry(self) -> None:
        self.journey.retry()
        self._file()

    def _file(self) -> None:
        j = self.journey
        identity, declaration, papers = j.identity, j.declaration, j.papers
        self.ctx.go("dossier_done")
        self.changed.emit()
        run_task(lambda: self.filing.file(identity, declaration, papers), self._filed, self._failed)

    def _filed(self, filed) -> None:
        if self.journey.step is Step.SUBMITTING:
            self.journey.filed_ok(filed)
            if not filed.receipt_printed:
                self.ctx.note_fault("printer")
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.error("dossier not filed: %s", type(exc).__name__)
        if self.journey.step is Step.SUBMITTING:
            self.journey.filing_failed(exc)
            self.changed.emit()

    def _cancel(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()

    def finish(self) -> None:
        self._cancel()
