"""Character error rate: how far recognized text is from the truth.

CER = edit distance (insertions + deletions + substitutions) / length of the truth, on
NFC-normalized text with every run of whitespace read as one space: line breaks differ between
a renderer and an OCR engine without the reader noticing, letters and marks do not.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time (pages are ~2,000 characters)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    codes_b = np.array([ord(c) for c in b])
    previous = np.arange(len(b) + 1)
    for i, char in enumerate(a, start=1):
        substitute = previous[:-1] + (codes_b != ord(char))
        current = np.empty_like(previous)
        current[0] = i
        current[1:] = np.minimum(previous[1:] + 1, substitute)
        # insertions propagate left to right: a running minimum of (value - index)
        current = np.minimum.accumulate(current - np.arange(len(b) + 1)) + np.arange(len(b) + 1)
        previous = current
    return int(previous[-1])


def cer(recognized: str, truth: str) -> float:
    truth_n, recognized_n = normalize(truth), normalize(recognized)
    if not truth_n:
        return 0.0 if not recognized_n else 1.0
    return edit_distance(recognized_n, truth_n) / len(truth_n)
