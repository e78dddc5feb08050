"""Drive the forms screens like a citizen: taps on the on-screen keyboard, choices, lists.

Vietnamese is typed as Telex key taps (``telex_keys``), never injected as text, so the
composition, the keyboard and the screens are all exercised.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QPlainTextEdit, QPushButton

from forms.answers import display
from forms.schema import FieldType
from forms.vnkeys import TELEX_TONES, decompose, is_word_char
from kiosk.screens.forms.composite import AddressEditor, RepeatEditor
from kiosk.screens.forms.fields import ButtonsEditor, CalculatedEditor, LineEditor, ListEditor

TONE_KEY = {tone: key for key, tone in TELEX_TONES.items()}
MARK_KEYS = {"^": None, "(": "w", "+": "w", "-": "d"}


def telex_keys(text: str) -> str:
    """The Telex taps that type ``text`` (marks after each letter, the tone after the word)."""
    out, word = [], ""
    for ch in text + " ":
        if is_word_char(ch):
            word += ch
            continue
        if word:
            letters, tone = decompose(word)
            keys = ""
            for letter in letters:
                base = letter.base.upper() if letter.upper else letter.base
                keys += base
                if letter.mark:
                    keys += letter.base if letter.mark == "^" else MARK_KEYS[letter.mark]
            out.append(keys + (TONE_KEY[tone] if tone else ""))
            word = ""
        out.append(ch)
    return "".join(out)[:-1]


def tap(qtbot, widget) -> None:
    QApplication.processEvents()          # widgets added to a shown layout appear on the next loop
    assert widget is not None and widget.isVisible(), f"not visible: {widget and widget.objectName()}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_on_keyboard(qtbot, page, target, text: str, mode: str) -> None:
    """Tap into ``target``, clear it with backspace taps, and type ``text``."""
    page.scroll.ensureWidgetVisible(target)
    tap(qtbot, target)
    kb = page.keyboard
    assert kb.isVisible() and kb.target is target
    current = target.toPlainText() if isinstance(target, QPlainTextEdit) else target.text()
    back = kb.buttons["num_backspace" if mode == "numeric" else "key_backspace"]
    for _ in current:
        back.click()
    kb.type_keys(text if mode != "text" else telex_keys(text))
    kb.buttons["num_enter" if mode == "numeric" else "key_enter"].click()


def pick_from_list(qtbot, page, choice_list, search: str, value: str) -> None:
    type_on_keyboard(qtbot, page, choice_list.search, search, "text")
    lst: QListWidget = choice_list.list
    for i in range(lst.count()):
        item = lst.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == value:
            lst.scrollToItem(item)
            rect = lst.visualItemRect(item)
            qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"{value!r} not offered after searching {search!r}")


def as_text(session, path: str, value) -> str:
    f = session.field(path)
    if f.type is FieldType.DATE:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if isinstance(value, str) else value
    return str(value)


def fill_editor(qtbot, page, editor, value) -> None:
    session, path = editor.session, editor.path
    f = editor.fdef
    if isinstance(editor, CalculatedEditor) or value is None:
        return
    if isinstance(editor, LineEditor):
        mode = "numeric" if f.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.PHONE,
                                       FieldType.ID_NUMBER, FieldType.DATE) else \
            "plain" if f.type is FieldType.EMAIL else "text"
        type_on_keyboard(qtbot, page, editor.input, as_text(session, path, value), mode)
    elif isinstance(editor, ButtonsEditor):
        button = editor.findChild(QPushButton, f"choice_{path}_{value}")
        page.scroll.ensureWidgetVisible(button)
        tap(qtbot, button)
    elif isinstance(editor, ListEditor):
        label = next(vi for v, vi, _ in session.options(path) if v == value)
        pick_from_list(qtbot, page, editor.choices, _search_words(label), value)
    elif isinstance(editor, AddressEditor):
        units = session.units
        pick_from_list(qtbot, page, editor.province, _search_words(units.province(value["province"]).short),
                       value["province"])
        pick_from_list(qtbot, page, editor.commune, _search_words(units.commune(value["commune"]).short),
                       value["commune"])
        type_on_keyboard(qtbot, page, editor.street, value["street"], "text")
    elif isinstance(editor, RepeatEditor):
        for i, row in enumerate(value):
            if i >= len(session.rows(path)):
                tap(qtbot, editor.add_button)
            for col, v in row.items():
                fill_editor(qtbot, page, editor.children[f"{path}[{i}].{col}"], v)
    QApplication.processEvents()
    if not isinstance(editor, RepeatEditor):
        assert display(session, path) != "", f"{path} not answered"


def _search_words(label: str) -> str:
    """What a citizen types to find an item: the first letters, without marks."""
    from forms.textfold import fold
    return fold(label)[:6]
