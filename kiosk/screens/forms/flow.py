"""Glue between the declaration journey and the forms screens.

The journey decides the step; the flow tells the shell which screen shows it and renders
the PDF on a worker thread (``run_task``). ``submitted`` carries the ``DeclarationResult``
(answers dict + PDF bytes) to whoever files the dossier.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal

from forms.loader import Catalog
from kiosk.journeys.declaration import DeclarationJourney, Step
from kiosk.tasks import run_task

log = logging.getLogger(__name__)

SCREEN_OF_STEP = {
    Step.CATALOG: "forms_catalog",
    Step.PROCEDURE: "forms_procedure",
    Step.PAGE: "forms_page",
    Step.REVIEW: "forms_review",
    Step.DONE: "forms_done",
}


class DeclarationFlow(QObject):
    changed = Signal()
    submitted = Signal(object)      # DeclarationResult
    failed = Signal(object)         # exception with vi/en

    def __init__(self, ctx, catalog: Catalog, settings=None,
                 dossier_code: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.journey = DeclarationJourney(catalog, settings=settings, hours=ctx.config.opening_hours())
        self.dossier_code = dossier_code      # procedure code → dossier code (numbering)
        self.busy = False
        ctx.on_wipe(self.journey.reset)

    def _show(self) -> None:
        self.changed.emit()
        self.ctx.go(SCREEN_OF_STEP[self.journey.step])

    # events from the screens -------------------------------------------------------------
    def begin(self, identity: dict | None) -> None:
        """Start with the identity read from the ID card (None: nothing prefilled)."""
        self.journey.reset(identity)
        self._show()

    def choose(self, code: str) -> None:
        self.journey.choose(code)
        self._show()

    def start(self) -> None:
        self.journey.start()
        self._show()

    def next(self) -> list:
        errors = self.journey.next()
        if not errors:
            self._show()
        return errors

    def back(self) -> None:
        if self.journey.step is Step.CATALOG:
            self.cancel()
            return
        self.journey.back()
        self._show()

    def edit(self, path: str) -> None:
        self.journey.edit(path)
        self._show()

    def cancel(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        code = self.dossier_code(self.journey.procedure.code) if self.dossier_code else None
        self.changed.emit()
        run_task(lambda: self.journey.submit(dossier_code=code), self._done, self._failed)

    def _done(self, result) -> None:
        self.busy = False
        self.submitted.emit(result)
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.error("declaration not completed: %s", type(exc).__name__)
        self.failed.emit(exc)
        self.changed.emit()
