"""Glue of the rating journey: screens ↔ journey, the rating stored on a worker thread."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.journeys.rating import RatingJourney, Step
from kiosk.tasks import run_task

log = logging.getLogger(__name__)
THANKS_SECONDS = 6
SCREEN_OF_STEP = {Step.CHOOSE_LEVEL: "rating", Step.CHOOSE_REASONS: "rating_reasons",
                  Step.THANKS: "rating_thanks"}


class RatingFlow(QObject):
    changed = Signal()

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.journey = RatingJourney()
        self.home_timer = QTimer(self, singleShot=True, interval=THANKS_SECONDS * 1000)
        self.home_timer.timeout.connect(self.finish)
        ctx.on_wipe(self._reset)

    def _reset(self) -> None:
        self.home_timer.stop()
        self.journey.reset()

    def _show(self) -> None:
        self.changed.emit()
        self.ctx.go(SCREEN_OF_STEP[self.journey.step])

    def start(self) -> None:
        self._reset()
        self._show()

    def choose_level(self, level: str) -> None:
        if self.journey.choose_level(level) is Step.THANKS:
            self._save()
        self._show()

    def toggle_reason(self, code: str) -> None:
        self.journey.toggle_reason(code)
        self.changed.emit()

    def send(self) -> None:
        self.journey.send()
        self._save()
        self._show()

    def back(self) -> None:
        self.journey.back()
        self._show()

    def finish(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()

    def _save(self) -> None:
        store, kiosk_id = self.ctx.store, self.ctx.config.kiosk.id
        level, reasons = self.journey.level, sorted(self.journey.reasons)

        def save() -> None:
            from sync.store.models_rating import Rating  # SQLAlchemy: off the start path

            with store.session() as s:
                s.add(Rating(at=datetime.now(timezone.utc), kiosk_id=kiosk_id, level=level,
                             reasons=reasons))

        run_task(save, on_error=lambda exc: log.error("rating not stored: %s", type(exc).__name__))
        self.home_timer.start()
