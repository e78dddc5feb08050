"""DG13: the Vietnamese identity data on the chip.

``6D { 30 { INTEGER 1, OID, SET { 30 { INTEGER n, value… } … } } }``. Sources disagree on
the numbering of fields 13–16 and on whether values are nested in their own SEQUENCE, so
the parser walks the BER tree and takes every SEQUENCE that starts with a small INTEGER and
carries strings as a numbered field. Unknown numbers are kept, never dropped.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from . import tlv
from .errors import LdsError

_STRING_TAGS = {0x0C, 0x13, 0x14, 0x16, 0x1A, 0x1E, 0x04}
FIELD_NAMES = {
    1: "id_number", 2: "full_name", 3: "date_of_birth", 4: "sex", 5: "nationality",
    6: "ethnicity", 7: "religion", 8: "hometown", 9: "residence", 10: "identifying_marks",
    11: "issue_date", 12: "expiry", 13: "parents", 14: "spouse", 15: "old_id_number",
}


def _text(node: tlv.Tlv) -> str:
    raw = node.value
    try:
        text = raw.decode("utf-16-be") if node.tag == 0x1E else raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LdsError("DG13 text is not valid UTF-8") from None
    return unicodedata.normalize("NFC", text).strip()


def _strings(node: tlv.Tlv) -> list[str]:
    if node.tag in _STRING_TAGS:
        return [_text(node)]
    out: list[str] = []
    for child in node.children:
        out += _strings(child)
    return out


def _is_field(node: tlv.Tlv) -> bool:
    kids = node.children
    return (node.tag == 0x30 and len(kids) >= 1 and kids[0].tag == 0x02
            and 0 < len(kids[0].value) <= 2
            and not any(k.tag in (0x06, 0x31) for k in kids[1:]))


def _collect(node: tlv.Tlv, fields: dict[int, list[str]]) -> None:
    if _is_field(node):
        number = int.from_bytes(node.children[0].value, "big")
        values = [s for child in node.children[1:] for s in _strings(child)]
        fields.setdefault(number, []).extend(values)
        return
    for child in node.children:
        _collect(child, fields)


@dataclass(repr=False)
class Dg13:
    fields: dict[int, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:  # personal data: never in a log line
        return f"Dg13(fields={sorted(self.fields)})"

    def get(self, number: int) -> str:
        values = self.fields.get(number) or [""]
        return values[0]

    @property
    def id_number(self) -> str:
        return self.get(1)

    @property
    def full_name(self) -> str:
        return " ".join(self.get(2).split())

    @property
    def date_of_birth(self) -> dt.date | None:
        return parse_vn_date(self.get(3))

    @property
    def sex(self) -> str:
        return self.get(4)

    @property
    def issue_date(self) -> dt.date | None:
        return parse_vn_date(self.get(11))

    @property
    def expiry(self) -> dt.date | None:
        return parse_vn_date(self.get(12))

    @property
    def parents(self) -> list[str]:
        return list(self.fields.get(13, []))

    @property
    def unknown(self) -> dict[int, list[str]]:
        return {n: v for n, v in self.fields.items() if n not in FIELD_NAMES}

    def named(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for n, values in sorted(self.fields.items()):
            key = FIELD_NAMES.get(n, f"field_{n}")
            out[key] = values if n == 13 or len(values) > 1 else (values[0] if values else "")
        return out


def parse_vn_date(text: str) -> dt.date | None:
    """``dd/mm/yyyy`` (also ``ddmmyyyy``); ``None`` for empty or "Không thời hạn"."""
    digits = text.replace("/", "").replace("-", "").strip()
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None


def parse_dg13(data: bytes) -> Dg13:
    root = tlv.parse(data)
    if root.tag != 0x6D:
        raise LdsError(f"DG13 has outer tag {root.tag:X}")
    fields: dict[int, list[str]] = {}
    _collect(root, fields)
    if not fields:
        raise LdsError("DG13 holds no numbered fields")
    return Dg13(fields)
