"""“Bạn còn cần thêm thời gian không?”: the countdown before a session is wiped.

WCAG 2.2.1 (Timing Adjustable) asks that a user be warned and given at least 20 s to ask
for more time; we give at least 30 (configuration), in seconds spelled with their unit,
with a beep and the voice, and two clear ways out: more time, or end now.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.screens.base import big_button, label


class IdleOverlay(QWidget):
    end_now = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QFrame(self)
        card.setObjectName("idleCard")
        self.question = label(role="title")
        self.seconds = label(role="code")
        self.seconds.setObjectName("idle_seconds")
        self.seconds.setProperty("speak", False)  # spoken at the start and near the end, not each second
        self.warning = label(role="body")
        self.more = big_button(role="primary")
        self.more.setObjectName("idle_more")
        self.more.setMinimumHeight(96)
        self.end = big_button(role="secondary")
        self.end.setObjectName("idle_end")
        self.end.setMinimumHeight(96)
        self.end.clicked.connect(self.end_now)
        self.left = 0
        lay = QVBoxLayout(card)
        lay.setContentsMargins(48, 32, 48, 32)
        lay.setSpacing(20)
        # one above the other, full width: long words stay whole even with larger text
        for w in (self.question, self.seconds, self.warning, self.more, self.end):
            lay.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 6)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Do you need more time?"))
        self.warning.setText(self.tr("If not, the kiosk will go back to the start and forget "
                                     "what you entered."))
        self.more.setText(self.tr("I need more time"))
        self.end.setText(self.tr("Finish"))
        self.show_seconds(self.left)

    def show_seconds(self, left: int) -> None:
        self.left = left
        self.seconds.setText(self.tr("%n second(s) left", "", left))
