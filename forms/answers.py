"""Answers as JSON for the dossier, and as text for the review page and the PDF."""
from __future__ import annotations

import datetime as dt
from typing import Any

from forms.clock import centre_now
from forms.engine import FormSession
from forms.fieldtypes import format_date, format_number, from_json, to_json
from forms.schema import FieldType

FORMAT = "motcua-kiosk/answers@1"


def answers_json(session: FormSession, created: dt.datetime | None = None) -> dict:
    """Every relevant answer, typed for machines, with the labels a person needs."""
    proc = session.procedure
    out: dict[str, Any] = {}
    for page in session.pages():
        for f in page.fields:
            if not session.is_relevant(f.id) or f.type is FieldType.NOTE:
                continue
            value = session.get(f.id)
            if f.type is FieldType.REPEAT:
                out[f.id] = [{c.id: _json_value(session, f"{f.id}[{i}].{c.id}")
                              for c in f.fields if session.is_relevant(f"{f.id}[{i}].{c.id}")}
                             for i in range(len(value or []))]
            else:
                out[f.id] = _json_value(session, f.id)
    return {
        "format": FORMAT,
        "procedure": proc.code,
        "procedure_version": proc.version,
        "form": session.form.id,
        "created": (created or centre_now()).isoformat(timespec="seconds"),
        "answers": out,
        "prefilled": sorted(session.prefilled),
    }


def _json_value(session: FormSession, path: str) -> Any:
    f = session.field(path)
    value = session.get(path)
    if f.type is FieldType.ADDRESS and isinstance(value, dict):
        return {**value, "text": display(session, path)}
    return to_json(f, value)


def load_answers(session: FormSession, data: dict) -> list[str]:
    """Put answers from ``answers_json`` (or a hand-written file) into ``session``.
    Returns the paths that were refused (unknown, locked or invalid)."""
    refused = []
    answers = data.get("answers", data)
    for name, value in answers.items():
        try:
            f = session.field(name)
        except KeyError:
            refused.append(name)
            continue
        if f.calculate:
            continue
        if f.type is FieldType.REPEAT:
            session.values[name] = []
            for row in value or []:
                i = session.add_row(name)
                for col, v in row.items():
                    refused += _put(session, f"{name}[{i}].{col}", v)
        else:
            refused += _put(session, name, value)
    return refused


def _put(session: FormSession, path: str, value: Any) -> list[str]:
    try:
        f = session.field(path)
        if session.is_locked(path):
            return [] if session.get(path) == from_json(f, value) else [path]
        if f.type is FieldType.ADDRESS and isinstance(value, dict):
            value = {k: value.get(k) for k in ("province", "commune", "street")}
        err = session.set_value(path, from_json(f, value))
    except (KeyError, StopIteration, ValueError):
        return [path]
    return [path] if err else []


def display(session: FormSession, path: str, lang: str = "vi") -> str:
    """The answer as a person reads it ("" when unanswered)."""
    f = session.field(path)
    value = session.get(path)
    if value is None or value == "" or value == []:
        return ""
    t = f.type
    if t is FieldType.DATE:
        return format_date(value)
    if t in (FieldType.INTEGER, FieldType.DECIMAL):
        return format_number(value)
    if t is FieldType.YES_NO:
        return ("Có" if value else "Không") if lang == "vi" else ("Yes" if value else "No")
    if t in (FieldType.SELECT_ONE, FieldType.SELECT_MANY, FieldType.PROVINCE, FieldType.COMMUNE):
        labels = {v: (vi if lang == "vi" else en) for v, vi, en in session.options(path)}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if t is FieldType.ADDRESS:
        units = session.units
        province = units.province(value.get("province") or "")
        commune = units.commune(value.get("commune") or "")
        parts = [value.get("street") or "", commune.name if commune else "",
                 province.name if province else ""]
        return ", ".join(p for p in parts if p)
    return str(value)


__all__ = ["answers_json", "load_answers", "display"]
