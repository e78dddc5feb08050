"""Editors for one form field each: big inputs, the error under the field, prefill marks.

An editor shows the answer held by the ``FormSession`` and hands every edit back to it; it
holds no rule of its own (checks, options and relevance all come from the session).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from forms.answers import display
from forms.engine import FieldError, FormSession
from forms.schema import FieldType
from forms.textfold import fold

NUMERIC = {FieldType.INTEGER, FieldType.DECIMAL, FieldType.PHONE, FieldType.ID_NUMBER, FieldType.DATE}
LINE_TYPES = NUMERIC | {FieldType.TEXT, FieldType.PERSON_NAME, FieldType.EMAIL}
BUTTON_LIMIT = 6          # up to this many options: big buttons; more: a searchable list


def _label(text: str = "", role: str = "body") -> QLabel:
    w = QLabel(text)
    w.setProperty("role", role)
    w.setWordWrap(True)
    return w


class _FocusWatch(QObject):
    """Tells the page which input has the focus, so the keyboard types into it."""

    def __init__(self, editor: "FieldEditor", mode: str):
        super().__init__(editor)
        self.editor, self.mode = editor, mode

    def eventFilter(self, obj, event):
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.editor.focused.emit(obj, self.mode)
        return False


def keyboard_mode(t: FieldType) -> str:
    if t in NUMERIC:
        return "numeric"
    return "plain" if t is FieldType.EMAIL else "text"


class ChoiceList(QWidget):
    """A list of options with an optional search line (diacritics-insensitive)."""

    chosen = Signal(str)

    def __init__(self, name: str, searchable: bool, search_fn=None):
        super().__init__()
        self.search_fn = search_fn
        self.options: list[tuple[str, str]] = []
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}__search")
        self.search.setPlaceholderText(self.tr("Type a few letters to search"))
        self.search.setVisible(searchable)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}__list")
        self.list.setMinimumHeight(200)
        self.list.setMaximumHeight(300)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.search.textChanged.connect(self.refilter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list)

    def set_options(self, options: list[tuple[str, str]], current: str | None) -> None:
        self.options = options
        self.refilter(current=current)

    def refilter(self, _text: str = "", current: str | None = None) -> None:
        query = self.search.text()
        if self.search_fn is not None and query.strip():
            shown = self.search_fn(query)
        else:
            q = fold(query)
            shown = [(v, l) for v, l in self.options if q in fold(l)]
        self.list.clear()
        for value, text in shown[:200]:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.list.addItem(item)
            if value == current:
                item.setSelected(True)

    def select(self, value: str) -> None:
        self.chosen.emit(value)


class FieldEditor(QFrame):
    """One field: its label, its input, the error under it."""

    focused = Signal(object, str)         # input widget, keyboard mode
    changed = Signal(str)                 # path

    def __init__(self, session: FormSession, path: str, lang: str):
        super().__init__()
        self.session, self.path, self.lang = session, path, lang
        self.fdef = session.field(path)
        self.setObjectName(f"field_{path}")
        self.setProperty("role", "field")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)   # scroll, never squeeze
        self.title = _label(role="fieldlabel")
        self.badge = _label(role="badge")
        self.badge.setObjectName(f"prefilled_{path}")
        self.error = _label(role="error")
        self.error.setObjectName(f"error_{path}")
        self.error.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.badge)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 8, 8, 8)
        self.body.addLayout(head)
        self.build()
        self.body.addWidget(self.error)
        self.retranslate(lang)

    # subclasses ------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Show the session's current answer."""

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        f = self.fdef
        hint = f"<br/><span style='font-size:24px;color:#33415c'>{f.hint.get(lang)}</span>" if f.hint else ""
        star = " *" if f.required is True else ""
        self.title.setText(f"<b>{f.label.get(lang)}{star}</b>{hint}")
        if self.path in self.session.prefilled:
            self.badge.setText(self.tr("From your ID card") if self.session.is_locked(self.path)
                               else self.tr("From your ID card · you may change it"))
            self.badge.show()
        else:
            self.badge.hide()

    def show_error(self, err: FieldError | None) -> None:
        self.error.setText(err.text(self.lang) if err else "")
        self.error.setVisible(err is not None)
        self.setProperty("invalid", err is not None)     # red frame around the field (QSS)
        self.style().unpolish(self)
        self.style().polish(self)

    def recheck(self) -> None:
        """After an edit: drop the error shown if the answer is now fine."""
        if self.error.isVisible():
            err = next((e for e in self.session.errors(self.session.page_of(self.path))
                        if e.path == self.path), None)
            self.show_error(err)

    def _commit_input(self, text: str) -> None:
        self.session.set_input(self.path, text)
        self.recheck()
        self.changed.emit(self.path)

    def _commit_value(self, value) -> None:
        self.session.set_value(self.path, value)
        self.recheck()
        self.changed.emit(self.path)


