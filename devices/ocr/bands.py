"""Where a page may be cut in two, so two tesseract processes can read it at once.

A kiosk PC has two cores and tesseract reads a page on one (``OMP_THREAD_LIMIT=1``, see
``devices/ocr/tesseract.py``). Two processes, each reading one half of the page, finish in
a little more than half the time (issue 13: the searchable PDF in ≤ 1.3× plain tesseract's
time). A cut is only safe where it changes nothing the engine would read:

- across a band of rows with no ink at all, so no text line (nor a Vietnamese diacritic
  sitting a few pixels above its letter) is cut;
- with no column gutter in the text just above or below the band: on two columns, or a table
  without ruling, the engine reads down one column before the next, and a cut would make it
  read the top halves of both columns first;
- on the page as scanned, before tables' ruling is painted out for the engine: a vertical
  rule across the band says "table" and forbids the cut.

The chosen band is the one that shares the ink most evenly; when none is found the page is
read whole, by one process, as before.
"""
from __future__ import annotations

import numpy as np

INK_BELOW = 128  # a grey level darker than this is ink on a prepared page (paper is ~255)
SPECKS = 2  # ink pixels a row may hold and still count as blank: dust, not print
MIN_BAND_IN = 0.04  # thinnest blank band cut across (12 px at 300 dpi; accents sit 2-4 px up)
MIN_SHARE = 0.25  # each part holds at least this share of the ink, or the cut is not worth it
WINDOW_IN = 1.0  # text looked at above and below a band for a column gutter
GUTTER_IN = 0.25  # an empty column this wide inside the text is a gutter (word gaps are ~0.04)


def cut_row(grey: np.ndarray, dpi: float) -> int | None:
    """The row at which the page may be cut in two (the middle of a blank band), or None."""
    ink = grey < INK_BELOW
    per_row = np.count_nonzero(ink, axis=1)
    total = int(per_row.sum())
    if total == 0:
        return None
    blank = per_row <= SPECKS
    cumulative = np.cumsum(per_row)
    bands = []
    for start, length in _runs(blank):
        end = start + length
        if length < max(4, round(MIN_BAND_IN * dpi)) or start == 0 or end == len(blank):
            continue  # too thin to be sure, or the page's top or bottom margin
        row = start + length // 2
        share = cumulative[row] / total
        if min(share, 1 - share) >= MIN_SHARE:
            bands.append((abs(share - 0.5), start, end, row))
    window, gutter = round(WINDOW_IN * dpi), max(8, round(GUTTER_IN * dpi))
    for _, start, end, row in sorted(bands):
        if not (_has_gutter(ink[max(0, start - window):start], gutter)
                or _has_gutter(ink[end:end + window], gutter)):
            return row
    return None


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, length) of every run of True."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(s), int(e - s)) for s, e in zip(starts, ends)]


def _has_gutter(ink: np.ndarray, width: int) -> bool:
    """Whether an empty column at least ``width`` wide lies inside the text of these rows."""
    inked = np.count_nonzero(ink, axis=0) > SPECKS
    columns = np.flatnonzero(inked)
    if columns.size == 0:
        return False
    inside = ~inked[columns[0]:columns[-1] + 1]
    return any(length >= width for _, length in _runs(inside))
