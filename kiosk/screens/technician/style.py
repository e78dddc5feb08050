"""Colours of a status, the same on every technician screen (with a word, never colour
alone: WCAG 1.4.1)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

COLOURS = {"ok": ("#0b6e3d", "#ffffff"), "warning": ("#ffb347", "#0d1b2a"),
           "fault": ("#b00020", "#ffffff"), "checking": ("#dfe6f0", "#33415c")}


def paint(widget: QWidget, status: str, size_px: int = 22, padding_px: int = 8) -> None:
    background, text = COLOURS.get(status, COLOURS["checking"])
    widget.setStyleSheet(f"background: {background}; color: {text}; font-size: {size_px}px; "
                         f"border-radius: 12px; padding: {padding_px}px 16px; text-align: left;")
