"""Fold Vietnamese text for searching: "Thường trú" and "thuong tru" meet as "thuong tru".

Why: citizens type on a kiosk without marks, or with the marks in a different place
("hòa"/"hoà"); search must not care.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no tones or marks, "đ" → "d", single spaces."""
    text = text.lower().replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip()


def matches_all_words(query: str, haystack_folded: str) -> bool:
    """Every word of the query starts a word of the haystack (already folded)."""
    words = fold(query).split()
    padded = " " + haystack_folded
    return all(" " + w in padded for w in words)
