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


def cer_by_category(recognized: str, truth_lines: list[tuple[str, str]]) -> dict[str, float]:
    """CER of each category of truth lines (e.g. headings, tables, codes) within one page.

    The recognized page is aligned with the whole truth once (Levenshtein with a backtrace),
    so a line read in the wrong place counts where the reader meets it; each substitution or
    deletion is charged to its truth character's category, each insertion to the category of
    the truth character it lands before. ``"all"`` is the CER of the whole page.
    """
    truth_n, categories = "", []
    for category, line in truth_lines:
        part = normalize(line)
        if not part:
            continue
        if truth_n:
            truth_n += " "
            categories.append(category)
        truth_n += part
        categories.extend([category] * len(part))
    recognized_n = normalize(recognized)
    errors = dict.fromkeys(categories, 0)
    for position in _edit_positions(truth_n, recognized_n):
        errors[categories[min(position, len(categories) - 1)]] += 1
    sizes = {c: categories.count(c) for c in errors}
    result = {c: errors[c] / sizes[c] for c in errors}
    result["all"] = sum(errors.values()) / max(len(truth_n), 1)
    return result


def _edit_positions(truth: str, recognized: str) -> list[int]:
    """Truth positions of the edits that turn ``truth`` into ``recognized``."""
    n, m = len(truth), len(recognized)
    codes = np.array([ord(c) for c in recognized]) if m else np.zeros(0, int)
    steps = np.arange(m + 1)
    table = np.empty((n + 1, m + 1), np.int32)
    table[0] = steps
    for i in range(1, n + 1):
        substitute = table[i - 1, :-1] + (codes != ord(truth[i - 1]))
        row = np.empty(m + 1, np.int32)
        row[0] = i
        row[1:] = np.minimum(table[i - 1, 1:] + 1, substitute)
        table[i] = np.minimum.accumulate(row - steps) + steps
    positions, i, j = [], n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and table[i, j] == table[i - 1, j - 1] + (truth[i - 1] != recognized[j - 1]):
            if truth[i - 1] != recognized[j - 1]:
                positions.append(i - 1)
            i, j = i - 1, j - 1
        elif i > 0 and table[i, j] == table[i - 1, j] + 1:
            positions.append(i - 1)
            i -= 1
        else:
            positions.append(i)
            j -= 1
    return positions
