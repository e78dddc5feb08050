"""A large numeric keypad for typing the ID number and the date of birth."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from kiosk.screens.base import big_button


class NumericKeypad(QWidget):
    digit = Signal(str)
    backspace = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        for i, d in enumerate("123456789"):
            self._add(grid, d, i // 3, i % 3)
        self.delete_button = big_button(role="secondary")
        self.delete_button.setObjectName("keypad_delete")
        self.delete_button.setStyleSheet("min-width: 0px;")
        self.delete_button.setMinimumSize(100, 70)
        # its words never widen the keypad: the instruction beside it keeps its width
        self.delete_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.delete_button.clicked.connect(self.backspace.emit)
        self._add(grid, "0", 3, 0)
        # two keys wide: "Xóa" with larger text (A+) does not fit one key on a 1280×800 screen
        grid.addWidget(self.delete_button, 3, 1, 1, 2)

    def _add(self, grid: QGridLayout, d: str, row: int, col: int) -> None:
        button = big_button(d, role="tile")
        button.setObjectName(f"keypad_{d}")
        button.setMinimumSize(100, 70)
        button.clicked.connect(lambda _=False, d=d: self.digit.emit(d))
        grid.addWidget(button, row, col)

    def retranslate(self) -> None:
        self.delete_button.setText(self.tr("Delete"))
