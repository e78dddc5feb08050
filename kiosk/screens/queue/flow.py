"""Glue between the take-number journey, the ticket service and the screens.

The journey decides the step; this object runs the printing on a worker thread
(``run_task``) and tells the shell which screen shows the new step.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.journeys.take_number import Step, TakeNumberJourney
from kiosk.queue.tickets import TicketNotPrinted, TicketService
from kiosk.shell.context import AppContext
from kiosk.tasks import run_task

log = logging.getLogger(__name__)

SCREEN_OF_STEP = {
    Step.CHOOSE_SERVICE: "take_number",
    Step.CHOOSE_PRIORITY: "queue_priority",
    Step.PRINTING: "queue_ticket",
    Step.DONE: "queue_ticket",
    Step.FAILED: "queue_ticket",
}


class QueueFlow(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, tickets: TicketService) -> None:
        super().__init__()
        self.ctx = ctx
        self.tickets = tickets
        self.journey = TakeNumberJourney(has_priorities=bool(ctx.config.queue.priorities))
        ctx.on_wipe(self.journey.reset)

    def _show(self) -> None:
        self.changed.emit()
        self.ctx.go(SCREEN_OF_STEP[self.journey.step])

    def restart(self) -> None:
        self.journey.reset()

    def choose_service(self, code: str) -> None:
        if self.journey.choose_service(code) is Step.PRINTING:
            self._print()
        self._show()

    def choose_priority(self, code: str | None) -> None:
        self.journey.choose_priority(code)
        self._print()
        self._show()

    def retry(self) -> None:
        self.journey.retry()
        self._print()
        self._show()

    def back(self) -> None:
        self.journey.back()
        self._show()

    def _print(self) -> None:
        service, priority = self.journey.service_code, self.journey.priority_code
        run_task(lambda: self.tickets.issue(service, priority), self._printed, self._failed, pool="device")

    def _printed(self, ticket) -> None:
        self.ctx.clear_fault("printer")
        if self.journey.step is Step.PRINTING:  # the session may have been wiped meanwhile
            self.journey.printed(ticket)
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        log.warning("ticket not printed: %s", type(exc).__name__)
        if isinstance(exc, TicketNotPrinted):
            self.ctx.note_fault("printer")  # TicketService recorded the fault in the store
        else:
            self.ctx.note_fault("store")
        if self.journey.step is Step.PRINTING:
            self.journey.print_failed(exc)
            self.changed.emit()
