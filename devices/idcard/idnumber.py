"""The 12-digit personal identification number (số định danh cá nhân).

Structure (Decree 137/2015/NĐ-CP Art. 7; Circular 07/2016/TT-BCA Art. 7, codes of the 63
pre-2025 provinces of *birth registration*, which the number keeps after the 2025 merger):
3-digit province code, 1 digit century+sex, 2 digits birth year, 6-digit serial.
"""
from __future__ import annotations

import datetime as dt

from .errors import QrFormatError

# Province-of-birth codes of Circular 07/2016/TT-BCA (verify against a later circular).
PROVINCE_CODES = frozenset(
    f"{n:03d}" for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34,
        35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67,
        68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)

MALE, FEMALE = "Nam", "Nữ"


def century_sex_digit(birth_year: int, sex: str) -> int:
    """0/1 male/female born 1900–1999, 2/3 in 2000–2099, and so on by century."""
    return 2 * (birth_year // 100 - 19) + (1 if sex == FEMALE else 0)


def check_id_number(id_number: str, dob: dt.date | None = None, sex: str | None = None) -> None:
    """Raise :class:`QrFormatError` unless the number is well-formed and agrees with DOB/sex."""
    if len(id_number) != 12 or not id_number.isascii() or not id_number.isdigit():
        raise QrFormatError("ID number is not 12 digits")
    if id_number[:3] not in PROVINCE_CODES:
        raise QrFormatError("ID number has an unknown province code")
    if dob is not None:
        if int(id_number[4:6]) != dob.year % 100:
            raise QrFormatError("ID number birth year disagrees with the date of birth")
        if sex in (MALE, FEMALE) and int(id_number[3]) != century_sex_digit(dob.year, sex):
            raise QrFormatError("ID number century/sex digit disagrees with DOB and sex")
        elif sex not in (MALE, FEMALE) and int(id_number[3]) // 2 != dob.year // 100 - 19:
            raise QrFormatError("ID number century digit disagrees with the date of birth")
