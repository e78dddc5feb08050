"""A scroll area for a touch screen: drag (flick) to scroll, and a "Xem thêm ▼" button
whenever something lies below the fold.

A thin scrollbar is hard to hit and easy to miss; a citizen who does not see that a page goes
on presses "Tiếp tục" and gets an error about a field they never saw. So every scroll area
scrolls with a finger (``QScroller``: kinetic, with overshoot off so the page never looks
broken) and says in words that there is more, with a big button that scrolls a page down.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QPushButton, QScrollArea, QScroller, QScrollerProperties, QWidget

MORE_HEIGHT = 64


class TouchScrollArea(QScrollArea):
    """``more`` (the "see more" button) sits in a strip kept free under the viewport (so it
    never covers a line of text) while the content goes on below, and hides at the end."""

    def __init__(self, content: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if content is not None:
            self.setWidget(content)
        # a finger on a touch screen arrives as a left button (Qt synthesises it)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        props = scroller.scrollerProperties()
        off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
        # a tap reaches the button under the finger at once (the default holds it 0.25 s)
        props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(props)
        self.more = QPushButton(self)
        self.more.setObjectName("more_below")
        self.more.setProperty("role", "more")
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setStyleSheet(
            "QPushButton { background: #0b3d91; color: #ffffff; border-radius: 16px; font-size: 28px;"
            f" font-weight: bold; min-height: {MORE_HEIGHT - 8}px; max-height: {MORE_HEIGHT}px;"
            " padding: 4px 32px; min-width: 0; }")
        self.more.clicked.connect(self.page_down)
        # always kept (a strip that came and went re-laid out the page in a loop)
        self.setViewportMargins(0, 0, 0, MORE_HEIGHT + 8)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(lambda *_: self._place_more())
        bar.valueChanged.connect(lambda *_: self._place_more())
        self.retranslate()

    def retranslate(self) -> None:
        self.more.setText(self.tr("See more ▼"))
        self._place_more()

    def changeEvent(self, event):  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def content_below(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum()

    def page_down(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + max(bar.pageStep() - MORE_HEIGHT, 60)))

    def _place_more(self) -> None:
        self.more.setVisible(self.content_below)
        self.more.adjustSize()
        view = self.viewport().geometry()
        width = max(self.more.sizeHint().width(), 280)
        self.more.setGeometry(view.x() + (view.width() - width) // 2, view.bottom() + 5,
                              width, MORE_HEIGHT)
        self.more.raise_()

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_more()

    def scroll_to(self, widget: QWidget) -> None:
        """Bring ``widget`` to the top of the view (what to answer first, then what follows),
        or as near as the end of the content allows."""
        top = widget.mapTo(self.widget(), QPoint(0, 0)).y()
        bar = self.verticalScrollBar()
        bar.setValue(max(0, min(bar.maximum(), top - 16)))
