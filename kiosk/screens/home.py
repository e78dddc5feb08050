"""The home screen: four large tiles, Vietnamese first.

A tile whose journey has not been installed yet says "coming soon" instead of failing.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.diagnostics.readiness import PAUSED, blocking
from kiosk.screens.base import Screen, big_button, label, set_role
from kiosk.widgets.pictogram import set_pictogram

TILES = ("take_number", "submit_dossier", "lookup", "rating")
PICTOGRAMS = {"take_number": "ticket", "submit_dossier": "dossier", "lookup": "lookup", "rating": "rating"}
# the tiles' text colours (kiosk.qss): white on blue, grey on the "not available" tile
ICON_COLOURS = {"tile": "#ffffff", "soon": "#33415c"}


class HomeScreen(Screen):
    name = "home"

    def __init__(self, ctx, actions: dict[str, Callable[[], None]]) -> None:
        """``actions``: tile → what starts its journey; tiles without one are "coming soon"."""
        super().__init__(ctx)
        self.actions = actions
        self.available = set(actions)
        self.title = label(role="title")
        self.hint = label(role="subtitle")
        self.buttons = {}
        grid = QGridLayout()
        grid.setSpacing(32)
        for i, tile in enumerate(TILES):
            button = big_button(role="tile" if tile in self.available else "soon")
            button.setMinimumHeight(150)
            button.setObjectName(f"tile_{tile}")
            button.clicked.connect(lambda _=False, t=tile: self.open(t))
            self.buttons[tile] = button
            grid.addWidget(button, i // 2, i % 2)
        self.notice = label(role="error")
        self.notice.setObjectName("home_notice")
        ctx.faults_changed.connect(self.retranslate)  # health too: tiles turn unavailable
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 40, 64, 40)
        lay.setSpacing(28)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addLayout(grid, 1)
        lay.addWidget(self.notice)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome"))
        self.hint.setText(self.tr("Touch what you need"))
        names = {
            "take_number": self.tr("Take a queue number"),
            "submit_dossier": self.tr("Submit a dossier"),
            "lookup": self.tr("Look up a dossier"),
            "rating": self.tr("Rate our service"),
        }
        soon = self.tr("(coming soon)")
        paused = self.ctx.text(*PAUSED)
        for tile, button in self.buttons.items():
            text = names[tile]
            if tile not in self.available:
                text = f"{text}\n{soon}"
            elif self._blocked(tile):
                text = f"{text}\n{paused}"
            button.setText(text)
            role = "tile" if tile in self.available and not self._blocked(tile) else "soon"
            set_role(button, role)
            set_pictogram(button, PICTOGRAMS[tile], ICON_COLOURS[role], 96)
        self._show_faults()

    def _blocked(self, tile: str) -> tuple[str, str] | None:
        """Why ``tile``'s journey cannot serve now (a device it needs is faulty), or None."""
        return blocking(tile, self.ctx.health)

    def _show_faults(self) -> None:
        reason = next((r for r in map(self._blocked, self.buttons) if r), None)
        if reason is not None:
            self.notice.setText(self.ctx.text(*reason))
        elif "printer" in self.ctx.faults:
            self.notice.setText(self.tr("The ticket printer has a problem. Please tell the staff at the counter."))
        else:
            self.notice.clear()

    def open(self, tile: str) -> None:
        reason = self._blocked(tile)
        if reason is not None:
            self.notice.setText(self.ctx.text(*reason))
        elif tile in self.actions:
            self.actions[tile]()
        else:
            self.notice.setText(self.tr("This service is coming soon. Please ask the staff at the counter."))

    def on_enter(self) -> None:
        self._show_faults()
