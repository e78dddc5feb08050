"""Numbers and dates in Vietnamese words.

Why: the birth declaration asks for the date of birth "bằng chữ" (in words), and receipts
write amounts in words; computing them avoids a citizen typing a long phrase.
"""
from __future__ import annotations

import datetime as dt

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _below_thousand(n: int, full: bool) -> list[str]:
    """0 < n < 1000; ``full`` when a higher group precedes (so 5 → "không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(DIGITS[units])
    return words


def number_in_words(n: int) -> str:
    """``2025`` → "hai nghìn không trăm hai mươi lăm"."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return DIGITS[0]
    if n >= 10**12:
        raise ValueError("numbers up to hundreds of billions only")
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        higher = i < len(groups) - 1
        words += _below_thousand(g, full=higher)
        if i:
            words.append(SCALES[i])
    return " ".join(words)


def date_in_words(d: dt.date) -> str:
    """``2025-03-15`` → "Ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm"."""
    day = ("mồng " + DIGITS[d.day] if d.day < 10 else
           "mồng mười" if d.day == 10 else number_in_words(d.day))
    month = "tư" if d.month == 4 else number_in_words(d.month)
    return f"Ngày {day} tháng {month} năm {number_in_words(d.year)}"
