"""Choose the service area to queue for (Hộ tịch, Cư trú, …), from the configuration."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.screens.base import Screen, big_button, label
from kiosk.widgets.pictogram import set_pictogram


class ServiceScreen(Screen):
    name = "take_number"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.buttons = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        services = ctx.config.queue.services
        columns = 2 if len(services) > 3 else 1
        for i, service in enumerate(services):
            button = big_button(role="tile")
            button.setObjectName(f"service_{service.code}")
            button.setMinimumHeight(96)
            set_pictogram(button, service.icon)
            button.clicked.connect(lambda _=False, c=service.code: self.flow.choose_service(c))
            self.buttons[service.code] = button
            grid.addWidget(button, i // columns, i % columns)
        self.home_button = big_button(role="secondary")
        self.home_button.setObjectName("home")
        self.home_button.clicked.connect(self._home)
        nav = QHBoxLayout()
        nav.addWidget(self.home_button)
        nav.addStretch(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 20, 48, 20)
        lay.setSpacing(16)
        lay.addWidget(self.title)
        lay.addLayout(grid, 1)
        lay.addLayout(nav)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which service do you need?"))
        for service in self.ctx.config.queue.services:
            name = self.ctx.text(service.name_vi, service.name_en)
            self.buttons[service.code].setText(f"{name}\n{self.ctx.text(service.counter_group, service.counter_group_en)}")
        self.home_button.setText(self.tr("Home"))

    def on_enter(self) -> None:
        if self.flow.journey.step.value != "choose_service":
            self.flow.restart()

    def _home(self) -> None:
        self.ctx.wipe_session()
        self.ctx.home()
