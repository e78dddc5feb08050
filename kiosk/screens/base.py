"""The base of every screen: a view over journey state, relabelled on a language toggle.

A screen never holds a business rule. It shows what the journey says, turns taps into
journey events and asks the shell to move on. ``retranslate()`` sets every visible string
(called once at build and again when the citizen toggles the language); ``on_enter()``
runs each time the screen is shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kiosk.shell.context import AppContext


# Areas whose screens ask the citizen to read, write or find papers: idle_timeout_long_s.
PATIENT_AREAS = ("forms", "papers", "identify")


class Screen(QWidget):
    """Subclasses set ``name`` and build their widgets in ``__init__``."""

    name = "screen"
    #: the help controls (listen again, A+, contrast, need help) are shown: False on the
    #: technician's own screens, which are not a citizen's session
    for_citizens = True

    @property
    def patient(self) -> bool:
        """Give this screen the long idle timeout (a subclass may set ``patient = True``)."""
        return self.name.split("_")[0] in PATIENT_AREAS

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(self.name)

    def retranslate(self) -> None:
        """Set every visible string; override in each screen."""

    def on_enter(self) -> None:
        """The screen became visible; override to refresh from journey state."""

    def on_leave(self) -> None:
        """The screen is about to be hidden."""

    @property
    def lang(self) -> str:
        return self.ctx.language


def big_button(text: str = "", role: str = "tile", parent: QWidget | None = None) -> QPushButton:
    """A touch target styled by the theme (``role`` → QSS property ``role``), ≥ 60 px."""
    button = QPushButton(text, parent)
    button.setProperty("role", role)
    button.setMinimumHeight(72)
    # Long Vietnamese labels must not force the window wider than a 1280 px screen.
    button.setMinimumWidth(1)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def label(text: str = "", role: str = "body", parent: QWidget | None = None) -> QLabel:
    """A wrapped label styled by role: ``title``, ``subtitle``, ``body``, ``hint``, ``error``."""
    widget = QLabel(text, parent)
    widget.setProperty("role", role)
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def alert_icon(parent: QWidget | None = None) -> QLabel:
    """A large "!" in a red disc: something went wrong, seen before any word is read."""
    icon = QLabel("!", parent)
    icon.setProperty("role", "alert")
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return icon


def set_role(button: QPushButton, role: str) -> None:
    """Give ``button`` another look of the theme (``role`` in kiosk.qss): Qt applies a
    changed property only once the style is applied again."""
    if button.property("role") != role:
        button.setProperty("role", role)
        button.style().unpolish(button)
        button.style().polish(button)


def action_button(name: str, slot, role: str = "primary") -> QPushButton:
    """A big button with its object name (what tests and screenshots find it by), wired."""
    button = big_button(role=role)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def button_row(*buttons: QWidget, spacing: int = 32) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(spacing)
    for button in buttons:
        row.addWidget(button)
    return row


def page_layout(screen: QWidget) -> QVBoxLayout:
    """The column every full-screen page uses: the same margins and spacing everywhere."""
    lay = QVBoxLayout(screen)
    lay.setContentsMargins(48, 24, 48, 24)
    lay.setSpacing(16)
    return lay
