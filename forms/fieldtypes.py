"""What the citizen types, turned into checked values, and values back into text.

Each parser raises ``InputError`` with a Vietnamese and an English message that say what
to type; the message never repeats the value (it may be personal data).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.schema import FieldDef, FieldType


class InputError(ValueError):
    def __init__(self, vi: str, en: str):
        super().__init__(en)
        self.vi, self.en = vi, en


_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
_NAME_CHAR = re.compile(r"^[^\W\d_]+$")
YES = {"yes", "có", "co", "true", "1"}
NO = {"no", "không", "khong", "false", "0"}
TEXT_TYPES = {FieldType.TEXT, FieldType.MULTILINE}


def parse_date(text: str) -> dt.date:
    m = _DATE.match(text.strip())
    if not m and re.fullmatch(r"\d{8}", text.strip()):
        t = text.strip()
        m = _DATE.match(f"{t[:2]}/{t[2:4]}/{t[4:]}")
    if not m:
        raise InputError("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/1990.",
                         "Enter the date as day/month/year, e.g. 05/09/1990.")
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise InputError("Ngày này không có trên lịch.", "This date does not exist.") from None


def parse_input(fdef: FieldDef, text: str) -> Any:
    """Text typed into ``fdef`` → value (None when empty)."""
    text = unicodedata.normalize("NFC", text).strip()
    if text == "":
        return None
    t = fdef.type
    if t in TEXT_TYPES:
        value = text if t is FieldType.MULTILINE else " ".join(text.split())
    elif t is FieldType.PERSON_NAME:
        value = " ".join(text.split())
        if not all(_NAME_CHAR.match(w.replace("'", "").replace("-", "")) for w in value.split()):
            raise InputError("Họ tên chỉ gồm chữ cái và dấu cách.",
                             "A name has only letters and spaces.")
    elif t is FieldType.INTEGER:
        if not re.fullmatch(r"-?\d+", text.replace(".", "").replace(" ", "")):
            raise InputError("Nhập một số nguyên, ví dụ 3.", "Enter a whole number, e.g. 3.")
        value = int(text.replace(".", "").replace(" ", ""))
    elif t is FieldType.DECIMAL:
        try:
            value = Decimal(text.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise InputError("Nhập một số, ví dụ 12,5.", "Enter a number, e.g. 12.5.") from None
    elif t is FieldType.DATE:
        value = parse_date(text)
    elif t is FieldType.ID_NUMBER:
        value = text.replace(" ", "")
        if not re.fullmatch(r"\d{12}|\d{9}", value):
            raise InputError("Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số).",
                             "A personal ID number has 12 digits (old ID card: 9).")
    elif t is FieldType.PHONE:
        value = re.sub(r"[\s.\-]", "", text)
        if value.startswith("+84"):
            value = "0" + value[3:]
        if not re.fullmatch(r"0[1-9]\d{8,9}", value):
            raise InputError("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.",
                             "A phone number has 10 digits and starts with 0.")
    elif t is FieldType.EMAIL:
        value = text
        if not _EMAIL.match(value):
            raise InputError("Địa chỉ thư điện tử chưa đúng, ví dụ ten@gmail.com.",
                             "The e-mail address is not valid, e.g. name@gmail.com.")
    elif t is FieldType.YES_NO:
        low = text.lower()
        if low not in YES | NO:
            raise InputError("Chọn Có hoặc Không.", "Choose Yes or No.")
        value = low in YES
    else:
        value = text
    return value


def check_value(fdef: FieldDef, value: Any, options: list[str] | None) -> None:
    """Checks that do not depend on the other answers: range, length, option lists."""
    if value is None:
        return
    t = fdef.type
    if fdef.max_length and isinstance(value, str) and len(value) > fdef.max_length:
        raise InputError(f"Tối đa {fdef.max_length} ký tự.", f"At most {fdef.max_length} characters.")
    if t in (FieldType.INTEGER, FieldType.DECIMAL):
        if fdef.min is not None and value < Decimal(str(fdef.min)):
            raise InputError(f"Số nhỏ nhất là {fdef.min:g}.", f"The smallest number allowed is {fdef.min:g}.")
        if fdef.max is not None and value > Decimal(str(fdef.max)):
            raise InputError(f"Số lớn nhất là {fdef.max:g}.", f"The largest number allowed is {fdef.max:g}.")
    if t in (FieldType.SELECT_ONE, FieldType.PROVINCE, FieldType.COMMUNE) \
            and options is not None and value not in options:
        raise InputError("Hãy chọn một mục trong danh sách.", "Choose an item from the list.")
    if t is FieldType.SELECT_MANY:
        if not isinstance(value, list) or (options is not None and any(v not in options for v in value)):
            raise InputError("Hãy chọn các mục trong danh sách.", "Choose items from the list.")
    if t is FieldType.ADDRESS:
        if not isinstance(value, dict) or set(value) - {"province", "commune", "street"}:
            raise InputError("Địa chỉ chưa đúng.", "The address is not valid.")


def to_json(fdef: FieldDef, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def from_json(fdef: FieldDef, value: Any) -> Any:
    """Inverse of ``to_json``; dates also accept dd/mm/yyyy."""
    if value is None:
        return None
    t = fdef.type
    if t is FieldType.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return parse_date(value)
    if t is FieldType.DECIMAL:
        return Decimal(str(value))
    if t is FieldType.INTEGER and isinstance(value, str):
        return parse_input(fdef, value)
    return value


def format_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def format_number(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.replace(".", ",")
    return f"{value:,}".replace(",", ".") if isinstance(value, int) and abs(value) >= 10000 else str(value)
