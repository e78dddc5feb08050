"""What the kiosk shows when it must not serve: "temporarily out of service", in both
languages, with the technical reason in small type for the technician.

A kiosk whose configuration or store is broken refuses to work (a ticket it cannot record
is worse than none), but a blank or crashed screen tells a citizen nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.screens.base import alert_icon, label


class OutOfServiceWindow(QWidget):
    def __init__(self, reason: str, vi: str, en: str, fullscreen: bool = True) -> None:
        super().__init__()
        self.fullscreen = fullscreen
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, fullscreen)
        self.title = label("Máy tạm ngừng phục vụ", role="title")
        self.title_en = label("This kiosk is temporarily out of service", role="subtitle")
        self.message = label(f"{vi}\n{en}", role="body")
        self.detail = label(reason, role="hint")
        self.detail.setObjectName("out_of_service_detail")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 48, 64, 48)
        lay.setSpacing(24)
        lay.addStretch(1)
        lay.addWidget(alert_icon(), 0, Qt.AlignmentFlag.AlignHCenter)
        for w in (self.title, self.title_en, self.message):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.detail)

    def show_kiosk(self) -> None:
        if self.fullscreen:
            self.setGeometry(QGuiApplication.primaryScreen().geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 800)
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        event.ignore()  # only the technician (SIGTERM / systemd) ends it
