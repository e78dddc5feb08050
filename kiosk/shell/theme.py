"""The touch theme and the bundled font (Noto Sans, OFL, covers Vietnamese)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import assets

FONT_FAMILY = "Noto Sans"
_fonts_added = False


def apply_theme(app: QApplication) -> None:
    """Fonts and style sheet, once per process: setting an application style sheet again
    re-polishes every widget alive (a screenshot run or the test suite builds many apps in
    one process, and each build got slower than the last)."""
    global _fonts_added
    if not _fonts_added:
        for ttf in sorted(assets.path("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(ttf))
        _fonts_added = True
    font = QFont(FONT_FAMILY, 22)
    if app.font() != font:  # like the style sheet: a change is sent to every widget alive
        app.setFont(font)
    qss = assets.path("styles", "kiosk.qss").read_text("utf-8")
    if app.styleSheet() != qss:
        app.setStyleSheet(qss)
