"""Audio (ATM-style) navigation: arrows, Tab and Enter from a USB keypad drive every screen.

A blind citizen presses any navigation key or plugs in a headset
(devices/audio/headset.py; or the kiosk starts in audio mode): from then on the keys move a clearly drawn focus frame over the screen's
controls, in reading order (top to bottom, left to right), and the voice names each one;
Enter or Space presses it. It works on every screen without the screen knowing: the
controls are found in the widget tree, and the frame is drawn over them, so the touch
buttons keep ``NoFocus`` (a tap must never steal the text cursor from the keyboard's field).
A keypad unplugged just means no keys: touch works as before.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

NEXT = {Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Right}
PREVIOUS = {Qt.Key.Key_Backtab, Qt.Key.Key_Up, Qt.Key.Key_Left}
PRESS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


class FocusFrame(QWidget):
    """A thick yellow-and-black frame around the focused control, above everything."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("accessFocus")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setPen(QPen(QColor("#000000"), 12))
        p.drawRect(self.rect().adjusted(6, 6, -6, -6))
        p.setPen(QPen(QColor("#ffd400"), 6))
        p.drawRect(self.rect().adjusted(6, 6, -6, -6))


def describe(widget: QWidget, words: dict[str, str]) -> str:
    """What the voice says for a control: its name and kind, a text box's content."""
    if isinstance(widget, QAbstractButton):
        name = widget.accessibleName() or " ".join(widget.text().replace("&", "").split())
        state = f", {words['selected']}" if widget.isCheckable() and widget.isChecked() else ""
        return f"{words['button']} {name}{state}"
    text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    name = widget.accessibleName() or getattr(widget, "placeholderText", lambda: "")()
    return f"{words['text box']} {name}: {text or words['empty']}"


class AudioNavigator(QObject):
    """Installed on the application; ``window`` gives the current screen and overlays."""

    def __init__(self, window, access) -> None:
        super().__init__(window)
        self.window = window
        self.access = access
        self.frame = FocusFrame(window)
        self.current: QWidget | None = None
        access.changed.connect(self._follow_mode)
        access.headset_in.connect(self.start_audio_mode)

    def start_audio_mode(self) -> None:
        """A navigation key pressed or a headset plugged in: from now on the keys move a
        spoken focus."""
        if not self.access.audio_mode:
            self.access.audio_mode = True
            self.access.say(self.tr("Audio mode on. Use the arrow keys to move, Enter to choose."))

    def targets(self) -> list[QWidget]:
        """The controls a citizen can reach now, in reading order."""
        overlay = next((w for w in (self.window.help, self.window.overlay) if w.isVisible()), None)
        roots = [overlay] if overlay else [self.window.topbar, self.window.current()]
        found = []
        for root in roots:
            for w in root.findChildren(QWidget):
                if not isinstance(w, (QAbstractButton, QLineEdit, QPlainTextEdit)):
                    continue
                if not (w.isVisible() and w.isEnabled()) or w.window() is not self.window:
                    continue
                if isinstance(w, (QLineEdit, QPlainTextEdit)) and w.isReadOnly():
                    continue
                pos = w.mapTo(self.window, w.rect().topLeft())
                found.append((pos.y() // 20, pos.x(), id(w), w))  # rows of 20 px read left to right
        return [w for *_, w in sorted(found, key=lambda t: t[:3])]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not self.window.isVisible():
            return False
        key = event.key()
        typing = isinstance(self.current, (QLineEdit, QPlainTextEdit)) and self.current.hasFocus()
        if key in NEXT or key in PREVIOUS:
            if typing and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                return False  # the text cursor moves within the field
            self.start_audio_mode()
            self.move(1 if key in NEXT else -1)
            return True
        if key in PRESS and self.access.audio_mode and self.current is not None and not typing:
            self.press()
            return True
        return False

    def move(self, step: int) -> None:
        targets = self.targets()
        if not targets:
            return
        index = targets.index(self.current) + step if self.current in targets else (0 if step > 0 else -1)
        self.focus(targets[index % len(targets)])

    def focus(self, widget: QWidget) -> None:
        self.current = widget
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setFocus(Qt.FocusReason.TabFocusReason)  # the keypad's digits type into it
        top_left = widget.mapTo(self.window, widget.rect().topLeft())
        self.frame.setGeometry(QRect(top_left, widget.size()).adjusted(-10, -10, 10, 10))
        self.frame.show()
        self.frame.raise_()
        words = {"button": self.tr("Button"), "text box": self.tr("Text box"),
                 "empty": self.tr("empty"), "selected": self.tr("selected")}
        # a text box may hold the citizen's own data: spoken, never cached on disk
        self.access.say(describe(widget, words), private=isinstance(widget, (QLineEdit, QPlainTextEdit)))

    def press(self) -> None:
        widget = self.current
        if isinstance(widget, QAbstractButton):
            widget.click()
        self.frame.hide()
        self.current = None

    def _follow_mode(self) -> None:
        if not self.access.audio_mode:
            self.frame.hide()
            self.current = None
