"""Qt translations: every ``<area>_<lang>.qm`` in assets/i18n is installed together.

Sources are written in English; Vietnamese is the default language, so the Vietnamese
catalogues are installed at start and removed when the citizen switches to English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.paths import ASSETS

I18N = ASSETS / "i18n"


# Translators are installed on the one QApplication, so the list is process-wide too.
_installed: list[QTranslator] = []


class Translations:
    def use(self, lang: str) -> None:
        app = QCoreApplication.instance()
        for tr in _installed:
            app.removeTranslator(tr)
        _installed.clear()
        if lang == "en":
            return
        for qm in sorted(I18N.glob(f"*_{lang}.qm")):
            tr = QTranslator()
            if tr.load(str(qm)):
                app.installTranslator(tr)
                _installed.append(tr)
