"""Ask whether the citizen belongs to a priority group; "no" is the biggest button."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.screens.base import Screen, big_button, label
from kiosk.widgets.pictogram import set_pictogram


class PriorityScreen(Screen):
    name = "queue_priority"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.none_button = big_button(role="primary")
        self.none_button.setObjectName("priority_none")
        self.none_button.setMinimumHeight(72)
        self.none_button.clicked.connect(lambda: self.flow.choose_priority(None))
        self.buttons = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, p in enumerate(ctx.config.queue.priorities):
            button = big_button(role="priority")
            button.setObjectName(f"priority_{p.code}")
            button.setMinimumHeight(72)
            set_pictogram(button, p.icon, "#0d1b2a", 56)  # the priority buttons' dark text
            button.clicked.connect(lambda _=False, c=p.code: self.flow.choose_priority(c))
            self.buttons[p.code] = button
            grid.addWidget(button, i // 2, i % 2)
        self.back_button = big_button(role="secondary")
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.flow.back)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 20, 48, 20)
        lay.setSpacing(12)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addLayout(grid, 1)
        lay.addWidget(self.none_button)
        lay.addLayout(nav)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Do you belong to a priority group?"))
        self.hint.setText(self.tr("Priority groups are served first at the counter."))
        self.none_button.setText(self.tr("No priority"))
        for p in self.ctx.config.queue.priorities:
            self.buttons[p.code].setText(self.ctx.text(p.name_vi, p.name_en))
        self.back_button.setText(self.tr("Back"))
