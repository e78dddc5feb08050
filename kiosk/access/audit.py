"""An automatic accessibility check over the widget tree of what is on screen now.

Three rules a 70-year-old notices at once (WCAG 2.2: 1.4.3 contrast, 2.5.8 target size —
we ask 60 px, the kiosk's own rule — and text that must not be cut):
- every visible button is at least 60 × 60 px;
- every text is at least 4.5:1 against its background, measured on the *rendered* pixels
  (the window is grabbed once, each label's or button's area is cut out: the ink is the
  most frequent colour far from the background, each background is a colour that covers at
  least a tenth of the ring around the ink — so text over a progress bar's two colours is
  judged on both);
- no text is clipped: a label's text fits its width (and height, when wrapped), a button's
  lines fit inside it, and nothing is cut by its parent or the window (in a scroll area:
  along the way it cannot scroll).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QImage, QPalette, Qt, QTextDocument  # QtGui.Qt has mightBeRichText
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QLabel, QProgressBar, QStyle,
                               QStyleOptionButton, QWidget)

MIN_TARGET = 60
MIN_CONTRAST = 4.5
OVERLAYS = ("idleOverlay", "helpOverlay")


@dataclass(frozen=True)
class Finding:
    rule: str  # "target", "contrast", "clipped"
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.widget}: {self.detail}"


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
    text = " ".join(text.split())[:40]
    return f"{type(w).__name__}#{w.objectName() or '?'} {text!r}"


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    ptr = image.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes()).reshape(
        image.height(), image.bytesPerLine() // 4, 4)
    return arr[:, :image.width(), 2::-1].copy()  # BGRA in memory → RGB


def _lum(rgb: np.ndarray) -> np.ndarray:
    c = rgb.astype(np.float64) / 255
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def _ratio(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _codes(rgb: np.ndarray) -> np.ndarray:
    rgb = rgb.astype(np.int32)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def _rgb(codes: np.ndarray) -> np.ndarray:
    return np.stack([(codes >> 16) & 255, (codes >> 8) & 255, codes & 255], axis=-1)


def text_contrast(crop: np.ndarray, ink_hint: tuple[int, int, int] | None = None) -> float | None:
    """The worst contrast of the text in ``crop`` (H×W×3) against what surrounds it.

    ``ink_hint``: the colour the widget says it writes in; the ink is the rendered colour
    nearest to it (a bar's white half could otherwise pass for the text)."""
    codes = _codes(crop)
    colours, counts = np.unique(codes, return_counts=True)
    if len(colours) < 2:
        return None
    lum = _lum(_rgb(colours))
    bg = int(np.argmax(counts))
    far = (np.maximum(lum, lum[bg]) + 0.05) / (np.minimum(lum, lum[bg]) + 0.05) >= 1.5
    far[bg] = False
    if ink_hint is not None:
        rgb = _rgb(colours).astype(np.int64)
        distance = np.abs(rgb - np.array(ink_hint)).sum(axis=1)
        ink_index = int(np.argmin(distance))
        if distance[ink_index] > 24 or counts[ink_index] < 3 or ink_index == bg:
            ink_hint = None  # not drawn in that colour (a style's own pen, e.g. when disabled): guess
    if ink_hint is None:
        if not far.any():
            return _ratio(lum.max(), lum.min())  # faint everywhere: report the best there is
        ink_index = int(np.argmax(np.where(far, counts, 0)))
    mask = codes == colours[ink_index]
    ring = np.zeros_like(mask)
    for dy in (-3, 0, 3):
        for dx in (-3, 0, 3):
            ring |= np.roll(np.roll(mask, dy, 0), dx, 1)
    ring &= ~mask
    around = codes[ring]
    if not len(around):
        return None
    ring_colours, ring_counts = np.unique(around, return_counts=True)
    # a background also lies beyond the ring; a colour found only around the ink is its
    # anti-aliased edge (a solid ◀ has one such colour covering a fifth of its ring)
    totals = counts[np.searchsorted(colours, ring_colours)]
    backgrounds = ring_colours[(ring_counts >= 0.1 * ring_counts.sum()) & (totals > 1.5 * ring_counts)]
    if not len(backgrounds):
        backgrounds = colours[bg:bg + 1]
    ink_lum = lum[ink_index]
    return min(_ratio(ink_lum, b) for b in _lum(_rgb(backgrounds)))


def _scroll_area(w: QWidget) -> QAbstractScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea):
            return p
        p = p.parentWidget()
    return None


def _cut_where_it_cannot_scroll(w: QWidget, area: QAbstractScrollArea) -> str | None:
    """A widget half out of a scroll area's view is fine along the way it scrolls (a finger
    brings it in); cut across the other way (a strip that scrolls sideways cutting a button's
    bottom off, a list cutting a row's side), nothing brings it into view."""
    view = area.viewport()
    top_left = w.mapTo(view, w.rect().topLeft())
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    if area.verticalScrollBarPolicy() == off and (
            top_left.y() < 0 or top_left.y() + w.height() > view.height()):
        return f"cut at the top or bottom of a strip that only scrolls sideways ({w.height()} px tall, " \
               f"{view.height()} px of view)"
    if area.horizontalScrollBarPolicy() == off and (
            top_left.x() < 0 or top_left.x() + w.width() > view.width()):
        return f"cut at the side of a list that only scrolls up and down ({w.width()} px wide, " \
               f"{view.width()} px of view)"
    return None


