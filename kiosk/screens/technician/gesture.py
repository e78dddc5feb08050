"""The way in: hold the top-left corner, then within a few seconds the bottom-right one.

No citizen does that by chance: a tap, a swipe or a press anywhere else starts over. Each
corner is a square of 90 px (a thumb), and each must be held ``hold_ms``.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QWidget

CORNER_PX = 90
_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class CornerGesture(QObject):
    triggered = Signal()

    def __init__(self, window: QWidget, hold_ms: int, window_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.stage = 0  # corners completed
        self._hold = QTimer(self, singleShot=True, interval=hold_ms)
        self._hold.timeout.connect(self._held)
        self._window = QTimer(self, singleShot=True, interval=window_ms)
        self._window.timeout.connect(self.reset)

    def reset(self) -> None:
        self.stage = 0
        self._hold.stop()
        self._window.stop()

    def _corner(self, event) -> int | None:
        try:
            point = event.globalPosition().toPoint() if hasattr(event, "globalPosition") \
                else event.points()[0].globalPosition().toPoint()
        except (AttributeError, IndexError):
            return None
        local: QPoint = self.window.mapFromGlobal(point)
        w, h = self.window.width(), self.window.height()
        if local.x() < CORNER_PX and local.y() < CORNER_PX:
            return 0
        if local.x() > w - CORNER_PX and local.y() > h - CORNER_PX:
            return 1
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in _PRESS and obj is not self.window and isinstance(obj, QWidget) and \
                obj.window() is self.window:
            corner = self._corner(event)
            if corner == self.stage:
                self._hold.start()
            else:
                self.reset()
        elif kind in _RELEASE and self._hold.isActive():
            self._hold.stop()  # let go too early
            if self.stage == 0:
                self.reset()
        return False

    def _held(self) -> None:
        self.stage += 1
        if self.stage == 1:
            self._window.start()
        else:
            self.reset()
            self.triggered.emit()
