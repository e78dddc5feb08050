"""On-screen Vietnamese keyboard, inside the kiosk window (never a separate window).

Letters compose through ``forms.vnkeys.Composer`` (Telex or VNI); the tone keys (sắc,
huyền, hỏi, ngã, nặng) and the mark key (â/ă, ê, ô/ơ, ư, đ) let a citizen who knows neither
method add the marks after typing the plain letters. A numeric pad replaces the letters
for numbers, phone numbers, ID numbers and dates.

Keys never take the focus: the text goes to the input the keyboard is attached to
(``attach``), always at its end, which is where a touch user types.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton,
                               QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

from forms.vnkeys import Composer, Tone, ToneStyle

LETTER_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"]
PUNCTUATION = [",", ".", "-", "/", "@"]
NUMERIC_ROWS = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["/", "0", "."]]  # like a phone, as every pad
TONE_KEYS = [(Tone.ACUTE, "acute", "´"), (Tone.GRAVE, "grave", "`"), (Tone.HOOK, "hook", "ˀ"),
             (Tone.TILDE, "tilde", "~"), (Tone.DOT, "dot", ".̣")]
# Touch targets >= 60 px: the forms QSS gives keys min-height 50 / min-width 52 plus padding and
# border (62 x 60 measured); the layouts below have no margins of their own so nothing squeezes them.
KEY_HEIGHT = 62
KEYBOARD_HEIGHT = 6 * KEY_HEIGHT + 5 * 6 + 12
COMPACT_HEIGHT = 5 * KEY_HEIGHT + 4 * 6 + 12      # without the digit row (digits on the "123" pad)
TONE_SAMPLE = {Tone.ACUTE: "á", Tone.GRAVE: "à", Tone.HOOK: "ả", Tone.TILDE: "ã", Tone.DOT: "ạ"}


def _key(text: str, name: str, role: str = "key") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoRepeat(name == "key_backspace")
    button.setMinimumSize(60, KEY_HEIGHT)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return button


class VietKeyboard(QWidget):
    """``textEdited(widget)`` is emitted after each key so the screen can check the answer."""

    textEdited = Signal(object)
    enterPressed = Signal()
    visibilityChanged = Signal(bool)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event):  # noqa: N802
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def __init__(self, method: str = "telex", style: str = "classic", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vietKeyboard")
        self.composer = Composer(method, ToneStyle(style))
        self.target: QLineEdit | QPlainTextEdit | None = None
        self.shift = False
        self.plain = False
        self.buttons: dict[str, QPushButton] = {}
        self.pages = QStackedWidget()
        self.pages.addWidget(self._letters_page())
        self.pages.addWidget(self._numeric_page())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.pages)
        # six rows of >= 60 px keys; fixed so the page above keeps the rest of the screen
        self.setFixedHeight(KEYBOARD_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._relabel()

    # -- building -------------------------------------------------------------------------
    def _add(self, button: QPushButton, handler) -> QPushButton:
        button.clicked.connect(handler)
        self.buttons[button.objectName()] = button
        return button

    def _letters_page(self) -> QWidget:
        page = QWidget()
        grid = QVBoxLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.digit_row: list[QPushButton] = []
        for row in LETTER_ROWS:
            line = QHBoxLayout()
            line.setSpacing(6)
            for ch in row:
                key = self._add(_key(ch, f"key_{ch}"), lambda _=False, c=ch: self.press(c))
                if ch.isdigit():
                    self.digit_row.append(key)
                line.addWidget(key)
            grid.addLayout(line)
        tones = QHBoxLayout()
        for tone, name, _symbol in TONE_KEYS:
            tones.addWidget(self._add(_key(TONE_SAMPLE[tone], f"key_tone_{name}", "tone"),
                                      lambda _=False, t=tone: self.apply_tone(t)))
        tones.addWidget(self._add(_key("â ă ơ đ", "key_mark", "tone"), self.cycle_mark))
        for ch in PUNCTUATION:
            tones.addWidget(self._add(_key(ch, f"key_punct_{ord(ch)}"), lambda _=False, c=ch: self.press(c)))
        grid.addLayout(tones)
        bottom = QHBoxLayout()
        bottom.addWidget(self._add(_key("⇧", "key_shift", "modifier"), self.toggle_shift))
        bottom.addWidget(self._add(_key("", "key_method", "modifier"), self.cycle_method))
        bottom.addWidget(self._add(_key("123", "key_to_numeric", "modifier"), lambda: self.show_numeric(True)))
        space = self._add(_key("", "key_space"), lambda: self.press(" "))
        bottom.addWidget(space, 4)
        bottom.addWidget(self._add(_key("⌫", "key_backspace", "modifier"), self.backspace))
        bottom.addWidget(self._add(_key("", "key_enter", "primary"), self.enterPressed.emit))
        grid.addLayout(bottom)
        return page

    def _numeric_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for r, row in enumerate(NUMERIC_ROWS):
            for c, ch in enumerate(row):
                name = f"num_{ch}" if ch.isdigit() else f"num_punct_{ord(ch)}"
                grid.addWidget(self._add(_key(ch, name), lambda _=False, x=ch: self.press(x)), r, c + 1)
        grid.addWidget(self._add(_key("+", "num_plus"), lambda: self.press("+")), 0, 4)
        grid.addWidget(self._add(_key("-", "num_minus"), lambda: self.press("-")), 1, 4)
        grid.addWidget(self._add(_key("⌫", "num_backspace", "modifier"), self.backspace), 2, 4)
        grid.addWidget(self._add(_key("ABC", "key_to_letters", "modifier"), lambda: self.show_numeric(False)), 0, 0)
        grid.addWidget(self._add(_key("", "num_enter", "primary"), self.enterPressed.emit), 3, 4)
        for col in range(5):
            grid.setColumnMinimumWidth(col, 170)
        outer = QWidget()
        row = QHBoxLayout(outer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(page, 3)
        row.addStretch(1)
        return outer

    def set_compact(self, compact: bool) -> None:
        """On short screens (1280×800) drop the digit row so keys stay >= 60 px and the
        question above stays visible; digits remain on the "123" pad."""
        for key in self.digit_row:
            key.setVisible(not compact)
        self.setFixedHeight(COMPACT_HEIGHT if compact else KEYBOARD_HEIGHT)

    def retranslate(self) -> None:
        self._relabel()

    def _relabel(self) -> None:
        names = {"telex": "Telex", "vni": "VNI", "off": self.tr("No marks")}
        self.buttons["key_method"].setText(names[self.composer.method])
        self.buttons["key_space"].setText(self.tr("space"))
        self.buttons["key_enter"].setText(self.tr("Done"))
        self.buttons["num_enter"].setText(self.tr("Done"))
        for row in LETTER_ROWS[1:]:
            for ch in row:
                self.buttons[f"key_{ch}"].setText(ch.upper() if self.shift else ch)
        self.buttons["key_shift"].setProperty("active", self.shift)

    # -- attaching -------------------------------------------------------------------------
    def attach(self, widget: QLineEdit | QPlainTextEdit | None, mode: str = "text") -> None:
        """Type into ``widget`` from now on. ``mode``: "text" (Vietnamese composition),
        "plain" (no composition: e-mail addresses), "numeric" (the number pad)."""
        self.target = widget
        self.composer.reset()
        self.plain = mode == "plain"
        self.show_numeric(mode == "numeric")

    def show_numeric(self, numeric: bool) -> None:
        self.pages.setCurrentIndex(1 if numeric else 0)

    # -- typing ----------------------------------------------------------------------------
    def _text(self) -> str:
        if isinstance(self.target, QPlainTextEdit):
            return self.target.toPlainText()
        return self.target.text() if self.target is not None else ""

    def _set_text(self, text: str) -> None:
        if self.target is None:
            return
        if isinstance(self.target, QPlainTextEdit):
            self.target.setPlainText(text)
            self.target.moveCursor(self.target.textCursor().MoveOperation.End)
        else:
            if self.target.maxLength() and len(text) > self.target.maxLength():
                return
            self.target.setText(text)
            self.target.setCursorPosition(len(text))
        self.textEdited.emit(self.target)

    def press(self, ch: str) -> None:
        if self.target is None or self.target.isReadOnly():
            return
        if self.shift and ch.isalpha():
            ch = ch.upper()
            self.shift = False
            self._relabel()
        text = self._text()
        self._set_text(text + ch if self.plain else self.composer.press(text, ch))

    def backspace(self) -> None:
        if self.target is None or self.target.isReadOnly():
            return
        self.composer.reset()
        self._set_text(self._text()[:-1])

    def apply_tone(self, tone: Tone) -> None:
        if self.target is not None and not self.target.isReadOnly():
            self._set_text(self.composer.apply_tone(self._text(), tone))

    def cycle_mark(self) -> None:
        if self.target is not None and not self.target.isReadOnly():
            self._set_text(self.composer.cycle_mark(self._text()))

    def toggle_shift(self) -> None:
        self.shift = not self.shift
        self._relabel()

    def cycle_method(self) -> None:
        order = ["telex", "vni", "off"]
        self.composer = Composer(order[(order.index(self.composer.method) + 1) % 3], self.composer.style)
        self._relabel()

    def type_keys(self, keys: str) -> None:
        """Press the keys for ``keys`` (tests and demos); uppercase goes through Shift."""
        for ch in keys:
            if ch.isupper():
                self.buttons["key_shift"].click()
                ch = ch.lower()
            name = self.button_name(ch)
            self.buttons[name].click()

    def button_name(self, ch: str) -> str:
        if ch == " ":
            return "key_space"
        if self.pages.currentIndex() == 1:
            return f"num_{ch}" if ch.isdigit() else {"+": "num_plus", "-": "num_minus"}.get(ch, f"num_punct_{ord(ch)}")
        if ch in PUNCTUATION:
            return f"key_punct_{ord(ch)}"
        return f"key_{ch}"
