"""Choose a procedure: grouped by field, searchable with or without diacritics."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.forms.parts import nav_bar, scroll_area
from kiosk.screens.forms.style import FORMS_QSS
from kiosk.widgets.keyboard import VietKeyboard


class ProcedureCard(QFrame):
    """The procedure's name and its summary (wrapped), with a big "Chọn" button on the right."""

    def __init__(self, name: str, summary: str, choose_text: str):
        super().__init__()
        self.setProperty("role", "card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)   # never squeezed
        text = QLabel(f"<b>{name}</b><br/><span style='font-size:26px'>{summary}</span>")
        text.setWordWrap(True)
        text.setStyleSheet("color: #0b3d91; background: transparent;")
        self.button = big_button(choose_text, role="primary")
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.setMinimumWidth(220)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 10, 12, 10)
        lay.addWidget(text, 1)
        lay.addWidget(self.button)


class CatalogScreen(Screen):
    name = "forms_catalog"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.setStyleSheet(FORMS_QSS)
        self.title = label(role="title")
        self.search = QLineEdit()
        self.search.setObjectName("catalog_search")
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.search.textChanged.connect(self.refresh)
        self.results = QWidget()
        self.results_lay = QVBoxLayout(self.results)
        self.results_lay.setSpacing(12)
        self.empty = label(role="hint")
        self.keyboard = VietKeyboard(ctx.config.forms.input_method, ctx.config.forms.tone_style)
        self.keyboard.attach(self.search)
        self.keyboard.enterPressed.connect(self.keyboard.hide)
        self.keyboard.hide()
        self.search.installEventFilter(self)
        self.nav, self.back_button, _ = nav_bar("catalog_back", flow.back)
        self.keyboard.visibilityChanged.connect(lambda up: self.nav.setVisible(not up))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 24, 48, 16)
        lay.addWidget(self.title)
        lay.addWidget(self.search)
        lay.addWidget(scroll_area(self.results), 1)
        lay.addWidget(self.nav)
        lay.addWidget(self.keyboard)
        self.buttons = {}

    def eventFilter(self, obj, event):
        if obj is self.search and event.type() == event.Type.MouseButtonPress:
            self.keyboard.set_compact(self.window().height() < 1000)
            self.keyboard.show()
        return False

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.keyboard.set_compact(self.window().height() < 1000)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which procedure do you need?"))
        self.search.setPlaceholderText(self.tr("Search, e.g. thuong tru"))
        self.back_button.setText(self.tr("Home"))
        self.empty.setText(self.tr("No procedure matches. Try other words or ask the staff."))
        self.refresh()

    def refresh(self) -> None:
        while self.results_lay.count():
            item = self.results_lay.takeAt(0)
            if item.widget():
                item.widget().setParent(None)
        self.buttons = {}
        groups = self.flow.journey.search(self.search.text())
        for group, procs in groups:
            self.results_lay.addWidget(label(group.name.get(self.lang), role="group"))
            for p in procs:
                card = ProcedureCard(p.name.get(self.lang), p.summary.get(self.lang), self.tr("Choose"))
                card.button.setObjectName(f"procedure_{p.code}")
                card.button.clicked.connect(lambda _=False, c=p.code: self.flow.choose(c))
                self.buttons[p.code] = card.button
                self.results_lay.addWidget(card)
        if not groups:
            self.empty.setParent(None)
            self.results_lay.addWidget(self.empty)
        self.results_lay.addStretch(1)
        for w in self.results.findChildren(QWidget):
            if w.property("role") == "group":
                w.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def on_enter(self) -> None:
        self.search.blockSignals(True)
        self.search.setText(self.flow.journey.state.query)
        self.search.blockSignals(False)
        self.keyboard.attach(self.search)
        self.keyboard.hide()
        self.refresh()
