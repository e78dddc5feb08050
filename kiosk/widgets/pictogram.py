"""Pictograms beside the words of tiles and buttons: what a tile is for, seen before it is read.

Drawn for this project as SVG (assets/icons, one black line drawing per meaning, licence in
assets/icons/LICENSE.txt) and recoloured here to the colour of the button's text, so one
drawing serves white-on-blue tiles and dark-on-orange priority buttons.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QPushButton

import assets


@lru_cache(maxsize=128)
def pictogram(name: str, colour: str = "#ffffff", size: int = 96) -> QIcon:
    """The icon ``assets/icons/<name>.svg`` in ``colour``; an empty icon for an unknown name
    (a configured service without a drawing keeps its words)."""
    path = assets.path("icons", f"{name}.svg")
    if not name or not path.exists():
        return QIcon()
    svg = path.read_text("utf-8").replace("#000000", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QIcon(pixmap)


def set_pictogram(button: QPushButton, name: str, colour: str = "#ffffff", size: int = 72) -> None:
    button.setIcon(pictogram(name, colour, size * 2))  # drawn at twice the size: sharp when scaled
    button.setIconSize(QSize(size, size))
