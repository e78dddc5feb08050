"""Qt translations: every ``<area>_<lang>.qm`` in assets/i18n is installed together.

Sources are written in English; Vietnamese is the default language, so the Vietnamese
catalogues are installed at start and removed when the citizen switches to English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

import assets


# Translators are installed on the one QApplication, so the list is process-wide too.
_installed: list[QTranslator] = []
_current: "Translations | None" = None


class Translations:
    """The language switch of one kiosk app. Only the newest one may switch: an app built
    earlier in the same process (tests build many) must not change the language under the
    current one when a late timer of its own wipes its session."""

    def __init__(self) -> None:
        global _current
        _current = self

    def use(self, lang: str) -> None:
        if _current is not self:
            return
        app = QCoreApplication.instance()
        for tr in _installed:
            app.removeTranslator(tr)
        _installed.clear()
        if lang == "en":
            return
        for qm in sorted(assets.path("i18n").glob(f"*_{lang}.qm")):
            tr = QTranslator()
            if tr.load(str(qm)):
                app.installTranslator(tr)
                _installed.append(tr)