class LineEditor(FieldEditor):
    def build(self) -> None:
        if self.fdef.type is FieldType.MULTILINE:
            self.input = QPlainTextEdit()
            self.input.setMinimumHeight(140)
            self.input.textChanged.connect(lambda: self._commit_input(self.input.toPlainText()))
        else:
            self.input = QLineEdit()
            if self.fdef.max_length:
                self.input.setMaxLength(self.fdef.max_length)
            self.input.textChanged.connect(self._commit_input)
        self.input.setObjectName(f"input_{self.path}")
        locked = self.session.is_locked(self.path)
        self.input.setReadOnly(locked)
        self.input.setFocusPolicy(Qt.FocusPolicy.NoFocus if locked else Qt.FocusPolicy.StrongFocus)
        self.input.installEventFilter(_FocusWatch(self, keyboard_mode(self.fdef.type)))
        self.body.addWidget(self.input)
        self.refresh()

    def refresh(self) -> None:
        if self.path in self.session.input_errors:
            return                        # keep what the citizen typed, even if invalid
        text = display(self.session, self.path, self.lang)
        if self.fdef.type in (FieldType.INTEGER,) and self.session.get(self.path) is not None:
            text = str(self.session.get(self.path))
        current = self.input.toPlainText() if isinstance(self.input, QPlainTextEdit) else self.input.text()
        if current != text:
            self.input.blockSignals(True)
            if isinstance(self.input, QPlainTextEdit):
                self.input.setPlainText(text)
            else:
                self.input.setText(text)
            self.input.blockSignals(False)


class CalculatedEditor(FieldEditor):
    def build(self) -> None:
        self.value = _label(role="value")
        self.value.setObjectName(f"value_{self.path}")
        self.body.addWidget(self.value)
        self.refresh()

    def refresh(self) -> None:
        self.value.setText(display(self.session, self.path, self.lang) or "—")


class ButtonsEditor(FieldEditor):
    """Yes/no and short option lists: one big toggle button per option."""

    def build(self) -> None:
        row = QHBoxLayout()
        self.buttons: dict[object, QPushButton] = {}
        for value in self._values():
            b = QPushButton()
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setProperty("role", "choice")
            b.setObjectName(f"choice_{self.path}_{value}")
            b.clicked.connect(lambda _=False, v=value: self._pick(v))
            b.setEnabled(not self.session.is_locked(self.path))
            self.buttons[value] = b
            row.addWidget(b)
        self.body.addLayout(row)
        self.refresh()

    def _values(self) -> list:
        if self.fdef.type is FieldType.YES_NO:
            return [True, False]
        return [v for v, _, _ in self.session.options(self.path)]

    def _pick(self, value) -> None:
        if self.fdef.type is FieldType.SELECT_MANY:
            current = list(self.session.get(self.path) or [])
            current = [v for v in current if v != value] if value in current else current + [value]
            self._commit_value(current)
        else:
            self._commit_value(value)
        self.refresh()

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        if not hasattr(self, "buttons"):
            return
        labels = {v: (vi if lang == "vi" else en) for v, vi, en in self.session.options(self.path)}
        for value, b in self.buttons.items():
            if isinstance(value, bool):
                b.setText(self.tr("Yes") if value else self.tr("No"))
            else:
                b.setText(labels.get(value, str(value)))

    def refresh(self) -> None:
        current = self.session.get(self.path)
        for value, b in self.buttons.items():
            on = value in current if isinstance(current, list) else current is not None and current == value
            b.setChecked(bool(on))


class ListEditor(FieldEditor):
    """Long option lists (ethnic groups, provinces, communes): search then tap."""

    def build(self) -> None:
        t = self.fdef.type
        search_fn = None
        if t is FieldType.COMMUNE:
            search_fn = self._search_communes
        self.current = _label(role="value")
        self.current.setObjectName(f"value_{self.path}")
        self.choices = ChoiceList(f"input_{self.path}", searchable=True, search_fn=search_fn)
        self.choices.search.installEventFilter(_FocusWatch(self, "text"))
        self.choices.chosen.connect(self._commit_value)
        self.choices.chosen.connect(lambda _v: self.refresh())
        self.choices.setEnabled(not self.session.is_locked(self.path))
        self.body.addWidget(self.current)
        self.body.addWidget(self.choices)
        self.refresh()

    def _search_communes(self, query: str):
        province = self.session.province_of(self.path) or "-"
        return [(u.code, u.name) for u in self.session.units.search_communes(query, province)]

    def refresh(self) -> None:
        opts = [(v, vi if self.lang == "vi" else en) for v, vi, en in self.session.options(self.path)]
        self.choices.set_options(opts, self.session.get(self.path))
        self.current.setText(display(self.session, self.path, self.lang) or "—")


def make_editor(session: FormSession, path: str, lang: str) -> FieldEditor:
    f = session.field(path)
    t = f.type
    if f.calculate or t is FieldType.NOTE:
        return CalculatedEditor(session, path, lang)
    if t in LINE_TYPES or t is FieldType.MULTILINE:
        return LineEditor(session, path, lang)
    if t is FieldType.YES_NO or (t in (FieldType.SELECT_ONE, FieldType.SELECT_MANY)
                                  and len(session.options(path)) <= BUTTON_LIMIT):
        return ButtonsEditor(session, path, lang)
    if t in (FieldType.SELECT_ONE, FieldType.PROVINCE, FieldType.COMMUNE, FieldType.SELECT_MANY):
        return ListEditor(session, path, lang)
    from kiosk.screens.forms.composite import AddressEditor, RepeatEditor
    if t is FieldType.ADDRESS:
        return AddressEditor(session, path, lang)
    if t is FieldType.REPEAT:
        return RepeatEditor(session, path, lang)
    raise ValueError(f"no editor for {t}")