def _clipped_text(w: QWidget) -> str | None:
    fm = QFontMetrics(w.font())
    if isinstance(w, QLabel):
        if w.pixmap() is not None and not w.pixmap().isNull():
            return None
        rect = w.contentsRect()
        if Qt.mightBeRichText(w.text()) and w.textFormat() != Qt.TextFormat.PlainText:
            doc = QTextDocument()
            doc.setDefaultFont(w.font())
            doc.setDocumentMargin(0)
            doc.setHtml(w.text())
            doc.setTextWidth(rect.width())
            need = round(doc.size().height())
            return f"needs {need} px of height, has {rect.height()}" if need > rect.height() + 2 else None
        if w.wordWrap():
            lines = fm.boundingRect(QRect(0, 0, rect.width(), 100_000), int(w.alignment()) | 0x1000,
                                    w.text()).height() // fm.lineSpacing()  # 0x1000: Qt.TextWordWrap
            # the last line needs its glyphs (accents stacked above, descenders), not the
            # font's whole ascent and descent: big single-line numbers fit with room to spare
            need = (max(lines, 1) - 1) * fm.lineSpacing() + fm.tightBoundingRect(w.text()).height()
            return f"needs {need} px of height, has {rect.height()}" if need > rect.height() + 2 else None
        widest = max(fm.horizontalAdvance(line) for line in w.text().split("\n"))
        return f"needs {widest} px of width, has {rect.width()}" if widest > rect.width() + 1 else None
    lines = w.text().replace("&&", "&").split("\n")
    widest = max(fm.horizontalAdvance(line) for line in lines)
    tall = fm.height() * (len(lines) - 1) + fm.tightBoundingRect(lines[-1] or "x").height()
    room = _button_room(w)
    if widest > room.width() + 2 or tall > room.height() + 2:
        return f"text {widest}×{tall} px in {room.width()}×{room.height()} px of a {w.width()}×{w.height()} button"
    return None


def _button_room(button: QAbstractButton) -> QRect:
    """Where a button may draw its text: inside the stylesheet's border and padding."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)


def audit(window: QWidget) -> list[Finding]:
    """Findings for what ``window`` shows now (call after the state is drawn)."""
    shot = _pixels(window.grab().toImage())
    # a modal overlay (idle question, help) dims everything else: only it is read
    overlay = next((o for o in window.findChildren(QWidget) if o.objectName() in OVERLAYS
                    and o.isVisible()), None)
    root = overlay or window
    findings: list[Finding] = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        is_button, is_label = isinstance(w, QAbstractButton), isinstance(w, QLabel)
        if isinstance(w, QProgressBar) and w.isTextVisible() and w.text():
            is_label = True
        elif not (is_button or is_label):
            continue
        area = _scroll_area(w)
        if area is not None and (why := _cut_where_it_cannot_scroll(w, area)):
            findings.append(Finding("clipped", _name(w), why))
            continue
        visible = w.visibleRegion().boundingRect()
        if visible.isEmpty():
            continue  # scrolled out of view or covered by an overlay's parent: not on screen
        if is_button and (w.width() < MIN_TARGET or w.height() < MIN_TARGET):
            findings.append(Finding("target", _name(w), f"{w.width()}×{w.height()} px"))
        if not w.text().strip():
            continue
        hit = window.childAt(w.mapTo(window, visible.center()))
        covered = hit is not None and hit is not w and not w.isAncestorOf(hit)
        if visible != w.rect() or covered:
            if area is not None:
                continue  # half scrolled into view (a "Xem thêm" may float over it): read once scrolled
            findings.append(Finding("clipped", _name(w), f"covered by {_name(hit)}" if covered else
                                    f"only {visible.width()}×{visible.height()} of {w.width()}×{w.height()} px shown"))
        why = None if isinstance(w, QProgressBar) else _clipped_text(w)
        if why:
            findings.append(Finding("clipped", _name(w), why))
        top_left = w.mapTo(window, visible.topLeft())
        crop = shot[top_left.y():top_left.y() + visible.height(), top_left.x():top_left.x() + visible.width()]
        group = QPalette.ColorGroup.Active if w.isEnabled() else QPalette.ColorGroup.Disabled
        pen = w.palette().color(group, w.foregroundRole())
        ratio = text_contrast(crop, (pen.red(), pen.green(), pen.blue())) if crop.size else None
        if ratio is not None and ratio < MIN_CONTRAST:
            findings.append(Finding("contrast", _name(w), f"{ratio:.2f}:1"))
    return findings
