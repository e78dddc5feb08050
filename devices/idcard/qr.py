"""Parser of the QR code printed on the chip ID card (CCCD) and the 2024 "thẻ căn cước".

Payload: ``ID|old ID|full name|DOB ddmmyyyy|Nam/Nữ|address|issue date ddmmyyyy`` — the
first seven fields; newer cards append empty fields, which are tolerated and ignored.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from .errors import QrFormatError
from .idnumber import FEMALE, MALE, check_id_number

MAX_PAYLOAD = 1024  # a real payload is ~150 characters; anything far longer is not a card


@dataclass(frozen=True, repr=False)
class QrIdentity:
    """Holds personal data: ``repr`` shows none of it (objects end up in logs)."""

    id_number: str
    old_id_number: str
    full_name: str
    date_of_birth: dt.date
    sex: str
    address: str
    issue_date: dt.date

    def __repr__(self) -> str:
        return "QrIdentity(<personal data>)"


def parse_ddmmyyyy(text: str, what: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise QrFormatError(f"{what} is not ddmmyyyy")
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise QrFormatError(f"{what} is not a real date") from None


def parse_qr_payload(payload: str | bytes) -> QrIdentity:
    """Parse and validate a QR payload; raise :class:`QrFormatError` with the reason."""
    if isinstance(payload, bytes):
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError:
            raise QrFormatError("QR payload is not UTF-8") from None
    if len(payload) > MAX_PAYLOAD:
        raise QrFormatError("QR payload too long")
    text = unicodedata.normalize("NFC", payload.strip().lstrip("\ufeff"))
    fields = text.split("|")
    if len(fields) < 7:
        raise QrFormatError(f"QR payload has {len(fields)} fields, expected at least 7")
    id_number, old_id, name, dob_text, sex, address, issue_text = (f.strip() for f in fields[:7])
    if len(fields) > 16:
        raise QrFormatError("QR payload has too many fields")
    if old_id and (len(old_id) != 9 or not old_id.isascii() or not old_id.isdigit()):
        raise QrFormatError("old ID number is not 9 digits")
    name = " ".join(name.split())
    if not name or any(ch.isdigit() or unicodedata.category(ch)[0] == "C" for ch in name):
        raise QrFormatError("full name is empty or not a name")
    if sex not in (MALE, FEMALE):
        raise QrFormatError("sex is neither Nam nor Nữ")
    dob = parse_ddmmyyyy(dob_text, "date of birth")
    issued = parse_ddmmyyyy(issue_text, "issue date")
    if issued < dob or dob.year < 1900:
        raise QrFormatError("issue date precedes the date of birth")
    check_id_number(id_number, dob, sex)
    return QrIdentity(id_number, old_id, name, dob, sex, " ".join(address.split()), issued)


def format_qr_payload(q: QrIdentity, trailing_fields: int = 0) -> str:
    """The inverse of :func:`parse_qr_payload` (used by the card emulator and tests)."""
    parts = [q.id_number, q.old_id_number, q.full_name, q.date_of_birth.strftime("%d%m%Y"),
             q.sex, q.address, q.issue_date.strftime("%d%m%Y")]
    return "|".join(parts + [""] * trailing_fields)
