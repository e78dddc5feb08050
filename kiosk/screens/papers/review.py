"""Review of the pages taken: retake, delete, reorder, add a page, and the quality advice."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.papers.widgets import back_button, clear, to_pixmap

CARD_BUTTON_STYLE = "font-size: 26px; min-height: 64px; padding: 4px 10px;"


class PapersReviewScreen(Screen):
    name = "papers_review"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.problem = label(role="error")
        self.cards = QWidget()
        self.cards_row = QHBoxLayout(self.cards)
        self.cards_row.setSpacing(24)
        self.cards_row.setContentsMargins(0, 0, 0, 0)  # the strip's whole height for the cards
        self.cards_row.setAlignment(Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.cards)
        self.scroll = scroll
        scroll.installEventFilter(self)
        self.add_button = big_button(role="tile")
        self.add_button.setObjectName("papers_add_page")
        self.add_button.clicked.connect(flow.add_page)
        self.accept_button = big_button(role="primary")
        self.accept_button.setObjectName("papers_accept")
        self.accept_button.clicked.connect(flow.accept)
        self.back_button = back_button("papers_review_back", flow.back)
        nav = QHBoxLayout()
        nav.setSpacing(24)
        # back and add as wide as their words, the main action takes the rest: its longer
        # words still fit with larger text (A+) on a 1280 px screen
        nav.addWidget(self.back_button)
        nav.addWidget(self.add_button)
        nav.addWidget(self.accept_button, 1)
        for button in (self.add_button, self.accept_button, self.back_button):
            button.setMaximumHeight(100)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 16, 48, 20)
        lay.setSpacing(12)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.problem)
        lay.addLayout(nav)
        flow.changed.connect(self.refresh)

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Check that every page is sharp and complete."))
        self.add_button.setText(self.tr("Add a page"))
        self.accept_button.setText(self.tr("Done, use these pages"))
        self.back_button.setText(self.tr("Back"))
        self.refresh()

    def on_enter(self) -> None:
        self.refresh()
        QTimer.singleShot(0, self.refresh)  # again once the strip has its height: cards fit it

    def refresh(self) -> None:
        journey = self.flow.journey
        if journey is None or journey.current is None or not self.isVisible():
            return
        item = journey.item
        self.title.setText(self.tr("Check the pages: %1").replace(
            "%1", self.ctx.text(item.paper.name_vi, item.paper.name_en)))
        self.problem.setText(self.ctx.text(*item.problem) if item.problem else "")
        clear(self.cards_row)
        # the card (its margins 2×12 px and border 2×4 px around the picture) fits the strip
        thumb_height = max(160, self.scroll.height() - 40)
        for index, page in enumerate(item.pages):
            self.cards_row.addWidget(self._card(index, page, len(item.pages), thumb_height))
        self.accept_button.setEnabled(bool(item.pages))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.scroll and event.type() == QEvent.Type.Resize:
            # thumbnails follow the strip's height: a new screen size, or larger text (A+)
            # making the title taller
            QTimer.singleShot(0, self.refresh)
        return super().eventFilter(watched, event)

    def _card(self, index: int, page, count: int, thumb_height: int) -> QFrame:
        """The page as big as fits, its number, the advice, and its buttons beside it."""
        card = QFrame()
        card.setObjectName(f"papers_page_{index}")
        bad = bool(page.issues)
        card.setStyleSheet(f"QFrame#papers_page_{index} {{ border: 4px solid "
                           f"{'#8b0000' if bad else '#0b6e3d'}; border-radius: 16px; }}")
        picture = QLabel()
        picture.setPixmap(to_pixmap(page.colour, int(thumb_height / 1.414), thumb_height))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(self.tr("Page %1").replace("%1", str(index + 1)))
        caption.setStyleSheet("font-size: 30px; font-weight: bold;")
        advice = QLabel(self.ctx.text(page.issues[0].vi, page.issues[0].en) if bad
                        else self.tr("Good"))
        advice.setWordWrap(True)
        advice.setMinimumWidth(260)  # as wide as the buttons under it: fewer lines, a shorter card
        advice.setStyleSheet(f"font-size: 22px; color: {'#8b0000' if bad else '#0b6e3d'};")
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(caption)
        side.addWidget(advice)
        side.addStretch(1)
        # one row of four under the advice: two rows of two were cut off at the bottom of the
        # strip with larger text (A+) on a 1280x800 screen, which scrolls only sideways
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for name, text, slot in (("retake", self.tr("Retake"), lambda: self.flow.retake(index)),
                                 ("delete", self.tr("Delete"),
                                  lambda: self.flow.delete_page(index))):
            buttons.addWidget(self._button(f"papers_{name}_{index}", text, slot))
        for name, text, target in (("left", "◀", index - 1), ("right", "▶", index + 1)):
            button = self._button(f"papers_move_{name}_{index}", text,
                                  lambda _=False, t=target: self.flow.move_page(index, t))
            button.setEnabled(0 <= target < count)
            button.setMinimumWidth(72)
            buttons.addWidget(button)
        side.addLayout(buttons)
        lay = QHBoxLayout(card)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(12)
        lay.addWidget(picture)
        lay.addLayout(side)
        return card

    @staticmethod
    def _button(name: str, text: str, slot) -> QPushButton:
        button = big_button(text, role="tile")
        button.setObjectName(name)
        button.setStyleSheet(CARD_BUTTON_STYLE)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button
