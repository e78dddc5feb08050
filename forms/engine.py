"""The form engine: answers, prefill, relevance, calculations, repeat groups, validation.

A ``FormSession`` holds one citizen's answers to one procedure's form. It knows nothing of
screens: the declaration journey and the PDF both read it.

Addresses of answers ("paths"): ``"phone"`` for a field, ``"members[2].full_name"`` for a
column of a repeat group's row.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from forms.adminunits import AdminUnits
from forms.expr import Expression, ExprError, truthy
from forms.fieldtypes import InputError, check_value, parse_input
from forms.prefill import prefill_value
from forms.schema import FieldDef, FieldType, Option, Page, Procedure

_PATH = re.compile(r"^([a-z][a-z0-9_]*)(?:\[(\d+)\]\.([a-z][a-z0-9_]*))?$")


@dataclass(frozen=True)
class FieldError:
    path: str
    vi: str
    en: str

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class LockedFieldError(ValueError):
    """A prefilled field the definition does not let the citizen change."""

    def __init__(self, path: str):
        super().__init__(f"field {path} is prefilled and locked")
        self.vi = "Thông tin này lấy từ thẻ căn cước và không sửa được tại đây."
        self.en = "This comes from your ID card and cannot be changed here."


REQUIRED = ("Thông tin này bắt buộc.", "This information is required.")


class FormSession:
    def __init__(self, procedure: Procedure, identity: dict | None = None, *,
                 option_lists: dict[str, list[Option]] | None = None,
                 units: AdminUnits | None = None, today: dt.date | None = None):
        self.procedure = procedure
        self.form = procedure.form
        self.option_lists = option_lists or {}
        self.units = units or AdminUnits.load()
        self.today = today or dt.date.today()
        self.values: dict[str, Any] = {}
        self.input_errors: dict[str, FieldError] = {}
        self.prefilled: set[str] = set()
        self._fields: dict[str, FieldDef] = {}
        self._page_of: dict[str, Page] = {}
        self._compiled: dict[str, Expression] = {}
        for page in self.form.pages:
            for f in page.fields:
                self._fields[f.id] = f
                self._page_of[f.id] = page
                if f.type is FieldType.REPEAT:
                    self.values[f.id] = [{} for _ in range(f.min_rows)]
        if identity:
            self._prefill(identity)
        self.recalculate()

    # -- lookup ------------------------------------------------------------------------
    def field(self, path: str) -> FieldDef:
        name, _, col = _split(path)
        f = self._fields[name]
        if col:
            return next(c for c in f.fields if c.id == col)
        return f

    def page_of(self, path: str) -> Page:
        return self._page_of[_split(path)[0]]

    def expr(self, source: str) -> Expression:
        if source not in self._compiled:
            self._compiled[source] = Expression(source)
        return self._compiled[source]

    def get(self, path: str) -> Any:
        name, row, col = _split(path)
        if col is None:
            return self.values.get(name)
        rows = self.values.get(name) or []
        return rows[row].get(col) if row < len(rows) else None

    def rows(self, group: str) -> list[dict]:
        return self.values.get(group) or []

    def _resolver(self, row_values: dict | None):
        def resolve(name: str) -> Any:
            if row_values is not None and name in row_values:
                return row_values[name]
            f = self._fields.get(name)
            if f is None and row_values is not None:
                return None
            if f is None:
                raise ExprError(f"unknown field {name}")
            if not self._relevant_def(f, None):
                return None
            return self.values.get(name)
        return resolve

    def evaluate(self, source: str, row: dict | None = None, self_value: Any = None) -> Any:
        return self.expr(source).evaluate(self._resolver(row), self_value, self.today)

    # -- relevance ---------------------------------------------------------------------
    def _relevant_def(self, f: FieldDef, row: dict | None, depth: int = 0) -> bool:
        if depth > 20:
            return True
        page = self._page_of.get(f.id)
        if row is None and page is not None and page.relevant and not self._safe_truth(page.relevant, None):
            return False
        return not f.relevant or self._safe_truth(f.relevant, row)

    def _safe_truth(self, source: str, row: dict | None) -> bool:
        try:
            return truthy(self.evaluate(source, row))
        except ExprError:
            return True     # a broken rule shows the question rather than hiding it

    def is_relevant(self, path: str) -> bool:
        name, row, col = _split(path)
        group = self._fields[name]
        if not self._relevant_def(group, None):
            return False
        if col is None:
            return True
        rows = self.rows(name)
        row_values = rows[row] if row < len(rows) else {}
        return self._relevant_def(self.field(path), row_values)

    def pages(self) -> list[Page]:
        """The pages to show, in order (a page whose rule is false is skipped)."""
        return [p for p in self.form.pages if not p.relevant or self._safe_truth(p.relevant, None)]

    def visible_fields(self, page: Page) -> list[FieldDef]:
        return [f for f in page.fields if self.is_relevant(f.id)]

    # -- options -----------------------------------------------------------------------
    def options(self, path: str) -> list[tuple[str, str, str]]:
        """(value, label vi, label en) for select, province and commune fields."""
        f = self.field(path)
        if f.type is FieldType.PROVINCE:
            return [(u.code, u.name, u.name) for u in self.units.provinces]
        if f.type is FieldType.COMMUNE:
            province = self.province_of(path)
            return [(u.code, u.name, u.name) for u in self.units.communes(province or "")]
        opts = f.options or self.option_lists.get(f.options_from or "", [])
        return [(o.value, o.label.vi, o.label.en) for o in opts]

    def province_of(self, commune_path: str) -> str | None:
        """The province chosen in the parent field of a commune field (same row first)."""
        f = self.field(commune_path)
        name, row, _ = _split(commune_path)
        same_row = row is not None and f.parent in {c.id for c in self._fields[name].fields}
        return self.get(f"{name}[{row}].{f.parent}" if same_row else f.parent)

    def _option_values(self, path: str) -> list[str] | None:
        f = self.field(path)
        if f.type in (FieldType.SELECT_ONE, FieldType.SELECT_MANY, FieldType.PROVINCE, FieldType.COMMUNE):
            return [v for v, _, _ in self.options(path)]
        return None

    # -- changing answers ----------------------------------------------------------------
    def is_locked(self, path: str) -> bool:
        f = self.field(path)
        return path in self.prefilled and not f.editable or bool(f.calculate)

    def set_input(self, path: str, text: str) -> FieldError | None:
        """The citizen typed ``text``; returns the error shown at the field, if any."""
        f = self.field(path)
        try:
            value = parse_input(f, text)
        except InputError as exc:
            self._guard(path)
            err = FieldError(path, exc.vi, exc.en)
            self.input_errors[path] = err
            self._store(path, None)
            return err
        return self.set_value(path, value)

    def set_value(self, path: str, value: Any) -> FieldError | None:
        self._guard(path)
        f = self.field(path)
        self.input_errors.pop(path, None)
        try:
            check_value(f, value, self._option_values(path))
            if f.type is FieldType.ADDRESS and value is not None:
                self._check_address(value)
        except InputError as exc:
            err = FieldError(path, exc.vi, exc.en)
            self.input_errors[path] = err
            self._store(path, None)
            self.recalculate()
            return err
        self._store(path, value)
        if f.type is FieldType.PROVINCE:
            self._clear_children(path)
        self.recalculate()
        return None

    def _check_address(self, value: dict) -> None:
        province, commune = value.get("province"), value.get("commune")
        if province and self.units.province(province) is None:
            raise InputError("Chọn tỉnh, thành phố trong danh sách.", "Choose a province from the list.")
        unit = self.units.commune(commune) if commune else None
        if commune and (unit is None or unit.province_code != province):
            raise InputError("Chọn xã, phường thuộc tỉnh, thành phố đã chọn.",
                             "Choose a commune of the chosen province.")

    def _guard(self, path: str) -> None:
        if self.is_locked(path):
            raise LockedFieldError(path)

    def _store(self, path: str, value: Any) -> None:
        name, row, col = _split(path)
        if col is None:
            self.values[name] = value
        else:
            self.rows(name)[row][col] = value

    def _clear_children(self, province_path: str) -> None:
        name, row, col = _split(province_path)
        fields = self._fields[name].fields if col else list(self._fields.values())
        for f in fields:
            if f.type is FieldType.COMMUNE and f.parent == (col or name):
                child = f"{name}[{row}].{f.id}" if col else f.id
                if self.get(child) not in [v for v, _, _ in self.options(child)]:
                    self._store(child, None)

    def add_row(self, group: str) -> int:
        f = self._fields[group]
        rows = self.values.setdefault(group, [])
        if len(rows) >= f.max_rows:
            raise InputError(f"Tối đa {f.max_rows} dòng.", f"At most {f.max_rows} rows.")
        rows.append({})
        self.recalculate()
        return len(rows) - 1

    def remove_row(self, group: str, index: int) -> None:
        rows = self.rows(group)
        del rows[index]
        self.input_errors = {p: e for p, e in self.input_errors.items() if not p.startswith(group + "[")}
        self.recalculate()

    def recalculate(self) -> None:
        """Calculated fields, in definition order, twice (so one may use another)."""
        for _ in range(2):
            for f in self._fields.values():
                if f.calculate:
                    self.values[f.id] = self._calc(f.calculate, None)
                for col in f.fields:
                    if col.calculate:
                        for row in self.rows(f.id):
                            row[col.id] = self._calc(col.calculate, row)

    def _calc(self, source: str, row: dict | None) -> Any:
        try:
            return self.evaluate(source, row)
        except ExprError:
            return None

    def _prefill(self, identity: dict) -> None:
        for f in self._fields.values():
            if f.prefill:
                value = prefill_value(f, identity, self.units, self.options)
                if value is not None:
                    self.values[f.id] = value
                    self.prefilled.add(f.id)

    # -- validation --------------------------------------------------------------------
    def _paths(self, page: Page) -> list[str]:
        out = []
        for f in page.fields:
            if f.type is FieldType.REPEAT:
                out.append(f.id)
                for i in range(len(self.rows(f.id))):
                    out += [f"{f.id}[{i}].{c.id}" for c in f.fields]
            else:
                out.append(f.id)
        return out

    def errors(self, page: Page | None = None) -> list[FieldError]:
        """Problems on ``page`` (or on every page shown), in reading order."""
        pages = [page] if page is not None else self.pages()
        out = []
        for p in pages:
            for path in self._paths(p):
                err = self._error_at(path)
                if err:
                    out.append(err)
        return out

    def _error_at(self, path: str) -> FieldError | None:
        if not self.is_relevant(path):
            return None
        if path in self.input_errors:
            return self.input_errors[path]
        f = self.field(path)
        if f.type is FieldType.NOTE or f.calculate:
            return None
        name, row, col = _split(path)
        row_values = self.rows(name)[row] if col else None
        value = self.get(path)
        if f.type is FieldType.REPEAT:
            if len(value or []) < f.min_rows:
                return FieldError(path, f"Cần ít nhất {f.min_rows} dòng.", f"At least {f.min_rows} rows are needed.")
            return None
        required = f.required if isinstance(f.required, bool) else self._safe_truth(f.required, row_values)
        empty = value in (None, "", []) or (f.type is FieldType.ADDRESS and not _address_complete(value))
        if empty:
            return FieldError(path, *REQUIRED) if required else None
        if f.constraint:
            try:
                ok = truthy(self.evaluate(f.constraint, row_values, value))
            except ExprError:
                ok = False
            if not ok:
                msg = f.constraint_message
                return FieldError(path, msg.vi, msg.en)
        return None

    def is_complete(self) -> bool:
        return not self.errors()


def _address_complete(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("province")) and bool(value.get("commune")) \
        and bool((value.get("street") or "").strip())


def _split(path: str) -> tuple[str, int | None, str | None]:
    m = _PATH.match(path)
    if not m:
        raise KeyError(f"bad answer path {path!r}")
    name, row, col = m.groups()
    return name, (int(row) if row is not None else None), col
