"""Prefill a form from the identity read off the ID card (chip, QR or MRZ).

The identity is a plain dict, e.g. from the ID-card driver::

    {"full_name": "Nguyễn Văn An", "date_of_birth": "15/03/1990" or date, "sex": "Nam",
     "id_number": "001090012345", "old_id_number": "", "residence": "…", …}

A value that does not fit the field (an unknown option, a malformed date) is left empty for
the citizen to answer rather than guessed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from forms.adminunits import AdminUnits
from forms.fieldtypes import InputError, parse_date
from forms.schema import FieldDef, FieldType
from forms.textfold import fold


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        try:
            return parse_date(text)
        except InputError:
            return None


def address_from_text(text: str, units: AdminUnits) -> dict:
    """{"province", "commune", "street"} from a free-form address; unmatched parts empty."""
    province, commune = units.match_address(text)
    parts = [p.strip() for p in text.split(",")]
    street = text.strip()
    if commune is not None:
        folded = [fold(p) for p in parts]
        for i, p in enumerate(folded):
            if p in (fold(commune.name), fold(commune.short)):
                street = ", ".join(parts[:i]).strip()
                break
    return {"province": province.code if province else None,
            "commune": commune.code if commune else None,
            "street": street}


def prefill_value(f: FieldDef, identity: dict, units: AdminUnits,
                  options: Callable[[str], list[tuple[str, str, str]]]) -> Any:
    key = f.prefill.partition(".")[2]
    raw = identity.get(key)
    if raw in (None, ""):
        return None
    t = f.type
    if t is FieldType.DATE:
        return _as_date(raw)
    if t is FieldType.ADDRESS:
        return address_from_text(str(raw), units)
    if t is FieldType.PROVINCE:
        province, _ = units.match_address(str(raw))
        return province.code if province else None
    if t in (FieldType.SELECT_ONE,):
        want = fold(str(raw))
        for value, vi, en in options(f.id):
            if want in (fold(value), fold(vi), fold(en)):
                return value
        return None
    if t is FieldType.INTEGER:
        return int(raw) if str(raw).isdigit() else None
    return " ".join(str(raw).split())
