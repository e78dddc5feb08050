"""Every answer before anything is submitted, each with a "Sửa" (edit) link."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.forms.parts import clear_layout, nav_bar, scroll_area
from kiosk.screens.forms.style import FORMS_QSS


class ReviewScreen(Screen):
    name = "forms_review"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.setStyleSheet(FORMS_QSS)
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.status = label(role="error")
        self.status.setObjectName("review_status")
        self.content = QWidget()
        self.grid = QGridLayout(self.content)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(8)
        nav, self.back_button, self.submit_button = nav_bar("review_back", flow.back,
                                                           "submit_declaration", flow.submit)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 16, 48, 16)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addWidget(scroll_area(self.content), 1)
        lay.addWidget(self.status)
        lay.addWidget(nav)
        self.edit_buttons = {}
        flow.failed.connect(self._failed)
        flow.changed.connect(self._busy)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check your declaration"))
        self.hint.setText(self.tr("Touch \"Edit\" to change an answer. Marked answers come from your ID card."))
        self.back_button.setText(self.tr("Back"))
        self.submit_button.setText(self.tr("Confirm and finish"))
        if self.flow.journey.state.session is not None and self.isVisible():
            self.on_enter()

    def _busy(self) -> None:
        self.submit_button.setEnabled(not self.flow.busy)
        if self.flow.busy:
            self.status.setText(self.tr("Preparing your declaration…"))

    def _failed(self, exc) -> None:
        text = getattr(exc, "vi" if self.lang == "vi" else "en", None)
        self.status.setText(text or self.tr("Something went wrong. Please ask the staff."))

    def on_enter(self) -> None:
        self.status.clear()
        clear_layout(self.grid)
        self.edit_buttons = {}
        row, page_id = 0, None
        for item in self.flow.journey.review_items(self.lang):
            if item.page_id != page_id:
                head = label(item.page_title, role="group")
                head.setAlignment(Qt.AlignmentFlag.AlignLeft)
                self.grid.addWidget(head, row, 0, 1, 3)
                row += 1
                page_id = item.page_id
            name = QLabel(item.label)
            name.setWordWrap(True)
            name.setProperty("role", "fieldlabel")
            from_card = self.tr("from ID card")
            mark = f"  <span style='font-size:22px;color:#33415c'>({from_card})</span>" if item.prefilled else ""
            value = QLabel(f"<b>{(item.text or '—').replace(chr(10), '<br/>')}</b>{mark}")
            value.setObjectName(f"review_{item.path}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
            if not item.locked:
                edit = big_button(self.tr("Edit"), role="link")
                edit.setObjectName(f"edit_{item.path}")
                edit.setMinimumHeight(64)
                edit.clicked.connect(lambda _=False, p=item.path: self.flow.edit(p))
                self.edit_buttons[item.path] = edit
                self.grid.addWidget(edit, row, 2)
            row += 1
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        self._busy()
