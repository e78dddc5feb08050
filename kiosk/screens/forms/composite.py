"""Editors made of several inputs: an address (province → commune → street) and a repeat
group (one block per person, add/remove)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QVBoxLayout

from forms.fieldtypes import InputError
from kiosk.screens.forms.parts import clear_layout
from kiosk.screens.forms.fields import ChoiceList, FieldEditor, _FocusWatch, _label, make_editor


class AddressEditor(FieldEditor):
    def build(self) -> None:
        units = self.session.units
        self.current = _label(role="value")
        self.current.setObjectName(f"value_{self.path}")
        self.province_label = _label(role="hint")
        self.province = ChoiceList(f"input_{self.path}_province", searchable=True)
        self.commune_label = _label(role="hint")
        self.commune = ChoiceList(f"input_{self.path}_commune", searchable=True,
                                  search_fn=lambda q: [(u.code, u.name) for u in units.search_communes(
                                      q, self._part("province") or "-")])
        self.street_label = _label(role="hint")
        self.street = QLineEdit()
        self.street.setObjectName(f"input_{self.path}_street")
        self.street.setMaxLength(150)
        for w in (self.province.search, self.commune.search, self.street):
            w.installEventFilter(_FocusWatch(self, "text"))
        self.province.chosen.connect(lambda v: self._set_part("province", v))
        self.commune.chosen.connect(lambda v: self._set_part("commune", v))
        self.street.textChanged.connect(lambda t: self._set_part("street", t))
        locked = self.session.is_locked(self.path)
        for w in (self.province, self.commune, self.street):
            w.setEnabled(not locked)
        for w in (self.current, self.province_label, self.province, self.commune_label, self.commune,
                  self.street_label, self.street):
            self.body.addWidget(w)
        self.refresh()

    def _part(self, key: str):
        return (self.session.get(self.path) or {}).get(key)

    def _set_part(self, key: str, value) -> None:
        addr = dict(self.session.get(self.path) or {"province": None, "commune": None, "street": ""})
        addr[key] = value
        if key == "province":
            addr["commune"] = None
            self.commune.search.clear()
        self._commit_value(addr)
        if key != "street":
            self.refresh()
        else:
            self.current.setText(self._summary())

    def _summary(self) -> str:
        from forms.answers import display
        return display(self.session, self.path, self.lang) or "—"

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        if hasattr(self, "street_label"):
            self.province_label.setText(self.tr("Province or city"))
            self.commune_label.setText(self.tr("Commune, ward or special zone"))
            self.street_label.setText(self.tr("House number, street, hamlet"))

    def refresh(self) -> None:
        units = self.session.units
        self.province.set_options([(p.code, p.name) for p in units.provinces], self._part("province"))
        self.commune.set_options([(u.code, u.name) for u in units.communes(self._part("province") or "")],
                                 self._part("commune"))
        street = self._part("street") or ""
        if self.street.text() != street:
            self.street.blockSignals(True)
            self.street.setText(street)
            self.street.blockSignals(False)
        self.current.setText(self._summary())


class RepeatEditor(FieldEditor):
    """One framed block per row, each with the group's columns; add and remove buttons."""

    def build(self) -> None:
        self.rows_box = QVBoxLayout()
        self.children: dict[str, FieldEditor] = {}
        self.add_button = QPushButton()
        self.add_button.setObjectName(f"add_{self.path}")
        self.add_button.setProperty("role", "secondary")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.add_row)
        self.body.addLayout(self.rows_box)
        self.body.addWidget(self.add_button)
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.rows_box)
        self.children = {}
        for i in range(len(self.session.rows(self.path))):
            frame = QFrame()
            frame.setProperty("role", "row")
            lay = QVBoxLayout(frame)
            head = _label(role="subtitle")
            row_word = self.tr("Row")
            head.setText(f"{row_word} {i + 1}")
            lay.addWidget(head)
            for col in self.fdef.fields:
                path = f"{self.path}[{i}].{col.id}"
                editor = make_editor(self.session, path, self.lang)
                editor.focused.connect(self.focused.emit)
                editor.changed.connect(self.changed.emit)
                self.children[path] = editor
                lay.addWidget(editor)
            remove = QPushButton(self.tr("Remove this row"))
            remove.setObjectName(f"remove_{self.path}_{i}")
            remove.setProperty("role", "secondary")
            remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            remove.clicked.connect(lambda _=False, r=i: self.remove_row(r))
            lay.addWidget(remove)
            self.rows_box.addWidget(frame)
        self.add_button.setText(self.tr("Add a row"))
        self.add_button.setEnabled(len(self.session.rows(self.path)) < self.fdef.max_rows)

    def add_row(self) -> None:
        try:
            self.session.add_row(self.path)
        except InputError as exc:
            self.error.setText(exc.vi if self.lang == "vi" else exc.en)
            self.error.show()
            return
        self.rebuild()
        self.changed.emit(self.path)

    def remove_row(self, index: int) -> None:
        self.session.remove_row(self.path, index)
        self.rebuild()
        self.changed.emit(self.path)

    def refresh(self) -> None:
        for editor in self.children.values():
            editor.refresh()

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        if hasattr(self, "children"):
            self.add_button.setText(self.tr("Add a row"))
            for editor in self.children.values():
                editor.retranslate(lang)
