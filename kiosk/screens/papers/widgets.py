"""Small pieces the papers screens share: pictures as pixmaps, the outline, the back button."""
from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLayout, QPushButton

from kiosk.screens.base import big_button

OUTLINE_STEADYING = (61, 160, 11)  # BGR green: the page is seen, hold still
OUTLINE_PROBLEM = (0, 140, 255)  # BGR orange: seen, but cut off or too small


def to_pixmap(image: np.ndarray, width: int, height: int) -> QPixmap:
    """``image`` (BGR or grey) scaled to fit ``width``×``height``, aspect kept."""
    h, w = image.shape[:2]
    scale = min(width / w, height / h)
    size = (max(1, int(w * scale)), max(1, int(h * scale)))
    small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    small = np.ascontiguousarray(small)
    qimage = QImage(small.data, small.shape[1], small.shape[0], small.strides[0],
                    QImage.Format.Format_BGR888)
    return QPixmap.fromImage(qimage.copy())


def outlined(frame: np.ndarray, quad: np.ndarray | None, ok: bool) -> np.ndarray:
    """A copy of ``frame`` with the page's outline drawn thick enough to see from a step back."""
    if quad is None:
        return frame
    drawn = frame.copy()
    thickness = max(4, frame.shape[1] // 160)
    colour = OUTLINE_STEADYING if ok else OUTLINE_PROBLEM
    cv2.polylines(drawn, [quad.astype(np.int32)], True, colour, thickness, cv2.LINE_AA)
    return drawn


def back_button(object_name: str, on_click) -> QPushButton:
    button = big_button(role="secondary")
    button.setObjectName(object_name)
    button.setStyleSheet("min-width: 200px;")  # the theme's 300 px crowds a 1280 px screen
    button.clicked.connect(on_click)
    return button


def clear(layout: QLayout) -> None:
    """Remove every widget of ``layout`` at once (``deleteLater`` alone leaves them on screen
    and findable until the next turn of the event loop)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
