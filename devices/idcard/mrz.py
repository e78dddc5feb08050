"""The TD1 machine-readable zone (3 × 30 characters) on the back of the ID card.

ICAO Doc 9303 Part 5 (TD1 layout) and Part 3 §4.9 (check digits, weights 7-3-1).
Vietnamese layout: line 1 ``IDVNM`` + last 9 ID digits + check + the 12-digit ID in the
optional data; line 2 DOB, sex, expiry, ``VNM``, composite check; line 3 the name.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from .errors import MrzError

_WEIGHTS = (7, 3, 1)
LINE_LENGTH = 30


def _char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise MrzError("character outside the MRZ alphabet")


def check_digit(text: str) -> str:
    """ICAO 9303 Part 3 §4.9: sum of values × 7,3,1 repeating, modulo 10."""
    return str(sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(text)) % 10)


def _verify(field: str, digit: str, what: str) -> None:
    if check_digit(field) != digit:
        raise MrzError(f"check digit of {what} is wrong")


def mrz_date(yymmdd: str, *, past: bool, today: dt.date | None = None) -> dt.date:
    """Expand a YYMMDD date: DOB into the past, expiry into the window around today."""
    if not yymmdd.isascii() or not yymmdd.isdigit() or len(yymmdd) != 6:
        raise MrzError("date is not YYMMDD")
    today = today or dt.date.today()
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = today.year // 100 * 100
    year = century + yy
    if past and year > today.year:
        year -= 100
    if not past and year < today.year - 50:
        year += 100
    try:
        return dt.date(year, mm, dd)
    except ValueError:
        raise MrzError("date in the MRZ is not a real date") from None


@dataclass(frozen=True, repr=False)
class Mrz:
    """Holds personal data: ``repr`` shows none of it (objects end up in logs)."""

    document_number: str  # the 9 characters of the TD1 field (last 9 ID digits)
    id_number: str  # the 12-digit ID from the optional data ('' if absent)
    date_of_birth: dt.date
    sex: str  # 'M', 'F' or '<'
    expiry: dt.date | None  # None: the card does not expire
    nationality: str
    surname: str
    given_names: str
    raw_dob: str
    raw_expiry: str

    def __repr__(self) -> str:
        return "Mrz(<personal data>)"

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_names) if p)


def parse_td1(text: str, today: dt.date | None = None) -> Mrz:
    """Parse three TD1 lines (newlines optional) and verify every check digit."""
    compact = "".join(text.split()).upper()
    if len(compact) != 3 * LINE_LENGTH:
        raise MrzError(f"MRZ has {len(compact)} characters, TD1 needs 90")
    for ch in compact:
        _char_value(ch)
    l1, l2, l3 = compact[:30], compact[30:60], compact[60:]
    if l1[0] not in "IAC":
        raise MrzError("not an identity document MRZ")
    doc_no, doc_cd = l1[5:14], l1[14]
    _verify(doc_no, doc_cd, "the document number")
    raw_dob, raw_exp = l2[0:6], l2[8:14]
    _verify(raw_dob, l2[6], "the date of birth")
    if raw_exp != "<<<<<<":
        _verify(raw_exp, l2[14], "the expiry date")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    _verify(composite, l2[29], "the whole MRZ (composite)")
    optional = l1[15:30].rstrip("<")
    id_number = optional[:12] if len(optional) >= 12 and optional[:12].isdigit() else ""
    surname, _, given = l3.partition("<<")
    return Mrz(
        document_number=doc_no.replace("<", ""),
        id_number=id_number,
        date_of_birth=mrz_date(raw_dob, past=True, today=today),
        sex=l2[7],
        expiry=None if raw_exp == "<<<<<<" else mrz_date(raw_exp, past=False, today=today),
        nationality=l2[15:18],
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        raw_dob=raw_dob,
        raw_expiry=raw_exp,
    )


def transliterate(name: str) -> str:
    """Vietnamese name → MRZ letters: strip diacritics, Đ → D, upper case."""
    name = name.replace("Đ", "D").replace("đ", "d")
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return " ".join(plain.upper().split())


def build_td1(id_number: str, dob: dt.date, sex: str, expiry: dt.date | None,
              full_name: str) -> str:
    """Compose the three TD1 lines of a Vietnamese card (emulator, tests)."""
    doc = id_number[-9:]
    opt = (id_number + "<<" + check_digit(id_number))[:15].ljust(15, "<")
    l1 = f"IDVNM{doc}{check_digit(doc)}{opt}"
    dob_s = dob.strftime("%y%m%d")
    exp_s = expiry.strftime("%y%m%d") if expiry else "<<<<<<"
    exp_cd = check_digit(exp_s) if expiry else "<"
    sex_c = {"Nam": "M", "Nữ": "F"}.get(sex, "<")
    l2_body = f"{dob_s}{check_digit(dob_s)}{sex_c}{exp_s}{exp_cd}VNM" + "<" * 11
    composite = l1[5:30] + l2_body[0:7] + l2_body[8:15] + l2_body[18:29]
    l2 = l2_body + check_digit(composite)
    words = transliterate(full_name).split()
    l3 = (words[0] + "<<" + "<".join(words[1:]) if words else "")[:30].ljust(30, "<")
    return "\n".join((l1, l2, l3))


def bac_key_seed_input(document_number: str, dob_yymmdd: str, expiry_yymmdd: str) -> bytes:
    """MRZ_information of ICAO 9303 Part 11 §9.7.2: each field followed by its check digit."""
    doc = document_number.upper().ljust(9, "<")
    for f in (dob_yymmdd, expiry_yymmdd):
        if len(f) != 6:
            raise MrzError("BAC dates must be YYMMDD")
    return (doc + check_digit(doc) + dob_yymmdd + check_digit(dob_yymmdd)
            + expiry_yymmdd + check_digit(expiry_yymmdd)).encode("ascii")
