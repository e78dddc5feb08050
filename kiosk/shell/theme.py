"""The touch theme and the bundled font (Noto Sans, OFL, covers Vietnamese)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import assets

FONT_FAMILY = "Noto Sans"


def apply_theme(app: QApplication) -> None:
    for ttf in sorted(assets.path("fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(ttf))
    app.setFont(QFont(FONT_FAMILY, 22))
    app.setStyleSheet(assets.path("styles", "kiosk.qss").read_text("utf-8"))
