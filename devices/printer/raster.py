"""Turns a layout plus its data into printable pieces for one paper width.

Text is drawn with the bundled Noto Sans into 1-bit raster images: printer code pages cannot
be trusted with Vietnamese (platform-notes.md, ESC/POS). Consecutive raster blocks are merged
into one image so a ticket costs a few ``GS v 0`` headers, not one per line.
"""
from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

import assets
from .errors import LayoutError
from .layouts import QR, BigNumber, Block, Cut, Feed, Image, Layout, Lines, Separator, Text

FONT_DIR = assets.path("fonts")
_MARGIN = 8  # dots kept blank at both edges: thermal heads fade at the rim


@dataclass(frozen=True)
class RasterImage:
    image: PILImage.Image  # mode "1", width == the paper's raster width


@dataclass(frozen=True)
class NativeQR:
    payload: str
    module_dots: int


@dataclass(frozen=True)
class FeedDots:
    dots: int


@dataclass(frozen=True)
class CutPaper:
    pass


Segment = RasterImage | NativeQR | FeedDots | CutPaper


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


class _Fields(string.Formatter):
    def get_value(self, key, args, kwargs):
        try:
            return super().get_value(key, args, kwargs)
        except KeyError:
            raise LayoutError(f"layout field {key!r} missing from the data") from None


def printable(text: str) -> str:
    """Control and format characters out (the shaper refuses some, e.g. U+0085)."""
    return "".join(c if c == "\n" or unicodedata.category(c)[0] != "C" else " " for c in text)


def fill(template: str, data: dict) -> str:
    """Fill a template; NFC so every Vietnamese letter is one precomposed glyph."""
    return printable(unicodedata.normalize("NFC", _Fields().vformat(template, (), data)))


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word longer than a line is cut by letters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if face.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for letter in word:
                if face.getlength(line + letter) > width and line:
                    lines.append(line)
                    line = ""
                line += letter
        lines.append(line)
    return lines


def _blank(width: int, height: int) -> PILImage.Image:
    return PILImage.new("L", (width, max(height, 1)), 255)


def text_image(text: str, *, size: int, bold: bool, align: str, invert: bool, width: int) -> PILImage.Image:
    face = font(size, bold)
    ascent, descent = face.getmetrics()
    line_height = ascent + descent + size // 6  # room for stacked marks (Ặ, Ợ, Ự)
    lines = wrap(text, face, width - 2 * _MARGIN)
    img = _blank(width, line_height * len(lines) + 4)
    draw = ImageDraw.Draw(img)
    if invert:
        draw.rectangle((0, 0, width - 1, img.height - 1), fill=0)
    for i, line in enumerate(lines):
        length = face.getlength(line)
        x = {"left": _MARGIN, "center": (width - length) / 2,
             "right": width - _MARGIN - length}[align]
        draw.text((x, 2 + i * line_height + size // 6 + ascent), line, font=face,
                  fill=255 if invert else 0, anchor="ls")
    return img


def big_number_image(text: str, size: int, width: int) -> PILImage.Image:
    while size > 24 and font(size, True).getlength(text) > width - 2 * _MARGIN:
        size -= 4
    face = font(size, True)
    left, top, right, bottom = face.getbbox(text, anchor="ls")
    img = _blank(width, bottom - top + 16)
    ImageDraw.Draw(img).text(((width - (right - left)) / 2 - left, 8 - top), text,
                             font=face, fill=0, anchor="ls")
    return img


def separator_image(style: str, width: int) -> PILImage.Image:
    img = _blank(width, 14)
    draw = ImageDraw.Draw(img)
    if style == "dashed":
        for x in range(_MARGIN, width - _MARGIN, 16):
            draw.rectangle((x, 6, min(x + 9, width - _MARGIN), 7), fill=0)
    else:
        draw.rectangle((_MARGIN, 6, width - _MARGIN, 8), fill=0)
    return img


def qr_image(payload: str, module_dots: int, width: int) -> PILImage.Image:
    """The software QR, for printers whose profile has no ``GS ( k`` (and for the emulator)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    modules = code.get_matrix()
    count = len(modules)
    module_dots = max(1, min(module_dots, width // count))
    cells = PILImage.frombytes("L", (count, count),
                               bytes(0 if dark else 255 for row in modules for dark in row))
    side = count * module_dots
    img = _blank(width, side)
    img.paste(cells.resize((side, side), PILImage.Resampling.NEAREST), ((width - side) // 2, 0))
    return img


def picture_image(path: str, max_height: int, width: int) -> PILImage.Image:
    try:
        with PILImage.open(path) as src:
            pic = src.convert("L")
    except OSError as exc:
        raise LayoutError(f"image {path!r} cannot be read: {exc}") from exc
    pic.thumbnail((width - 2 * _MARGIN, max_height))
    img = _blank(width, pic.height)
    img.paste(pic, ((width - pic.width) // 2, 0))
    return img


def _block_segments(block: Block, data: dict, width: int, native_qr: bool) -> list:
    if isinstance(block, Text):
        return [text_image(fill(block.template, data), size=block.size, bold=block.bold,
                           align=block.align, invert=block.invert, width=width)]
    if isinstance(block, BigNumber):
        return [big_number_image(fill(block.template, data), block.size, width)]
    if isinstance(block, Lines):
        items = data.get(block.key)
        if not isinstance(items, (list, tuple)):
            raise LayoutError(f"layout field {block.key!r} must be a list")
        return [text_image(fill(block.item_template, {**data, "item": item}), size=block.size,
                           bold=False, align="left", invert=False, width=width) for item in items]
    if isinstance(block, Separator):
        return [separator_image(block.style, width)]
    if isinstance(block, QR):
        payload = fill(block.template, data)
        if native_qr:
            return [NativeQR(payload, block.module_dots)]
        return [qr_image(payload, block.module_dots, width)]
    if isinstance(block, Image):
        return [picture_image(fill(block.template, data), block.max_height, width)]
    if isinstance(block, Feed):
        return [FeedDots(block.dots)]
    if isinstance(block, Cut):
        return [CutPaper()]
    raise LayoutError(f"unknown layout block {block!r}")


def _to_bitmap(parts: list[PILImage.Image], width: int) -> RasterImage:
    canvas = _blank(width, sum(p.height for p in parts))
    y = 0
    for part in parts:
        canvas.paste(part, (0, y))
        y += part.height
    return RasterImage(canvas.point(lambda v: 255 if v >= 128 else 0, mode="1"))


def render_layout(layout: Layout, data: dict, width: int, native_qr: bool) -> list[Segment]:
    """The layout as printable segments; every raster image is exactly ``width`` dots wide."""
    segments: list[Segment] = []
    pending: list[PILImage.Image] = []
    for block in layout:
        if block.when is not None and not data.get(block.when):
            continue
        for piece in _block_segments(block, data, width, native_qr):
            if isinstance(piece, PILImage.Image):
                pending.append(piece)
                continue
            if pending:
                segments.append(_to_bitmap(pending, width))
                pending = []
            segments.append(piece)
    if pending:
        segments.append(_to_bitmap(pending, width))
    return segments
