"""The idle watch: no touch for a while → "Do you need more time?" → wipe and go home.

Watches every press, touch and key in the application, so any screen, present or future,
is covered without knowing about it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
             QEvent.Type.TouchUpdate, QEvent.Type.Wheel}


class IdleWatch(QObject):
    """Emits ``ask`` after ``timeout_s`` of no activity, then ``tick(seconds_left)`` every
    second, then ``expired``. Activity during the countdown emits ``resumed``, except inside
    ``answered_by`` (the question itself: its buttons say what the citizen wants).

    Each screen arms it with its own timeout (forms and papers get longer: a citizen reading
    or looking for a paper in a bag is not gone)."""

    ask = Signal()
    tick = Signal(int)
    expired = Signal()
    resumed = Signal()

    def __init__(self, timeout_s: int, countdown_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown_s = countdown_s
        self.enabled = False
        self.answered_by: QWidget | None = None
        self._left = 0
        self._idle = QTimer(self, singleShot=True, interval=timeout_s * 1000)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)

    def arm(self, timeout_s: float | None = None) -> None:
        """A citizen session is in progress: start watching (``timeout_s``: this screen's)."""
        self.enabled = True
        self._tick.stop()
        if timeout_s is not None:
            self._idle.setInterval(int(timeout_s * 1000))
        self._idle.start()

    def disarm(self) -> None:
        """Back home: nothing to time out."""
        self.enabled = False
        self._idle.stop()
        self._tick.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self.enabled and event.type() in _ACTIVITY:
            inside = self.answered_by
            if inside is not None and isinstance(obj, QWidget) and (obj is inside or inside.isAncestorOf(obj)):
                return False
            if self._tick.isActive():
                self._tick.stop()
                self.resumed.emit()
            self._idle.start()
        return False

    def _start_countdown(self) -> None:
        self._left = self.countdown_s
        self.ask.emit()
        self.tick.emit(self._left)
        self._tick.start()

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.tick.emit(self._left)
            return
        self._tick.stop()
        self.enabled = False
        self.expired.emit()
