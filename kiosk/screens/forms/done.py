"""The declaration is ready: what happens next, the expected date and the fee."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from forms.fees import format_vnd
from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.forms.style import FORMS_QSS


class DoneScreen(Screen):
    name = "forms_done"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.setStyleSheet(FORMS_QSS)
        self.title = label(role="title")
        self.details = label(role="subtitle")
        self.details.setObjectName("done_details")
        self.home_button = big_button(role="primary")
        self.home_button.setObjectName("done_home")
        self.home_button.clicked.connect(flow.cancel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 48, 64, 48)
        lay.addWidget(self.title)
        lay.addWidget(self.details, 1)
        lay.addWidget(self.home_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your declaration is ready"))
        self.home_button.setText(self.tr("Finish"))
        if self.flow.journey.state.result is not None:
            self.on_enter()

    def on_enter(self) -> None:
        result = self.flow.journey.state.result
        if result is None:
            return
        total = sum(f.amount for f in result.fees)
        lines = [self.tr("Expected result date: %1").replace("%1", result.expected.date.strftime("%d/%m/%Y")),
                 self.tr("Fee: %1").replace("%1", format_vnd(total) if total else self.tr("none"))]
        if result.dossier_code:
            lines.insert(0, self.tr("Dossier code: %1").replace("%1", result.dossier_code))
        self.details.setText("\n".join(lines))
