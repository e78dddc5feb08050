"""Pieces every forms screen uses: a touch scroll area (flick, "see more"), the back/forward bar, and
emptying a layout that is rebuilt from journey state."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QWidget

from kiosk.screens.base import big_button
from kiosk.widgets.scrolling import TouchScrollArea


def scroll_area(content: QWidget) -> TouchScrollArea:
    return TouchScrollArea(content)


def nav_bar(back_name: str, on_back, forward_name: str | None = None, on_forward=None
            ) -> tuple[QWidget, QPushButton, QPushButton | None]:
    """Back on the left (secondary), the way forward on the right (primary, wider)."""
    bar = QWidget()
    row = QHBoxLayout(bar)
    row.setContentsMargins(0, 0, 0, 0)
    back = big_button(role="secondary")
    back.setObjectName(back_name)
    back.clicked.connect(on_back)
    row.addWidget(back)
    row.addStretch(1 if forward_name else 2)
    forward = None
    if forward_name:
        forward = big_button(role="primary")
        forward.setObjectName(forward_name)
        forward.clicked.connect(on_forward)
        row.addWidget(forward, 2)
    return bar, back, forward


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
