"""Draws what a receipt printer would have put on paper, from parsed ESC/POS events.

One :class:`PaperRenderer` per job (the emulator starts a new one at each cut). Raster
images are pasted dot for dot, text is drawn with the bundled font (latin-1 only, as a
printer without Vietnamese code pages would), QR codes are generated from the stored data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import qrcode
from PIL import Image, ImageDraw

from . import escpos_stream as ev
from .raster import font, printable

_LINE_DOTS = 30  # default line spacing of a TM-T88 (1/6 inch ≈ 34 dots; close enough)
_QR_LEVELS = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M,
              50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}


@dataclass
class PaperRenderer:
    paper_dots: int
    pieces: list[Image.Image] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    raster_widths: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    align: int = 0
    bold: bool = False
    size: tuple[int, int] = (1, 1)
    invert: bool = False
    qr_module: int = 3
    qr_level: int = 49
    qr_data: bytes = b""
    _line: str = ""

    @property
    def has_content(self) -> bool:
        return bool(self.pieces or self._line)

    def apply(self, event: ev.Event) -> None:
        if isinstance(event, ev.Text):
            self._line += printable(event.data.decode("latin-1"))
        elif isinstance(event, ev.LineFeed):
            self._flush_line(force=True)
        elif isinstance(event, ev.Init):
            self._flush_line()
            self.align, self.bold, self.size, self.invert = 0, False, (1, 1), False
        elif isinstance(event, ev.Align):
            self.align = event.value if event.value in (0, 1, 2) else 0
        elif isinstance(event, ev.Bold):
            self.bold = event.on
        elif isinstance(event, ev.CharSize):
            self.size = (event.width, event.height)
        elif isinstance(event, ev.Invert):
            self.invert = event.on
        elif isinstance(event, ev.Raster):
            self._raster(event)
        elif isinstance(event, ev.QRSetting):
            self._qr_setting(event)
        elif isinstance(event, ev.QRStore):
            self.qr_data = event.data
        elif isinstance(event, ev.QRPrint):
            self._qr()
        elif isinstance(event, ev.FeedDots):
            self._flush_line(force=True, dots=event.dots)
        elif isinstance(event, ev.FeedLines):
            self._flush_line(force=True)
            self._blank(_LINE_DOTS * max(event.lines - 1, 0))

    def _blank(self, dots: int) -> None:
        if dots > 0:
            self.pieces.append(Image.new("1", (self.paper_dots, dots), 1))

    def _place(self, img: Image.Image) -> None:
        row = Image.new("1", (self.paper_dots, img.height), 1)
        x = {0: 0, 1: (self.paper_dots - img.width) // 2, 2: self.paper_dots - img.width}[self.align]
        row.paste(img, (max(x, 0), 0))
        self.pieces.append(row)

    def _flush_line(self, force: bool = False, dots: int | None = None) -> None:
        if not self._line and not force:
            return
        height = 24 * self.size[1]
        face = font(height, self.bold)
        text = self._line.rstrip()
        if text:
            self.texts.append(text)
        width = max(1, min(int(face.getlength(text)) + 2, self.paper_dots))
        line_height = dots if dots is not None else max(_LINE_DOTS, height + 6)
        img = Image.new("1", (width, max(line_height, height + 6) if text else line_height), 1)
        draw = ImageDraw.Draw(img)
        if self.invert and text:
            draw.rectangle((0, 0, img.width, img.height), fill=0)
        if text:
            draw.text((0, 2), text, font=face, fill=1 if self.invert else 0)
        self._place(img)
        self._line = ""

    def _raster(self, event: ev.Raster) -> None:
        self._flush_line()
        dots = event.width_bytes * 8
        self.raster_widths.append(dots)
        if dots > self.paper_dots:
            self.errors.append(f"raster image {dots} dots wide on {self.paper_dots}-dot paper")
        if event.height == 0 or dots == 0:
            return
        # ESC/POS raster: 1 bit = black dot; PIL mode "1" raw: 1 = white, so invert
        img = Image.frombytes("1", (dots, event.height), bytes(b ^ 0xFF for b in event.data))
        self._place(img.crop((0, 0, min(dots, self.paper_dots), event.height)))

    def _qr_setting(self, event: ev.QRSetting) -> None:
        if event.function == 67:
            self.qr_module = min(max(event.value, 1), 16)
        elif event.function == 69:
            self.qr_level = event.value if event.value in _QR_LEVELS else 49

    def _qr(self) -> None:
        self._flush_line()
        if not self.qr_data:
            self.errors.append("QR print without stored data")
            return
        payload = self.qr_data.decode("utf-8", errors="replace")
        self.qr_payloads.append(payload)
        code = qrcode.QRCode(border=2, box_size=self.qr_module,
                             error_correction=_QR_LEVELS[self.qr_level])
        code.add_data(self.qr_data)
        try:
            code.make(fit=True)
        except Exception as exc:  # more data than a QR holds: a real printer prints nothing
            self.errors.append(f"QR not printable: {exc}")
            return
        img = code.make_image().get_image().convert("1")
        if img.width > self.paper_dots:
            self.errors.append(f"QR {img.width} dots wide on {self.paper_dots}-dot paper")
            img = img.crop((0, 0, self.paper_dots, img.height))
        self._place(img)

    def image(self) -> Image.Image:
        """The paper so far, cut: width = the paper's dots."""
        self._flush_line()
        height = sum(p.height for p in self.pieces) or 1
        paper = Image.new("1", (self.paper_dots, height), 1)
        y = 0
        for piece in self.pieces:
            paper.paste(piece, (0, y))
            y += piece.height
        return paper
