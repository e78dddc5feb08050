"""Motion and a voice for every wait the citizen feels (longer than 300 ms).

A spinner in the top bar turns while a task of the citizen's pools (``kiosk.tasks``) has
run longer than 300 ms, so no screen can look frozen while the printer, the network or a
device works; after 2 s of waiting the voice says "Xin vui lòng chờ" unless it has just
spoken (it must not cut the screen's own "Đang in…").
"""
from __future__ import annotations

import math
import time

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk.tasks import longest_wait_s

SHOW_AFTER_S = 0.3
SPEAK_AFTER_S = 2.0


class BusyIndicator(QWidget):
    def __init__(self, access) -> None:
        super().__init__(objectName="busyIndicator")
        self.access = access
        self.setFixedSize(48, 48)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.angle = 0
        self.spoken = False
        self._timer = QTimer(self, interval=80)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.setVisible(False)
        sp = self.sizePolicy()
        sp.setRetainSizeWhenHidden(True)  # the top bar does not jump when it shows
        self.setSizePolicy(sp)

    def _tick(self) -> None:
        wait = longest_wait_s()
        busy = wait > SHOW_AFTER_S
        if busy != self.isVisible():
            self.setVisible(busy)
        if not busy:
            self.spoken = False
            return
        self.angle = (self.angle + 30) % 360
        self.update()
        if wait > SPEAK_AFTER_S and not self.spoken and time.monotonic() - self.access.said_at > SPEAK_AFTER_S:
            self.spoken = True
            self.access.say(self.tr("Please wait"))

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i in range(8):  # eight dots, the leading one darkest
            a = math.radians(self.angle - i * 45)
            p.setPen(QPen(QColor("#0d1b2a"), 2))  # white dots ringed dark: seen on blue and on yellow
            p.setBrush(QColor(255, 255, 255, 255 - i * 28))
            cx, cy = 24 + 16 * math.cos(a), 24 + 16 * math.sin(a)
            p.drawEllipse(QRectF(cx - 4.5, cy - 4.5, 9, 9))
