"""The technician PIN pad: ten big digits, erase, OK, and the way back home.

The PIN shows as dots. A wrong PIN says how many tries are left; a locked pad says for how
long, and takes no PIN meanwhile.
"""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from kiosk.screens.base import Screen, action_button, big_button, button_row, label, page_layout


class PinScreen(Screen):
    name = "tech_pin"
    manages_own_timeout = False  # a citizen who got here by chance is sent home by the idle watch

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.pin = ""
        self.title = label(role="title")
        self.dots = label(role="title")
        self.dots.setObjectName("tech_pin_dots")
        self.status = label(role="error")
        self.status.setObjectName("tech_pin_status")
        grid = QGridLayout()
        grid.setSpacing(16)
        # three rows of four: the pad fits a 1280×800 screen with its 72 px keys
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "erase", "ok"]
        self.keys = {}
        for i, key in enumerate(keys):
            button = big_button(role="primary" if key == "ok" else "secondary")
            button.setObjectName(f"tech_pin_{key}")
            button.setStyleSheet("min-width: 120px;")  # four in a row on a 1280 px screen
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            if key.isdigit():
                button.setText(key)
            self.keys[key] = button
            grid.addWidget(button, i // 4, i % 4)
        self.back = action_button("tech_pin_back", lambda: self.flow.leave("button"), role="secondary")
        lay = page_layout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.dots)
        lay.addWidget(self.status)
        lay.addLayout(grid, 1)
        lay.addLayout(button_row(self.back))
        flow.pin_answered.connect(self._answered)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician PIN"))
        self.keys["erase"].setText(self.tr("Erase"))
        self.keys["ok"].setText(self.tr("Confirm"))
        self.back.setText(self.tr("Back to the home screen"))
        self._show_gate()

    def on_enter(self) -> None:
        self.pin = ""
        self.dots.setText("")
        self.status.clear()
        self._show_gate()

    def press(self, key: str) -> None:
        if key == "erase":
            self.pin = self.pin[:-1]
        elif key == "ok":
            if self.pin:
                self._set_enabled(False)
                self.flow.try_pin(self.pin)
            self.pin = ""
        elif len(self.pin) < 12:
            self.pin += key
        self.dots.setText("●" * len(self.pin))

    def _set_enabled(self, enabled: bool) -> None:
        for button in self.keys.values():
            button.setEnabled(enabled)

    def _answered(self, answer) -> None:
        self._set_enabled(True)
        if isinstance(answer, BaseException):
            self.status.setText(self.tr("The PIN could not be checked. Try again."))
            return
        if not answer.ok:
            self._show(answer)

    def _show_gate(self) -> None:
        self._show(self.flow.gate.state(), first=True)

    def _show(self, answer, first: bool = False) -> None:
        if answer.no_pin:
            self.status.setText(self.tr("No technician PIN is set on this kiosk (kiosk config set-pin)."))
        elif answer.locked_for_s:
            minutes = (answer.locked_for_s + 59) // 60
            self.status.setText(self.tr("Too many wrong PINs. Locked for %n minute(s).", "", minutes))
        elif not first:
            self.status.setText(self.tr("Wrong PIN. %n attempt(s) left.", "", answer.attempts_left))
        locked = answer.no_pin or bool(answer.locked_for_s)
        for key, button in self.keys.items():
            button.setEnabled(not locked)
