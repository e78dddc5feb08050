"""The row of help controls on every screen: Nghe lại, Tắt tiếng, A+, Tương phản, Cần hỗ trợ.

Lives in the window's top bar, so no screen has to know about it. Each control is at least
64 px high and names what it does in words (no icon to decode).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def _button(name: str, slot, checkable: bool = False) -> QPushButton:
    button = QPushButton(objectName=name)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the audio navigator draws its own focus
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(lambda _=False: slot())
    return button


class AccessBar(QWidget):
    def __init__(self, access, on_help) -> None:
        super().__init__(objectName="accessBar")
        self.access = access
        self.replay = _button("access_replay", access.replay)
        self.mute = _button("access_mute", access.toggle_mute, checkable=True)
        self.large = _button("access_large", access.toggle_large, checkable=True)
        self.contrast = _button("access_contrast", access.toggle_contrast, checkable=True)
        self.help = _button("access_help", on_help)
        self.help.setProperty("role", "help")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        for b in (self.replay, self.mute, self.large, self.contrast, self.help):
            lay.addWidget(b)
        access.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        a = self.access
        self.replay.setText(self.tr("Listen again"))
        self.mute.setText(self.tr("Sound on") if a.muted else self.tr("Sound off"))
        self.mute.setChecked(a.muted)
        self.mute.setVisible(a.speaker is not None)
        self.replay.setVisible(a.speaker is not None)
        self.large.setText(self.tr("A+"))
        self.large.setAccessibleName(self.tr("Larger text"))
        self.large.setChecked(a.large)
        self.contrast.setText(self.tr("Contrast"))
        self.contrast.setAccessibleName(self.tr("High contrast"))
        self.contrast.setChecked(a.contrast)
        self.help.setText(self.tr("Need help"))
