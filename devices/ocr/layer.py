"""The invisible text of a searchable page: one text object per line, in reading order.

Tesseract's own PDF renderer places every word on its own (``Td`` per word). Extractors such
as poppler's ``pdftotext`` then rebuild lines and columns from the geometry, and on a real
paper they guess differently from the engine: a letterhead row ("ỦY BAN NHÂN DÂN …   CỘNG
HÒA XÃ HỘI …") came out as separate blocks, table cells interleaved — 8-15% CER on text
copied from the PDF while the engine's own text was right. So the layer is written here
from tesseract's TSV: each line is one string (words joined by spaces), stretched with
``Tz`` to the width of the line's box, written in the engine's reading order (block,
paragraph, line). Every extractor then reads what the engine read, and a search still
highlights the right line. Inside a line with a wide gap (two columns on one row) the
words' highlights are spread evenly over the line, a small price for text that copies right.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

GLYPH_ADVANCE = 0.5  # tesseract's GlyphLessFont: every glyph is half an em wide (/DW 500)
FONT = "/f-0-0"
SPACE_EM = 0.2  # width of a space in the layer, in ems: a word break, never a column gap  # the name tesseract gives that font in its text-only page


@dataclass(frozen=True)
class Line:
    text: str
    left: int
    top: int
    width: int
    height: int


def read_tsv(tsv: str, offset: int = 0) -> list[list[Line]]:
    """Tesseract's TSV as blocks of lines, in the engine's reading order; ``offset``: the row
    of the page where the picture tesseract read begins (the lower half of a cut page)."""
    blocks: dict[int, dict[tuple[int, int], list[tuple[str, int, int, int, int]]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue  # level 5 is a word; other levels are page, block, paragraph, line
        block, paragraph, line = int(cells[2]), int(cells[3]), int(cells[4])
        left, top, width, height = (int(v) for v in cells[6:10])
        blocks.setdefault(block, {}).setdefault((paragraph, line), []).append(
            (cells[11].strip(), left, top + offset, width, height))
    result = []
    for lines in blocks.values():
        result.append([_line(words) for words in lines.values()])
    return result


def _line(words: list[tuple[str, int, int, int, int]]) -> Line:
    """One line's box: its words' horizontal span, their median height and bottom (a stray
    tall box, such as a table's ruling read as "|", must not blow up the line's font)."""
    left = min(w[1] for w in words)
    right = max(w[1] + w[3] for w in words)
    height = int(statistics.median(w[4] for w in words))
    bottom = int(statistics.median(w[2] + w[4] for w in words))
    return Line(" ".join(w[0] for w in words), left, bottom - height, right - left, height)


def plain_text(blocks: list[list[Line]]) -> str:
    """The page's text: lines of a block on their own rows, blocks apart by a blank row."""
    return "\n\n".join("\n".join(line.text for line in block) for block in blocks)


def content_stream(blocks: list[list[Line]], page_height_px: int, dpi: float) -> bytes:
    """PDF operators drawing every line invisibly (render mode 3) over a page in points.

    Each line is one ``TJ``: the letters stretched (``Tz``) so the line spans its box, each
    space pulled back to a fifth of an em. Stretched spaces as wide as a table's gaps made
    ``pdftotext`` cut a line into columns, one word per row.
    """
    scale = 72.0 / dpi
    out = []
    for block in blocks:
        for line in block:
            words = ["".join(c for c in word if ord(c) < 0x10000)  # the font's codes: UTF-16
                     for word in line.text.split(" ")]
            words = [word for word in words if word]
            letters = sum(len(word) for word in words)
            if not letters or line.width <= 0 or line.height <= 0:
                continue
            size = line.height * scale
            gap = SPACE_EM * size
            stretch = max(line.width * scale - gap * (len(words) - 1), gap) / (
                letters * GLYPH_ADVANCE * size)
            # a TJ number moves the pen back by n/1000 of the font size times the stretch
            pull = round(1000 * GLYPH_ADVANCE - 1000 * gap / (size * stretch))
            parts = f" {pull} ".join(f"<{(word + ' ').encode('utf-16-be').hex().upper()}>"
                                     for word in words[:-1])
            last = f"<{words[-1].encode('utf-16-be').hex().upper()}>"
            shown = f"{parts} {pull} {last}" if parts else last
            baseline = (page_height_px - line.top - 0.8 * line.height) * scale
            out.append(f"BT 3 Tr {FONT} {size:.2f} Tf {100 * stretch:.2f} Tz "
                       f"1 0 0 1 {line.left * scale:.2f} {baseline:.2f} Tm [{shown}] TJ ET")
    return ("\n".join(out) + "\n").encode("ascii")
